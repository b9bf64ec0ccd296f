"""Plain values for the TypeScript converter: literals, enums, JSDoc keywords, built-in types."""

from __future__ import annotations

import json
from typing import Any

from tree_sitter import Node

from schemacheck.model import Schema, ref_name
from schemacheck.sources.ts_syntax import JsDoc, number_value, string_value, text

OPTIONAL = "x-optional"  # marker: the union held `undefined`, so the property may be absent
PREDEFINED: dict[str, Schema] = {
    "string": {"type": "string"}, "number": {"type": "number"}, "boolean": {"type": "boolean"},
    "bigint": {"type": "integer"}, "object": {"type": "object"}, "null": {"type": "null"},
    "any": {}, "unknown": {}, "never": {"not": {}}, "symbol": {},
    "undefined": {OPTIONAL: True}, "void": {OPTIONAL: True},
}
BUILTIN_NAMES: dict[str, Schema] = {
    "Date": {"type": "string", "format": "date-time"},
    "Blob": {"type": "string", "format": "binary"},
    "File": {"type": "string", "format": "binary"},
    "String": {"type": "string"}, "Number": {"type": "number"}, "Boolean": {"type": "boolean"},
    "Object": {"type": "object"},
    "bigint": {"type": "integer"},  # tree-sitter reads the keyword as a name in some positions
}


# The standard library's runtime types a generated client's code names (fetch, errors):
# known to TypeScript, no JSON data, so any without an "unknown type" warning. A declared
# type of the same name is found first.
LIB_RUNTIME = frozenset({
    "Headers", "HeadersInit", "Request", "RequestInit", "RequestCredentials", "RequestMode",
    "RequestCache", "RequestRedirect", "ReferrerPolicy", "Response", "ResponseInit", "Body",
    "BodyInit", "AbortSignal", "AbortController", "URL", "URLSearchParams", "Error",
    "TypeError", "Symbol", "Function", "RegExp"})


def schema_title(schema: Schema) -> str:
    return str(ref_name(schema) or schema.get("title") or schema.get("type", "any"))


def doc_keywords(doc: JsDoc | None) -> Schema:
    if doc is None:
        return {}
    out: Schema = {}
    if doc.description:
        out["description"] = doc.description
    if fmt := doc.first("format"):
        out["format"] = fmt
    if "deprecated" in doc.tags:
        out["deprecated"] = True
    if "example" in doc.tags:
        out["examples"] = [json_or_text(v) for v in doc.tags["example"]]
    if (default := doc.first("default")) is not None:
        out["default"] = json_or_text(default)
    return out


def json_or_text(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return value.strip("'")


def literal_value(node: Node | None) -> Any:
    if node is None:
        return None
    if node.type == "literal_type" and node.named_children:
        node = node.named_children[0]
    kind = node.type
    if kind in ("string", "template_string"):
        return string_value(node)
    if kind == "number":
        return number_value(node)
    if kind == "unary_expression":
        inner = literal_value(node.child_by_field_name("argument"))
        return -inner if isinstance(inner, (int, float)) else None
    return {"true": True, "false": False, "null": None}.get(kind, text(node))


def enum_schema(values: list[Any]) -> Schema:
    kinds = sorted({"boolean" if isinstance(v, bool) else "string" if isinstance(v, str)
                    else "number" for v in values if v is not None})
    schema: Schema = {"enum": values}
    if len(kinds) == 1:
        schema = {"type": kinds[0], "enum": values}
    return schema


def literal_union(members: list[Schema]) -> Schema:
    """One schema for a union of members (an array's elements, `T[keyof T]`): members that
    are only literals merge into one enum, as `"a" | "b"` reads; others make an anyOf."""
    if not members:
        return {}
    if all(set(m) in ({"enum"}, {"type", "enum"}) for m in members):
        values: list[Any] = []
        for value in (v for m in members for v in m["enum"]):  # `True == 1`: types too
            if not any(type(seen) is type(value) and seen == value for seen in values):
                values.append(value)
        return enum_schema(values)
    unique = [m for i, m in enumerate(members) if m not in members[:i]]
    return unique[0] if len(unique) == 1 else {"anyOf": unique}
