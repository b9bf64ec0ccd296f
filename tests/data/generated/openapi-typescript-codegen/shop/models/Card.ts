/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type Card = {
    kind: Card.kind;
    last4: string;
};
export namespace Card {
    export enum kind {
        CARD = 'card',
    }
}

