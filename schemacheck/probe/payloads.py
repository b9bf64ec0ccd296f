"""Minimal payloads: exactly the fields the docs mark required, at every level, with values
valid for the documented type and for the backend's schema of the same field (examples first,
then enums, formats, patterns, lengths and ranges of both sides)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from schemacheck.model import Schema, SchemaSet, type_names
from schemacheck.probe.defuse import reaches
from schemacheck.probe.values import (
    Unsatisfiable,
    constraints,
    fits_number,
    fits_string,
    number_value,
    string_value,
)

MAX_DEPTH = 32


@dataclass
class Problems:
    """Fields for which no value meets both sides: (location, why)."""

    found: list[tuple[str, str]] = field(default_factory=list)


def sub_schema(backend: tuple[Schema, SchemaSet] | None,
               key: str) -> tuple[Schema, SchemaSet] | None:
    """The backend's schema for property `key` (or "[]" for array items) of this value."""
    if backend is None:
        return None
    core, _ = backend[1].core(backend[0])
    for part in [core, *[m for m in core.get("allOf", []) if isinstance(m, dict)]]:
        part, _ = backend[1].deref(part)
        if key == "[]" and isinstance(part.get("items"), dict):
            return part["items"], backend[1]
        props = part.get("properties")
        if isinstance(props, dict) and isinstance(props.get(key), dict):
            return props[key], backend[1]
    return None


def sample(schema: Schema, schemas: SchemaSet, name: str = "", depth: int = 0,
           minimal: bool = True, example: Any = None,
           backend: tuple[Schema, SchemaSet] | None = None,
           problems: Problems | None = None, where: str = "body") -> Any:
    """A value valid for `schema` (the documented type); objects hold only their required
    properties. `backend` is the backend's schema of the same value: its formats, patterns,
    lengths, ranges and enums narrow the value as long as it still fits the docs; where no
    value fits both, the field is added to `problems`.

    `example` is a documented example of this value (from example code in the docs): its
    plain values are used where they fit both sides."""
    core, nullable = schemas.core(schema)
    members = core.get("anyOf") or core.get("oneOf")
    if isinstance(members, list) and members and backend is not None:
        # a union on both sides (`string | number` for a Decimal, `Fixed | Hourly`): the
        # backend's first member the docs also allow, sampled against that member's own
        # constraints; a pair whose values clash (another variant's tag) is passed over
        pairs = [(ours, theirs) for theirs in _members(backend) for ours in members
                 if _overlap(type_names(schemas.core(ours)[0]),
                             type_names(backend[1].core(theirs)[0]))]
        # a member reaching everyone or setting an effect going (`"everyone" | "team"`,
        # `"sending" | "draft"`) last
        pairs.sort(key=lambda pair: _reaching(schemas.core(pair[0])[0]))
        for ours, theirs in pairs:
            tried = Problems()
            made = sample(ours, schemas, name, depth + 1, minimal, example,
                          (theirs, backend[1]), tried, where)
            if not tried.found:
                return made
        if pairs:
            return sample(pairs[0][0], schemas, name, depth + 1, minimal, example,
                          (pairs[0][1], backend[1]), problems, where)
    kinds = type_names(core)
    if backend is not None and kinds:
        backend = next((b for b in _members(backend) if _overlap(
            kinds, type_names(backend[1].core(b)[0]))), backend[0]), backend[1]
    other = backend[1].core(backend[0])[0] if backend is not None else {}
    limits = constraints(other, core)
    if backend is not None and not ({"object", "array"} & kinds) and \
            isinstance(other.get("contentSchema"), dict) and \
            "json" in str(other.get("contentMediaType", "")):
        # a JSON document inside a string (pydantic's Json[...]): the text of a valid one
        inner = sample(other["contentSchema"], backend[1], name, depth + 1, minimal)
        return json.dumps(inner, separators=(",", ":"))
    if example is not None and not isinstance(example, dict) and _fits(example, kinds, core) \
            and _fits_limits(example, limits):
        return example
    for declared in _declared(core):
        if _fits_limits(declared, limits):
            return declared
    if isinstance(members, list) and members:
        return sample(members[0], schemas, name, depth + 1, minimal, None, backend, problems,
                      where)
    if isinstance(core.get("allOf"), list) and core["allOf"] and "properties" not in core:
        return sample(core["allOf"][0], schemas, name, depth + 1, minimal, example, backend,
                      problems, where)
    if depth > MAX_DEPTH:
        return None if nullable else {}
    if nullable and example is None and ("object" in kinds or "properties" in core):
        return None  # the minimal value, and no walk into (possibly recursive) objects
    if "object" in kinds or "properties" in core:
        return object_sample(core, schemas, depth, minimal,
                             example if isinstance(example, dict) else {}, backend, problems,
                             where)
    if "array" in kinds:
        items: Schema = core["items"] if isinstance(core.get("items"), dict) else {}
        count = int(limits.get("minItems", 0))
        if isinstance(core.get("prefixItems"), list) and core["prefixItems"]:
            # a tuple (`[number, string]`): each position its own type, on both sides
            spots = other.get("prefixItems")
            places: list[Any] = spots if isinstance(spots, list) else []
            return [sample(part, schemas, name, depth + 1, minimal, None,
                           (places[i], backend[1]) if backend is not None and i < len(places)
                           and isinstance(places[i], dict) else None, problems, where + "[]")
                    for i, part in enumerate(core["prefixItems"]) if isinstance(part, dict)]
        # each item seeded by its own name: distinct items, as a set (uniqueItems) needs
        made = [sample(items, schemas, name if i == 0 else f"{name}-{i + 1}", depth + 1,
                       minimal, None, sub_schema(backend, "[]"), problems, where + "[]")
                for i in range(count)]
        return _distinct(made, items, schemas, sub_schema(backend, "[]"))
    found: Any = None
    if "string" in kinds or (not kinds and "string" in type_names(other)):
        found = string_value(limits, name)
    elif "integer" in kinds or "number" in kinds:
        found = number_value(limits, "number" not in kinds)
    elif "boolean" in kinds:
        return True
    else:
        return None if nullable else "sample"
    if isinstance(found, Unsatisfiable):
        if problems is not None:
            problems.found.append((where, found.reason))
        return string_value({}, name) if "string" in kinds else 1
    return found


def _distinct(made: list[Any], items: Schema, schemas: SchemaSet,
              backend: tuple[Schema, SchemaSet] | None) -> list[Any]:
    """Repeated items made distinct where the schemas allow: the other enum values, or
    numbers one step apart within both sides' ranges (a set of integers)."""
    if len({json.dumps(v, sort_keys=True) for v in made}) == len(made):
        return made
    core = schemas.core(items)[0]
    other = backend[1].core(backend[0])[0] if backend is not None else {}
    limits = constraints(other, core)
    values = limits.get("enum") or []  # the values both sides allow
    if values:
        return [values[i % len(values)] for i in range(len(made))]
    first = made[0] if made else None
    if isinstance(first, (int, float)) and not isinstance(first, bool):
        step = limits.get("multipleOf") or 1
        integer = "number" not in type_names(core) or isinstance(first, int)
        low = limits.get("minimum", limits.get("exclusiveMinimum", first - step) + step)
        for start, sign in ((first, 1), (first, -1), (low, 1)):  # up, down, up from the floor
            spread = [start + sign * i * step for i in range(len(made))]
            if all(fits_number(v, limits, integer) for v in spread):
                return spread
    return made


def _reaching(core: Schema) -> bool:
    """A literal member reaching everyone or setting an effect going (defuse.reaches)."""
    return reaches(core.get("const", (core.get("enum") or [None])[0]))


def _members(backend: tuple[Schema, SchemaSet]) -> list[Schema]:
    """The backend's union members (without null), or the schema itself."""
    core, _ = backend[1].core(backend[0])
    found = core.get("anyOf") or core.get("oneOf")
    if not isinstance(found, list):
        return [backend[0]]
    return [m for m in found if isinstance(m, dict)
            and type_names(backend[1].core(m)[0]) != frozenset({"null"})] or [backend[0]]


def _overlap(ours: frozenset[str], theirs: frozenset[str]) -> bool:
    """Whether a value of one of `ours` can be one of `theirs` (an integer is a number)."""
    widen = {"integer": {"integer", "number"}, "number": {"number", "integer"}}
    return not theirs or any(widen.get(k, {k}) & theirs for k in ours)


def _declared(core: Schema) -> list[Any]:
    """Values the documented schema itself names: examples, default, const, enum."""
    out: list[Any] = []
    if isinstance(core.get("examples"), list) and core["examples"]:  # both sources say examples
        out.append(core["examples"][0])
    if "default" in core and core["default"] is not None:
        out.append(core["default"])
    if "const" in core:
        out.append(core["const"])
    # a value reaching everyone or setting an effect going (`"everyone"`, `"published"`) last
    out += sorted((v for v in core.get("enum", []) if v is not None), key=reaches)
    return out


def _fits_limits(value: Any, limits: dict[str, Any]) -> bool:
    if "enum" in limits and value not in limits["enum"]:
        return False
    if isinstance(value, str):
        return fits_string(value, limits)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return fits_number(value, limits, False)
    return True


def object_sample(core: Schema, schemas: SchemaSet, depth: int, minimal: bool,
                  example: dict[str, Any] | None = None,
                  backend: tuple[Schema, SchemaSet] | None = None,
                  problems: Problems | None = None, where: str = "body") -> dict[str, Any]:
    props: dict[str, Schema] = core.get("properties", {})
    required = set(core.get("required", []))
    given = example or {}
    out = {key: sample(value, schemas, key, depth + 1, minimal, given.get(key),
                       sub_schema(backend, key), problems, f"{where}.{key}")
           for key, value in props.items() if key in required or not minimal}
    # a map with minProperties (`{ [key: string]: number }`, pydantic's dict min_length):
    # entries of its value type, named key1, key2...
    other = backend[1].core(backend[0])[0] if backend is not None else {}
    need = max(int(c.get("minProperties", 0)) for c in (core, other)
               if isinstance(c.get("minProperties", 0), int))
    values = core.get("additionalProperties")
    if len(out) < need and values is not False:
        theirs = other.get("additionalProperties")
        for index in range(1, need + 1):
            if len(out) >= need:
                break
            out.setdefault(f"key{index}", sample(
                values if isinstance(values, dict) else {}, schemas, f"key{index}", depth + 1,
                minimal, None, (theirs, backend[1]) if backend is not None and isinstance(
                    theirs, dict) else None, problems, f"{where}.key{index}"))
    return out


def _fits(value: Any, kinds: frozenset[str], core: Schema) -> bool:
    """Whether a documented example value is valid for the field's type and enum."""
    if "enum" in core and value not in core["enum"]:
        return False
    if not kinds:
        return True
    actual = {bool: "boolean", str: "string", int: "integer", float: "number",
              list: "array"}.get(type(value))
    return actual in kinds or (actual == "integer" and "number" in kinds)


def declared_examples(schema: Schema, schemas: SchemaSet, depth: int = 0) -> Any:
    """Only the values a schema declares itself (examples, defaults), nested like the payload;
    None where it declares nothing. The backend's examples fill what the docs leave open."""
    core, _ = schemas.core(schema)
    if isinstance(core.get("examples"), list) and core["examples"]:
        return core["examples"][0]
    if core.get("default") is not None:
        return core["default"]
    if depth > MAX_DEPTH or not isinstance(core.get("properties"), dict):
        return None
    found = {name: declared_examples(sub, schemas, depth + 1)
             for name, sub in core["properties"].items()}
    return {name: value for name, value in found.items() if value is not None} or None


def merge_examples(first: Any, second: Any) -> Any:
    """`first` wins; nested objects are merged key by key."""
    if isinstance(first, dict) and isinstance(second, dict):
        return {**second, **{k: merge_examples(v, second.get(k)) for k, v in first.items()}}
    return second if first is None else first
