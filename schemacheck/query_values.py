"""A URL's query string as the JSON object a query schema describes: `?page=2&tag=a&tag=b`
-> {"page": 2, "tag": ["a", "b"]}, each value typed by the schema's property (a value that
does not parse stays a string, so validation reports it)."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlsplit

from schemacheck.model import Schema, SchemaSet, split_null, type_names
from schemacheck.scrub import REDACTED


def _one(value: str, kinds: frozenset[str]) -> Any:
    if "integer" in kinds:
        try:
            return int(value)
        except ValueError:
            pass
    if "number" in kinds or "integer" in kinds:
        try:
            return float(value)
        except ValueError:
            pass
    if "boolean" in kinds and value.lower() in ("true", "false", "1", "0"):
        return value.lower() in ("true", "1")
    if "null" in kinds and value in ("", "null"):
        return None
    return value


def query_object(url: str, schema: Schema, schemas: SchemaSet) -> dict[str, Any]:
    """The query as typed values; redacted values are left out (they were secrets, not data)."""
    resolved, _ = schemas.deref(schema)
    props: dict[str, Schema] = resolved.get("properties", {})
    values: dict[str, list[str]] = {}
    for name, value in parse_qsl(urlsplit(url).query, keep_blank_values=True):
        if value != REDACTED:
            values.setdefault(name, []).append(value)
    out: dict[str, Any] = {}
    for name, items in values.items():
        prop, _ = schemas.deref(props.get(name, {}))
        core, nullable = split_null(prop)
        kinds = type_names(schemas.deref(core)[0]) | ({"null"} if nullable else set())
        if "array" in kinds:
            inner = schemas.deref(split_null(schemas.deref(core)[0].get("items", {}))[0])[0]
            out[name] = [_one(v, type_names(inner)) for v in items]
        else:
            out[name] = _one(items[-1], frozenset(kinds))
    return out
