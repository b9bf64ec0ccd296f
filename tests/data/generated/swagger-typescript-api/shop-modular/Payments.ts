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

import { Payment } from "./data-contracts";
import { ContentType, HttpClient, RequestParams } from "./http-client";

export class Payments<
  SecurityDataType = unknown,
> extends HttpClient<SecurityDataType> {
  /**
   * No description
   *
   * @name Pay
   * @request POST:/payments
   */
  pay = (
    data: {
      amount: number;
      memo?: string | null;
    },
    params: RequestParams = {},
  ) =>
    this.request<Payment, any>({
      path: `/payments`,
      method: "POST",
      body: data,
      type: ContentType.UrlEncoded,
      format: "json",
      ...params,
    });
}
