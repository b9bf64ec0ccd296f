"""A query parameter with `content` (directus' `filter`, `aggregate`) is sent serialised: a
client may type it as the value (hey-api) or as its JSON text (openapi-typescript's
`string`); neither is a type mismatch."""

from __future__ import annotations

from tests.realworld.conftest import Pair, found

SPEC = {
    "openapi": "3.0.1", "info": {"title": "t", "version": "1"},
    "paths": {"/items": {"get": {"operationId": "getItems", "parameters": [
        {"$ref": "#/components/parameters/Filter"},
        {"name": "deep", "in": "query", "content": {"application/json": {"schema": {
            "type": "object", "properties": {"depth": {"type": "integer"}}}}}},
        {"name": "search", "in": "query", "content": {"application/json": {"schema": {
            "type": "string"}}}}],
        "responses": {"200": {"description": "ok", "content": {"application/json": {
            "schema": {"type": "object", "properties": {"data": {"type": "string"}}}}}}}}}},
    "components": {"parameters": {"Filter": {
        "name": "filter", "in": "query", "required": False,
        "content": {"application/json": {"schema": {"type": "object"}}}}}},
}


def _types(filter_: str, deep: str, search: str = "string") -> str:
    return f"""export type paths = {{
    "/items": {{
        get: operations["getItems"];
    }};
}};
export interface components {{
    schemas: never;
    responses: never;
    parameters: {{
        Filter: {filter_};
    }};
    requestBodies: never;
    headers: never;
    pathItems: never;
}}
export interface operations {{
    getItems: {{
        parameters: {{
            query?: {{
                filter?: components["parameters"]["Filter"];
                deep?: {deep};
                search?: {search};
            }};
            header?: never;
            path?: never;
            cookie?: never;
        }};
        requestBody?: never;
        responses: {{
            200: {{
                headers: {{ [name: string]: unknown }};
                content: {{
                    "application/json": {{
                        data?: string;
                    }};
                }};
            }};
        }};
    }};
}}
"""


def test_serialised_and_decoded_content_parameters_both_agree(pair: Pair) -> None:
    as_text = pair.diff(_types("string", "string"), SPEC, name="types.d.ts")
    assert found(as_text) == [] and as_text["diagnostics"] == []
    as_value = pair.diff(_types("{ [key: string]: unknown }", "{ depth?: number }"), SPEC,
                         name="types.d.ts")
    assert found(as_value) == []


def test_a_content_parameter_of_another_type_is_still_a_mismatch(pair: Pair) -> None:
    data = pair.diff(_types("string", "number", search="number"), SPEC, name="types.d.ts",
                     exit_code=1)
    # `deep` is the value or its text: a number is neither
    assert found(data) == [("request-type-mismatch", "GET /items", "query.search"),
                           ("request-union-member-rejected", "GET /items", "query.deep")]
