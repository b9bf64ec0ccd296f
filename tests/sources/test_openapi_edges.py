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
