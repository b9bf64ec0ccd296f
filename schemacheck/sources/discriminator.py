"""A discriminator's mapping says which value each mapped schema carries.

    Vehicle: {discriminator: {propertyName: powerSource,
                              mapping: {electricity: '#/components/schemas/ElectricVehicle'}}}

An ElectricVehicle's `powerSource` is therefore "electricity", even when its own property says
only `type: string`. Generated clients write it so (hey-api: `powerSource?: 'electricity'`);
the spec's model narrows the property the same way, so that the diff compares like with like
and the probe sends the value the backend dispatches on. A property that already declares an
enum, a const or a reference (an enum schema of its own) is left as written: a disagreement
there is the spec's own, and is reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from schemacheck.model import MAPPED, Schema

PREFIXES = ("#/components/schemas/", "#/definitions/")
_NESTED = ("properties", "items", "anyOf", "oneOf", "allOf", "additionalProperties")


def inline_discriminators(bodies: Iterable[Schema | None]) -> list[Schema]:
    """The schemas holding a discriminator inside operations' bodies (GitHub's `GET /user`
    answers `oneOf: [private-user, public-user]` with its mapping written right there), not
    through a reference: components are looked at by narrow_mapped itself."""
    found: list[Schema] = []
    stack: list[Any] = [b for b in bodies if b]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict) or "$ref" in node:
            continue
        if "discriminator" in node:
            found.append(node)
        for key in _NESTED:
            value = node.get(key)
            if key == "properties" and isinstance(value, dict):
                stack.extend(value.values())
            elif value is not None:
                stack.append(value)
    return found


def narrow_mapped(schemas: dict[str, Schema], inline: Iterable[Schema] = ()) -> None:
    """Give each explicitly mapped component's discriminator property its mapped value(s),
    from the components' discriminators and those written `inline` in operations."""
    values: dict[tuple[str, str], list[Any]] = {}
    for schema in (*schemas.values(), *inline):
        found = schema.get("discriminator")
        if not isinstance(found, dict) or not isinstance(found.get("propertyName"), str):
            continue
        mapping = found.get("mapping")
        for value, target in (mapping.items() if isinstance(mapping, dict) else ()):
            name = _component(target, schemas)
            if name is not None:
                listed = values.setdefault((name, found["propertyName"]), [])
                if value not in listed:
                    listed.append(value)
    for (name, prop), mapped in sorted(values.items()):
        schema = schemas[name]
        props = schema.get("properties")
        if not isinstance(props, dict):
            continue
        current = props.get(prop)
        if not isinstance(current, dict) or "enum" in current or "const" in current \
                or "$ref" in current or not _string_or_untyped(current):
            continue
        # x-mapped: the value comes from a mapping (openapi-typescript also types it required)
        schemas[name] = {**schema, "properties": {**props, prop: {
            **current, "enum": mapped, MAPPED: True}}}


def _component(target: Any, schemas: dict[str, Schema]) -> str | None:
    if not isinstance(target, str):
        return None
    for prefix in PREFIXES:
        if target.startswith(prefix):
            target = target[len(prefix):].replace("~1", "/").replace("~0", "~")
            break
    return target if target in schemas else None  # a bare name is allowed too


def _string_or_untyped(prop: Schema) -> bool:
    kind = prop.get("type")
    return kind is None or kind == "string" or (isinstance(kind, list) and "string" in kind)
