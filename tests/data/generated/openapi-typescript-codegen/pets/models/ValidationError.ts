/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type ValidationError = {
    loc: Array<(string | number)>;
    msg: string;
    type: string;
    input?: any;
    ctx?: Record<string, any>;
};

