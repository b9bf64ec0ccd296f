"""The compiled yes/no check must say exactly what jsonschema says, wherever it answers."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from schemacheck.model import SchemaSet
from schemacheck.probe.quick_valid import Unsure, valid

NAMES = ["a", "b", "c"]
SCALARS = st.sampled_from([None, True, False, 0, 1, 1.0, -2, 2.5, 1e300, "", "x", "1",
                           "abc", "ünï"])
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.sampled_from([*NAMES, "d"]), inner, max_size=4), max_leaves=10)
TYPES = st.sampled_from(["object", "array", "string", "integer", "number", "boolean", "null"])
BOUND = st.sampled_from([0, 1, 2, 1.5, -1])


def schemas(refs: bool = True) -> st.SearchStrategy[Any]:
    leaf = st.one_of(
        st.booleans(),
        st.fixed_dictionaries({"type": TYPES | st.lists(TYPES, min_size=1, max_size=3)}),
        st.fixed_dictionaries({"enum": st.lists(VALUES, min_size=1, max_size=3)}),
        st.fixed_dictionaries({"const": VALUES}),
        st.fixed_dictionaries({}, optional={"minLength": st.integers(0, 3),
                                            "maxLength": st.integers(0, 3),
                                            "pattern": st.sampled_from(["^a", "b", r"\d$"]),
                                            "minimum": BOUND, "maximum": BOUND,
                                            "exclusiveMinimum": BOUND,
                                            "exclusiveMaximum": BOUND,
                                            "minItems": st.integers(0, 2),
                                            "maxItems": st.integers(0, 2),
                                            "minProperties": st.integers(0, 2),
                                            "maxProperties": st.integers(0, 2),
                                            "title": st.just("T"), "nullable": st.booleans(),
                                            "format": st.just("email"),
                                            "uniqueItems": st.booleans()}),
        *([st.fixed_dictionaries({"$ref": st.sampled_from(["#/$defs/Node", "#/$defs/Leaf",
                                                            "#/$defs/Either"])})]
          if refs else []))

    def extend(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return st.one_of(
            st.fixed_dictionaries({"type": st.just("object")}, optional={
                "properties": st.dictionaries(st.sampled_from(NAMES), inner, max_size=3),
                "required": st.lists(st.sampled_from([*NAMES, "d"]), max_size=2),
                "additionalProperties": inner}),
            st.fixed_dictionaries({"items": inner}, optional={"type": st.just("array")}),
            st.fixed_dictionaries({"allOf": st.lists(inner, min_size=1, max_size=2)}),
            st.fixed_dictionaries({"anyOf": st.lists(inner, min_size=1, max_size=3)}),
            st.fixed_dictionaries({"oneOf": st.lists(inner, min_size=1, max_size=3)}),
            st.fixed_dictionaries({"not": inner}))

    return st.recursive(leaf, extend, max_leaves=6)


DEFS = {
    "Node": {"type": "object", "properties": {"a": {"type": "string"},
                                              "b": {"type": "array",
                                                    "items": {"$ref": "#/$defs/Node"}}},
             "required": ["a"], "additionalProperties": False},
    "Leaf": {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "null"}]},
    "Either": {"oneOf": [{"type": "number"}, {"type": "integer"}, {"enum": ["x", True]}]},
}


def verdict(schema: Any, value: Any, defs: dict[str, Any]) -> bool | None:
    try:
        return valid(schema, value, defs)
    except Unsure:
        return None


@settings(max_examples=150, deadline=None)
@given(schemas(), st.lists(VALUES, min_size=1, max_size=5))
def test_the_check_agrees_with_jsonschema(schema: Any, values: list[Any]) -> None:
    if not isinstance(schema, dict):
        schema = {"allOf": [schema]}
    validator = Draft202012Validator(SchemaSet(DEFS).validator_schema(schema))
    for value in values:
        said = verdict(schema, value, DEFS)
        if said is not None:
            assert said == validator.is_valid(value), (schema, value)


def test_what_it_does_not_cover_is_left_to_jsonschema() -> None:
    defs = {"A": {"type": "string"}, "B": {"$ref": "#/$defs/C"}, "C": {"uniqueItems": True}}
    for schema in ({"multipleOf": 2}, {"patternProperties": {"^a": {}}},
                   {"prefixItems": [{}]}, {"$ref": "#/$defs/Missing"},
                   {"$ref": "#/$defs/A/properties/x"}, {"$ref": "other.json#/$defs/A"},
                   {"$id": "x"}, {"$defs": {}}, {"type": "date"}, {"$ref": "#/$defs/B"},
                   {"enum": [{"a": 1}]}):
        assert verdict(schema, {"a": 1}, defs) is None, schema
    assert verdict({"pattern": "("}, "x", defs) is None
    assert verdict({"minimum": "3"}, 3, defs) is None
    assert verdict({"$ref": "#/$defs/A"}, "x", defs) is True
    assert verdict({"$ref": "#/$defs/A"}, 1, defs) is False
    # only what decides the verdict is looked at, as in jsonschema
    assert verdict({"anyOf": [{"type": "string"}, {"multipleOf": 2}]}, "x", defs) is True
    assert verdict({"properties": {"x": {"$ref": "#/$defs/B"}}}, {"y": 1}, defs) is True
    assert verdict({"properties": {"x": {"$ref": "#/$defs/B"}}}, {"x": 1}, defs) is None


def test_recursive_types_and_annotations() -> None:
    schema = {"$ref": "#/$defs/Node", "title": "ignored", "x-source": "docs.md:3",
              "nullable": True, "format": "email"}
    assert verdict(schema, {"a": "x", "b": [{"a": "y", "b": []}]}, DEFS) is True
    assert verdict(schema, {"a": "x", "b": [{"b": []}]}, DEFS) is False
    assert verdict(schema, {"a": "x", "z": 1}, DEFS) is False
    assert verdict({"enum": [1, "x", None]}, 1.0, DEFS) is True  # 1.0 is 1 ...
    assert verdict({"enum": [1]}, True, DEFS) is False  # ... but True is not


GRID_VALUES = [None, True, False, -2, -1, 0, 1, 1.0, 1.5, 2, 2.5, 3, "", "a", "ab", "abc",
               [], [1], [1, 1], [1, 2, 3], {}, {"a": 1}, {"a": 1, "b": 2, "c": 3}]
GRID_SCHEMAS = [
    {key: bound} for key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
    for bound in (-1, 0, 1, 1.5, 2)] + [
    {key: size} for key in ("minLength", "maxLength", "minItems", "maxItems", "minProperties",
                            "maxProperties") for size in (0, 1, 2, 3)] + [
    {"multipleOf": 2}, {"multipleOf": 0.5}, {"uniqueItems": True}, {"const": 1},
    {"enum": [1, "a", None]}, {"required": ["a", "b"]}, {"pattern": "^a"},
    *({"type": t} for t in ("object", "array", "string", "integer", "number", "boolean", "null"))]


def test_every_keyword_at_its_boundaries_agrees_with_jsonschema() -> None:
    """Exhaustive where random search is thin: each keyword alone, at, below and above its
    bound (an off-by-one in `minimum` passed 600 random examples)."""
    for schema in GRID_SCHEMAS:
        expected = Draft202012Validator(schema)
        for value in GRID_VALUES:
            got = verdict(schema, value, {})
            assert got is None or got == expected.is_valid(value), (schema, value)
