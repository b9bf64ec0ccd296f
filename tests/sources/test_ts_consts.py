"""`typeof X` for values the docs declare: hey-api's `enums: "javascript"` (`const X = {...} as
const; type X = typeof X[keyof typeof X]`), `as const` arrays, widened literals, `declare
const`; values are never documented types of their own."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from schemacheck.cli import app
from tests.sources.test_typescript import load, schema

# As @hey-api/openapi-ts 0.95 writes an enum with `enums: "javascript"`.
HEY_API_JS = """
export const PetStatus = {
    AVAILABLE: 'available',
    PENDING: 'pending',
    SOLD: 'sold'
} as const;

/**
 * pet status in the store
 */
export type PetStatus = typeof PetStatus[keyof typeof PetStatus];

export const Priority = { 1: 1, 2: 2 } as const;

export type Priority = typeof Priority[keyof typeof Priority];

export type Pet = {
    id: number;
    status?: PetStatus;
    priority: Priority;
};
"""


def test_a_javascript_enum_reads_as_the_union_of_its_values(tmp_path: Path) -> None:
    docs = load(tmp_path, HEY_API_JS)
    assert schema(docs, "PetStatus") == {"type": "string", "description": "pet status in the "
                                         "store", "enum": ["available", "pending", "sold"]}
    assert schema(docs, "Priority")["enum"] == [1, 2]
    assert not docs.diagnostics
    assert sorted(docs.types) == ["Pet", "PetStatus", "Priority"]  # no value is a type
    assert sorted(docs.schemas.schemas) == ["Pet", "PetStatus", "Priority"]


def test_values_as_typescript_infers_them(tmp_path: Path) -> None:
    docs = load(tmp_path, """
export const COLORS = ["red", "green", "red"] as const;
export type Color = typeof COLORS[number];
const plain = { a: "x", b: 2, c: [1, 2], d: null, e: true, "quoted-key": -1 };
export type Plain = typeof plain;
declare const declared: { id: string };
export type Declared = typeof declared;
const cast = { a: 1 } as unknown as Declared;
export type Cast = typeof cast;
const checked = { kind: "a" } as const satisfies object;
export type Checked = (typeof checked)["kind"];
const base = { a: "x" } as const;
const derived = base;
export type Derived = typeof derived;
""")
    assert schema(docs, "Color")["enum"] == ["red", "green"]
    plain = schema(docs, "Plain")
    assert plain["properties"] == {"a": {"type": "string"}, "b": {"type": "number"},
                                   "c": {"type": "array", "items": {"type": "number"}},
                                   "d": {"type": "null"}, "e": {"type": "boolean"},
                                   "quoted-key": {"type": "number"}}
    assert plain["required"] == ["a", "b", "c", "d", "e", "quoted-key"]
    assert schema(docs, "Declared")["properties"] == {"id": {"type": "string"}}
    assert schema(docs, "Cast") == {"$ref": "#/$defs/Declared"}  # `as T`: T
    assert schema(docs, "Checked")["enum"] == ["a"]
    assert schema(docs, "Derived")["properties"] == {"a": {"type": "string", "enum": ["x"]}}
    assert not docs.diagnostics


def test_an_unknown_value_is_one_warning(tmp_path: Path) -> None:
    docs = load(tmp_path, "export type Missing = typeof nowhere;\n")
    assert [(d.level, d.message) for d in docs.diagnostics] == [
        ("warning", "unknown value `nowhere` in `typeof nowhere`; treated as any")]


def test_example_code_in_markdown_declares_no_type(tmp_path: Path) -> None:
    docs = load(tmp_path, """### POST /pets

```ts
export interface Pet { id: number }
```

```ts
const res = await api.post("/pets", { id: 1 });
const pet: Pet = await res.json();
```

```ts
const res = await api.get("/pets/1");
```
""", name="api.md")
    assert sorted(docs.types) == ["Pet"] and not docs.diagnostics


def test_a_javascript_enum_client_agrees_with_its_spec(tmp_path: Path) -> None:
    spec = {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/pets": {
        "get": {"responses": {"200": {"description": "ok", "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Pet"}}}}}}}},
        "components": {"schemas": {
            "PetStatus": {"type": "string", "enum": ["available", "pending", "sold"],
                          "description": "pet status in the store"},
            "Priority": {"type": "integer", "enum": [1, 2]},
            "Pet": {"type": "object", "required": ["id", "priority"], "properties": {
                "id": {"type": "integer"}, "status": {"$ref": "#/components/schemas/PetStatus"},
                "priority": {"$ref": "#/components/schemas/Priority"}}}}}}
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    (tmp_path / "types.gen.ts").write_text(HEY_API_JS)
    args = ["diff", "--no-config", "--no-cache", "--docs", str(tmp_path / "types.gen.ts"),
            "--openapi", str(tmp_path / "spec.json"), "--format", "json"]
    same = CliRunner().invoke(app, args)
    assert same.exit_code == 0, same.output
    assert json.loads(same.stdout)["findings"] == []
    spec["components"]["schemas"]["PetStatus"]["enum"].append("adopted")  # drift
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    drifted = json.loads(CliRunner().invoke(app, args).stdout)
    assert [(f["rule"], f["location"]) for f in drifted["findings"]] == [
        ("response-enum-value-undocumented", "response.status")]
