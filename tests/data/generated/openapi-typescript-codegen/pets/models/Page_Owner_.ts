/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { Owner_Output } from './Owner_Output';
export type Page_Owner_ = {
    items: Array<Owner_Output>;
    total: number;
};

