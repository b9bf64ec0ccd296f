"""A discriminator mapping written inline in an operation's body (not in a component) says
which value each mapped component carries, as a component's does: generated clients write
`view: 'public'` in `PublicUser`, and the spec's model narrows the property the same way, so
the tag is no 'value the docs do not list'. data/inline-discriminator: see its README."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemacheck.sources.openapi import load_openapi
from tests.realworld.conftest import Pair, found

DATA = Path(__file__).parent / "data" / "inline-discriminator"
SPEC = (DATA / "spec.json").read_text(encoding="utf-8")


def test_the_inline_mapping_narrows_its_components() -> None:
    spec = load_openapi(str(DATA / "spec.json"))
    views = {name: spec.schemas.schemas[name]["properties"]["view"].get("enum")
             for name in ("PublicUser", "PrivateUser")}
    assert views == {"PublicUser": ["public"], "PrivateUser": ["private"]}


def test_hey_api_output_agrees(pair: Pair) -> None:
    data = pair.diff((DATA / "heyapi.types.gen.ts").read_text(encoding="utf-8"), SPEC)
    assert found(data) == [] and data["unmatched"] == [] and data["uncovered"] == []


@pytest.mark.parametrize("name", ["types.d.ts", "heyapi.types.gen.ts"])
def test_no_tag_is_reported_as_an_undocumented_value(pair: Pair, name: str) -> None:
    data = pair.diff((DATA / name).read_text(encoding="utf-8"), SPEC, name=name,
                     exit_code=None)
    assert not [f for f in found(data) if f[0] == "response-enum-value-undocumented"]


def test_a_mapped_tag_typed_required_is_low(pair: Pair) -> None:
    """openapi-typescript types a mapped member's tag as required (`view: "public"`) even
    where the member is answered alone and its own schema leaves the tag optional: the
    generated-client convention, low like a defaulted field (the catalog's policy)."""
    data = pair.diff((DATA / "types.d.ts").read_text(encoding="utf-8"), SPEC,
                     name="types.d.ts")
    assert [(f["rule"], f["severity"], f["location"]) for f in data["findings"]] == [
        ("response-field-optional-but-documented-required", "low", "response.view")]
    assert "discriminator's mapping" in data["findings"][0]["message"]


def test_a_components_mapping_and_an_inline_one_both_narrow_the_tag(tmp_path: Path) -> None:
    """A component maps "a" to A and an operation's body maps "alpha" to A: the tag is
    either. Two passes narrowed it to the first pass's ["a"] and dropped "alpha"."""
    body = {"oneOf": [{"$ref": "#/components/schemas/A"}],
            "discriminator": {"propertyName": "kind",
                              "mapping": {"alpha": "#/components/schemas/A"}}}
    spec = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
            "paths": {"/x": {"get": {"responses": {"200": {"description": "ok", "content": {
                "application/json": {"schema": body}}}}}}},
            "components": {"schemas": {
                "U": {"oneOf": [{"$ref": "#/components/schemas/A"}],
                      "discriminator": {"propertyName": "kind",
                                        "mapping": {"a": "#/components/schemas/A"}}},
                "A": {"type": "object", "properties": {"kind": {"type": "string"}}}}}}
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec))
    kind = load_openapi(str(path)).schemas.schemas["A"]["properties"]["kind"]
    assert sorted(kind["enum"]) == ["a", "alpha"]
