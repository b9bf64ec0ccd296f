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

from typing import Any

from schemacheck.model import Schema

PREFIXES = ("#/components/schemas/", "#/definitions/")


def narrow_mapped(schemas: dict[str, Schema]) -> None:
    """Give each explicitly mapped component's discriminator property its mapped value(s)."""
    values: dict[tuple[str, str], list[Any]] = {}
    for schema in schemas.values():
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
        schemas[name] = {**schema, "properties": {**props, prop: {**current, "enum": mapped}}}


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
