"""TypeScript declarations -> neutral schemas (model.py).

Named declarations become `$defs` entries referenced by `$ref`; generic instantiations and
utility types are expanded inline (node handlers: ts_handlers.py). Anything that cannot be
expressed becomes an unconstrained schema plus one warning with file:line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

from tree_sitter import Node

from schemacheck.diagnostics import Diagnostic
from schemacheck.model import Schema, make_nullable, merge_objects, ref, ref_name
from schemacheck.sources.ts_consts import VALUE_PREFIX, value_schema
from schemacheck.sources.ts_handlers import HANDLERS
from schemacheck.sources.ts_scope import Resolver
from schemacheck.sources.ts_split import convert_split
from schemacheck.sources.ts_syntax import (
    Decl,
    JsDoc,
    Unit,
    parse_jsdoc,
    string_value,
    text,
)
from schemacheck.sources.ts_values import (
    OPTIONAL,
    doc_keywords,
    enum_schema,
    literal_value,
    schema_title,
)


@dataclass(frozen=True)
class Ctx:
    unit: Unit
    ns: str
    bindings: tuple[tuple[str, Any], ...] = ()
    scope: str = ""  # the module scope names resolve in
    # An alias never means itself: names standing at the top of the alias's own value (not
    # inside an object or array, where recursion is legitimate) skip its declaration.
    alias: str | None = None
    alias_refs: frozenset[int] = frozenset()

    def bound(self, name: str) -> Schema | None:
        for key, value in self.bindings:
            if key == name:
                return value
        return None


@dataclass
class Converter:
    decls: dict[str, list[Decl]]  # by $defs key
    diagnostics: list[Diagnostic]
    resolver: Resolver
    schemas: dict[str, Schema] = field(default_factory=dict)
    _busy: set[str] = field(default_factory=set)
    _instances: dict[str, Schema] = field(default_factory=dict)
    _warned: set[tuple[str, str]] = field(default_factory=set)
    explained: set[int] = field(default_factory=set)  # names whose failed lookup was warned
    # openapi-typescript's `components.schemas` object: its members are already named types,
    # so converting `components` refers to them instead of converting them a second time.
    holders: dict[int, list[str]] = field(default_factory=dict)
    _jsdocs: dict[bytes, tuple[JsDoc | None, Schema | None]] = field(default_factory=dict)
    literal_types: dict[bytes, Schema] = field(default_factory=dict)  # ts_handlers.py's caches
    literal_keys: dict[tuple[bool, bytes], Any] = field(default_factory=dict)
    markers: dict[str, str | None] = field(default_factory=dict)  # ts_handlers.marker_of
    # Set when a result depended on the order declarations were converted in (a cycle cut
    # where conversion entered it): such input is converted one by one, in sorted order.
    order_dependent: bool = False

    def __post_init__(self) -> None:
        for name, decls in self.decls.items():
            member = decls[0]
            # type node <- type_annotation <- property_signature <- the holder object type
            annotation = member.node.parent if member.kind == "member" else None
            signature = annotation.parent if annotation is not None else None
            holder = signature.parent if signature is not None else None
            if holder is not None:
                self.holders.setdefault(holder.id, []).append(name)

    # --- named declarations -------------------------------------------------------------------
    def convert_all(self) -> dict[str, Schema]:
        """Every declaration converted: on two cores for a large input (ts_split.py), with the
        same result as one by one. Conversion warnings come in file order, however made."""
        start = len(self.diagnostics)
        # values are converted only where `typeof` names them (example code has many)
        names = sorted(n for n, found in self.decls.items() if found[0].kind != "const")
        if not convert_split(self, names):
            self.convert_names(names)
        self.diagnostics[start:] = sorted(self.diagnostics[start:], key=_file_order)
        self._alias_cycles()
        return {name: self.schemas[name] for name in sorted(self.schemas)}

    def convert_names(self, names: list[str]) -> None:
        for name in names:
            try:
                self.named(name)
            except RecursionError:  # thousands of levels: this type only, not the whole run
                self.order_dependent = True
                first = self.decls[name][0]
                self._busy.clear()
                self.schemas[name] = {"title": name, "x-source": first.unit.where(first.node)}
                self.diagnostics.append(Diagnostic(
                    "error", f"`{name}` nests too deeply to convert; treated as any",
                    first.unit.where(first.node)))

    def _alias_cycles(self) -> None:
        """Aliases that only refer to each other (`type Id = Id` across files) mean nothing:
        any, with a warning, rather than a reference loop."""
        cycles: list[tuple[str, list[str]]] = []
        for name in sorted(self.schemas):
            seen = [name]
            target = ref_name(self.schemas[name])
            while target is not None and target in self.schemas and target not in seen:
                seen.append(target)
                target = ref_name(self.schemas[target])
            if target == name:
                cycles.append((name, seen))
        for name, seen in cycles:
            first = self.decls[name][0]
            self.schemas[name] = {"title": first.name, "x-source": first.unit.where(first.node)}
            self.diagnostics.append(Diagnostic(
                "warning", f"`{first.name}` only refers to itself (through "
                f"{' -> '.join(seen)}); treated as any", first.unit.where(first.node)))

    def converting(self, name: str) -> bool:
        """Whether `name` is being converted (a use of it now stands inside its own value)."""
        return name in self._busy

    def named(self, name: str) -> Schema:
        if name in self.schemas:
            return self.schemas[name]
        if name in self._busy:
            # a cycle through extends/utility types: the ref form elsewhere is fine (which
            # member of the cycle is cut depends on where conversion entered it)
            self.order_dependent = True
            return {}
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
            elif default is not None:  # a default may name earlier parameters (`A = X`)
                bindings.append((pname, self.type_(default, Ctx(
                    first.unit, first.namespace, tuple(bindings), first.scope))))
            else:
                bindings.append((pname, {}))
        parts: list[Schema] = []
        merged: set[str] = set()  # named types merged in whole (`A & B`, `extends A`)
        for decl in decls:
            ctx = Ctx(decl.unit, decl.namespace, tuple(bindings), decl.scope)
            if decl.kind == "alias":
                ctx = replace(ctx, alias=decl.key, alias_refs=_top_names(
                    decl.node.child_by_field_name("value")))
            parts.append(self._one(decl, ctx))
            merged |= {key for key in (self.lookup(text(n), ctx) for n in _merged_names(
                decl)) if key is not None and key != decl.key}
        schema = dict(parts[0]) if len(parts) == 1 else merge_objects(
            [self.deref(p) for p in parts])
        schema.pop(OPTIONAL, None)
        meta: Schema = {"title": first.name, "x-source": first.unit.where(first.node)}
        if first.params and args is None:
            meta["x-generic"] = [p for p, _ in first.params]
        if merged and args is None:
            meta[MERGED] = sorted(merged)  # the loader moves it to DocSet.merged
        return {**schema, **meta, **doc_keywords(first.doc)}

    def _one(self, decl: Decl, ctx: Ctx) -> Schema:
        node = decl.node
        if decl.kind == "member":
            return self.type_(node, ctx)
        if decl.kind == "alias":
            value = node.child_by_field_name("value")
            return self.type_(value, ctx) if value is not None else {}
        if decl.kind == "enum":
            return self._enum(node)
        if decl.kind == "const":
            annotation = node.child_by_field_name("type")
            value = node.child_by_field_name("value")
            if annotation is not None and annotation.named_children:  # `const x: T`
                return self.type_(annotation.named_children[0], ctx)
            return value_schema(self, value, ctx) if value is not None else {}
        if decl.kind == "class":
            return self._class(node, ctx)
        if decl.kind == "arguments":
            return self._arguments(decl, ctx)
        bases: list[Schema] = []
        for child in node.named_children:
            if child.type in ("extends_type_clause", "extends_clause"):
                bases += [self.deref(self.type_(t, ctx)) for t in child.named_children]
        own = self.members(node.child_by_field_name("body"), ctx)
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

    def _arguments(self, decl: Decl, ctx: Ctx) -> Schema:
        """Some of a method's arguments as one object (openapi-typescript-codegen's query:
        `listOrders(status?: Status, limit: number = 20)` sent as `query: {'status': status,
        'limit': limit}`): an argument with `?` or a default may be left out."""
        found: dict[str, Node] = {}
        for node in decl.node.named_children:
            pattern = node.child_by_field_name("pattern")
            if pattern is not None:
                found[text(pattern)] = node
        props: dict[str, Schema] = {}
        required: list[str] = []
        for field_name, argument in decl.picked:
            if argument not in found:
                continue
            param = found[argument]
            annotation = param.child_by_field_name("type")
            inner = annotation.named_child(0) if annotation is not None else None
            schema = dict(self.type_(inner, ctx)) if inner is not None else {}
            maybe_undefined = schema.pop(OPTIONAL, False)
            schema["x-source"] = ctx.unit.where(param)
            props[field_name] = schema
            if param.type == "required_parameter" and param.child_by_field_name(
                    "value") is None and not maybe_undefined:
                required.append(field_name)
        own: Schema = {"type": "object", "properties": props}
        if required:
            own["required"] = required
        return own

    def _enum(self, node: Node) -> Schema:
        values: list[Any] = []
        counter = 0
        body = node.child_by_field_name("body")
        for member in body.named_children if body else []:
            if member.type == "enum_assignment":
                value = literal_value(member.child_by_field_name("value"))
                if isinstance(value, (int, float)):
                    counter = int(value) + 1
            elif member.type == "property_identifier":
                value, counter = counter, counter + 1
            else:
                continue
            values.append(value)
        return enum_schema(values)

    def value_of(self, name: str, node: Node, ctx: Ctx) -> Schema:
        """The type of the value `name` (`typeof name`), inline: a value is no named type."""
        key = self.lookup(VALUE_PREFIX + name, ctx, node)
        if key is None:
            if node.id in self.explained:  # the lookup said why
                return {}
            return self.warn(ctx, node, f"unknown value `{name}` in `typeof {name}`; "
                                        "treated as any")
        schema = dict(self.named(key))
        schema.pop("title", None)
        return schema

    # --- lookups ------------------------------------------------------------------------------
    def lookup(self, name: str, ctx: Ctx, node: Node | None = None) -> str | None:
        """The $defs key `name` means where `node` writes it (ts_scope.py's rules); a name
        that is ambiguous or imported from nowhere is warned about there."""
        parts = ctx.ns.split(".")[:-1]
        candidates = []
        while True:
            candidates.append(".".join([*parts, name]))
            if not parts:
                break
            parts.pop()
        exclude = ctx.alias if node is not None and node.id in ctx.alias_refs else None
        found = self.resolver.resolve(ctx.scope, candidates, exclude)
        if found.problem is not None and node is not None:
            suffix = "; treated as any" if found.key is None else ""
            self.warn(ctx, node, found.problem + suffix)
            if found.key is None:
                self.explained.add(node.id)
        if found.key is None and exclude is not None and self.decls[exclude][0].name in candidates:
            self.warn(ctx, node or ctx.unit.root, f"`{name}` refers to itself and to no other "
                      "declaration; treated as any")
            if node is not None:
                self.explained.add(node.id)
        return found.key

    def deref(self, schema: Schema) -> Schema:
        seen = 0
        while (name := ref_name(schema)) is not None and name in self.decls and seen < 32:
            schema, seen = self.named(name), seen + 1
        return schema


    def warn(self, ctx: Ctx, node: Node, message: str) -> Schema:
        key = (ctx.unit.where(node), message)
        if key not in self._warned:
            self._warned.add(key)
            self.diagnostics.append(Diagnostic("warning", message, ctx.unit.where(node)))
        return {}

    # --- type nodes -----------------------------------------------------------------------------
    def type_(self, node: Node, ctx: Ctx) -> Schema:
        handler = HANDLERS.get(node.type)
        if handler is None:
            return self.warn(ctx, node, f"cannot express {node.type.replace('_', ' ')} "
                                        f"`{text(node)[:40]}`; treated as any")
        return handler(self, node, ctx)

    def members(self, body: Node | None, ctx: Ctx) -> Schema:
        props: dict[str, Schema] = {}
        required: list[str] = []
        out: Schema = {"type": "object"}
        # siblings are walked anyway: no prev_named_sibling calls (nor asking a type twice)
        previous: Node | None = None
        previous_kind = ""
        where = f"{ctx.unit.path}:"
        offset = ctx.unit.line_offset + 1
        for member in body.named_children if body else []:
            kind = member.type
            before, before_kind, previous, previous_kind = previous, previous_kind, member, kind
            if kind == "property_signature":
                name_node = member.child_by_field_name("name")
                if name_node is None:
                    continue
                name = string_value(name_node) if name_node.type == "string" else (
                    ctx.unit.text(name_node))
                annotation = member.child_by_field_name("type")
                inner = annotation.named_child(0) if annotation is not None else None
                schema = dict(self.type_(inner, ctx)) if inner is not None else {}
                maybe_undefined = schema.pop(OPTIONAL, False)
                optional = maybe_undefined or _marked_optional(ctx.unit, member, name_node,
                                                               annotation)
                row = member.start_point[0]
                if before_kind == "comment" and before is not None and (
                        before.end_point[0] >= row - 1):
                    doc, keywords = self._jsdoc(ctx.unit.raw(before))
                    if doc is not None:
                        schema.update(keywords if keywords is not None else doc_keywords(doc))
                        if "nullable" in doc.tags:
                            schema = make_nullable(schema)
                schema["x-source"] = where + str(offset + row)
                props[name] = schema
                if not optional:
                    required.append(name)
            elif kind == "index_signature":
                self._index_signature(member, ctx, props, required, out)
        out["properties"] = props
        if required:
            out["required"] = required
        return out

    def _jsdoc(self, raw: bytes) -> tuple[JsDoc | None, Schema | None]:
        """The comment (its bytes) parsed as JSDoc, once per distinct text: generated types
        repeat the same few comments thousands of times (a JsDoc is never changed once made).
        With it its schema keywords, when they hold only plain values and so can be shared;
        lists and objects (examples, defaults) are made anew for every use."""
        try:
            return self._jsdocs[raw]
        except KeyError:
            doc = parse_jsdoc(raw.decode("utf-8", "replace"))
            keywords = doc_keywords(doc) if doc is not None else None
            if keywords is not None and not all(
                    isinstance(v, (str, bool, int, float)) for v in keywords.values()):
                keywords = None
            found = self._jsdocs[raw] = (doc, keywords)
            return found

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
        keys = self.deref(self.type_(key_type, ctx)) if key_type is not None else {}
        optional = annotation is not None and annotation.type == "opting_type_annotation"
        for key in keys.get("enum", []):
            props[str(key)] = value
            if not optional:
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
            self.order_dependent = True  # the level cut depends on where expansion entered
            return self.warn(ctx, node, f"recursive generic `{name}` expanded once; inner level "
                                        "treated as any")
        self._busy.add(key)
        try:
            schema = self._declaration(decls, args)
        finally:
            self._busy.discard(key)
        shown = ", ".join(schema_title(a) for a in args)
        schema["title"] = f"{decls[0].name}<{shown}>"
        self._instances[key] = schema
        return schema


def _marked_optional(unit: Unit, member: Node, name: Node, annotation: Node | None) -> bool:
    """Whether `?` follows a member's name: the bytes between the name and its type are
    `?` or nothing (asking tree-sitter for the name's next sibling walks from the parent, a
    twentieth of the conversion on GitHub's types); where a comment stands between them,
    the sibling is asked."""
    if annotation is not None and member.child_count <= 2:
        return False  # `name: T` alone has just those two children
    end = annotation.start_byte if annotation is not None else member.end_byte
    between = unit.source[name.end_byte:end] if unit.source else b"/"
    if b"/" not in between:
        return between.strip().startswith(b"?")
    marker = name.next_sibling
    return marker is not None and marker.type == "?"


def _file_order(diag: Diagnostic) -> tuple[str, int, str]:
    path, _, line = diag.where.rpartition(":")
    return (path, int(line), diag.message) if line.isdigit() else (diag.where, 0, diag.message)


MERGED = "x-merged"


def _merged_names(decl: Decl) -> list[Node]:
    """The names a declaration merges in whole: the members of its alias's top-level
    intersection (`type Order = OrderBase & OrderAllOf`, through parentheses) and the types
    an interface extends."""
    if decl.kind == "interface":
        return [t for c in decl.node.named_children if c.type in (
            "extends_type_clause", "extends_clause") for t in c.named_children
            if t.type == "type_identifier"]
    value = decl.node.child_by_field_name("value") if decl.kind == "alias" else None
    while value is not None and value.type == "parenthesized_type" and value.named_children:
        value = value.named_children[0]
    if value is None or value.type != "intersection_type":
        return []
    found: list[Node] = []
    stack = list(value.named_children)
    while stack:
        node = stack.pop()
        if node.type in ("intersection_type", "parenthesized_type"):
            stack.extend(node.named_children)
        elif node.type == "type_identifier":
            found.append(node)
    return found


def _top_names(value: Node | None) -> frozenset[int]:
    """The type names at the top of an alias's value: itself, or members of its unions,
    intersections and parentheses (`type A = B | null`), where the alias cannot mean itself."""
    found: set[int] = set()
    stack = [value] if value is not None else []
    while stack:
        node = stack.pop()
        if node.type in ("union_type", "intersection_type", "parenthesized_type"):
            stack.extend(node.named_children)
        elif node.type in ("type_identifier", "identifier", "nested_type_identifier"):
            found.add(node.id)
        elif node.type == "generic_type" and node.child_by_field_name("name") is not None:
            found.add(node.child_by_field_name("name").id)  # type: ignore[union-attr]
    return frozenset(found)
