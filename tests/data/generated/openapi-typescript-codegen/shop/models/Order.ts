/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { Card } from './Card';
import type { OrderBase } from './OrderBase';
import type { Status } from './Status';
import type { Transfer } from './Transfer';
export type Order = (OrderBase & {
    readonly id: string;
    status: Status;
    createdAt: string;
    gift?: boolean;
    payment?: (Card | Transfer) | null;
});

