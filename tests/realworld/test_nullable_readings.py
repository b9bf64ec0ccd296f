"""A `nullable` that generators read two ways is the spec's either way: 3.0.3 keeps an enum's
values, so `nullable: true` on an enum that does not list null gives hey-api a non-null type
and openapi-typescript `| null` (blockfrost, directus, ideal-postcodes); 3.1 has no
`nullable` keyword (hey-api ignores it, openapi-typescript reads it: readme.com's API)."""

from __future__ import annotations

from typing import Any

from tests.realworld.conftest import Pair, found


def _spec(version: str, **carrier: Any) -> dict[str, Any]:
    return {
        "openapi": version, "info": {"title": "t", "version": "1"},
        "paths": {"/carriers/{id}": {"get": {"operationId": "getCarrier", "parameters": [
            {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "ok", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Carrier"}}}}}},
            "put": {"operationId": "putCarrier", "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Carrier"}}}},
                "responses": {"204": {"description": "done"}}}}},
        "components": {"schemas": {
            "Kind": {"type": "string", "enum": ["mobile", "landline"], "nullable": True},
            "Carrier": {"type": "object", "required": ["network", "kind", "name"],
                        "properties": carrier}}},
    }


SPEC_30 = _spec("3.0.3", network={"type": "string", "enum": ["mobile", "landline"],
                                  "nullable": True},
                kind={"$ref": "#/components/schemas/Kind"},
                name={"type": "string", "nullable": True})


def _hey(network: str, kind: str, name: str) -> str:
    return f"""export type Kind = {kind};

export type Carrier = {{
    network: {network};
    kind: Kind;
    name: {name};
}};

export type GetCarrierData = {{
    body?: never;
    path: {{
        id: string;
    }};
    query?: never;
    url: '/carriers/{{id}}';
}};

export type GetCarrierResponses = {{
    200: Carrier;
}};

export type PutCarrierData = {{
    body: Carrier;
    path: {{
        id: string;
    }};
    query?: never;
    url: '/carriers/{{id}}';
}};

export type PutCarrierResponses = {{
    204: void;
}};
"""


def test_a_nullable_enum_without_null_reads_either_way(pair: Pair) -> None:
    enum = "'mobile' | 'landline'"
    as_hey_api = pair.diff(_hey(enum, enum, "string | null"), SPEC_30)  # null left out
    assert found(as_hey_api) == [] and as_hey_api["diagnostics"] == []
    as_openapi_typescript = pair.diff(
        _hey(enum + " | null", enum + " | null", "string | null"), SPEC_30)
    assert found(as_openapi_typescript) == []


def test_an_unambiguous_nullable_is_still_reported(pair: Pair) -> None:
    """`nullable: true` on a plain string is null for every reader: docs without it drift."""
    enum = "'mobile' | 'landline'"
    data = pair.diff(_hey(enum, enum, "string"), SPEC_30, exit_code=1)
    assert found(data) == [("response-field-nullable-but-documented-non-null", "GET /carriers/{id}",
                            "response.name")]


def test_3_1_legacy_nullable_reads_either_way_with_its_warning(pair: Pair) -> None:
    spec = _spec("3.1.0", network={"type": "string", "enum": ["mobile", "landline"]},
                 kind={"$ref": "#/components/schemas/Kind"},
                 name={"type": "string", "nullable": True})
    data = pair.diff(_hey("'mobile' | 'landline'", "'mobile' | 'landline'", "string"), spec)
    assert found(data) == []
    [warning] = data["diagnostics"]
    assert "not an OpenAPI 3.1 keyword" in warning["message"]
    # openapi-typescript's reading (null kept) is exact as well, in requests too
    data = pair.diff(_hey("'mobile' | 'landline'", "'mobile' | 'landline' | null",
                          "string | null"), spec)
    assert found(data) == []
