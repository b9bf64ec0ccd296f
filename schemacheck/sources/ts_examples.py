"""Documented examples: object literals passed to calls in example code, such as
`await api.jobs.createJob({ context: { clientId: 'client-123' } })`, read as JSON values.

They give the probe realistic values for the fields it sends; anything that is not plain data
(spreads, computed keys, functions, identifiers) is left out rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tree_sitter import Node

from schemacheck.sources.ts_syntax import Unit, number_value, string_value, text

SKIP = object()  # a value that is not plain data
MAX_DEPTH = 32


@dataclass(frozen=True)
class Example:
    value: dict[str, Any]  # the object literal as JSON
    where: str  # file:line of the statement
    text: str  # the statement as the docs wrote it, for reports

    def to_json(self) -> dict[str, Any]:
        return {"where": self.where, "text": self.text, "value": self.value}


def call_examples(unit: Unit) -> list[Example]:
    """Object literals passed as arguments to calls in top-level statements."""
    found: list[Example] = []
    for statement in unit.root.named_children:
        if statement.type not in ("lexical_declaration", "expression_statement",
                                  "variable_declaration"):
            continue
        stack = [statement]
        while stack:
            node = stack.pop()
            if node.type == "call_expression":
                arguments = node.child_by_field_name("arguments")
                for argument in arguments.named_children if arguments else []:
                    if argument.type == "object":
                        value = js_value(argument)
                        if isinstance(value, dict):
                            found.append(Example(value, unit.where(statement), text(statement)))
            stack.extend(reversed(node.named_children))
    return found


def js_value(node: Node, depth: int = 0) -> Any:
    kind = node.type
    if depth > MAX_DEPTH:
        return SKIP
    if kind == "object":
        out: dict[str, Any] = {}
        for pair in node.named_children:
            key = pair.child_by_field_name("key") if pair.type == "pair" else None
            value = pair.child_by_field_name("value") if key is not None else None
            if key is None or value is None or key.type not in (
                    "property_identifier", "string", "number"):
                continue
            parsed = js_value(value, depth + 1)
            if parsed is not SKIP:
                out[string_value(key) if key.type == "string" else text(key)] = parsed
        return out
    if kind == "array":
        items = [js_value(item, depth + 1) for item in node.named_children]
        return [item for item in items if item is not SKIP]
    if kind in ("string", "template_string"):
        return SKIP if kind == "template_string" and node.named_children else string_value(node)
    if kind == "number":
        return number_value(node)
    if kind == "unary_expression":
        argument = node.child_by_field_name("argument")
        inner = js_value(argument, depth + 1) if argument is not None else SKIP
        return -inner if isinstance(inner, (int, float)) and text(node).startswith("-") else SKIP
    return {"true": True, "false": False, "null": None}.get(kind, SKIP)
