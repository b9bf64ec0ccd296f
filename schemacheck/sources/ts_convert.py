"""TypeScript type nodes -> neutral schemas (model.py).

Named declarations become `$defs` entries referenced by `$ref`; generic instantiations and
utility types are expanded inline. Anything that cannot be expressed becomes an unconstrained
schema plus one warning with file:line.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tree_sitter import Node

from schemacheck.diagnostics import Diagnostic
from schemacheck.model import (
    Schema,
    make_nullable,
    merge_objects,
    ref,
    ref_name,
    split_null,
)
from schemacheck.sources.ts_syntax import (
    Decl,
    JsDoc,
    Unit,
    jsdoc_before,
    number_value,
    string_value,
    text,
)

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


@dataclass(frozen=True)
class Ctx:
    unit: Unit
    ns: str
    bindings: tuple[tuple[str, Any], ...] = ()

    def bound(self, name: str) -> Schema | None:
        for key, value in self.bindings:
            if key == name:
                return value
        return None


@dataclass
class Converter:
    decls: dict[str, list[Decl]]
    diagnostics: list[Diagnostic]
    schemas: dict[str, Schema] = field(default_factory=dict)
    _busy: set[str] = field(default_factory=set)
    _instances: dict[str, Schema] = field(default_factory=dict)
    _warned: set[tuple[str, str]] = field(default_factory=set)
    # openapi-typescript's `components.schemas` object: its members are already named types,
    # so converting `components` refers to them instead of converting them a second time.
    _holders: dict[int, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name, decls in self.decls.items():
            member = decls[0]
            # type node <- type_annotation <- property_signature <- the holder object type
            annotation = member.node.parent if member.kind == "member" else None
            signature = annotation.parent if annotation is not None else None
            holder = signature.parent if signature is not None else None
            if holder is not None:
                self._holders.setdefault(holder.id, []).append(name)

    # --- named declarations -------------------------------------------------------------------
    def convert_all(self) -> dict[str, Schema]:
        for name in sorted(self.decls):
            try:
                self.named(name)
            except RecursionError:  # thousands of levels: this type only, not the whole run
                first = self.decls[name][0]
                self._busy.clear()
                self.schemas[name] = {"title": name, "x-source": first.unit.where(first.node)}
                self.diagnostics.append(Diagnostic(
                    "error", f"`{name}` nests too deeply to convert; treated as any",
                    first.unit.where(first.node)))
        return {name: self.schemas[name] for name in sorted(self.schemas)}

    def named(self, name: str) -> Schema:
        if name in self.schemas:
            return self.schemas[name]
        if name in self._busy:
            return {}  # a cycle through extends/utility types: the ref form elsewhere is fine
        self._busy.add(name)
        try:
            decls = self.decls[name]
            schema = self._declaration(decls)
        finally:
            self._busy.discard(name)
        self.schemas[name] = schema
        return schema

    def _declaration(self, decls: list[Decl], args: list[Schema] | None = None) -> Schema:
        first = decls[0]
        bindings = []
        for index, (pname, default) in enumerate(first.params):
            if args is not None and index < len(args):
                bindings.append((pname, args[index]))
            elif default is not None:
                bindings.append((pname, self.type_(default, Ctx(first.unit, first.namespace))))
            else:
                bindings.append((pname, {}))
        parts: list[Schema] = []
        for decl in decls:
            ctx = Ctx(decl.unit, decl.namespace, tuple(bindings))
            parts.append(self._one(decl, ctx))
        schema = dict(parts[0]) if len(parts) == 1 else merge_objects(
            [self.as_object(p) for p in parts])
        schema.pop(OPTIONAL, None)
        meta: Schema = {"title": first.name, "x-source": first.unit.where(first.node)}
        if first.params and args is None:
            meta["x-generic"] = [p for p, _ in first.params]
        return {**schema, **meta, **_doc_keywords(first.doc)}

    def _one(self, decl: Decl, ctx: Ctx) -> Schema:
        node = decl.node
        if decl.kind == "member":
            return self.type_(node, ctx)
        if decl.kind == "alias":
            value = node.child_by_field_name("value")
            return self.type_(value, ctx) if value is not None else {}
        if decl.kind == "enum":
            return self._enum(node)
        if decl.kind == "class":
            return self._class(node, ctx)
        bases: list[Schema] = []
        for child in node.named_children:
            if child.type in ("extends_type_clause", "extends_clause"):
                bases += [self.as_object(self.type_(t, ctx)) for t in child.named_children]
        own = self._members(node.child_by_field_name("body"), ctx)
        return merge_objects([*bases, own]) if bases else own

    def _class(self, node: Node, ctx: Ctx) -> Schema:
        """A class documents its public instance fields, like an interface."""
        bases: list[Schema] = []
        for heritage in (c for c in node.named_children if c.type == "class_heritage"):
            for clause in heritage.named_children:
                if clause.type == "extends_clause" and clause.named_children:
                    bases.append(self.deref(self.type_(clause.named_children[0], ctx)))
        props: dict[str, Schema] = {}
        required: list[str] = []
        body = node.child_by_field_name("body")
        for field_node in body.named_children if body else []:
            if field_node.type != "public_field_definition":
                continue
            modifiers = {c.type for c in field_node.children}
            access = next((text(c) for c in field_node.named_children
                           if c.type == "accessibility_modifier"), "public")
            name_node = field_node.child_by_field_name("name")
            annotation = field_node.child_by_field_name("type")
            if "static" in modifiers or access != "public" or name_node is None:
                continue
            inner = annotation.named_child(0) if annotation is not None else None
            schema = dict(self.type_(inner, ctx)) if inner is not None else {}
            maybe_undefined = schema.pop(OPTIONAL, False)
            schema["x-source"] = ctx.unit.where(field_node)
            props[text(name_node)] = schema
            if "?" not in modifiers and not maybe_undefined:
                required.append(text(name_node))
        own: Schema = {"type": "object", "properties": props}
        if required:
            own["required"] = required
        return merge_objects([*bases, own]) if bases else own

    def _enum(self, node: Node) -> Schema:
        values: list[Any] = []
        counter = 0
        body = node.child_by_field_name("body")
        for member in body.named_children if body else []:
            if member.type == "enum_assignment":
                value = _literal(member.child_by_field_name("value"))
                if isinstance(value, (int, float)):
                    counter = int(value) + 1
            elif member.type == "property_identifier":
                value, counter = counter, counter + 1
            else:
                continue
            values.append(value)
        return _enum_schema(values)

    # --- lookups ------------------------------------------------------------------------------
    def lookup(self, name: str, ctx: Ctx) -> str | None:
        parts = ctx.ns.split(".")[:-1]
        while True:
            candidate = ".".join([*parts, name])
            if candidate in self.decls:
                return candidate
            if not parts:
                return None
            parts.pop()

    def deref(self, schema: Schema) -> Schema:
        seen = 0
        while (name := ref_name(schema)) is not None and name in self.decls and seen < 32:
            schema, seen = self.named(name), seen + 1
        return schema

    def as_object(self, schema: Schema) -> Schema:
        return self.deref(schema)

    def warn(self, ctx: Ctx, node: Node, message: str) -> Schema:
        key = (ctx.unit.where(node), message)
        if key not in self._warned:
            self._warned.add(key)
            self.diagnostics.append(Diagnostic("warning", message, ctx.unit.where(node)))
        return {}

    # --- type nodes -----------------------------------------------------------------------------
    def type_(self, node: Node, ctx: Ctx) -> Schema:
        handler = _HANDLERS.get(node.type)
        if handler is None:
            return self.warn(ctx, node, f"cannot express {node.type.replace('_', ' ')} "
                                        f"`{text(node)[:40]}`; treated as any")
        return handler(self, node, ctx)

    def _members(self, body: Node | None, ctx: Ctx) -> Schema:
        props: dict[str, Schema] = {}
        required: list[str] = []
        out: Schema = {"type": "object"}
        previous: Node | None = None  # siblings are walked anyway: no prev_named_sibling calls
        where = f"{ctx.unit.path}:"
        offset = ctx.unit.line_offset + 1
        for member in body.named_children if body else []:
            before, previous = previous, member
            kind = member.type
            if kind == "property_signature":
                name_node = member.child_by_field_name("name")
                if name_node is None:
                    continue
                name = string_value(name_node) if name_node.type == "string" else text(name_node)
                annotation = member.child_by_field_name("type")
                inner = annotation.named_child(0) if annotation is not None else None
                schema = dict(self.type_(inner, ctx)) if inner is not None else {}
                maybe_undefined = schema.pop(OPTIONAL, False)
                marker = name_node.next_sibling  # `?` follows the name when present
                optional = maybe_undefined or (marker is not None and marker.type == "?")
                if before is not None and before.type == "comment":
                    doc = jsdoc_before(before, member)
                    if doc is not None:
                        schema = {**schema, **_doc_keywords(doc)}
                        if "nullable" in doc.tags:
                            schema = make_nullable(schema)
                schema["x-source"] = where + str(offset + member.start_point[0])
                props[name] = schema
                if not optional:
                    required.append(name)
            elif kind == "index_signature":
                self._index_signature(member, ctx, props, required, out)
        out["properties"] = props
        if required:
            out["required"] = required
        return out

    def _index_signature(self, member: Node, ctx: Ctx, props: dict[str, Schema],
                         required: list[str], out: Schema) -> None:
        annotation = member.child_by_field_name("type")
        value = self.type_(annotation.named_children[0], ctx) if annotation else {}
        value.pop(OPTIONAL, None)
        mapped = next((c for c in member.named_children if c.type == "mapped_type_clause"), None)
        if mapped is None:
            out["additionalProperties"] = value
            return
        key_type = mapped.child_by_field_name("type")
        keys = self.type_(key_type, ctx) if key_type is not None else {}
        for key in keys.get("enum", []):
            props[str(key)] = value
            required.append(str(key))
        if "enum" not in keys:
            out["additionalProperties"] = value

    def instantiate(self, name: str, args: list[Schema], ctx: Ctx, node: Node) -> Schema:
        decls = self.decls[name]
        if not decls[0].params:
            return ref(name)
        key = name + json.dumps(args, sort_keys=True, default=str)
        if key in self._instances:
            return self._instances[key]
        if key in self._busy:
            return self.warn(ctx, node, f"recursive generic `{name}` expanded once; inner level "
                                        "treated as any")
        self._busy.add(key)
        try:
            schema = self._declaration(decls, args)
        finally:
            self._busy.discard(key)
        shown = ", ".join(_title(a) for a in args)
        schema["title"] = f"{name}<{shown}>"
        self._instances[key] = schema
        return schema


def _title(schema: Schema) -> str:
    return str(ref_name(schema) or schema.get("title") or schema.get("type", "any"))


def _doc_keywords(doc: JsDoc | None) -> Schema:
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
        out["examples"] = [_json_or_text(v) for v in doc.tags["example"]]
    if (default := doc.first("default")) is not None:
        out["default"] = _json_or_text(default)
    return out


def _json_or_text(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return value.strip("'")


def _literal(node: Node | None) -> Any:
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
        inner = _literal(node.child_by_field_name("argument"))
        return -inner if isinstance(inner, (int, float)) else None
    return {"true": True, "false": False, "null": None}.get(kind, text(node))


def _enum_schema(values: list[Any]) -> Schema:
    kinds = sorted({"boolean" if isinstance(v, bool) else "string" if isinstance(v, str)
                    else "number" for v in values if v is not None})
    schema: Schema = {"enum": values}
    if len(kinds) == 1:
        schema = {"type": kinds[0], "enum": values}
    return schema


# --- one handler per node type ------------------------------------------------------------------
def _predefined(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    return dict(PREDEFINED.get(text(node), {}))


def _literal_type(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    inner = node.named_children[0].type if node.named_children else ""
    if inner == "null":
        return {"type": "null"}
    if inner == "undefined":
        return {OPTIONAL: True}
    return _enum_schema([_literal(node)])


def _type_identifier(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    name = text(node)
    bound = ctx.bound(name)
    if bound is not None:
        return bound
    found = conv.lookup(name, ctx)
    if found is not None:
        return conv.instantiate(found, [], ctx, node)
    if name in BUILTIN_NAMES:
        return dict(BUILTIN_NAMES[name])
    return conv.warn(ctx, node, f"unknown type `{name}`; treated as any")


def _nested_identifier(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    name = "".join(text(node).split())
    found = conv.lookup(name, ctx)
    if found is not None:
        return conv.instantiate(found, [], ctx, node)
    owner, _, member = name.rpartition(".")
    enum_name = conv.lookup(owner, ctx)
    body = conv.decls[enum_name][0].node.child_by_field_name("body") if enum_name else None
    if enum_name and body is not None and conv.decls[enum_name][0].kind == "enum":
        for item in body.named_children:
            key = item.child_by_field_name("name") if item.type == "enum_assignment" else item
            if key is not None and text(key) == member and item.type == "enum_assignment":
                return _enum_schema([_literal(item.child_by_field_name("value"))])
        return ref(enum_name)
    return conv.warn(ctx, node, f"unknown type `{name}`; treated as any")


def _generic(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    name_node = node.child_by_field_name("name")
    args_node = node.child_by_field_name("type_arguments")
    name = "".join(text(name_node).split()) if name_node else ""
    args = [conv.type_(a, ctx) for a in (args_node.named_children if args_node else [])]
    for arg in args:
        arg.pop(OPTIONAL, None)
    utility = _UTILITIES.get(name)
    found = conv.lookup(name, ctx)
    if found is not None:
        return conv.instantiate(found, args, ctx, node)
    if utility is not None and args:
        return utility(conv, args)
    return conv.warn(ctx, node, f"unknown generic type `{name}`; treated as any")


def _array(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    items = conv.type_(node.named_children[0], ctx)
    items.pop(OPTIONAL, None)
    return {"type": "array", "items": items}


def _tuple(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    items: list[Schema] = []
    minimum = 0
    rest: Schema | bool = False
    for element in node.named_children:
        if element.type == "optional_type":
            items.append(conv.type_(element.named_children[0], ctx))
        elif element.type == "rest_type":
            rest = conv.type_(element.named_children[0], ctx).get("items", {})
        else:
            inner = element.named_children[-1] if element.type == "named_tuple_member" else element
            items.append(conv.type_(inner, ctx))
            minimum = len(items)
    return {"type": "array", "prefixItems": items, "items": rest, "minItems": minimum}


def _union(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    leaves: list[Node] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "union_type":
            stack.extend(reversed(current.named_children))
        elif current.type == "parenthesized_type" and (
                current.named_children[0].type == "union_type"):
            stack.append(current.named_children[0])
        else:
            leaves.append(current)
    nullable = optional = False
    literals: list[Any] = []
    members: list[Schema] = []
    for leaf in leaves:
        schema = conv.type_(leaf, ctx)
        if schema.get("type") == "null" and len(schema) == 1:
            nullable = True
        elif schema.pop(OPTIONAL, False) and not schema:
            optional = True
        elif leaf.type == "literal_type" and "enum" in schema:
            literals.extend(schema["enum"])
        else:
            members.append(schema)
    if literals:
        if set(literals) == {True, False}:
            members.insert(0, {"type": "boolean"})
        else:
            members.insert(0, _enum_schema(literals))
    if not members:
        result: Schema = {}
    elif len(members) == 1:
        result = members[0]
    else:
        result = {"anyOf": members}
    if nullable:
        result = make_nullable(result) if result else {"type": "null"}
    if optional:
        result = {**result, OPTIONAL: True}
    return result


def _intersection(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    parts = [conv.as_object(conv.type_(c, ctx)) for c in node.named_children]
    if all("properties" in p or p.get("type") == "object" for p in parts):
        return merge_objects(parts)
    return {"allOf": parts}


def _object(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    names = conv._holders.get(node.id)
    if names:
        short = [n[len(ctx.ns):] if n.startswith(ctx.ns) else n for n in names]
        return {"type": "object", "properties": {s: ref(n) for s, n in zip(short, names,
                                                                          strict=True)},
                "required": short}
    return conv._members(node, ctx)


def _inner(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    return conv.type_(node.named_children[-1], ctx)


def _lookup(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    keys: list[Node] = []
    base = node
    while base.type == "lookup_type":
        base, key = base.named_children[0], base.named_children[-1]
        keys.insert(0, key)
    names = [_literal(k) if k.type == "literal_type" else text(k) for k in keys]
    if text(base) == "components" and len(names) >= 2 and names[0] == "schemas":
        target = conv.lookup(str(names[1]), ctx)
        if target is not None:
            schema: Schema = ref(target)
            names = names[2:]
        else:
            return conv.warn(ctx, node, f"unknown schema `{names[1]}` in components")
    else:
        schema = conv.type_(base, ctx)
    for name in names:
        resolved = conv.deref(schema)
        if name == "number" and "items" in resolved:
            schema = resolved["items"]
        elif name in resolved.get("properties", {}):
            schema = resolved["properties"][name]
        else:
            return conv.warn(ctx, node, f"cannot resolve `{text(node)[:60]}`; treated as any")
    return dict(schema)


def _keyof(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    target = conv.deref(conv.type_(node.named_children[-1], ctx))
    return _enum_schema(list(target.get("properties", {}))) if "properties" in target else {
        "type": "string"}


def _template(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    return {"type": "string"}


_HANDLERS: dict[str, Callable[[Converter, Node, Ctx], Schema]] = {
    "predefined_type": _predefined,
    "literal_type": _literal_type,
    "type_identifier": _type_identifier,
    "identifier": _type_identifier,
    "nested_type_identifier": _nested_identifier,
    "generic_type": _generic,
    "array_type": _array,
    "tuple_type": _tuple,
    "union_type": _union,
    "intersection_type": _intersection,
    "object_type": _object,
    "parenthesized_type": _inner,
    "readonly_type": _inner,
    "lookup_type": _lookup,
    "index_type_query": _keyof,
    "template_literal_type": _template,
    "this_type": lambda conv, node, ctx: {},
}


# --- utility types, on already-converted arguments -------------------------------------------
def _props_map(conv: Converter, arg: Schema, change: Callable[[Schema], Schema]) -> Schema:
    target = {k: v for k, v in conv.deref(arg).items() if k not in ("title", "x-source")}
    return change(target)


def _partial(conv: Converter, args: list[Schema]) -> Schema:
    return _props_map(conv, args[0], lambda s: {k: v for k, v in s.items() if k != "required"})


def _required(conv: Converter, args: list[Schema]) -> Schema:
    return _props_map(conv, args[0], lambda s: dict(s, required=list(s.get("properties", {}))))


def _pick(conv: Converter, args: list[Schema], keep: bool = True) -> Schema:
    keys = set(args[1].get("enum", [])) if len(args) > 1 else set()
    target = conv.deref(args[0])
    props = {k: v for k, v in target.get("properties", {}).items() if (k in keys) == keep}
    out = {k: v for k, v in target.items() if k not in ("properties", "required", "title")}
    out["properties"] = props
    required = [k for k in target.get("required", []) if k in props]
    if required:
        out["required"] = required
    return out


def _non_nullable(conv: Converter, args: list[Schema]) -> Schema:
    return split_null(args[0])[0]


def _record(conv: Converter, args: list[Schema]) -> Schema:
    keys, value = args[0], args[1] if len(args) > 1 else {}
    if "enum" in keys:
        names = [str(k) for k in keys["enum"]]
        return {"type": "object", "properties": {k: value for k in names}, "required": names}
    return {"type": "object", "additionalProperties": value}


def _exclude(conv: Converter, args: list[Schema], keep: bool = False) -> Schema:
    values = conv.deref(args[0]).get("enum")
    removed = conv.deref(args[1]).get("enum", []) if len(args) > 1 else []
    if values is None:
        return args[0]
    return _enum_schema([v for v in values if (v in removed) == keep])


_UTILITIES: dict[str, Callable[[Converter, list[Schema]], Schema]] = {
    "Exclude": _exclude,
    "Extract": lambda c, a: _exclude(c, a, keep=True),
    "Array": lambda c, a: {"type": "array", "items": a[0]},
    "ReadonlyArray": lambda c, a: {"type": "array", "items": a[0]},
    "Set": lambda c, a: {"type": "array", "items": a[0], "uniqueItems": True},
    "Map": lambda c, a: {"type": "object", "additionalProperties": a[-1]},
    "Promise": lambda c, a: a[0],
    "Readonly": lambda c, a: a[0],
    "Partial": _partial,
    "Required": _required,
    "Pick": _pick,
    "Omit": lambda c, a: _pick(c, a, keep=False),
    "NonNullable": _non_nullable,
    "Record": _record,
}

