/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type Transfer = {
    kind: Transfer.kind;
    iban: string;
};
export namespace Transfer {
    export enum kind {
        TRANSFER = 'transfer',
    }
}

