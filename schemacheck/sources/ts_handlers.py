"""One handler per TypeScript type node, and the utility types (Partial, Pick, Record, ...)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, Protocol

from tree_sitter import Node

from schemacheck.model import (
    Schema,
    json_type,
    make_nullable,
    ref,
    ref_name,
    split_null,
    type_names,
)
from schemacheck.sources.intersect import intersect
from schemacheck.sources.ts_syntax import Decl, string_value, text
from schemacheck.sources.ts_values import (
    BUILTIN_NAMES,
    OPTIONAL,
    PREDEFINED,
    enum_schema,
    literal_union,
    literal_value,
)

# The converter (ts_convert.py) calls these handlers and they only call back into it: what
# they need of it is this Protocol, so the two modules do not import each other. The context
# is the converter's own, passed through untouched apart from `ns` and `bound`.
Ctx = Any


class Converter(Protocol):
    decls: dict[str, list[Decl]]
    explained: set[int]
    holders: dict[int, list[str]]
    literal_types: dict[bytes, Schema]  # by the literal's text
    literal_keys: dict[tuple[bool, bytes], Any]  # lookup keys by (literal?, text)
    markers: dict[str, str | None]  # marker_of, by declaration

    def lookup(self, name: str, ctx: Ctx, node: Node | None = None) -> str | None: ...
    def instantiate(self, name: str, args: list[Schema], ctx: Ctx, node: Node) -> Schema: ...
    def warn(self, ctx: Ctx, node: Node, message: str) -> Schema: ...
    def type_(self, node: Node, ctx: Ctx) -> Schema: ...
    def deref(self, schema: Schema) -> Schema: ...
    def members(self, body: Node | None, ctx: Ctx) -> Schema: ...
    def value_of(self, name: str, node: Node, ctx: Ctx) -> Schema: ...
    def converting(self, name: str) -> bool: ...

def _predefined(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    return dict(_PREDEFINED_BY_TEXT.get(ctx.unit.raw(node), {}))


_PREDEFINED_BY_TEXT = {name.encode(): schema for name, schema in PREDEFINED.items()}


def _literal_type(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    # A literal means what its text says, and generated types repeat the same few thousand
    # texts: each is read once per run, and every use gets its own copy to change.
    raw = ctx.unit.raw(node)
    schema = conv.literal_types.get(raw)
    if schema is None:
        schema = conv.literal_types[raw] = _literal_schema(node)
    fresh = dict(schema)
    if "enum" in fresh:
        fresh["enum"] = list(fresh["enum"])
    return fresh


def _literal_schema(node: Node) -> Schema:
    inner = node.named_children[0].type if node.named_children else ""
    if inner == "null":
        return {"type": "null"}
    if inner == "undefined":
        return {OPTIONAL: True}
    return enum_schema([literal_value(node)])


def _key(conv: Converter, node: Node, ctx: Ctx) -> Any:
    """A lookup's key: `T["name"]` -> "name" (read once per text, like literal types)."""
    literal = node.type == "literal_type"
    key = (literal, ctx.unit.raw(node))
    if key not in conv.literal_keys:
        conv.literal_keys[key] = literal_value(node) if literal else text(node)
    return conv.literal_keys[key]


def _type_identifier(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    name = ctx.unit.text(node)
    bound = ctx.bound(name)
    if bound is not None:
        return bound
    found = conv.lookup(name, ctx, node)
    if found is not None:
        return conv.instantiate(found, [], ctx, node)
    if name in BUILTIN_NAMES:
        return dict(BUILTIN_NAMES[name])
    if node.id in conv.explained:
        return {}
    return conv.warn(ctx, node, f"unknown type `{name}`; treated as any")


def _nested_identifier(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    name = "".join(text(node).split())
    found = conv.lookup(name, ctx, node)
    if found is not None:
        return conv.instantiate(found, [], ctx, node)
    owner, _, member = name.rpartition(".")
    enum_name = conv.lookup(owner, ctx)
    body = conv.decls[enum_name][0].node.child_by_field_name("body") if enum_name else None
    if enum_name and body is not None and conv.decls[enum_name][0].kind == "enum":
        for item in body.named_children:
            key = item.child_by_field_name("name") if item.type == "enum_assignment" else item
            if key is not None and text(key) == member and item.type == "enum_assignment":
                return enum_schema([literal_value(item.child_by_field_name("value"))])
        return ref(enum_name)
    if node.id in conv.explained:
        return {}
    return conv.warn(ctx, node, f"unknown type `{name}`; treated as any")


def _generic(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    name_node = node.child_by_field_name("name")
    args_node = node.child_by_field_name("type_arguments")
    name = "".join(text(name_node).split()) if name_node else ""
    args = [conv.type_(a, ctx) for a in (args_node.named_children if args_node else [])]
    for arg in args:
        arg.pop(OPTIONAL, None)
    utility = UTILITIES.get(name)
    found = conv.lookup(name, ctx, name_node)
    if found is not None:
        keyword = marker_of(conv, found)
        if keyword is not None and len(args) == 1:
            return {**args[0], keyword: True}
        return conv.instantiate(found, args, ctx, node)
    if utility is not None and args:
        return utility(conv, args)
    if name_node is not None and name_node.id in conv.explained:
        return {}
    return conv.warn(ctx, node, f"unknown generic type `{name}`; treated as any")


# openapi-typescript --read-write-markers: `type $Read<T> = { readonly $read: T }`, written
# around a readOnly property's type (`id: $Read<string>`), `$Write<T>` around a writeOnly's
MARKER_KEYS = {"$read": "readOnly", "$write": "writeOnly"}


def marker_of(conv: Converter, key: str) -> str | None:
    """The keyword (`readOnly`, `writeOnly`) a generic alias of one parameter marks its
    argument with, when its value is one readonly `$read` (`$write`) property of that
    parameter's type; None for any other declaration."""
    if key in conv.markers:
        return conv.markers[key]
    found: str | None = None
    decl = conv.decls[key][0]
    value = decl.node.child_by_field_name("value") if decl.kind == "alias" else None
    if len(decl.params) == 1 and value is not None and value.type == "object_type":
        members = value.named_children
        prop = members[0] if len(members) == 1 else None
        name = prop.child_by_field_name("name") if prop is not None else None
        annotation = prop.child_by_field_name("type") if prop is not None else None
        inner = annotation.named_children[-1] if annotation is not None and (
            annotation.named_children) else None
        if prop is not None and prop.type == "property_signature" and name is not None and (
                text(name) in MARKER_KEYS and inner is not None and text(inner) == (
                    decl.params[0][0]) and any(c.type == "readonly" for c in prop.children)):
            found = MARKER_KEYS[text(name)]
    conv.markers[key] = found
    return found


def _array(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    items = conv.type_(node.named_children[0], ctx)
    items.pop(OPTIONAL, None)
    return {"type": "array", "items": items}


def _tuple(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    """`[string, number?, ...boolean[]]`, also with labels: prefixItems, the rest as items."""
    items: list[Schema] = []
    minimum = 0
    rest: Schema | bool = False
    for element in node.named_children:
        kind = element.type
        if kind in ("required_parameter", "optional_parameter"):  # `[a: string, b?: number]`
            name = element.child_by_field_name("name")
            annotation = element.child_by_field_name("type")
            inner = annotation.named_children[-1] if annotation and annotation.named_children \
                else None
            schema = conv.type_(inner, ctx) if inner is not None else {}
            if name is not None and name.type == "rest_pattern":
                rest = schema.get("items", {})
                continue
            kind = "optional_type" if kind == "optional_parameter" else "plain"
        elif kind in ("optional_type", "rest_type"):
            schema = conv.type_(element.named_children[0], ctx)
        else:
            schema = conv.type_(element, ctx)
        schema.pop(OPTIONAL, None)
        if kind == "rest_type":
            rest = schema.get("items", {})
            continue
        items.append(schema)
        if kind != "optional_type":
            minimum = len(items)
    return {"type": "array", "prefixItems": items, "items": rest, "minItems": minimum}


def _union(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    leaves: list[tuple[Node, str]] = []  # each with its node type, asked once
    stack = [node]
    while stack:
        current = stack.pop()
        kind = current.type
        if kind == "union_type":
            stack.extend(reversed(current.named_children))
        elif kind == "parenthesized_type" and (
                (inner := current.named_children[0]).type == "union_type"):
            stack.append(inner)
        else:
            leaves.append((current, kind))
    nullable = optional = False
    literals: list[Any] = []
    members: list[Schema] = []
    for leaf, kind in leaves:
        schema = conv.type_(leaf, ctx)
        if "$ref" in schema and ref_name(schema) and split_null(conv.deref(schema))[1]:
            nullable = True  # `MaybeUser | string`: null flows in through the alias
        if schema.get("type") == "null" and len(schema) == 1:
            nullable = True
        elif schema.pop(OPTIONAL, False) and not schema:
            optional = True
        elif kind == "literal_type" and "enum" in schema:
            literals.extend(schema["enum"])
        else:
            members.append(schema)
    if literals:
        if set(literals) == {True, False}:
            members.insert(0, {"type": "boolean"})
        else:
            members.insert(0, enum_schema(literals))
    if not members:
        result: Schema = {}
    elif len(members) == 1:
        result = members[0]
    else:
        result = {"anyOf": members}
    if nullable and len(members) > 1:
        result = {"anyOf": [*members, {"type": "null"}]}  # one flat union
    elif nullable:
        result = make_nullable(result) if result else {"type": "null"}
    if optional:
        result = {**result, OPTIONAL: True}
    return result


def _intersection(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    parts = [conv.type_(c, ctx) for c in node.named_children]
    for part in parts:
        part.pop(OPTIONAL, None)
    return intersect(parts, conv.deref)


def _object(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    names = conv.holders.get(node.id)
    if names:
        declared = [conv.decls[n][0].name for n in names]
        short = [n[len(ctx.ns):] if n.startswith(ctx.ns) else n for n in declared]
        return {"type": "object", "properties": {s: ref(n) for s, n in zip(short, names,
                                                                          strict=True)},
                "required": short}
    return conv.members(node, ctx)


def _inner(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    return conv.type_(node.named_children[-1], ctx)


def _lookup(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    keys: list[Node] = []
    base = node
    while base.type == "lookup_type":
        children = base.named_children
        base, key = children[0], children[-1]
        keys.insert(0, key)
    names = [_key(conv, k, ctx) for k in keys]
    written = ctx.unit.raw(base)
    schemas = 2 if written == b"components" and len(names) >= 2 and names[0] == "schemas" \
        else 1 if written == b"definitions" and names else 0  # openapi-typescript 5, 2.0
    if schemas:
        target = conv.lookup(str(names[schemas - 1]), ctx)
        if target is not None:
            schema: Schema = ref(target)
            names = names[schemas:]
        else:
            return conv.warn(ctx, node, f"unknown schema `{names[schemas - 1]}` in "
                             f"{text(base)}")
    elif (written := _written_member(conv, base, names, ctx)) is not None:
        return written
    else:
        schema = conv.type_(base, ctx)
    for name, key in zip(names, keys[len(keys) - len(names):], strict=True):
        resolved = conv.deref(schema)
        properties = resolved.get("properties", {})
        if name == "number" and "items" in resolved:
            schema = resolved["items"]
        elif name in properties:
            schema = properties[name]
        elif (several := _keys_of(conv, key, ctx)) and all(k in properties for k in several):
            # `T[keyof T]`, `T["a" | "b"]`: the union of those members (hey-api's XResponse)
            schema = literal_union([properties[k] for k in dict.fromkeys(several)])
        else:
            return conv.warn(ctx, node, f"cannot resolve `{text(node)[:60]}`; treated as any")
    return dict(schema)


def _written_member(conv: Converter, base: Node, names: list[Any], ctx: Ctx) -> Schema | None:
    """`T["a"]["b"]` written inside T's own declaration (openapi-typescript's
    `components["headers"]["X"]` in `components.responses`): T is being converted, so its
    schema is not there yet; the member is found in T's syntax and converted on its own."""
    if base.type != "type_identifier":
        return None
    key = conv.lookup(text(base), ctx)
    if key is None or not conv.converting(key):
        return None
    decl = conv.decls[key][0]
    holder = decl.node.child_by_field_name("value" if decl.kind == "alias" else "body")
    for name in names:
        if holder is None or holder.type not in ("object_type", "interface_body"):
            return None
        holder = next((_annotated(member) for member in holder.named_children
                       if member.type == "property_signature"
                       and _property_key(member) == name), None)
    if holder is None or _within(base, holder):
        return None  # `T["a"]` inside T["a"] itself: a cycle, not a member to read
    return conv.type_(holder, replace(ctx, unit=decl.unit, ns=decl.namespace,
                                      scope=decl.scope, bindings=(), alias=None,
                                      alias_refs=frozenset()))


def _within(node: Node, ancestor: Node) -> bool:
    current: Node | None = node
    while current is not None:
        if current.id == ancestor.id:
            return True
        current = current.parent
    return False


def _property_key(member: Node) -> str | None:
    name = member.child_by_field_name("name")
    return None if name is None else string_value(name) if name.type == "string" else text(name)


def _annotated(member: Node) -> Node | None:
    annotation = member.child_by_field_name("type")
    return annotation.named_children[0] if annotation and annotation.named_children else None


def _keys_of(conv: Converter, key: Node, ctx: Ctx) -> list[str]:
    """The property names an index type stands for: `keyof T` or a union of string literals."""
    if key.type not in ("index_type_query", "union_type", "type_identifier"):
        return []
    values = conv.deref(conv.type_(key, ctx)).get("enum")
    return [v for v in values if isinstance(v, str)] if isinstance(values, list) else []


def _keyof(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    target = conv.deref(conv.type_(node.named_children[-1], ctx))
    return enum_schema(list(target.get("properties", {}))) if "properties" in target else {
        "type": "string"}


def _type_query(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    """`typeof X`: the type of the value X (ts_consts.py); of anything else, any."""
    target = node.named_children[0] if node.named_children else None
    if target is None or target.type != "identifier":
        return conv.warn(ctx, node, f"cannot express type query `{text(node)[:40]}`; "
                                    "treated as any")
    return conv.value_of(text(target), target, ctx)


def _template(conv: Converter, node: Node, ctx: Ctx) -> Schema:
    return {"type": "string"}


HANDLERS: dict[str, Callable[[Converter, Node, Ctx], Schema]] = {
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
    "type_query": _type_query,
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
    keys = set(conv.deref(args[1]).get("enum", [])) if len(args) > 1 else set()
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
    keys, value = conv.deref(args[0]), args[1] if len(args) > 1 else {}
    if "enum" in keys:
        names = [str(k) for k in keys["enum"]]
        return {"type": "object", "properties": {k: value for k in names}, "required": names}
    return {"type": "object", "additionalProperties": value}


def _exclude(conv: Converter, args: list[Schema], keep: bool = False) -> Schema:
    """`Exclude<T, U>` (or `Extract`, `keep`): T's literals less (only) those U admits, where
    U is literals (`"a" | "b"`) or a type (`Extract<"a" | 1, string>` is `"a"`)."""
    values = conv.deref(args[0]).get("enum")
    if values is None:
        return args[0]
    other = conv.deref(args[1]) if len(args) > 1 else {"enum": []}
    return enum_schema([v for v in values if _admits(conv, other, v) == keep])


def _admits(conv: Converter, schema: Schema, value: Any) -> bool:
    """Whether a literal is of the type `schema` (a union, literals, a primitive or any)."""
    members = schema.get("anyOf")
    if isinstance(members, list):
        return any(_admits(conv, conv.deref(m), value) for m in members)
    if "enum" in schema:  # `True == 1` in Python: compare the JSON types too
        return any(type(v) is type(value) and v == value for v in schema["enum"])
    kinds = type_names(schema)
    if not kinds:
        return True  # any / unknown admits every value
    kind = json_type(value)
    return kind in kinds or (kind == "integer" and "number" in kinds)


UTILITIES: dict[str, Callable[[Converter, list[Schema]], Schema]] = {
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
