"""The intersection of schemas, as TypeScript's `A & B` and OpenAPI's `allOf` mean it.

A value must satisfy every member, so: a property is required if any member requires it,
nullable only if every member allows null, and its type is the intersection of the members'
types (`string & "a"` is `"a"`), recursively through objects and array items. What cannot be
intersected exactly (unions, contradicting types) stays an `allOf` of the members.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from schemacheck.model import META_KEYS, Schema, make_nullable, ref_name, split_null

Deref = Callable[[Schema], Schema]
MAX_DEPTH = 32
OBJECT_KEYS = ("properties", "required", "additionalProperties")


def intersect(parts: list[Schema], deref: Deref, depth: int = 0) -> Schema:
    """One schema every value of all `parts` satisfies; `deref` follows a named reference."""
    members = [p for p in parts if _constrains(p)]
    if not members:
        return {}
    if len(members) == 1:
        return dict(members[0])
    if all(_same(members[0], m) for m in members[1:]):
        return dict(members[-1])
    if depth > MAX_DEPTH:
        return {"allOf": members}
    shallow = [split_null(m) for m in members]
    names = {ref_name(core) for core, _ in shallow}
    if len(names) == 1 and None not in names:  # `X | null` & `X`: still the named X
        named = dict(shallow[-1][0])
        return make_nullable(named) if all(n for _, n in shallow) else named
    cores: list[Schema] = []
    nullable = True
    for member in members:
        core, is_null = _core(member, deref)
        nullable = nullable and is_null
        cores.append(core)
    merged = _merge(cores, deref, depth)
    if merged is None:
        return {"allOf": members}
    if depth > 0:  # a property declared twice: where and how the last member declares it
        for member in members:
            merged.update({k: v for k, v in member.items() if k in META_KEYS and k != "title"})
    return make_nullable(merged) if nullable else merged


def _merge(cores: list[Schema], deref: Deref, depth: int) -> Schema | None:
    if any(key in core for core in cores for key in ("anyOf", "oneOf", "allOf", "not", "$ref")):
        return None  # unions and unresolved names: not exactly expressible as one schema
    kinds = _types(cores)
    if kinds is not None and not kinds:
        return None  # contradicting types: keep the members so the conflict stays visible
    out: Schema = {}
    for core in cores:
        for key, value in core.items():
            if key not in META_KEYS and key not in OBJECT_KEYS and not key.startswith(
                    "x-") and key not in ("type", "enum", "const", "items"):
                out[key] = value  # other constraints (format, lengths, ...): all of them hold
    values = _values(cores)
    if values is not None:
        fitting = [v for v in values if kinds is None or _fits(v, kinds)]
        out["enum"] = fitting
    if kinds is not None:
        ordered = [k for k in ("string", "integer", "number", "boolean", "object", "array",
                               "null") if k in kinds]
        out["type"] = ordered[0] if len(ordered) == 1 else ordered
    if any("properties" in c or "additionalProperties" in c or "required" in c for c in cores):
        _objects(cores, out, deref, depth)
    items = [c["items"] for c in cores if isinstance(c.get("items"), dict)]
    if items:
        out["items"] = intersect(items, deref, depth + 1)
    return out


def _core(schema: Schema, deref: Deref) -> tuple[Schema, bool]:
    """The member without null and named references (`MaybeUser = User | null`)."""
    nullable = False
    for _ in range(MAX_DEPTH):
        if ref_name(schema):
            target = deref(schema)
            if ref_name(target):
                break  # a name that leads nowhere known
            schema = target
        schema, is_null = split_null(schema)
        nullable = nullable or is_null
        if not ref_name(schema):
            break
    return schema, nullable


def _objects(cores: list[Schema], out: Schema, deref: Deref, depth: int) -> None:
    declared: dict[str, list[Schema]] = {}
    required: list[str] = []
    extras: list[Any] = []
    for core in cores:
        for name, schema in (core.get("properties") or {}).items():
            declared.setdefault(name, []).append(schema)
        for name in core.get("required", []):
            if name not in required:
                required.append(name)
        if "additionalProperties" in core:
            extras.append(core["additionalProperties"])
    out["properties"] = {name: intersect(found, deref, depth + 1) if len(found) > 1 else found[0]
                         for name, found in declared.items()}
    if required:
        out["required"] = required
    if extras:
        if any(extra is False for extra in extras):
            out["additionalProperties"] = False
        else:
            dicts = [e for e in extras if isinstance(e, dict)]
            out["additionalProperties"] = intersect(dicts, deref, depth + 1) if dicts else True
    out.setdefault("type", "object")


def _types(cores: list[Schema]) -> set[str] | None:
    """The JSON types every member admits (None: no member says)."""
    found: set[str] | None = None
    for core in cores:
        kind = core.get("type")
        if kind is None and ("properties" in core or "additionalProperties" in core):
            kind = "object"
        if kind is None:
            continue
        kinds = {kind} if isinstance(kind, str) else set(kind)
        if found is None:
            found = kinds
        else:  # an integer is a number: number & integer is integer
            found = (found & kinds) | ({"integer"} if (
                "number" in found and "integer" in kinds) or (
                "integer" in found and "number" in kinds) else set())
    return found


def _values(cores: list[Schema]) -> list[Any] | None:
    found: list[Any] | None = None
    for core in cores:
        values = [core["const"]] if "const" in core else core.get("enum")
        if values is None:
            continue
        found = list(values) if found is None else [v for v in found if v in values]
    return found


def _fits(value: Any, kinds: set[str]) -> bool:
    if value is None:
        return "null" in kinds
    if isinstance(value, bool):
        return "boolean" in kinds
    if isinstance(value, int):
        return bool(kinds & {"integer", "number"})
    if isinstance(value, float):
        return "number" in kinds
    if isinstance(value, str):
        return "string" in kinds
    return True


def _constrains(schema: Schema) -> bool:
    return any(key not in META_KEYS for key in schema)


def _same(a: Schema, b: Schema) -> bool:
    return {k: v for k, v in a.items() if k not in META_KEYS} == {
        k: v for k, v in b.items() if k not in META_KEYS}
