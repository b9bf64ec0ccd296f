"""openapi-typescript's `paths` interface: which documented operation each method + path is.

    export interface paths {
        "/repos/{owner}/{repo}": {
            get: operations["repos/get"];
            put?: never;
            patch: { requestBody: ...; responses: ... };   // an operation without an id
        };
    }

Read from the syntax (not the converted schema), so it costs one walk of one declaration.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tree_sitter import Node

from schemacheck.sources.ts_syntax import Decl, string_value, text

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True)
class PathOperation:
    """One (METHOD, path) entry of a generated `paths` interface."""

    method: str  # upper case
    path: str  # as the generated types write it, the spec's own spelling
    operation_id: str | None  # the key in `operations["..."]`; None for an inline operation
    paths_key: str  # $defs key of the `paths` declaration holding it
    operations_key: str | None  # $defs key `operations["..."]` names, when it was found
    where: str  # file:line of the method's line

    def to_json(self) -> dict[str, str | None]:
        return {"operation_id": self.operation_id, "where": self.where}


def generated_paths(decls: dict[str, list[Decl]], operations_of: Callable[[Decl], str | None],
                    ) -> dict[tuple[str, str], PathOperation]:
    """Every `paths` declaration's entries; `operations_of(decl)` is the $defs key of the
    `operations` declaration its `operations["..."]` names (module scoping applies)."""
    found: dict[tuple[str, str], PathOperation] = {}
    for key in sorted(decls):
        for decl in decls[key]:
            if decl.name != decl.namespace + "paths" or decl.kind not in ("interface", "alias"):
                continue
            body = decl.node.child_by_field_name("body" if decl.kind == "interface" else "value")
            if body is None or body.type not in ("interface_body", "object_type"):
                continue
            operations = operations_of(decl)
            for path, methods in _entries(body):
                for method, value in _entries(methods):
                    if method not in METHODS or value.type == "predefined_type":  # never
                        continue
                    entry = PathOperation(method.upper(), path, _operation_id(value), key,
                                          operations, decl.unit.where(value))
                    found.setdefault((entry.method, entry.path), entry)
    return found


def _entries(body: Node) -> list[tuple[str, Node]]:
    """(name, type node) of each property of an object type or interface body."""
    out: list[tuple[str, Node]] = []
    for prop in body.named_children:
        name = prop.child_by_field_name("name")
        annotation = prop.child_by_field_name("type")
        if prop.type != "property_signature" or name is None or annotation is None:
            continue
        value = annotation.named_children[-1] if annotation.named_children else None
        if value is not None:
            out.append((string_value(name) if name.type == "string" else text(name), value))
    return out


def _operation_id(value: Node) -> str | None:
    """`operations["repos/get"]` -> "repos/get"; an inline operation has none."""
    if value.type != "lookup_type" or len(value.named_children) != 2:
        return None
    base, index = value.named_children
    if text(base).split(".")[-1] != "operations":
        return None
    literal = index.named_children[0] if index.type == "literal_type" and \
        index.named_children else index
    return string_value(literal) if literal.type == "string" else None
