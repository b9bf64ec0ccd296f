"""TypeScript module scoping: which declaration a name means in the file that writes it.

Names resolve as the compiler resolves them: the file's own declarations, then its imports
(`import { X as Y } from "./user"`, `import type`, `import * as NS`), following re-exports
(`export { X } from`, `export * from`, index.ts barrels, `.js` specifiers, `declare module
"pkg"`, tsconfig-style aliases such as `@/types/user` when one file fits), then a name declared
in exactly one place across the run. Markdown blocks share one scope per document set; a block
that imports gets its own imports on top of that shared scope.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from tree_sitter import Node

from schemacheck.sources.ts_syntax import Unit, string_value, text

MARKDOWN = "<markdown>"  # the scope every Markdown block without imports shares
JS_SUFFIXES = (".js", ".jsx", ".mjs", ".cjs")
TRY_SUFFIXES = (".ts", ".tsx", ".d.ts", ".mts", ".d.mts", ".cts")


@dataclass
class Scope:
    id: str
    file: str  # the absolute path module specifiers are resolved from
    shown: str  # the file as reports name it
    local: dict[str, str] = field(default_factory=dict)  # declared name -> $defs key
    imports: dict[str, tuple[str, str]] = field(default_factory=dict)  # as -> (module, name|*)
    # exported name -> (module or None for this file, name there)
    exports: dict[str, tuple[str | None, str]] = field(default_factory=dict)
    stars: list[str] = field(default_factory=list)  # `export * from` modules
    parent: str | None = None


def read_imports(unit: Unit, scope: Scope) -> None:
    """Record the unit's import and export statements in its scope."""
    for stmt in unit.root.named_children:
        source = stmt.child_by_field_name("source")
        module = string_value(source) if source is not None else None
        if stmt.type == "import_statement" and module is not None:
            clause = next((c for c in stmt.named_children if c.type == "import_clause"), None)
            for part in clause.named_children if clause else []:
                if part.type == "named_imports":
                    for spec in part.named_children:
                        _specifier(spec, module, scope.imports)
                elif part.type == "namespace_import" and part.named_children:
                    scope.imports[text(part.named_children[-1])] = (module, "*")
                elif part.type == "identifier":
                    scope.imports[text(part)] = (module, "default")
        elif stmt.type == "export_statement" and any(c.type == "default" for c in stmt.children):
            target = stmt.child_by_field_name("declaration") or stmt.child_by_field_name("value")
            label = target.child_by_field_name("name") if target is not None and (
                target.type != "identifier") else target
            if label is not None:
                scope.exports["default"] = (None, text(label))
        elif stmt.type == "export_statement" and stmt.child_by_field_name("declaration") is None:
            clause = next((c for c in stmt.named_children if c.type in (
                "export_clause", "namespace_export")), None)
            if clause is None and module is not None:
                scope.stars.append(module)
            elif clause is not None and clause.type == "namespace_export" and module is not None:
                scope.exports[text(clause.named_children[-1])] = (module, "*")
            elif clause is not None:
                for spec in clause.named_children:
                    named: dict[str, tuple[str, str]] = {}
                    _specifier(spec, module or "", named)
                    for alias, (_, original) in named.items():
                        scope.exports[alias] = (module, original)


def ambient_modules(unit: Unit) -> list[str]:
    """Module names a .d.ts declares: `declare module "@acme/api" { ... }`."""
    found: list[str] = []
    for stmt in unit.root.named_children:
        node = stmt.child_by_field_name("declaration") if stmt.type == "export_statement" \
            else stmt
        if node is not None and node.type == "ambient_declaration":
            inner = node.named_children[0] if node.named_children else None
            name = inner.child_by_field_name("name") if inner is not None and inner.type == (
                "module") else None
            if name is not None and name.type == "string":
                found.append(string_value(name))
    return found


def _specifier(spec: Node, module: str, into: dict[str, tuple[str, str]]) -> None:
    name = spec.child_by_field_name("name")
    alias = spec.child_by_field_name("alias")
    if name is not None:
        into[text(alias if alias is not None else name)] = (module, text(name))


@dataclass
class Resolution:
    key: str | None
    problem: str | None = None  # a warning to show where the name was written


@dataclass
class Resolver:
    scopes: dict[str, Scope]
    globals: dict[str, list[str]]  # declared name -> keys, one per scope declaring it
    shown: dict[str, str]  # key -> the file that declares it, for warnings
    ambient: dict[str, str] = field(default_factory=dict)  # `declare module "pkg"` -> scope
    _files: dict[str, str] = field(default_factory=dict)
    _stem_index: dict[str, str] = field(default_factory=dict)
    _memo: dict[tuple[str, str, str | None], Resolution] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for scope in self.scopes.values():
            if scope.id != MARKDOWN and scope.parent is None:
                self._files[scope.file] = scope.id

    def resolve(self, scope_id: str, candidates: list[str], exclude: str | None) -> Resolution:
        """`candidates` are the name qualified by each enclosing namespace, innermost first;
        `exclude` is the alias being declared (an alias never means itself)."""
        memo_key = (scope_id, "\0".join(candidates), exclude)
        if memo_key not in self._memo:
            self._memo[memo_key] = self._resolve(scope_id, candidates, exclude)
        return self._memo[memo_key]

    def _resolve(self, scope_id: str, candidates: list[str], exclude: str | None) -> Resolution:
        name = candidates[-1]
        problems: list[str] = []
        current: str | None = scope_id
        while current is not None:
            scope = self.scopes[current]
            for candidate in candidates:
                key = scope.local.get(candidate)
                if key is not None and key != exclude:
                    return Resolution(key)
            found = self._imported(scope, name, exclude, problems)
            if found is not None:
                return Resolution(found)
            current = scope.parent
        keys = [k for k in self.globals.get(name, []) if k != exclude]
        if len(keys) == 1:  # after a failed import: say which declaration stood in
            return Resolution(keys[0], f"{problems[0]}; using the only `{name}` declared, in "
                                       f"{self.shown[keys[0]]}" if problems else None)
        if keys:
            files = ", ".join(self.shown[k] for k in keys)
            return Resolution(keys[0], f"`{name}` is declared in several files ({files}) and "
                                       "none is imported here; using the one in "
                                       f"{self.shown[keys[0]]}")
        if problems:
            return Resolution(None, problems[0])
        return Resolution(None)

    def _imported(self, scope: Scope, name: str, exclude: str | None,
                  problems: list[str]) -> str | None:
        first, _, rest = name.partition(".")
        entry = scope.imports.get(first)
        if entry is None:
            return None
        module, imported = entry
        target = self.module(scope, module)
        if target is None:
            problems.append(f"cannot resolve module {module!r} imported in {scope.shown} "
                            "(not among the documented files)")
            return None
        wanted = rest if imported == "*" else imported + ("." + rest if rest else "")
        found = self.exported(target, wanted, exclude, set()) if wanted else None
        if found is None:
            problems.append(f"`{wanted or name}` is not exported by {self.scopes[target].shown}")
        return found

    def exported(self, scope_id: str, name: str, exclude: str | None,
                 seen: set[tuple[str, str]]) -> str | None:
        """The declaration `name` means when imported from the module `scope_id`."""
        if (scope_id, name) in seen:
            return None  # a re-export cycle
        seen.add((scope_id, name))
        scope = self.scopes[scope_id]
        first, _, rest = name.partition(".")
        if first in scope.exports:
            module, original = scope.exports[first]
            if module is None:  # `export { X }` of a local or imported name
                key = scope.local.get(original + ("." + rest if rest else ""))
                if key is not None and key != exclude:
                    return key
                return self._imported(scope, original + ("." + rest if rest else ""), exclude, [])
            target = self.module(scope, module)
            if target is None:
                return None
            inner = rest if original == "*" else original + ("." + rest if rest else "")
            return self.exported(target, inner, exclude, seen) if inner else None
        # Documentation files often omit `export`: any top-level declaration is importable.
        key = scope.local.get(name)
        if key is not None and key != exclude:
            return key
        for module in scope.stars:
            target = self.module(scope, module)
            found = self.exported(target, name, exclude, seen) if target else None
            if found is not None:
                return found
        return None

    def module(self, scope: Scope, specifier: str) -> str | None:
        """The scope of the documented file `specifier` names, relative to `scope`'s file."""
        if specifier in self.ambient:
            return self.ambient[specifier]
        if not specifier.startswith("."):
            return self._aliased(specifier)
        base = posixpath.normpath(posixpath.join(posixpath.dirname(scope.file), specifier))
        return self._file(base)

    def _aliased(self, specifier: str) -> str | None:
        """A tsconfig path alias (`@/types/user`, `~/models`): the one documented file whose
        path ends with the specifier after its alias prefix; a package name matches nothing."""
        rest = specifier.split("/", 1)[1] if specifier.startswith(("@", "~", "#")) and (
            "/" in specifier) else ""
        for suffix in JS_SUFFIXES:
            rest = rest.removesuffix(suffix)
        if not rest:
            return None
        found = {scope for stem, scope in self._stems().items()
                 if stem.endswith(("/" + rest, "/" + rest + "/index"))}
        return found.pop() if len(found) == 1 else None

    def _stems(self) -> dict[str, str]:
        """Each documented file's path without its extension -> its scope (built once)."""
        if not self._stem_index:
            for path, scope in self._files.items():
                suffix = next((s for s in sorted(TRY_SUFFIXES, key=len, reverse=True)
                               if path.endswith(s)), "")
                self._stem_index[path[: len(path) - len(suffix)]] = scope
        return self._stem_index

    def _file(self, base: str) -> str | None:
        stems = [base]
        for suffix in JS_SUFFIXES:
            if base.endswith(suffix):
                stems.insert(0, base[: -len(suffix)])
        for stem in stems:
            for candidate in (stem, *(stem + s for s in TRY_SUFFIXES),
                              *(stem + "/index" + s for s in TRY_SUFFIXES)):
                if candidate in self._files:
                    return self._files[candidate]
        return None
