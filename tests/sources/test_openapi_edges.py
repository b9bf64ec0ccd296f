"""Specs at the edges: references that lead to no schema (components that only refer to one
another, `$ref: #`: one warning at its place, the body read as any), and encodings other
than UTF-8."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemacheck.contracts import part_schema
from schemacheck.model import type_names
from schemacheck.sources.openapi import load_openapi


def _spec(tmp_path: Path, schemas: dict, body: dict) -> Path:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps({
        "openapi": "3.0.3", "info": {"title": "t", "version": "1"},
        "paths": {"/a": {"get": {"responses": {"200": {"description": "ok", "content": {
            "application/json": {"schema": body}}}}}}},
        "components": {"schemas": schemas}}))
    return path


def _warnings(path: Path) -> list[tuple[str, str]]:
    return [(d.where, d.message) for d in load_openapi(str(path)).diagnostics
            if d.level == "warning"]


def test_a_cycle_of_bare_references_is_one_warning_at_its_first_member(tmp_path: Path) -> None:
    schemas = {"C": {"$ref": "#/components/schemas/A"}, "A": {"$ref": "#/components/schemas/B",
                                                              "description": "an alias"},
               "B": {"$ref": "#/components/schemas/C"},
               "D": {"$ref": "#/components/schemas/A"}}  # leads into the cycle, is not in it
    path = _spec(tmp_path, schemas, {"$ref": "#/components/schemas/D"})
    assert _warnings(path) == [(f"{path}#/components/schemas/A",
                                "A -> B -> C -> A: these components only refer to one another "
                                "and declare no schema; treated as any")]


def test_references_that_reach_a_schema_are_no_cycle(tmp_path: Path) -> None:
    schemas = {"A": {"$ref": "#/components/schemas/B"},
               "B": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/A"}}},
               "Self": {"$ref": "#/components/schemas/Self", "nullable": True}}
    path = _spec(tmp_path, schemas, {"$ref": "#/components/schemas/A"})
    assert [m for _, m in _warnings(path) if "only refer" in m] == []


def test_a_reference_to_the_whole_document_is_a_warning(tmp_path: Path) -> None:
    path = _spec(tmp_path, {}, {"$ref": "#"})
    spec = load_openapi(str(path))
    assert _warnings(path) == [(
        f"{path}#/paths/~1a/get/responses/200/content/application~1json/schema",
        "$ref '#' points at the whole OpenAPI document, not a schema; treated as any")]
    body = part_schema(spec.operations[0], "response")
    assert body is not None and not type_names(body) and "properties" not in body


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32"])
def test_a_spec_in_any_unicode_encoding_loads(tmp_path: Path, encoding: str) -> None:
    path = _spec(tmp_path, {"A": {"type": "object", "properties": {"\u00e9": {"type": "string"}}}},
                 {"$ref": "#/components/schemas/A"})
    path.write_bytes(path.read_text().encode(encoding))
    spec = load_openapi(str(path))
    assert list(spec.schemas.schemas["A"]["properties"]) == ["é"]


# Numbers orjson reads differently from json (a float for an integer beyond 64 bits) or not at
# all (NaN, 1e400, a lone surrogate): whatever reads the document, these values stay exact.
@pytest.mark.parametrize("text, expected", [
    ("123456789012345678901234567890", 123456789012345678901234567890),
    ("-9999999999999999999", -9999999999999999999),
    ("18446744073709551615", 18446744073709551615),  # the largest orjson reads itself
    ("-9223372036854775808", -9223372036854775808),
    ("1.5e-7", 1.5e-7),
])
def test_numbers_read_exactly(text: str, expected: object) -> None:
    from schemacheck.sources.openapi import parse_document

    value = parse_document(f'{{"maximum": {text}, "id": "x"}}'.encode(), "spec.json")
    assert value == {"maximum": expected, "id": "x"} and type(value["maximum"]) is type(expected)


@pytest.mark.parametrize("text", ['{"a": NaN}', '{"a": 1e400}', '{"a": "\\ud800"}'])
def test_what_orjson_refuses_json_still_reads(text: str) -> None:
    from schemacheck.sources.openapi import parse_document

    assert parse_document(text.encode(), "spec.json") == json.loads(text)


def test_a_digit_run_in_a_string_only_slows_the_read(tmp_path: Path) -> None:
    path = _spec(tmp_path, {"A": {"type": "integer", "maximum": 2 ** 70,
                                  "description": "id 12345678901234567890123"}},
                 {"$ref": "#/components/schemas/A"})
    assert load_openapi(str(path)).schemas.schemas["A"]["maximum"] == 2 ** 70
