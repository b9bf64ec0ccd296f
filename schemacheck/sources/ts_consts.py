"""`typeof X` for a value declared in the docs: `const ROLES = {...} as const` (hey-api's
`enums: "javascript"` output, a frontend's own constants) read as the type TypeScript gives it,
so `typeof ROLES[keyof typeof ROLES]` is the union of its values.

With `as const` a literal keeps its value (`"admin"`); without, it widens to its type
(`string`), as TypeScript infers it. What no literal states (a call, a spread) is any."""

from __future__ import annotations

from typing import Any, Protocol

from tree_sitter import Node

from schemacheck.model import Schema
from schemacheck.sources.ts_syntax import string_value, text
from schemacheck.sources.ts_values import enum_schema, literal_union, literal_value

# A value's name among the declarations: no type can be named so (the space), and a type and a
# value of one name (`const X = ...; type X = typeof X[keyof typeof X]`) do not collide.
VALUE_PREFIX = "typeof "


class Converter(Protocol):
    def value_of(self, name: str, node: Node, ctx: Any) -> Schema: ...

    def type_(self, node: Node, ctx: Any) -> Schema: ...


def value_schema(conv: Converter, node: Node, ctx: Any, frozen: bool = False) -> Schema:
    """The type of the expression `node`; `frozen` within `as const`."""
    kind = node.type
    if kind in ("as_expression", "satisfies_expression"):
        inner = node.named_children[0] if node.named_children else None
        if inner is None:
            return {}
        if kind == "as_expression" and node.children[-1].type != "const":
            return conv.type_(node.named_children[-1], ctx)  # `x as Foo`: Foo
        return value_schema(conv, inner, ctx, frozen or kind == "as_expression")
    if kind == "parenthesized_expression" and node.named_children:
        return value_schema(conv, node.named_children[0], ctx, frozen)
    if kind in ("null", "undefined"):
        return {"type": "null"}
    if kind in ("string", "template_string", "number", "unary_expression", "true", "false"):
        value = literal_value(node) if kind not in ("true", "false") else kind == "true"
        if value is None or (kind == "template_string" and node.named_child_count > 1):
            return {"type": "string"} if kind == "template_string" else {}
        if frozen:
            return enum_schema([value])
        return {"type": "boolean" if isinstance(value, bool) else
                "string" if isinstance(value, str) else "number"}
    if kind == "array":
        items = [value_schema(conv, child, ctx, frozen) for child in node.named_children
                 if child.type != "spread_element"]
        return {"type": "array", "items": literal_union(items)}
    if kind == "object":
        return _object(conv, node, ctx, frozen)
    if kind == "identifier":  # another value: its type
        return conv.value_of(text(node), node, ctx)
    return {}


def _object(conv: Converter, node: Node, ctx: Any, frozen: bool) -> Schema:
    props: dict[str, Schema] = {}
    for pair in node.named_children:
        if pair.type != "pair":
            continue  # a spread or a method: not a field the value states
        key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
        if key is None or value is None or key.type == "computed_property_name":
            continue
        name = string_value(key) if key.type == "string" else text(key)
        props[name] = value_schema(conv, value, ctx, frozen)
    out: Schema = {"type": "object", "properties": props}
    if props:
        out["required"] = list(props)
    return out
