/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type Problem = {
    title?: string;
    status?: number;
    errors?: Array<{
        loc?: Array<(string | number)>;
        msg?: string;
    }>;
};

