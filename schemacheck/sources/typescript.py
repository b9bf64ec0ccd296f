"""Documented TypeScript types (.ts, .d.ts, .tsx, and ```typescript blocks in .md) -> model.

`load_docs(paths)` resolves names across every file and block given in one run and returns a
DocSet: named schemas with their source locations, the Markdown heading each stood under, the
endpoints their JSDoc names, and diagnostics. Each file is parsed at most once per process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from schemacheck.diagnostics import Diagnostic, DiagnosticGroup, summarise
from schemacheck.errors import SourceError
from schemacheck.gc_pause import paused
from schemacheck.model import Schema, SchemaSet, qualified_name
from schemacheck.sources.doc_files import MD_SUFFIXES, display_path, expand_marked
from schemacheck.sources.docs_examples import DocsExample, json_examples
from schemacheck.sources.markdown import JsonBlock, endpoint_of, read_markdown
from schemacheck.sources.ts_convert import MERGED, Converter, Ctx
from schemacheck.sources.ts_examples import Example, call_examples
from schemacheck.sources.ts_paths import PathOperation, generated_paths, path_shape
from schemacheck.sources.ts_routes import MARKS as ROUTE_MARKS
from schemacheck.sources.ts_routes import route_decls
from schemacheck.sources.ts_scope import (
    MARKDOWN,
    Resolver,
    Scope,
    ambient_modules,
    read_imports,
)
from schemacheck.sources.ts_syntax import Decl, Unit, collect, parse

MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class DocType:
    name: str
    source: str  # "file:line"
    heading: str | None  # the Markdown heading the declaration stood under
    endpoints: tuple[tuple[str, str, str | None], ...]  # (METHOD, /path, role or None)
    declared: str = ""  # the name as written; `name` is the $defs key (`UserBase@recipe.ts`)
    role: str | None = None  # what the Markdown around its block says it is: request, response
    route: bool = False  # a part of a generated route method (ts_routes.py), not a declaration

    @property
    def plain(self) -> str:
        return self.declared or self.name


@dataclass
class DocSet:
    types: dict[str, DocType] = field(default_factory=dict)
    schemas: SchemaSet = field(default_factory=SchemaSet)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    found: set[str] = field(default_factory=set)  # files only found under a directory or glob
    # object literals from example calls, by the endpoint named in the heading above them
    examples: dict[tuple[str, str], list[Example]] = field(default_factory=dict)
    # ```json blocks under endpoint headings: documented requests and responses, in file order
    docs_examples: list[DocsExample] = field(default_factory=list)
    declarations: dict[str, Decl] = field(default_factory=dict, repr=False)
    # openapi-typescript's `paths` interface: (METHOD, path) -> the operation documented there,
    # so operations pair by method + path first and by operationId only when it is missing
    paths: dict[tuple[str, str], PathOperation] = field(default_factory=dict)
    # its `webhooks` interface the same way: (METHOD, webhook name) -> the operation there
    webhooks: dict[tuple[str, str], PathOperation] = field(default_factory=dict)
    # entries of the same key in another file's `paths`/`webhooks` (another service's client)
    path_rivals: dict[tuple[str, str], list[PathOperation]] = field(default_factory=dict)
    hook_rivals: dict[tuple[str, str], list[PathOperation]] = field(default_factory=dict)
    # the named types each declaration merges in whole (`type Order = OrderBase & OrderAllOf`,
    # `extends`): a part used nowhere else is compared through the type holding it
    merged: dict[str, list[str]] = field(default_factory=dict)

    def path_entries(self, method: str, path: str, webhook: bool = False
                     ) -> list[PathOperation]:
        """The generated `paths` entries for the spec's METHOD path, one per file declaring
        it: keyed by the path itself, else by a template key of its shape
        (`/users/${string}` for `/users/{id}`); a webhook's `webhooks` entries by its name."""
        entries, rivals = (self.webhooks, self.hook_rivals) if webhook else (
            self.paths, self.path_rivals)
        key = (method.upper(), path)
        if key not in entries and not webhook:
            key = (method.upper(), path_shape(path))
            if key not in entries or entries[key].item_key is None:
                return []
        return [entries[key], *rivals.get(key, [])] if key in entries else []

    def path_entry(self, method: str, path: str, webhook: bool = False,
                   homes: frozenset[str] = frozenset()) -> PathOperation | None:
        """The entry for METHOD path (path_entries): of several, the one declared in one of
        the `homes` files (the spec's own client), else the first."""
        found = self.path_entries(method, path, webhook)
        at_home = [e for e in found if self.declaring_file(e.paths_key) in homes]
        return (at_home or found)[0] if found else None

    def declaring_file(self, name: str) -> str:
        where = self.types[name].source if name in self.types else ""
        path, _, line = where.rpartition(":")
        return path if line.isdigit() else where

    def operation_schema(self, method: str, path: str, webhook: bool = False,
                         homes: frozenset[str] = frozenset()) -> Schema | None:
        """The documented operation (`parameters`, `requestBody`, `responses`) at METHOD path
        in the generated `paths` (or `webhooks`) interface: `operations["id"]` or the inline
        entry."""
        entry = self.path_entry(method, path, webhook, homes)
        if entry is None:
            return None
        if entry.operation_id is not None and entry.operations_key is not None:
            holder = self.schemas.schemas.get(entry.operations_key, {})
            found = holder.get("properties", {}).get(entry.operation_id)
        else:
            item = self.schemas.schemas.get(entry.item_key) if entry.item_key else (
                self.schemas.schemas.get(entry.paths_key, {}).get("properties", {}).get(path))
            item = self.schemas.deref(item)[0] if item else None
            found = (item or {}).get("properties", {}).get(method.lower())
        return self.schemas.deref(found)[0] if found else None

    def diagnostic_summary(self) -> list[DiagnosticGroup]:
        """The diagnostics one line per kind, with a count and the first location (a
        generated client gives dozens of the same warning); `diagnostics` keeps them all."""
        return summarise(self.diagnostics)

    def excerpt(self, name: str) -> dict[str, Any] | None:
        """The declaration's source lines as written, with the column where each line's
        trailing comment starts, so a report can quote the docs and mark lines in place."""
        decl = self.declarations.get(name)
        if decl is None or decl.kind == "member":
            return None
        node = decl.node.parent if decl.node.parent is not None and (
            decl.node.parent.type == "export_statement") else decl.node
        first_row = node.start_point[0]
        source = (node.text or b"").decode("utf-8", "replace")
        indent = node.start_point[1]  # the first line's text starts there; later lines at 0
        lines = source.splitlines()
        comments: dict[int, int] = {}
        stack = [node]
        while stack:
            current = stack.pop()
            if current.type == "comment" and current.start_point[0] == current.end_point[0]:
                row = current.start_point[0] - first_row
                column = current.start_point[1] - (indent if row == 0 else 0)
                comments[decl.unit.line_offset + current.start_point[0] + 1] = column
            stack.extend(current.children)
        return {"where": decl.unit.where(node), "first_line": decl.unit.line(node),
                "lines": lines, "comments": {str(k): v for k, v in sorted(comments.items())}}


@dataclass(frozen=True)
class ParsedFile:
    units: tuple[Unit, ...]
    json_blocks: tuple[JsonBlock, ...] = ()  # Markdown only


@lru_cache(maxsize=256)
def _units(resolved: str, mtime_ns: int, size: int, shown: str) -> ParsedFile:
    """Parse one file into units. Cached on (path, mtime, size), so a run never parses a
    file twice and an edited file is parsed again."""
    data = Path(resolved).read_bytes()
    if resolved.lower().endswith(MD_SUFFIXES):
        markdown = read_markdown(data.decode("utf-8", "replace"))
        units = []
        for block in markdown.blocks:
            source = block.text.encode()
            units.append(Unit(shown, block.line_offset, block.heading,
                              parse(source, block.lang).root_node, block.role, source))
        return ParsedFile(tuple(units), tuple(markdown.json))
    lang = "tsx" if resolved.endswith(".tsx") else "typescript"
    return ParsedFile((Unit(shown, 0, None, parse(data, lang).root_node, source=data),))


def load_units(path: Path) -> tuple[Unit, ...]:
    return load_file(path).units


def load_file(path: Path) -> ParsedFile:
    try:
        stat = path.stat()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror})") from None
    if stat.st_size > MAX_FILE_BYTES:
        raise SourceError(f"{path}: {stat.st_size} bytes is over the {MAX_FILE_BYTES} byte limit")
    return _units(str(path.resolve()), stat.st_mtime_ns, stat.st_size, display_path(path))


def load_docs(paths: list[str]) -> DocSet:
    """Load every documented type; bad files become diagnostics, the others still load."""
    with paused():  # the model is hundreds of thousands of acyclic dicts: nothing to collect
        return _load_docs(paths)


def _load_docs(paths: list[str]) -> DocSet:
    docs = DocSet()
    scopes: dict[str, Scope] = {MARKDOWN: Scope(MARKDOWN, "", "Markdown")}
    ambient: dict[str, str] = {}  # `declare module "pkg" { ... }` -> the file declaring it
    # (scope holding the declaration, declared name) -> its declarations, in file order
    grouped: dict[tuple[str, str], list[Decl]] = {}
    routes: list[tuple[Decl, tuple[str, str, str]]] = []  # a route method's types (ts_routes)
    for path, only_found in expand_marked(paths):
        shown = display_path(path)
        docs.files.append(shown)
        if only_found:
            docs.found.add(shown)
        try:
            parsed = load_file(path)
        except (SourceError, UnicodeDecodeError) as exc:
            docs.diagnostics.append(Diagnostic("error", str(exc), shown))
            continue
        units = parsed.units
        docs.docs_examples += json_examples(parsed.json_blocks, shown, docs.diagnostics)
        absolute = Path(path).resolve().as_posix()
        markdown = absolute.lower().endswith(MD_SUFFIXES)
        for unit in units:
            home = MARKDOWN if markdown else shown
            if home not in scopes:
                scopes[home] = Scope(home, absolute, shown)
            resolve_in = home
            block = Scope(f"{shown}:{unit.line_offset + 1}", absolute, shown, parent=MARKDOWN)
            if markdown:
                read_imports(unit, block)
                if block.imports:
                    scopes[block.id] = block
                    resolve_in = block.id
            else:
                read_imports(unit, scopes[home])
                for module in ambient_modules(unit):
                    ambient.setdefault(module, home)
            for decl in collect(unit, docs.diagnostics):
                decl.scope = resolve_in
                grouped.setdefault((home, decl.name), []).append(decl)
            source = b"" if markdown else unit.raw(unit.root)  # the parsed bytes, not a copy
            for decl, route in route_decls(unit) if any(
                    mark in source for mark in ROUTE_MARKS) else []:
                decl.scope = resolve_in
                grouped.setdefault((home, decl.name), []).append(decl)
                routes.append((decl, route))
            endpoint = endpoint_of(unit.heading)
            examples = call_examples(unit) if endpoint is not None else []
            if endpoint is not None and examples:
                docs.examples.setdefault(endpoint, []).extend(examples)
    decls = _keyed(grouped, scopes, docs.diagnostics)
    if not decls and docs.files:
        docs.diagnostics.append(Diagnostic(
            "warning", "no TypeScript declarations found (looked in .ts/.d.ts/.tsx files and "
            "```ts/```typescript blocks of .md files)", ", ".join(docs.files[:3])))
    by_name: dict[str, list[str]] = {}
    for key, found in decls.items():
        by_name.setdefault(found[0].name, []).append(key)
    resolver = Resolver(scopes, by_name, {k: d[0].unit.path for k, d in decls.items()}, ambient)
    converter = Converter(decls, docs.diagnostics, resolver)
    try:
        schemas = converter.convert_all()
    except RecursionError:
        raise SourceError("documented types nest too deeply to convert") from None
    # values were read inline where `typeof` names them: no named type of the docs
    docs.schemas = SchemaSet({k: v for k, v in schemas.items() 
                             if k not in decls or decls[k][0].kind != "const"})
    for key, schema in docs.schemas.schemas.items():
        parts = schema.pop(MERGED, None)
        if parts:
            docs.merged[key] = parts
    def operations_of(decl: Decl) -> str | None:
        return resolver.resolve(decl.scope, [decl.namespace + "operations", "operations"],
                                None).key
    generated = generated_paths(decls, operations_of)
    hooks = generated_paths(decls, operations_of, "webhooks")
    docs.paths, docs.path_rivals = generated.entries, generated.rivals
    docs.webhooks, docs.hook_rivals = hooks.entries, hooks.rivals
    for item_key, (decl, node) in generated.items.items():
        # a template key's path item is no property of `paths`: converted here, where its
        # names resolve as in the declaration holding it
        docs.schemas.schemas[item_key] = converter.type_(
            node, Ctx(decl.unit, decl.namespace, (), decl.scope))
    routed = {decl.key: route for decl, route in routes}
    for key in sorted(decls):
        first = decls[key][0]
        if first.kind == "const":
            continue  # a value, not a documented type (`typeof` reads it where named)
        endpoints = _endpoints(decls[key]) + ((routed[key],) if key in routed else ())
        docs.types[key] = DocType(key, first.unit.where(first.node), first.unit.heading,
                                  endpoints, first.name, first.unit.role,
                                  route=key in routed)
        docs.declarations[key] = first
    return docs


def _keyed(grouped: dict[tuple[str, str], list[Decl]], scopes: dict[str, Scope],
           diagnostics: list[Diagnostic]) -> dict[str, list[Decl]]:
    """Declarations by $defs key: the plain name when one scope declares it, else the name
    qualified by its file (`UserBase@recipe.ts`), so the same name in two files is two types."""
    homes: dict[str, list[str]] = {}
    for home, name in grouped:
        homes.setdefault(name, []).append(home)
    out: dict[str, list[Decl]] = {}
    for (home, name), found in grouped.items():
        # Interfaces merge (TypeScript's declaration merging); anything else declared twice
        # in one scope with a different body is ambiguous: the first one is used.
        if found[0].kind not in ("interface", "const") and len(found) > 1:
            # the same alias written out twice is one type, never an object merged from both
            diagnostics += [Diagnostic("warning", f"`{name}` is declared again differently"
                                       f" (first at {found[0].unit.where(found[0].node)}); "
                                       "the first declaration is used",
                                       d.unit.where(d.node)) for d in found[1:]
                            if d.node.text != found[0].node.text]
            found = found[:1]
        if found[0].kind == "const":
            found = found[:1]  # example code names its values again and again: the first
        key = name if len(homes[name]) == 1 else qualified_name(
            name, _qualifier(home, homes[name], found))
        for decl in found:
            decl.key = key
        scopes[home].local[name] = key
        out[key] = found
    return out


def _qualifier(home: str, rivals: list[str], found: list[Decl]) -> str:
    """The shortest tail of the file's path that no rival file shares: `user.ts`, or
    `models/user.ts` when another `user.ts` declares the same name."""
    mine = PurePosixPath(found[0].unit.path).parts
    others = [PurePosixPath(h).parts for h in rivals if h != home]
    for length in range(1, len(mine) + 1):
        tail = mine[-length:]
        if all(other[-length:] != tail for other in others):
            return "/".join(tail)
    return found[0].unit.path


def _endpoints(decls: list[Decl]) -> tuple[tuple[str, str, str | None], ...]:
    """Endpoints named by JSDoc: `@endpoint POST /x`, `@request POST /x`, `@response GET /x`."""
    out: list[tuple[str, str, str | None]] = []
    for decl in decls:
        for tag, role in (("endpoint", None), ("request", "request"), ("response", "response")):
            for value in decl.doc.tags.get(tag, []) if decl.doc else []:
                parsed = endpoint_of(value)
                if parsed:
                    out.append((*parsed, role))
    return tuple(out)


def clear_cache() -> None:
    _units.cache_clear()


