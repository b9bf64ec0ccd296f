"""openapi-typescript's `components` interface refers to itself: response objects name their
headers `components["headers"]["X"]`, inside `components` (train-travel's RateLimit)."""

from __future__ import annotations

from pathlib import Path

from schemacheck.sources.typescript import load_docs
from tests.realworld.conftest import Pair, found

SPEC = """
openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /trips:
    get:
      operationId: get-trips
      responses:
        '200':
          description: ok
          headers:
            RateLimit: {$ref: '#/components/headers/RateLimit'}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Trip'}
        '429': {$ref: '#/components/responses/TooMany'}
components:
  schemas:
    Trip:
      type: object
      required: [id]
      properties:
        id: {type: string}
  headers:
    RateLimit:
      schema: {type: string}
    Retry-After:
      schema: {type: integer}
  responses:
    TooMany:
      description: slow down
      headers:
        RateLimit: {$ref: '#/components/headers/RateLimit'}
        Retry-After: {$ref: '#/components/headers/Retry-After'}
      content:
        application/json:
          schema: {type: object, properties: {detail: {type: string}}}
"""

TYPES = '''export type paths = {
    "/trips": {
        get: operations["get-trips"];
    };
};
export interface components {
    schemas: {
        Trip: {
            id: string;
        };
    };
    responses: {
        /** @description slow down */
        TooMany: {
            headers: {
                RateLimit: components["headers"]["RateLimit"];
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    detail?: string;
                };
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: {
        RateLimit: string;
        "Retry-After": number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "get-trips": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Trip"];
                };
            };
            429: components["responses"]["TooMany"];
        };
    };
}
'''


def test_headers_named_inside_components_resolve(pair: Pair) -> None:
    data = pair.diff(TYPES, SPEC, name="types.d.ts")
    assert data["diagnostics"] == []  # no "cannot resolve components["headers"]..."
    assert found(data) == [] and data["incomplete"] == [] and data["unmatched"] == []
    assert {(c["operation"], c["part"]) for c in data["contracts"]} >= {
        ("GET /trips", "response")}


def test_a_member_naming_itself_through_its_holder_stops(tmp_path: Path) -> None:
    """`T["a"]` inside T["a"] is a cycle, not a member to read again (openapi-typescript 5's
    `definitions["node"]` in node, before `definitions` were named types): one warning, no
    runaway recursion ("nests too deeply")."""
    source = tmp_path / "tree.ts"
    source.write_text('export interface Tree {\n    node: {\n'
                      '        children?: Tree["node"][];\n    };\n}\n', encoding="utf-8")
    docs = load_docs([str(source)])
    assert [d.level for d in docs.diagnostics] == ["warning"]
    assert "cannot resolve" in docs.diagnostics[0].message
