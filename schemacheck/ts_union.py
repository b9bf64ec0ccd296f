"""The members of a documented TypeScript union, named as the diff names them (union_pairs'
`Member.label`), so fix-docs can find the one member a finding is about, and the text of a
member added in the union's own layout."""

from __future__ import annotations

from typing import Any

from tree_sitter import Node

from schemacheck.sources.ts_syntax import text
from schemacheck.sources.ts_values import literal_value
from schemacheck.ts_nodes import annotation_type, is_keyword, prop_name

_KINDS = {"string": "string", "number": "number", "boolean": "boolean"}
# A member of one of these kinds would swallow a `| X` written after it (`() => A | X`).
_GREEDY = ("function_type", "constructor_type", "conditional_type")


def _fixed(node: Node | None) -> tuple[bool, Any]:
    """A literal type other than null/undefined (`'dog'`, `3`, `true`): (True, its value)."""
    if node is None or node.type != "literal_type" or is_keyword(node, "null") or \
            is_keyword(node, "undefined"):
        return False, None
    return True, literal_value(node)


def member_label(node: Node) -> str | None:
    """The label the diff gives this member (None for a kind it is not worth guessing)."""
    if node.type == "parenthesized_type" and node.named_children:
        return member_label(node.named_children[0])
    if node.type in ("type_identifier", "nested_type_identifier"):
        return text(node)
    if node.type == "literal_type":
        fixed, value = _fixed(node)
        return repr(value) if fixed else None
    if node.type == "predefined_type":
        return _KINDS.get(text(node))
    if node.type == "array_type":
        return "array"
    if node.type == "object_type":
        props = [c for c in node.named_children if c.type == "property_signature"]
        if not props:
            return None
        shown = []
        for prop in props[:4]:
            name = prop_name(prop) or ""
            fixed, value = _fixed(annotation_type(prop))
            shown.append(f"{name}: {value!r}" if fixed and value is not None else name)
        return "{" + ", ".join(shown) + (", …" if len(props) > 4 else "") + "}"
    return None


def find_member(members: list[Node], label: str) -> Node | None:
    """The one member with this label; None when there is none or more than one."""
    found = [m for m in members if member_label(m) == label]
    return found[0] if len(found) == 1 else None


def appendable(members: list[Node]) -> bool:
    """Whether `| X` can follow the union's last non-null member without changing what the
    others mean."""
    return not any(m.type in _GREEDY for m in members)


def item_type(node: Node) -> Node | None:
    """The item type of a list type: `T[]`, `(A | B)[]`, `Array<T>`, `ReadonlyArray<T>`."""
    inner: Node | None = None
    if node.type == "array_type" and node.named_children:
        inner = node.named_children[0]
    elif node.type == "generic_type" and text(node.child_by_field_name("name") or node) in (
            "Array", "ReadonlyArray"):
        args = node.child_by_field_name("type_arguments")
        inner = args.named_children[0] if args is not None and args.named_children else None
    if inner is None:
        return None
    while inner.type == "parenthesized_type" and inner.named_children:
        inner = inner.named_children[0]
    return inner


# A lone member of these kinds needs no parentheses around it (`(Cat)[]` -> `Cat[]`).
PLAIN = ("type_identifier", "nested_type_identifier", "predefined_type", "literal_type",
         "object_type", "generic_type")
