/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { Line } from './Line';
export type OrderBase = {
    lines: Array<Line>;
    note?: string | null;
    tags?: Record<string, string>;
};

