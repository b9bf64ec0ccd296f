/* eslint-disable */
/* tslint:disable */
// @ts-nocheck
/*
 * ---------------------------------------------------------------
 * ## THIS FILE WAS GENERATED VIA SWAGGER-TYPESCRIPT-API        ##
 * ##                                                           ##
 * ## AUTHOR: acacode                                           ##
 * ## SOURCE: https://github.com/acacode/swagger-typescript-api ##
 * ---------------------------------------------------------------
 */

export enum Status {
  Open = "open",
  Paid = "paid",
  Shipped = "shipped",
}

export interface Money {
  /** @pattern ^[0-9]+\.[0-9]{2}$ */
  amount: string;
  /**
   * @minLength 3
   * @maxLength 3
   */
  currency: string;
}

export interface Line {
  sku: string;
  /** @min 1 */
  qty: number;
  price?: Money;
}

export interface OrderBase {
  lines: Line[];
  note?: string | null;
  tags?: Record<string, string>;
}

export type OrderCreate = OrderBase & {
  /** @default false */
  gift?: boolean;
};

export interface OrderPatch {
  note?: string | null;
  status?: Status;
}

export type Order = OrderBase & {
  /** @format uuid */
  id: string;
  status: Status;
  /** @format date-time */
  createdAt: string;
  /** @default false */
  gift?: boolean;
  payment?:
    | (
        | ({
            kind: "card";
          } & Card)
        | ({
            kind: "transfer";
          } & Transfer)
      )
    | null;
};

export interface Card {
  kind: "card";
  last4: string;
}

export interface Transfer {
  kind: "transfer";
  iban: string;
}

export interface OrderPage {
  items: Order[];
  total: number;
  next?: string | null;
}

export interface Payment {
  /** @format int64 */
  id: number;
  /** @format uri */
  receipt?: string;
}

export interface Problem {
  title?: string;
  status?: number;
  errors?: {
    loc?: (string | number)[];
    msg?: string;
  }[];
}

export interface Account {
  id: number;
  /** @format email */
  email: string;
  /** @minLength 8 */
  password: string;
  nickname?: string | null;
}
