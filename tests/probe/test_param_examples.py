"""Path parameter values from the spec's examples and the docs' example calls."""

from __future__ import annotations

from typing import Any

import pytest

from schemacheck.probe.param_examples import example_value
from schemacheck.sources.openapi import Spec, build_spec


def _spec(param: dict[str, Any], components: dict[str, Any] | None = None,
          version: str = "3.1.0") -> Spec:
    param = {"name": "id", "in": "path", "required": True, **param}
    if version.startswith("2"):
        return build_spec({"swagger": "2.0", "info": {"title": "t", "version": "1"},
                           "paths": {"/items/{id}": {"get": {
                               "parameters": [param], "responses": {"200": {
                                   "description": "ok"}}}}}}, "spec.json")
    return build_spec({"openapi": version, "info": {"title": "t", "version": "1"},
                       "paths": {"/items/{id}": {"get": {"parameters": [param], "responses": {
                           "200": {"description": "ok"}}}}},
                       "components": components or {}}, "spec.json")


def _value(spec: Spec, name: str = "id", docs: list[dict[str, Any]] | None = None) -> str | None:
    return example_value(spec.operations[0], name, spec.schemas, docs or [])


@pytest.mark.parametrize(("param", "expected"), [
    ({"schema": {"type": "string"}, "example": "octocat"}, "octocat"),
    ({"schema": {"type": "integer"}, "examples": {"default": {"value": 1}}}, "1"),
    ({"schema": {"type": "string", "example": "from-schema"}}, "from-schema"),
    ({"schema": {"type": "string", "examples": ["first", "second"]}}, "first"),
    ({"schema": {"type": "string", "default": "main"}}, "main"),
    ({"schema": {"type": "string", "enum": ["open", "closed"]}}, "open"),
    ({"schema": {"const": "only"}}, "only"),
    ({"schema": {"type": "boolean", "example": True}}, "true"),
    ({"schema": {"type": "number", "example": 2.0}}, "2"),
    ({"schema": {"type": "number", "example": 2.5}}, "2.5"),
    # the parameter's own example leads the schema's
    ({"schema": {"type": "string", "example": "schema"}, "example": "param"}, "param"),
    # an example that cannot be a path segment is passed over for the next one
    ({"schema": {"type": "string", "examples": [{"a": 1}, "", "ok"]}}, "ok"),
    ({"schema": {"type": "object", "example": {"a": 1}}}, None),
    ({"schema": {"type": "string"}}, None),
])
def test_spec_examples(param: dict[str, Any], expected: str | None) -> None:
    assert _value(_spec(param)) == expected


def test_examples_and_schemas_behind_refs() -> None:
    components = {"examples": {"repo": {"value": "hello-world"}},
                  "schemas": {"State": {"type": "string", "enum": ["queued", "done"]}}}
    spec = _spec({"schema": {"type": "string"}, "examples": {
        "x": {"$ref": "#/components/examples/repo"}}}, components)
    assert _value(spec) == "hello-world"
    assert _value(_spec({"schema": {"$ref": "#/components/schemas/State"}}, components)) == (
        "queued")


def test_nullable_union_uses_its_one_real_arm() -> None:
    spec = _spec({"schema": {"anyOf": [{"type": "string", "enum": ["a", "b"]},
                                       {"type": "null"}]}})
    assert _value(spec) == "a"


def test_swagger_2_x_example() -> None:
    assert _value(_spec({"type": "integer", "x-example": 7}, version="2.0")) == "7"
    assert _value(_spec({"type": "string", "enum": ["x"]}, version="2.0")) == "x"


def test_docs_examples_come_after_spec_examples_and_before_defaults() -> None:
    docs = [{"other": 1}, {"id": "doc-42"}]
    assert _value(_spec({"schema": {"type": "string", "default": "d"}}), docs=docs) == "doc-42"
    assert _value(_spec({"schema": {"type": "string", "example": "e"}}), docs=docs) == "e"
    assert _value(_spec({"schema": {"type": "string"}}), docs=[{"id": {"nested": 1}}]) is None


def test_a_parameter_the_operation_lacks() -> None:
    spec = _spec({"schema": {"type": "string", "example": "e"}})
    assert _value(spec, "missing") is None
    assert _value(spec, "missing", docs=[{"missing": "from-docs"}]) == "from-docs"
