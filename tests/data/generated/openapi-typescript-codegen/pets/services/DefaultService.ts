/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { Body_upload_upload_post } from '../models/Body_upload_upload_post';
import type { Color } from '../models/Color';
import type { Owner_Input } from '../models/Owner_Input';
import type { Owner_Output } from '../models/Owner_Output';
import type { Page_Owner_ } from '../models/Page_Owner_';
import type { CancelablePromise } from '../core/CancelablePromise';
import { OpenAPI } from '../core/OpenAPI';
import { request as __request } from '../core/request';
export class DefaultService {
    /**
     * List Owners
     * @param limit
     * @param color
     * @returns Page_Owner_ Successful Response
     * @throws ApiError
     */
    public static listOwnersOwnersGet(
        limit: number = 10,
        color?: (Color | null),
    ): CancelablePromise<Page_Owner_> {
        return __request(OpenAPI, {
            method: 'GET',
            url: '/owners',
            query: {
                'limit': limit,
                'color': color,
            },
            errors: {
                422: `Validation Error`,
            },
        });
    }
    /**
     * Create Owner
     * @param requestBody
     * @returns Owner_Output Successful Response
     * @throws ApiError
     */
    public static createOwnerOwnersPost(
        requestBody: Owner_Input,
    ): CancelablePromise<Owner_Output> {
        return __request(OpenAPI, {
            method: 'POST',
            url: '/owners',
            body: requestBody,
            mediaType: 'application/json',
            errors: {
                422: `Validation Error`,
            },
        });
    }
    /**
     * Get Owner
     * @param ownerId
     * @returns Owner_Output Successful Response
     * @throws ApiError
     */
    public static getOwnerOwnersOwnerIdGet(
        ownerId: string,
    ): CancelablePromise<Owner_Output> {
        return __request(OpenAPI, {
            method: 'GET',
            url: '/owners/{owner_id}',
            path: {
                'owner_id': ownerId,
            },
            errors: {
                422: `Validation Error`,
            },
        });
    }
    /**
     * Upload
     * @param formData
     * @returns string Successful Response
     * @throws ApiError
     */
    public static uploadUploadPost(
        formData: Body_upload_upload_post,
    ): CancelablePromise<Record<string, string>> {
        return __request(OpenAPI, {
            method: 'POST',
            url: '/upload',
            formData: formData,
            mediaType: 'multipart/form-data',
            errors: {
                422: `Validation Error`,
            },
        });
    }
}
