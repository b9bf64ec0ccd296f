/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { Address } from './Address';
import type { Cat } from './Cat';
import type { Color } from './Color';
import type { Dog } from './Dog';
export type Owner_Output = {
    id: string;
    created: string;
    color?: Color;
    pets?: Array<(Cat | Dog)>;
    scores: Record<string, number>;
    address?: (Address | null);
    nickname: (string | null);
    either: (number | string);
    readonly display: string;
};

