"""openapi-typescript's `paths` interface: which documented operation each method + path is.

    export interface paths {
        "/repos/{owner}/{repo}": {
            get: operations["repos/get"];
            put?: never;
            patch: { requestBody: ...; responses: ... };   // an operation without an id
        };
        [path: `/users/${string}`]: { get: ... };   // --path-params-as-types
    }

Read from the syntax (not the converted schema), so it costs one walk of one declaration.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

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
    # --path-params-as-types keys an entry by a template literal (`/users/${string}`): its path
    # item is converted on its own, as this $defs key, and it is found by the path's shape
    item_key: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {"operation_id": self.operation_id, "where": self.where}


# A path parameter as the spec writes it (`{id}`), or as a template literal type (`${string}`)
_SPEC_PARAM = re.compile(r"\{[^}]*\}")


def path_shape(path: str) -> str:
    """`/users/{id}/posts/{postId}` -> `/users/{}/posts/{}`: what a template key matches."""
    return _SPEC_PARAM.sub("{}", path)


@dataclass
class GeneratedPaths:
    """The entries by (METHOD, path), or (METHOD, path shape) for a template key, and the
    template keys' path items still to convert: $defs key -> (declaration, type node)."""

    entries: dict[tuple[str, str], PathOperation] = field(default_factory=dict)
    items: dict[str, tuple[Decl, Node]] = field(default_factory=dict)
    # the same (METHOD, path) in another `paths` declaration (another service's client in
    # the same docs folder), in file order after the one in `entries`
    rivals: dict[tuple[str, str], list[PathOperation]] = field(default_factory=dict)


def generated_paths(decls: dict[str, list[Decl]], operations_of: Callable[[Decl], str | None],
                    container: str = "paths") -> GeneratedPaths:
    """Every `paths` declaration's entries (or `webhooks`', by the webhook's name);
    `operations_of(decl)` is the $defs key of the `operations` declaration its
    `operations["..."]` names (module scoping applies)."""
    out = GeneratedPaths()
    found = out.entries
    for key in sorted(decls):
        for decl in decls[key]:
            if decl.name != decl.namespace + container or decl.kind not in (
                    "interface", "alias"):
                continue
            body = decl.node.child_by_field_name("body" if decl.kind == "interface" else "value")
            if body is None or body.type not in ("interface_body", "object_type"):
                continue
            operations = operations_of(decl)
            for path, methods, shape in _entries(body):
                item_key = f"{key}[{path}]" if shape is not None else None
                if item_key is not None:
                    out.items.setdefault(item_key, (decl, methods))
                for method, value, _ in _entries(methods):
                    if method not in METHODS or value.type == "predefined_type":  # never
                        continue
                    entry = PathOperation(method.upper(), path, _operation_id(value), key,
                                          operations, decl.unit.where(value), item_key)
                    at = (entry.method, shape or entry.path)
                    if found.setdefault(at, entry) is not entry and (
                            found[at].paths_key != key):
                        out.rivals.setdefault(at, []).append(entry)
    return out


def _entries(body: Node) -> list[tuple[str, Node, str | None]]:
    """(name, type node, shape) of each property of an object type or interface body; an
    index signature keyed by a template literal (`[path: `/a/${string}`]`) is one too, named
    as written, with its shape (`/a/{}`); a property has no shape."""
    out: list[tuple[str, Node, str | None]] = []
    for prop in body.named_children:
        if prop.type == "index_signature":
            template = prop.child_by_field_name("index_type")
            annotation = prop.child_by_field_name("type")
            if template is not None and template.type == "template_literal_type" and (
                    annotation is not None and annotation.named_children):
                written = text(template)[1:-1]
                shape = "".join("{}" if part.type == "template_type" else text(part)
                                for part in template.named_children)
                out.append((written, annotation.named_children[-1], shape))
            continue
        name = prop.child_by_field_name("name")
        annotation = prop.child_by_field_name("type")
        if prop.type != "property_signature" or name is None or annotation is None:
            continue
        value = annotation.named_children[-1] if annotation.named_children else None
        if value is not None:
            out.append((string_value(name) if name.type == "string" else text(name), value,
                        None))
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
