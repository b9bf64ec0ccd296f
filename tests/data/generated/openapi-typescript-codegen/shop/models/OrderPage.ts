/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { Order } from './Order';
export type OrderPage = {
    items: Array<Order>;
    total: number;
    next?: string | null;
};

