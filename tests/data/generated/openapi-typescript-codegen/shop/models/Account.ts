/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type Account = {
    readonly id: number;
    email: string;
    password: string;
    nickname?: string | null;
};

