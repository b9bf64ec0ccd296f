"""Questions asked of tree-sitter TypeScript nodes when editing them, and the texts of new
TypeScript written in the file's own style (quotes, separators)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from tree_sitter import Node

from schemacheck.sources.ts_syntax import string_value, text

IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*\Z")


# --- nodes -------------------------------------------------------------------------------
def prop_name(node: Node) -> str | None:
    name = node.child_by_field_name("name")
    if name is None:
        return None
    return string_value(name) if name.type == "string" else text(name)


def annotation_type(node: Node) -> Node | None:
    """The type node of a property signature (`x: T` -> T)."""
    annotation = node.child_by_field_name("type")
    return annotation.named_child(0) if annotation is not None else None


def union_members(node: Node) -> list[Node]:
    """`A | B | null` -> [A, B, null] (tree-sitter nests unions to the left)."""
    if node.type != "union_type":
        return [node]
    out: list[Node] = []
    for child in node.named_children:
        out.extend(union_members(child))
    return out


def is_keyword(node: Node, word: str) -> bool:
    return node.type == "literal_type" and text(node) == word or (
        node.type == "predefined_type" and text(node) == word)


def object_body(node: Node) -> Node | None:
    """The `{ ... }` that holds the members of an interface, an object alias or an inline
    object-typed property."""
    if node.type == "interface_declaration":
        return node.child_by_field_name("body")
    if node.type == "type_alias_declaration":
        value = node.child_by_field_name("value")
    elif node.type == "property_signature":
        value = annotation_type(node)
    else:
        return None
    if value is not None and value.type == "intersection_type":
        value = next((c for c in reversed(value.named_children) if c.type == "object_type"),
                     None)
    return value if value is not None and value.type == "object_type" else None


def walk(root: Node) -> list[Node]:
    return list(nodes_below(root))


def nodes_below(root: Node) -> Iterator[Node]:
    """The nodes from `root` down, in source order, as they are asked for."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


# --- texts -------------------------------------------------------------------------------
def key_text(name: str, quote: str) -> str:
    return name if IDENTIFIER.match(name) else literal(name, quote)


def literal(value: object, quote: str) -> str:
    if isinstance(value, str):
        if quote == "'":
            return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
        return json.dumps(value, ensure_ascii=False)
    if value is None:
        return "null"
    return json.dumps(value)


def quote_style(node: Node) -> str:
    """The quote character the declaration already uses for string literals (the first one:
    asked of a whole file for every fix, so the walk stops there)."""
    for child in nodes_below(node):
        if child.type == "string":
            return text(child)[:1] or '"'
    return '"'


def separator(body: Node) -> str:
    """The member separator a body uses (`;`, `,` or none), read from its own text."""
    seps = [c.type for c in body.children if c.type in (";", ",")]
    if not seps:
        members = [c for c in body.named_children if c.type != "comment"]
        return "" if len(members) > 1 else ";"
    return max(set(seps), key=seps.count)


def uses_type_param(prop: Node) -> bool:
    """Whether a property's type names a type parameter of its declaration (`items: T[]`):
    such a type is not the backend's to decide."""
    node: Node | None = prop
    while node is not None and node.type not in ("interface_declaration",
                                                 "type_alias_declaration"):
        node = node.parent
    params = node.child_by_field_name("type_parameters") if node is not None else None
    if params is None:
        return False
    names = {text(name) for p in params.named_children
             if (name := p.child_by_field_name("name")) is not None}
    type_node = annotation_type(prop)
    return any(n.type == "type_identifier" and text(n) in names
               for n in walk(type_node)) if type_node is not None else False


def member_name(value: str, taken: set[str]) -> str:
    """An enum member name for a value: "storyboard_ready" -> StoryboardReady (unique)."""
    words = [w for w in re.split(r"[^A-Za-z0-9]+", value) if w]
    base = "".join(w[:1].upper() + w[1:] for w in words) or "Value"
    if base[0].isdigit():
        base = "V" + base
    name, n = base, 2
    while name in taken:
        name, n = f"{base}{n}", n + 1
    taken.add(name)
    return name
