/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { OrderBase } from './OrderBase';
export type OrderCreate = (OrderBase & {
    gift?: boolean;
});

