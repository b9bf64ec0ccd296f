"""A yes/no validity check compiled once per schema, for the answers that need no message.

Every 2xx body is validated against the documented type and the backend's schema; nearly all
are valid, and jsonschema spends most of its time building the errors it would report. This
compiles the keywords responses use into plain functions that only say valid or not, with
jsonschema's own meaning (draft 2020-12, no format assertion). A schema with any other
validating keyword compiles to None, and a value it cannot judge exactly raises `Unsure`:
then, as for every invalid body, jsonschema itself reads it and writes the findings."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from jsonschema import Draft202012Validator

from schemacheck.model import DEFS, Schema

Check = Callable[[Any], bool]
# jsonschema asserts these; any other key (title, x-*, nullable, format...) it ignores
ASSERTING = frozenset(Draft202012Validator.VALIDATORS) - {"format"}
SIMPLE_REF = re.compile(re.escape(DEFS) + r"[^/%#]+")


class Unsure(Exception):
    """A value this check cannot judge exactly (jsonschema judges it)."""


class Unsupported(Exception):
    pass


class QuickChecks:
    """Checks of schemas that refer into one set of named schemas, sharing each named
    schema's compiled check."""

    def __init__(self, defs: dict[str, Schema]) -> None:
        self.compiler = _Compiler(defs)

    def compile(self, schema: Schema) -> Check | None:
        """The check of `schema`, or None when it uses a keyword not covered here, or
        anything that changes how refs resolve."""
        if "$defs" in schema or "$schema" in schema:
            return None
        before = set(self.compiler.named)
        try:
            return self.compiler.compile(schema)
        except Unsupported:  # named checks begun here may point at unfinished ones
            for name in set(self.compiler.named) - before:
                del self.compiler.named[name]
            return None


def _is_type(name: str) -> Check:
    checks: dict[str, Check] = {
        "object": lambda v: isinstance(v, dict),
        "array": lambda v: isinstance(v, list),
        "string": lambda v: isinstance(v, str),
        "boolean": lambda v: isinstance(v, bool),
        "null": lambda v: v is None,
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        # draft 6 on: 1.0 is an integer
        "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
        or (isinstance(v, float) and v.is_integer()),
    }
    if name not in checks:
        raise Unsupported(name)
    return checks[name]


def _equal(member: Any, value: Any) -> bool:
    """jsonschema's equality against a scalar value: True is not 1, 1 is 1.0."""
    if isinstance(value, (dict, list)):
        raise Unsure("a structured enum value")
    if isinstance(member, str) or isinstance(value, str):
        return bool(member == value)
    if isinstance(member, bool) or isinstance(value, bool):
        return member is value
    return bool(member == value)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _count(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise Unsupported("a count that is not an integer")
    return value


def _bound(value: Any) -> int | float:
    if not _number(value):
        raise Unsupported("a bound that is not a number")
    return value


class _Compiler:
    def __init__(self, defs: dict[str, Schema]) -> None:
        self.defs = defs
        self.named: dict[str, Check] = {}

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return lambda v: True
        if schema is False:
            return lambda v: False
        if not isinstance(schema, dict):
            raise Unsupported("a schema that is not an object")
        if any(k in schema for k in ("$id", "$anchor", "$dynamicAnchor")):
            raise Unsupported("a schema that moves ref resolution")
        checks = [self._keyword(key, value, schema) for key, value in schema.items()
                  if key in ASSERTING]
        if not checks:
            return lambda v: True
        if len(checks) == 1:
            return checks[0]
        return lambda v: all(check(v) for check in checks)

    def _ref(self, target: Any) -> Check:
        if not isinstance(target, str) or not SIMPLE_REF.fullmatch(target):
            raise Unsupported(f"$ref {target!r}")
        name = target[len(DEFS):].replace("~1", "/").replace("~0", "~")
        if name not in self.defs:
            raise Unsupported(f"$ref {target!r}: not defined")
        if name not in self.named:
            compiled: list[Check] = []
            self.named[name] = lambda v: compiled[0](v)  # recursive types meet this first
            compiled.append(self.compile(self.defs[name]))
        return self.named[name]

    def _keyword(self, key: str, value: Any, schema: Schema) -> Check:  # noqa: C901
        if key == "$ref":
            return self._ref(value)
        if key == "type":
            types = [_is_type(t) if isinstance(t, str) else _is_type("?")
                     for t in (value if isinstance(value, list) else [value])]
            return lambda v: any(t(v) for t in types)
        if key == "properties":
            if not isinstance(value, dict):
                raise Unsupported("properties")
            props = [(name, self.compile(sub)) for name, sub in value.items()]
            return lambda v: not isinstance(v, dict) or all(
                check(v[name]) for name, check in props if name in v)
        if key == "required":
            if not isinstance(value, list):
                raise Unsupported("required")
            names = list(value)
            return lambda v: not isinstance(v, dict) or all(n in v for n in names)
        if key == "additionalProperties":
            if "patternProperties" in schema:
                raise Unsupported("patternProperties")
            known = set(schema.get("properties", {}))
            if value is False:
                return lambda v: not isinstance(v, dict) or all(k in known for k in v)
            extra = self.compile(value)
            return lambda v: not isinstance(v, dict) or all(
                extra(sub) for k, sub in v.items() if k not in known)
        if key == "items":
            if "prefixItems" in schema:
                raise Unsupported("prefixItems")
            item = self.compile(value)
            return lambda v: not isinstance(v, list) or all(item(sub) for sub in v)
        if key in ("allOf", "anyOf", "oneOf"):
            if not isinstance(value, list) or not value:
                raise Unsupported(key)
            parts = [self.compile(sub) for sub in value]
            if key == "allOf":
                return lambda v: all(p(v) for p in parts)
            if key == "anyOf":
                return lambda v: any(p(v) for p in parts)
            return lambda v: sum(1 for p in parts if p(v)) == 1
        if key == "not":
            inner = self.compile(value)
            return lambda v: not inner(v)
        if key == "enum":
            if not isinstance(value, list):
                raise Unsupported("enum")
            members = list(value)
            return lambda v: any(_equal(m, v) for m in members)
        if key == "const":
            return lambda v: _equal(value, v)
        return self._bounds(key, value)

    def _bounds(self, key: str, value: Any) -> Check:
        if key in ("minLength", "maxLength"):
            size = _count(value)
            if key == "minLength":
                return lambda v: not isinstance(v, str) or len(v) >= size
            return lambda v: not isinstance(v, str) or len(v) <= size
        if key in ("minItems", "maxItems"):
            size = _count(value)
            if key == "minItems":
                return lambda v: not isinstance(v, list) or len(v) >= size
            return lambda v: not isinstance(v, list) or len(v) <= size
        if key in ("minProperties", "maxProperties"):
            size = _count(value)
            if key == "minProperties":
                return lambda v: not isinstance(v, dict) or len(v) >= size
            return lambda v: not isinstance(v, dict) or len(v) <= size
        if key == "pattern":
            try:
                found = re.compile(value).search
            except (re.error, TypeError):
                raise Unsupported("pattern") from None
            return lambda v: not isinstance(v, str) or found(v) is not None
        if key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            limit = _bound(value)
            # jsonschema's own comparisons, negated (NaN compares as it does there)
            if key == "minimum":
                return lambda v: not _number(v) or not v < limit
            if key == "maximum":
                return lambda v: not _number(v) or not v > limit
            if key == "exclusiveMinimum":
                return lambda v: not _number(v) or not v <= limit
            return lambda v: not _number(v) or not v >= limit
        raise Unsupported(key)
