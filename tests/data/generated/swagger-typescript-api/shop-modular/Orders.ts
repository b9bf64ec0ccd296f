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

import {
  Order,
  OrderCreate,
  OrderPage,
  OrderPatch,
  Problem,
  Status,
} from "./data-contracts";
import { ContentType, HttpClient, RequestParams } from "./http-client";

export class Orders<
  SecurityDataType = unknown,
> extends HttpClient<SecurityDataType> {
  /**
   * No description
   *
   * @name ListOrders
   * @request GET:/orders
   */
  listOrders = (
    query?: {
      status?: Status;
      /**
       * @max 100
       * @default 20
       */
      limit?: number;
    },
    params: RequestParams = {},
  ) =>
    this.request<OrderPage, any>({
      path: `/orders`,
      method: "GET",
      query: query,
      format: "json",
      ...params,
    });
  /**
   * No description
   *
   * @name CreateOrder
   * @request POST:/orders
   */
  createOrder = (data: OrderCreate, params: RequestParams = {}) =>
    this.request<Order, Problem>({
      path: `/orders`,
      method: "POST",
      body: data,
      type: ContentType.Json,
      format: "json",
      ...params,
    });
  /**
   * No description
   *
   * @name GetOrder
   * @request GET:/orders/{orderId}
   */
  getOrder = (orderId: string, params: RequestParams = {}) =>
    this.request<Order, any>({
      path: `/orders/${orderId}`,
      method: "GET",
      format: "json",
      ...params,
    });
  /**
   * No description
   *
   * @name UpdateOrder
   * @request PATCH:/orders/{orderId}
   */
  updateOrder = (
    orderId: string,
    data: OrderPatch,
    params: RequestParams = {},
  ) =>
    this.request<Order, any>({
      path: `/orders/${orderId}`,
      method: "PATCH",
      body: data,
      type: ContentType.Json,
      format: "json",
      ...params,
    });
  /**
   * No description
   *
   * @name DeleteOrder
   * @request DELETE:/orders/{orderId}
   */
  deleteOrder = (orderId: string, params: RequestParams = {}) =>
    this.request<void, any>({
      path: `/orders/${orderId}`,
      method: "DELETE",
      ...params,
    });
}
