"""Minimal payloads: exactly the fields the docs mark required, at every level, with values
valid for the documented type (examples first, then enums, formats, type defaults)."""

from __future__ import annotations

from typing import Any

from schemacheck.model import Schema, SchemaSet, split_null, type_names

FORMAT_SAMPLES = {
    "date-time": "2025-01-01T00:00:00Z", "date": "2025-01-01", "time": "12:00:00",
    "email": "user@example.com", "uuid": "00000000-0000-4000-8000-000000000000",
    "uri": "https://example.com/", "url": "https://example.com/", "hostname": "example.com",
    "ipv4": "192.0.2.1", "ipv6": "2001:db8::1", "binary": "", "byte": "",
}
MAX_DEPTH = 32


def sample(schema: Schema, schemas: SchemaSet, name: str = "", depth: int = 0,
           minimal: bool = True, example: Any = None) -> Any:
    """A value valid for `schema`; objects hold only their required properties.

    `example` is a documented example of this value (from example code in the docs): its
    plain values are used where they fit the type."""
    resolved, _ = schemas.deref(schema)
    core, nullable = split_null(resolved)
    core, _ = schemas.deref(core)
    kinds = type_names(core)
    if example is not None and not isinstance(example, dict) and _fits(example, kinds, core):
        return example
    if isinstance(core.get("examples"), list) and core["examples"]:  # both sources say examples
        return core["examples"][0]
    if "default" in core and core["default"] is not None:
        return core["default"]
    if "const" in core:
        return core["const"]
    enum = [v for v in core.get("enum", []) if v is not None]
    if enum:
        return enum[0]
    members = core.get("anyOf") or core.get("oneOf")
    if isinstance(members, list) and members:
        return sample(members[0], schemas, name, depth + 1, minimal)
    if isinstance(core.get("allOf"), list) and core["allOf"]:
        return sample(core["allOf"][0], schemas, name, depth + 1, minimal)
    if depth > MAX_DEPTH:
        return None if nullable else {}
    if nullable and example is None and ("object" in kinds or "properties" in core):
        return None  # the minimal value, and no walk into (possibly recursive) objects
    if "object" in kinds or "properties" in core:
        return object_sample(core, schemas, depth, minimal,
                             example if isinstance(example, dict) else {})
    if "array" in kinds:
        items: Schema = core["items"] if isinstance(core.get("items"), dict) else {}
        count = int(core.get("minItems", 0))
        return [sample(items, schemas, name, depth + 1, minimal) for _ in range(count)]
    if "string" in kinds:
        return _string(core, name)
    if "integer" in kinds:
        return int(core.get("minimum", 1))
    if "number" in kinds:
        return core.get("minimum", 1)
    if "boolean" in kinds:
        return True
    return None if nullable else "sample"


def object_sample(core: Schema, schemas: SchemaSet, depth: int, minimal: bool,
                  example: dict[str, Any] | None = None) -> dict[str, Any]:
    props: dict[str, Schema] = core.get("properties", {})
    required = set(core.get("required", []))
    given = example or {}
    return {key: sample(value, schemas, key, depth + 1, minimal, given.get(key))
            for key, value in props.items() if key in required or not minimal}


def _fits(value: Any, kinds: frozenset[str], core: Schema) -> bool:
    """Whether a documented example value is valid for the field's type and enum."""
    if "enum" in core and value not in core["enum"]:
        return False
    if not kinds:
        return True
    actual = {bool: "boolean", str: "string", int: "integer", float: "number",
              list: "array"}.get(type(value))
    return actual in kinds or (actual == "integer" and "number" in kinds)


def _string(core: Schema, name: str) -> str:
    fmt = core.get("format")
    if fmt in FORMAT_SAMPLES:
        return FORMAT_SAMPLES[fmt]
    text = f"sample-{name}" if name else "sample"
    minimum = int(core.get("minLength", 0))
    if len(text) < minimum:
        text = text + "x" * (minimum - len(text))
    maximum = core.get("maxLength")
    return text[: int(maximum)] if isinstance(maximum, int) else text


def declared_examples(schema: Schema, schemas: SchemaSet, depth: int = 0) -> Any:
    """Only the values a schema declares itself (examples, defaults), nested like the payload;
    None where it declares nothing. The backend's examples fill what the docs leave open."""
    resolved, _ = schemas.deref(schema)
    core, _ = split_null(resolved)
    core, _ = schemas.deref(core)
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
