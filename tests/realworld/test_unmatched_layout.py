"""Declarations a generator writes beside the API's types are not 'documented types matching
nothing': openapi-typescript's wrappers when the spec has no paths (webhooks only), hey-api's
types for parameter components and its numbered wrappers (`Fields2`, `XResponse2`)."""

from __future__ import annotations

from tests.realworld.conftest import Pair, found

WEBHOOKS_ONLY = {
    "openapi": "3.1.0", "info": {"title": "t", "version": "1"},
    "webhooks": {"newPet": {"post": {
        "requestBody": {"content": {"application/json": {"schema": {
            "$ref": "#/components/schemas/Pet"}}}},
        "responses": {"200": {"description": "ok"}}}}},
    "components": {"schemas": {"Pet": {"type": "object", "required": ["id"], "properties": {
        "id": {"type": "integer"}}}}},
}

OPENAPI_TYPESCRIPT = """export type paths = Record<string, never>;
export interface webhooks {
    newPet: {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get?: never;
        post: operations["newPet"];
    };
}
export interface components {
    schemas: {
        Pet: {
            id: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    newPet: {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["Pet"];
            };
        };
        responses: {
            200: {
                headers: { [name: string]: unknown };
                content?: never;
            };
        };
    };
}
"""


def test_openapi_typescript_wrappers_of_a_spec_without_paths(pair: Pair) -> None:
    data = pair.diff(OPENAPI_TYPESCRIPT, WEBHOOKS_ONLY, name="types.d.ts")
    assert data["unmatched"] == [] and found(data) == [] and data["diagnostics"] == []
    assert [(c["docs"], c["backend"]) for c in data["contracts"]] == [("Pet", "Pet")]


PARAMS = {
    "openapi": "3.0.3", "info": {"title": "t", "version": "1"},
    "paths": {"/places/{place}": {"get": {
        "operationId": "resolvePlace",
        "parameters": [{"$ref": "#/components/parameters/PlaceParam"},
                       {"$ref": "#/components/parameters/Fields"}],
        "responses": {"200": {"description": "ok", "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/ResolvePlaceResponse"}}}}}}}},
    "components": {
        "parameters": {
            "PlaceParam": {"name": "place", "in": "path", "required": True,
                           "schema": {"type": "string"}},
            "Fields": {"name": "fields", "in": "query",
                       "schema": {"type": "array", "items": {"type": "string"}}}},
        "schemas": {
            "Fields": {"type": "object", "properties": {"name": {"type": "string"}}},
            "ResolvePlaceResponse": {"type": "object", "required": ["code"], "properties": {
                "code": {"type": "integer"}}}}},
}

HEY_API = """export type Fields = {
    name?: string;
};

export type ResolvePlaceResponse = {
    code: number;
};

export type PlaceParam = string;

export type Fields2 = Array<string>;

export type ResolvePlaceData = {
    body?: never;
    path: {
        place: string;
    };
    query?: {
        fields?: Array<string>;
    };
    url: '/places/{place}';
};

export type ResolvePlaceResponses = {
    200: ResolvePlaceResponse;
};

export type ResolvePlaceResponse2 = ResolvePlaceResponses[keyof ResolvePlaceResponses];

export type ClientOptions = {
    baseUrl: `${string}://${string}` | (string & {});
};
"""


def test_hey_api_parameter_types_and_numbered_wrappers(pair: Pair) -> None:
    data = pair.diff(HEY_API, PARAMS)
    assert data["unmatched"] == [] and found(data) == [] and data["diagnostics"] == []
    pairs = {(c["operation"], c["part"]): c["docs"] for c in data["contracts"]}
    assert pairs[("GET /places/{place}", "response")] == "ResolvePlaceResponse"


def test_a_hand_written_type_named_like_a_parameter_is_still_unmatched(pair: Pair) -> None:
    """Only a hey-api layout sets parameter-named types aside."""
    docs = "export interface PlaceParam { place: string }\n"
    data = pair.diff(docs, PARAMS, name="api.ts", exit_code=None)
    assert data["unmatched"] == ["PlaceParam"]
