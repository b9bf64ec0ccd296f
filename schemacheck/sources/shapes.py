"""Which values a copied schema keyword may hold: a spec is someone else's input, and a keyword
of the wrong JSON type (`type: [1]`, `enum: {a: b}`, `pattern: 5`) must be dropped at loading,
not met later as a TypeError deep in the diff. A dropped keyword leaves the schema less
constrained, never wrong."""

from __future__ import annotations

from typing import Any

SCALAR = (str, int, float, bool, type(None))


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _type(value: Any) -> bool:
    if isinstance(value, str):
        return True
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value) \
        and len(set(value)) == len(value)


def _enum(value: Any) -> bool:
    # Enums of objects or lists are valid JSON Schema but cannot be compared member by member.
    return isinstance(value, list) and all(isinstance(v, SCALAR) for v in value)


CHECKS = {
    "type": _type, "enum": _enum, "format": lambda v: isinstance(v, str),
    "pattern": lambda v: isinstance(v, str), "description": lambda v: isinstance(v, str),
    "title": lambda v: isinstance(v, str), "const": lambda v: isinstance(v, SCALAR),
    "readOnly": lambda v: isinstance(v, bool), "writeOnly": lambda v: isinstance(v, bool),
    "deprecated": lambda v: isinstance(v, bool), "uniqueItems": lambda v: isinstance(v, bool),
    "minLength": _count, "maxLength": _count, "minItems": _count, "maxItems": _count,
    "minProperties": _count, "maxProperties": _count, "minimum": _number, "maximum": _number,
    "multipleOf": _number, "exclusiveMinimum": _number, "exclusiveMaximum": _number,
    "examples": lambda v: isinstance(v, list), "discriminator": lambda v: isinstance(v, dict),
    "contentMediaType": lambda v: isinstance(v, str),
}


def well_shaped(keyword: str, value: Any) -> bool:
    """True when `value` has the JSON type the keyword needs (unknown keywords pass)."""
    check = CHECKS.get(keyword)
    return check is None or bool(check(value))
