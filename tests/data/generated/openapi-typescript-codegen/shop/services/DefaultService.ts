/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { Account } from '../models/Account';
import type { Order } from '../models/Order';
import type { OrderCreate } from '../models/OrderCreate';
import type { OrderPage } from '../models/OrderPage';
import type { OrderPatch } from '../models/OrderPatch';
import type { Payment } from '../models/Payment';
import type { Status } from '../models/Status';
import type { CancelablePromise } from '../core/CancelablePromise';
import { OpenAPI } from '../core/OpenAPI';
import { request as __request } from '../core/request';
export class DefaultService {
    /**
     * @param status
     * @param limit
     * @returns OrderPage ok
     * @throws ApiError
     */
    public static listOrders(
        status?: Status,
        limit: number = 20,
    ): CancelablePromise<OrderPage> {
        return __request(OpenAPI, {
            method: 'GET',
            url: '/orders',
            query: {
                'status': status,
                'limit': limit,
            },
        });
    }
    /**
     * @param requestBody
     * @returns Order created
     * @throws ApiError
     */
    public static createOrder(
        requestBody: OrderCreate,
    ): CancelablePromise<Order> {
        return __request(OpenAPI, {
            method: 'POST',
            url: '/orders',
            body: requestBody,
            mediaType: 'application/json',
            errors: {
                422: `bad`,
            },
        });
    }
    /**
     * @param orderId
     * @returns Order ok
     * @throws ApiError
     */
    public static getOrder(
        orderId: string,
    ): CancelablePromise<Order> {
        return __request(OpenAPI, {
            method: 'GET',
            url: '/orders/{orderId}',
            path: {
                'orderId': orderId,
            },
        });
    }
    /**
     * @param orderId
     * @param requestBody
     * @returns Order ok
     * @throws ApiError
     */
    public static updateOrder(
        orderId: string,
        requestBody?: OrderPatch,
    ): CancelablePromise<Order> {
        return __request(OpenAPI, {
            method: 'PATCH',
            url: '/orders/{orderId}',
            path: {
                'orderId': orderId,
            },
            body: requestBody,
            mediaType: 'application/json',
        });
    }
    /**
     * @param orderId
     * @returns void
     * @throws ApiError
     */
    public static deleteOrder(
        orderId: string,
    ): CancelablePromise<void> {
        return __request(OpenAPI, {
            method: 'DELETE',
            url: '/orders/{orderId}',
            path: {
                'orderId': orderId,
            },
        });
    }
    /**
     * @param formData
     * @returns Payment ok
     * @throws ApiError
     */
    public static pay(
        formData?: {
            amount: number;
            memo?: string | null;
        },
    ): CancelablePromise<Payment> {
        return __request(OpenAPI, {
            method: 'POST',
            url: '/payments',
            formData: formData,
            mediaType: 'application/x-www-form-urlencoded',
        });
    }
    /**
     * @param requestBody
     * @returns Account created
     * @throws ApiError
     */
    public static createAccount(
        requestBody: Account,
    ): CancelablePromise<Account> {
        return __request(OpenAPI, {
            method: 'POST',
            url: '/accounts',
            body: requestBody,
            mediaType: 'application/json',
        });
    }
}
