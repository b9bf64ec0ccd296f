"""`typeof` a const: the value's type, literal under `as const` (hey-api's javascript enums,
and a common hand-written idiom)."""

from __future__ import annotations

from pathlib import Path

from schemacheck.sources.typescript import load_docs

SOURCE = """export const Color = { RED: 'red', GREEN: 'green' } as const;
export type Color = typeof Color[keyof typeof Color];
export const Levels = [1, 2, -3] as const;
export type Level = typeof Levels[number];
const plain = { a: 'x', n: 2, b: true };
export type Plain = typeof plain;
export type Keys = keyof typeof Color;
export type Missing = typeof nowhere;
"""


def _bare(schema: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in schema.items() if k not in ("x-source", "title")}


def test_typeof_a_const(tmp_path: Path) -> None:
    source = tmp_path / "enums.ts"
    source.write_text(SOURCE, encoding="utf-8")
    docs = load_docs([str(source)])
    schemas = docs.schemas.schemas
    assert _bare(schemas["Color"]) == {"type": "string", "enum": ["red", "green"]}
    assert _bare(schemas["Level"]) == {"type": "number", "enum": [1, 2, -3]}
    assert _bare(schemas["Plain"]) == {"type": "object", "properties": {
        "a": {"type": "string"}, "n": {"type": "number"}, "b": {"type": "boolean"}},
        "required": ["a", "n", "b"]}
    assert _bare(schemas["Keys"]) == {"type": "string", "enum": ["RED", "GREEN"]}
    # a const that is not there is one warning naming it
    assert [d.message for d in docs.diagnostics] == [
        "unknown value `nowhere` in `typeof nowhere`; treated as any"]
