"""A yes/no validity check for the answers that need no message.

Every 2xx body is validated against the documented type and the backend's schema; nearly all
are valid, and jsonschema spends most of its time building the machinery for errors it will
not report. This walks the schema beside the value for the keywords responses use, one small
function per keyword, with jsonschema's own meaning (draft 2020-12, no format assertion).
Where it meets any other validating keyword, a ref it cannot follow the way jsonschema would,
or a value it cannot judge exactly, it raises `Unsure`. A False or an Unsure sends the body
to jsonschema itself, which finds the errors and writes the findings."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from jsonschema import Draft202012Validator

from schemacheck.model import DEFS, Schema

# jsonschema asserts these; any other key (title, x-*, nullable, format...) it ignores
ASSERTING = frozenset(Draft202012Validator.VALIDATORS) - {"format"}
MOVES_REFS = ("$id", "$anchor", "$dynamicAnchor")
SIMPLE_REF = re.compile(re.escape(DEFS) + r"[^/%#]+")


class Unsure(Exception):
    """Something this check cannot judge exactly (jsonschema judges it)."""


def valid(schema: Schema, value: Any, defs: dict[str, Schema]) -> bool:
    """Whether `value` is valid against `schema` (refs into `defs`) as jsonschema would
    say, the schema being the root of a document whose $defs are `defs`."""
    if "$defs" in schema or "$schema" in schema:
        raise Unsure("a schema with its own $defs or dialect")
    return _valid(schema, value, defs)


def _valid(schema: Any, value: Any, defs: dict[str, Schema]) -> bool:
    if schema is True:
        return True
    if schema is False:
        return False
    if not isinstance(schema, dict):
        raise Unsure("a schema that is not an object")
    for key, arg in schema.items():
        if key in ASSERTING:
            keyword = KEYWORDS.get(key)
            if keyword is None:
                raise Unsure(key)
            if not keyword(arg, value, schema, defs):
                return False
        elif key in MOVES_REFS:
            raise Unsure(key)
    return True


def _ref(target: Any, value: Any, schema: Schema, defs: dict[str, Schema]) -> bool:
    if not isinstance(target, str) or not SIMPLE_REF.fullmatch(target):
        raise Unsure(f"$ref {target!r}")
    name = target[len(DEFS):].replace("~1", "/").replace("~0", "~")
    if name not in defs:
        raise Unsure(f"$ref {target!r}: not defined")
    return _valid(defs[name], value, defs)


def _integer(value: Any) -> bool:  # draft 6 on, 1.0 is an integer
    return (isinstance(value, int) and not isinstance(value, bool)) or (
        isinstance(value, float) and value.is_integer())


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict), "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str), "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None, "number": _number, "integer": _integer}


def _type(types: Any, value: Any, schema: Schema, defs: dict[str, Schema]) -> bool:
    for name in types if isinstance(types, list) else [types]:
        if not isinstance(name, str) or name not in TYPES:
            raise Unsure(f"type {name!r}")
        if TYPES[name](value):
            return True
    return False


def _properties(props: Any, value: Any, schema: Schema, defs: dict[str, Schema]) -> bool:
    if not isinstance(props, dict):
        raise Unsure("properties")
    if not isinstance(value, dict):
        return True
    return all(_valid(sub, value[name], defs) for name, sub in props.items() if name in value)


def _required(names: Any, value: Any, schema: Schema, defs: dict[str, Schema]) -> bool:
    if not isinstance(names, list):
        raise Unsure("required")
    return not isinstance(value, dict) or all(name in value for name in names)


def _additional(extra: Any, value: Any, schema: Schema, defs: dict[str, Schema]) -> bool:
    if "patternProperties" in schema:
        raise Unsure("patternProperties")
    if not isinstance(value, dict):
        return True
    known = schema.get("properties", {})
    return all(_valid(extra, sub, defs) for key, sub in value.items() if key not in known)


def _items(item: Any, value: Any, schema: Schema, defs: dict[str, Schema]) -> bool:
    if "prefixItems" in schema:
        raise Unsure("prefixItems")
    return not isinstance(value, list) or all(_valid(item, sub, defs) for sub in value)


def _parts(parts: Any) -> list[Any]:
    if not isinstance(parts, list) or not parts:
        raise Unsure("a list of schemas")
    return parts


def _all_of(parts: Any, value: Any, schema: Schema, defs: dict[str, Schema]) -> bool:
    return all(_valid(part, value, defs) for part in _parts(parts))


def _any_of(parts: Any, value: Any, schema: Schema, defs: dict[str, Schema]) -> bool:
    return any(_valid(part, value, defs) for part in _parts(parts))


def _one_of(parts: Any, value: Any, schema: Schema, defs: dict[str, Schema]) -> bool:
    return sum(1 for part in _parts(parts) if _valid(part, value, defs)) == 1


def _not(inner: Any, value: Any, schema: Schema, defs: dict[str, Schema]) -> bool:
    return not _valid(inner, value, defs)


def _equal(member: Any, value: Any) -> bool:
    """jsonschema's equality against a scalar value: True is not 1, 1 is 1.0."""
    if isinstance(value, (dict, list)):
        raise Unsure("a structured value against enum or const")
    if isinstance(member, str) or isinstance(value, str):
        return bool(member == value)
    if isinstance(member, bool) or isinstance(value, bool):
        return member is value
    return bool(member == value)


def _enum(members: Any, value: Any, schema: Schema, defs: dict[str, Schema]) -> bool:
    if not isinstance(members, list):
        raise Unsure("enum")
    return any(_equal(member, value) for member in members)


def _const(member: Any, value: Any, schema: Schema, defs: dict[str, Schema]) -> bool:
    return _equal(member, value)


def _size(kind: type[str | list[Any] | dict[str, Any]], most: bool
          ) -> Callable[[Any, Any, Schema, dict[str, Schema]], bool]:
    """minLength/maxLength, minItems/maxItems, minProperties/maxProperties."""
    def check(size: Any, value: Any, schema: Schema, defs: dict[str, Schema]) -> bool:
        if not isinstance(size, int) or isinstance(size, bool):
            raise Unsure("a size that is not an integer")
        if not isinstance(value, kind):
            return True
        count = len(value)
        return count <= size if most else count >= size
    return check


def _bound(fails: Callable[[Any, Any], bool]
           ) -> Callable[[Any, Any, Schema, dict[str, Schema]], bool]:
    """minimum and the like: `fails` is jsonschema's own comparison (NaN compares as there)."""
    def check(limit: Any, value: Any, schema: Schema, defs: dict[str, Schema]) -> bool:
        if not _number(limit):
            raise Unsure("a bound that is not a number")
        return not _number(value) or not fails(value, limit)
    return check


@lru_cache(maxsize=1024)
def _search(pattern: str) -> Callable[[str], Any]:
    try:
        return re.compile(pattern).search
    except re.error:
        raise Unsure(f"pattern {pattern!r}") from None


def _pattern(pattern: Any, value: Any, schema: Schema, defs: dict[str, Schema]) -> bool:
    if not isinstance(pattern, str):
        raise Unsure("pattern")
    return not isinstance(value, str) or _search(pattern)(value) is not None


Keyword = Callable[[Any, Any, Schema, dict[str, Schema]], bool]
KEYWORDS: dict[str, Keyword] = {
    "$ref": _ref, "type": _type, "properties": _properties, "required": _required,
    "additionalProperties": _additional, "items": _items, "allOf": _all_of,
    "anyOf": _any_of, "oneOf": _one_of, "not": _not, "enum": _enum, "const": _const,
    "minLength": _size(str, False), "maxLength": _size(str, True),
    "minItems": _size(list, False), "maxItems": _size(list, True),
    "minProperties": _size(dict, False), "maxProperties": _size(dict, True),
    "minimum": _bound(lambda v, m: v < m), "maximum": _bound(lambda v, m: v > m),
    "exclusiveMinimum": _bound(lambda v, m: v <= m),
    "exclusiveMaximum": _bound(lambda v, m: v >= m),
    "pattern": _pattern,
}
