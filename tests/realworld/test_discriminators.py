"""A discriminated union promises its property in every member, required, with the mapped
value (or the schema's name), even where the member's own schema leaves it optional (pydantic's
`kind: Literal["cat"] = "cat"`) or out (readme's discriminator declared a level up); hey-api
writes `({kind: 'cat'} & Cat) | ...`."""

from __future__ import annotations

from typing import Any

from tests.realworld.conftest import Pair, found


def _spec(cat_kind: dict[str, Any] | None) -> dict[str, Any]:
    cat: dict[str, Any] = {"type": "object", "properties": {
        "lives": {"type": "integer"}}, "required": ["lives"]}
    if cat_kind is not None:
        cat["properties"]["kind"] = cat_kind
    pet = {"oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
           "discriminator": {"propertyName": "kind", "mapping": {
               "cat": "#/components/schemas/Cat", "dog": "#/components/schemas/Dog"}}}
    return {
        "openapi": "3.1.0", "info": {"title": "t", "version": "1"},
        "paths": {"/pets": {"post": {"operationId": "addPet", "requestBody": {
            "required": True, "content": {"application/json": {"schema": pet}}},
            "responses": {"200": {"description": "ok", "content": {"application/json": {
                "schema": pet}}}}}}},
        "components": {"schemas": {
            "Cat": cat,
            "Dog": {"type": "object", "required": ["kind", "good"], "properties": {
                "kind": {"type": "string", "const": "dog"}, "good": {"type": "boolean"}}}}},
    }


def _hey(cat_tag: str = "'cat'", cat_kind: str = "    kind?: 'cat';\n") -> str:
    pet = f"({{\n    kind: {cat_tag};\n}} & Cat) | ({{\n    kind: 'dog';\n}} & Dog)"
    return f"""export type Cat = {{
{cat_kind}    lives: number;
}};

export type Dog = {{
    kind: 'dog';
    good: boolean;
}};

export type AddPetData = {{
    body: {pet};
    path?: never;
    query?: never;
    url: '/pets';
}};

export type AddPetResponses = {{
    200: {pet};
}};

export type AddPetResponse = AddPetResponses[keyof AddPetResponses];
"""


def test_a_defaulted_tag_is_required_in_the_union(pair: Pair) -> None:
    """pydantic: `kind: Literal["cat"] = "cat"` is optional in Cat's own schema."""
    spec = _spec({"type": "string", "const": "cat", "default": "cat"})
    data = pair.diff(_hey(), spec)
    assert found(data) == [] and data["unmatched"] == [] and data["diagnostics"] == []


def test_a_tag_only_the_discriminator_declares(pair: Pair) -> None:
    """Cat has no `kind` at all: the discriminator says it is there, "cat" by the mapping."""
    data = pair.diff(_hey(cat_kind=""), _spec(None))
    assert found(data) == []


def test_a_wrong_tag_is_still_found(pair: Pair) -> None:
    data = pair.diff(_hey(cat_tag="'kitten'", cat_kind=""), _spec(None), exit_code=1)
    assert found(data) == [("request-enum-value-rejected", "POST /pets", "body.kind"),
                           ("response-enum-value-undocumented", "POST /pets", "response.kind")]
