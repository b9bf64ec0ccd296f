"""`schemacheck fix-docs`: rewrite the documented TypeScript to say what the backend says.

Driven by the diff: every field fact on which a static rule fires (and no `ignore` applies)
asks for the change that silences that rule, on the declaration the fact points at (the docs'
`file:line`); fix_choice.py keeps a change only when it lowers the findings over every
operation comparing that field. Edits are byte ranges of tree-sitter nodes, so prose,
comments, order and formatting outside them are kept, and code blocks that are not TypeScript
are never read.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from tree_sitter import Node

from schemacheck.diff import FieldFact, diff_all
from schemacheck.errors import EXIT_FINDINGS, EXIT_OK, SourceError
from schemacheck.facts import Contract
from schemacheck.findings import Finding
from schemacheck.fix_choice import ADD, RENAME, Live, Want, decide, decide_add, decide_rename
from schemacheck.gate import ignored_by
from schemacheck.model import Schema, split_null
from schemacheck.pipeline import Loaded, Overrides, run_static, settings
from schemacheck.rules import checks_by_direction, evaluate
from schemacheck.sources.doc_files import expand
from schemacheck.sources.ts_syntax import Unit, string_value, text
from schemacheck.sources.typescript import (
    MD_SUFFIXES,
    clear_cache,
    display_path,
    load_docs,
    load_units,
)
from schemacheck.ts_edit import (
    Edit,
    FileText,
    apply,
    comment_gap,
    insertions,
    member_span,
    unified,
    union_member_span,
)
from schemacheck.ts_nodes import (
    annotation_type,
    is_keyword,
    key_text,
    literal,
    member_name,
    object_body,
    prop_name,
    quote_style,
    separator,
    union_members,
    uses_type_param,
    walk,
)
from schemacheck.ts_render import TsRenderer, doc_names
from schemacheck.ts_union import PLAIN, appendable, find_member, item_type

# Static rules fix-docs leaves to a person, and why: no TypeScript edit says what they mean.
NOT_REWRITTEN = {
    "operation-removed": "the documented operation no longer exists in the backend: whether "
                         "its docs go, move or stay as history is an editorial choice, not a "
                         "type change",
}
MEMBER_REMOVE = {"request-union-member-rejected"}
MEMBER_ADD = {"response-union-member-undocumented"}


@dataclass
class Located:
    path: str
    unit: Unit
    node: Node


def _key(target: Located) -> tuple[str, int, int]:
    """One documented union: its file, its block (Markdown), its place in the block."""
    return target.path, target.unit.line_offset, target.node.start_byte


@dataclass
class FixResult:
    files: dict[str, tuple[Path, bytes, bytes]] = field(default_factory=dict)  # old, new
    notes: list[str] = field(default_factory=list)  # what could not be fixed, and why

    @property
    def changed(self) -> dict[str, tuple[Path, bytes, bytes]]:
        return {p: v for p, v in self.files.items() if v[1] != v[2]}


def compared_fields(facts: list[tuple[FieldFact, list[str]]]
                    ) -> list[tuple[FieldFact, list[str]]]:
    """The facts about named fields (not bodies, list items, map values or union members)."""
    return [(fact, rules) for fact, rules in facts if fact.field not in ("", "[]", "{}")]


def all_facts(loaded: Loaded) -> list[tuple[FieldFact, list[str]]]:
    """Every fact of the diff (bodies and union members too) with its live rules."""
    assert loaded.spec is not None
    live = live_rules(loaded)
    return [(fact, [f.rule for f in live(fact)])
            for fact in diff_all(loaded.contracts.contracts, loaded.docs, loaded.spec)]


def live_rules(loaded: Loaded) -> Live:
    checks = checks_by_direction()  # once: live() runs for every fact of the diff

    def live(fact: FieldFact) -> list[Finding]:
        return [f for f in evaluate([fact], checks=checks)
                if ignored_by(f, loaded.config.ignores) is None]
    return live


class _Index:
    """Documented properties by (file:line, name) and declarations by file:line."""

    def __init__(self, paths: list[str]) -> None:
        self.props: dict[tuple[str, str], Located] = {}
        self.holders: dict[str, list[Located]] = {}
        self.texts: dict[str, tuple[Path, FileText]] = {}
        for path in expand(paths):
            shown = display_path(path)
            self.texts[shown] = (path, FileText(path.read_bytes(),
                                                path.suffix.lower() in MD_SUFFIXES))
            for unit in load_units(path):
                for node in walk(unit.root):
                    where = unit.where(node)
                    if node.type == "property_signature" and (name := prop_name(node)):
                        self.props.setdefault((where, name), Located(shown, unit, node))
                    if object_body(node) is not None:
                        self.holders.setdefault(where, []).append(Located(shown, unit, node))


class _Planner:
    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.index = _Index(loaded.config.docs)
        # Declarations with their parse trees: a DocSet read back from the cache has none.
        self.declarations = loaded.docs.declarations or load_docs(loaded.config.docs).declarations
        self.edits: dict[str, list[Edit]] = {}
        self.notes: list[str] = []
        assert loaded.spec is not None
        self.ts = TsRenderer(loaded.spec.schemas, doc_names(
            loaded.contracts, list(loaded.docs.types), loaded.spec))

    # --- planning ---------------------------------------------------------------------
    def plan(self, facts: list[tuple[FieldFact, list[str]]]) -> None:
        groups: dict[tuple[str, str], list[tuple[FieldFact, list[str]]]] = {}
        asking: dict[str, dict[str, FieldFact]] = {}
        for fact, rules in facts:
            if not fact.docs.present:
                if any(r in ADD for r in rules):
                    asking.setdefault(fact.docs.where or "", {}).setdefault(fact.field, fact)
                continue
            groups.setdefault((fact.docs.where or "", fact.field), []).append((fact, rules))
        live = live_rules(self.loaded)
        every = [fact for fact, _ in facts]
        at = {(fact.contract, fact.location): fact for fact in every}

        def partner(fact: FieldFact) -> FieldFact | None:
            """The backend's half of a likely rename: its field under the same parent."""
            if not fact.renamed:
                return None
            parent = fact.location[: len(fact.location) - len(fact.field)]
            return at.get((fact.contract, parent + fact.renamed))
        adds: dict[str, dict[str, tuple[FieldFact, bool]]] = {}
        for where, fields in sorted(asking.items()):
            for name, fact in fields.items():
                required = decide_add(fact, every, live)
                if required is None:
                    self.notes.append(f"{where}: `{name}` not added: it would not lower the "
                                      "findings over every operation comparing its type (one "
                                      "documented type for backend shapes that differ)")
                else:
                    adds.setdefault(where, {})[name] = (fact, required)
        for (where, name), group in sorted(groups.items()):
            if not any(rules for _, rules in group):
                continue
            renaming = any(r in RENAME for _, rules in group for r in rules)
            picked = decide_rename(group, partner, live) if renaming else decide(group, live)
            if picked is None:
                self.notes.append(f"{where}: `{name}` not renamed: the places comparing it do "
                                  "not all name the same backend field; left unchanged")
                continue
            want = picked
            if want.held_back:
                self.notes.append(
                    f"{where}: `{name}`: not changed ({', '.join(want.held_back)}): that would "
                    "not lower the findings over every operation comparing it (one documented "
                    "type for backend shapes that differ)")
            if want.empty:
                continue
            found = self.index.props.get((where, name))
            if found is None:
                self.notes.append(f"{where}: `{name}` not found as a property signature; "
                                  "left unchanged")
                continue
            if self._mapped(found):
                self._fix_property(found, want)
        for where, chosen in sorted(adds.items()):
            self._add(where, chosen)

    # --- union members --------------------------------------------------------------------
    def plan_members(self, facts: list[tuple[FieldFact, list[str]]]) -> None:
        """A member the backend rejects leaves the documented union, one it may send joins
        it; each only when every place comparing that union asks the same (else a second
        run would undo it), and only where the member is found (or rendered) unambiguously."""
        asked = [(fact, rules) for fact, rules in facts if fact.member is not None
                 and any(r in MEMBER_REMOVE or r in MEMBER_ADD for r in rules)]
        if not asked:
            return
        props = {(fact.contract, fact.location): fact for fact, _ in facts
                 if fact.field not in ("", "[]", "{}") and fact.docs.present}
        cache: dict[tuple[object, ...], Located | None] = {}

        def union_at(fact: FieldFact) -> Located | None:
            return self._union_at(fact.contract, fact.location, props, cache)

        # Which contracts compare each documented union, and which see each member alone.
        comparers: dict[tuple[str, int, int], set[object]] = {}
        members: dict[tuple[str, int, int, bool, str], set[object]] = {}
        for fact, _ in facts:
            if fact.docs.present or fact.member is not None:
                target = union_at(fact)
                if target is None:
                    continue
                if fact.member is not None:
                    members.setdefault((*_key(target), fact.docs.present, fact.member),
                                       set()).add(fact.contract)
                else:
                    comparers.setdefault(_key(target), set()).add(fact.contract)
        done: set[tuple[str, int, int, bool, str]] = set()
        for fact, rules in asked:
            label = fact.member or ""
            target = union_at(fact)
            held = props.get((fact.contract, fact.location))
            where = f"{(held.docs.where if held else None) or fact.docs.where or '?'}: " \
                    f"`{label}` at `{fact.location}`"
            if target is None:
                self.notes.append(f"{where}: the documented union holding it was not found; "
                                  "left unchanged")
                continue
            remove = fact.docs.present
            key = (*_key(target), remove, label)
            if key in done:
                continue
            done.add(key)
            why = ", ".join(sorted(r for r in rules if r in MEMBER_REMOVE | MEMBER_ADD))
            if members.get(key, set()) != comparers.get(_key(target), set()):
                self.notes.append(f"{where}: not {'removed' if remove else 'added'}: the union "
                                  "is compared where the backend has other members; left "
                                  "unchanged")
            elif self._mapped(target):
                if remove:
                    self._drop_union_member(target, label, where, why)
                else:
                    self._add_union_member(target, fact, where, why)

    def _union_at(self, contract: Contract, location: str,
                  props: dict[tuple[Contract, str], FieldFact],
                  cache: dict[tuple[object, ...], Located | None]) -> Located | None:
        """The documented type at a diff location: a property's annotation (`pets`), its
        list items (`pets[]`) or the documented body itself; through a named alias when
        that is a union (`pet: Pet`, `type Pet = Cat | Dog`)."""
        base, arrays = location, 0
        while base.endswith("[]"):
            base, arrays = base[:-2], arrays + 1
        holder = props.get((contract, base)) if "." in base else None
        key: tuple[object, ...] = (holder.docs.where, holder.field, arrays) if holder \
            else (contract.doc_type, base, arrays)
        if key not in cache:
            cache[key] = self._find_union(holder, contract, arrays)
        return cache[key]

    def _find_union(self, holder: FieldFact | None, contract: Contract,
                    arrays: int) -> Located | None:
        if holder is not None:
            found = self.index.props.get((holder.docs.where or "", holder.field))
            node = annotation_type(found.node) if found is not None else None
            if found is None or node is None:
                return None
            located = Located(found.path, found.unit, node)
        else:
            name = contract.doc_type
            if name.endswith("[]"):
                name, arrays = name[:-2], arrays - 1
            located_alias = self._alias_value(name)
            if located_alias is None or arrays < 0:
                return None
            located = located_alias
        for _ in range(arrays):
            items = item_type(located.node)
            if items is None:
                return None
            located = Located(located.path, located.unit, items)
        named = [m for m in union_members(located.node) if not is_keyword(m, "null")]
        if len(named) == 1 and named[0].type == "type_identifier":
            alias = self._alias_value(text(named[0]))
            if alias is not None and alias.node.type == "union_type":
                return alias
        return located

    def _alias_value(self, name: str) -> Located | None:
        decl = self.declarations.get(name)
        value = decl.node.child_by_field_name("value") if decl is not None and \
            decl.kind == "alias" else None
        if decl is None or value is None or decl.unit.path not in self.index.texts:
            return None
        return Located(decl.unit.path, decl.unit, value)

    def _drop_union_member(self, target: Located, label: str, where: str, why: str) -> None:
        members = union_members(target.node)
        member = find_member(members, label)
        if member is None or all(is_keyword(m, "null") or m == member for m in members):
            self.notes.append(f"{where}: not removed: "
                              + ("it is the union's only member" if member is not None else
                                 "no single member of the documented union is it")
                              + "; left unchanged")
            return
        ftext = self.index.texts[target.path][1]
        self._drop_member(target, ftext, members, member, why)
        rest = [m for m in members if m != member]
        parens = target.node.parent
        if len(rest) == 1 and rest[0].type in PLAIN and parens is not None and \
                parens.type == "parenthesized_type":  # `(Cat | Dog)[]` -> `Cat[]`
            for bracket in (parens.children[0], parens.children[-1]):
                self._edit(target, *ftext.span(target.unit, bracket), "", why)

    def _add_union_member(self, target: Located, fact: FieldFact, where: str, why: str) -> None:
        members = union_members(target.node)
        named = [m for m in members if not is_keyword(m, "null")]
        rendered = self.ts.render(fact.backend.schema, quote_style(target.unit.root))
        if not named or not appendable(members) or rendered == "unknown":
            self.notes.append(f"{where}: not added: it cannot be written into the "
                              "documented union safely; left unchanged")
            return
        ftext = self.index.texts[target.path][1]
        after = ftext.span(target.unit, named[-1])[1]
        start = ftext.span(target.unit, target.node)[0]
        leading = text(target.node).startswith("|") and ftext.blank_before(start)
        if leading or named[-1].start_point[0] != named[0].start_point[0]:  # one per line
            indent = ftext.indent_at(ftext.offset(target.unit, named[-1].start_point)).decode()
            new = f"{ftext.newline}{indent.removesuffix('| ')}| {rendered}"
        else:
            new = f" | {rendered}"
        self._edit(target, after, after, new, why)

    def _edit(self, located: Located, start: int, end: int, new: str, why: str) -> None:
        self.edits.setdefault(located.path, []).append(Edit(start, end, new.encode(), why))

    def _mapped(self, located: Located) -> bool:
        """Whether the node's bytes are where its position says: a Markdown file whose
        lines the block reader split differently (form feeds, U+2028) is left alone."""
        if self.index.texts[located.path][1].matches(located.unit, located.node):
            return True
        self.notes.append(f"{located.unit.where(located.node)}: the declaration could not be "
                          "located byte for byte in the file; left unchanged")
        return False

    def _fix_property(self, found: Located, want: Want) -> None:
        ftext = self.index.texts[found.path][1]
        why = ", ".join(sorted(set(want.why)))
        if want.remove:
            start, end = member_span(ftext, found.unit, found.node)
            self._edit(found, start, end, "", why)
            return
        node = found.node
        type_node = annotation_type(node)
        name_node = node.child_by_field_name("name")
        shift = 0  # characters the line's code shrinks by (the comment column keeps them)
        if want.rename is not None and name_node is not None:
            written = text(name_node)
            new_name = literal(want.rename, written[:1]) if name_node.type == "string" else \
                key_text(want.rename, quote_style(found.unit.root))  # `'a-b'` stays quoted
            self._edit(found, *ftext.span(found.unit, name_node), new_name, why)
            shift += len(written) - len(new_name)
        if want.required is not None:
            marker = name_node.next_sibling if name_node is not None else None
            if want.required and marker is not None and marker.type == "?":
                self._edit(found, *ftext.span(found.unit, marker), "", why)
                shift += 1
            elif not want.required and name_node is not None and (
                    marker is None or marker.type != "?"):
                at = ftext.span(found.unit, name_node)[1]
                self._edit(found, at, at, "?", why)
                shift -= 1
        if shift:
            self._keep_comment_column(found, ftext, shift, why)
        if type_node is None:
            if want.retype is not None or want.nullable is not None:
                self.notes.append(f"{found.unit.where(node)}: `{prop_name(node)}` has no type "
                                  "annotation; type left unchanged")
            return
        if uses_type_param(found.node):
            self.notes.append(f"{found.unit.where(node)}: `{prop_name(node)}` uses a type "
                              "parameter; its type is left unchanged")
            return
        members = union_members(type_node)
        nulls = [m for m in members if is_keyword(m, "null")]
        if want.required and not want.remove:
            for member in (m for m in members if is_keyword(m, "undefined")):
                self._drop_member(found, ftext, members, member, why)
        if want.retype is not None:
            nullable = bool(nulls) if want.nullable is None else want.nullable
            if self._retype_alias(found, members, want.retype, why):
                if want.nullable is not None and nullable != bool(nulls):
                    self._toggle_null(found, ftext, type_node, members, nulls, nullable, why)
                return
            core, _ = split_null(want.retype)
            new = self.ts.core(core, quote_style(found.unit.root))
            if nullable:
                new += " | null"
            self._edit(found, *ftext.span(found.unit, type_node), new, why)
        elif want.nullable is not None and want.nullable != bool(nulls):
            self._toggle_null(found, ftext, type_node, members, nulls, want.nullable, why)

    def _keep_comment_column(self, found: Located, ftext: FileText, shift: int,
                             why: str) -> None:
        """A trailing `// comment` aligned in a column stays in it when the line's code
        shrinks (shift > 0) or grows (shift < 0) by a few characters (a `?`, a new name);
        at least one blank stays before it."""
        gap = comment_gap(ftext, found.unit, found.node)
        if gap is None:
            return
        width = gap[1] - gap[0]
        if shift > 0 and width >= 1:
            self._edit(found, gap[0], gap[0], " " * shift, why)
        elif shift < 0 and width >= 2:
            self._edit(found, gap[0], gap[0] + min(-shift, width - 1), "", why)

    def _toggle_null(self, found: Located, ftext: FileText, type_node: Node, members: list[Node],
                     nulls: list[Node], nullable: bool, why: str) -> None:
        if nullable:
            start, end = ftext.span(found.unit, type_node)
            wrap = type_node.type in ("function_type", "conditional_type", "constructor_type")
            if wrap:
                self._edit(found, start, start, "(", why)
            self._edit(found, end, end, (")" if wrap else "") + " | null", why)
        else:
            for member in nulls:
                self._drop_member(found, ftext, members, member, why)

    def _drop_member(self, found: Located, ftext: FileText, members: list[Node], member: Node,
                     why: str) -> None:
        span = union_member_span(ftext, found.unit, members, member)
        if span is not None:
            self._edit(found, *span, "", why)

    def _retype_alias(self, found: Located, members: list[Node], backend: Schema,
                      why: str) -> bool:
        """An enum kept in a named alias (`status: JobStatus`) is fixed in the alias itself."""
        assert self.loaded.spec is not None
        core = self.loaded.spec.schemas.deref(split_null(backend)[0])[0]
        named = [m for m in members if not is_keyword(m, "null")]
        if "enum" not in core or len(named) != 1 or named[0].type != "type_identifier":
            return False
        decl = self.declarations.get(text(named[0]))
        if decl is None:
            return False
        if decl.unit.path not in self.index.texts:
            return True
        ftext = self.index.texts[decl.unit.path][1]
        if not self._mapped(Located(decl.unit.path, decl.unit, decl.node)):
            return True
        if decl.kind == "enum":
            self._retype_enum(decl.unit, decl.node, decl.name, ftext, list(core["enum"]), why)
            return True
        value = decl.node.child_by_field_name("value")
        if decl.kind != "alias" or value is None:
            self.notes.append(f"{decl.unit.where(decl.node)}: `{decl.name}` is a {decl.kind}, "
                              "not a union alias; its values are left unchanged")
            return True
        located = Located(decl.unit.path, decl.unit, value)
        old = union_members(value)
        quote = quote_style(value)
        parts = [literal(v, quote) for v in core["enum"]]
        if any(is_keyword(m, "null") for m in old):
            parts.append("null")
        start, end = ftext.span(decl.unit, value)
        if value.start_point[0] != value.end_point[0]:  # one member per line: keep that shape
            indent = ftext.indent_at(ftext.offset(decl.unit, old[-1].start_point)).decode()
            lead = "| " if text(value).lstrip().startswith("|") else ""
            new = lead + f"{ftext.newline}{indent}| ".join(parts)
        else:
            new = " | ".join(parts)
        self._edit(located, start, end, new, why)
        return True

    def _retype_enum(self, unit: Unit, node: Node, name: str, ftext: FileText,
                     values: list[object], why: str) -> None:
        """A string `enum`: members the backend lacks go, its new values come in as members
        named after them; the others stay as written."""
        body = node.child_by_field_name("body")
        members = [c for c in body.named_children if c.type != "comment"] if body else []
        found: dict[object, Node] = {}
        for member in members:
            value = member.child_by_field_name("value")
            if member.type != "enum_assignment" or value is None or value.type != "string":
                self.notes.append(f"{unit.where(node)}: `{name}` is not a string enum; its "
                                  "values are left unchanged")
                return
            found[string_value(value)] = member
        if body is None or not all(isinstance(v, str) for v in values):
            return
        located = Located(unit.path, unit, node)
        for known, member in found.items():
            if known not in values:
                self._edit(located, *member_span(ftext, unit, member), "", why)
        taken = {text(m.child_by_field_name("name") or m) for m in members}
        quote = quote_style(node)
        lines = [f"{member_name(str(v), taken)} = {literal(v, quote)}" for v in values
                 if v not in found]
        if lines:
            for start, end, new in insertions(ftext, unit, body, lines, ","):
                self._edit(located, start, end, new, why)

    def _add(self, where: str, fields: dict[str, tuple[FieldFact, bool]]) -> None:
        holders = self.index.holders.get(where, [])
        if len(holders) != 1:
            self.notes.append(f"{where}: no single declaration to add "
                              f"{', '.join(sorted(fields))} to; left unchanged")
            return
        found = holders[0]
        if not self._mapped(found):
            return
        body = object_body(found.node)
        assert body is not None
        ftext = self.index.texts[found.path][1]
        quote = quote_style(found.unit.root)
        sep = separator(body)
        lines = []
        for name, (fact, required) in fields.items():
            mark = "" if required else "?"
            lines.append(f"{key_text(name, quote)}{mark}: "
                         f"{self.ts.render(fact.backend.schema, quote)}")
        for start, end, new in insertions(ftext, found.unit, body, lines, sep):
            self._edit(found, start, end, new, "add fields")


def fix_docs(loaded: Loaded) -> FixResult:
    """Plan and apply (in memory) every docs edit the diff's findings call for."""
    planner = _Planner(loaded)
    facts = all_facts(loaded)
    planner.plan(compared_fields(facts))
    planner.plan_members(facts)
    result = FixResult(notes=planner.notes)
    for shown, (path, ftext) in sorted(planner.index.texts.items()):
        new, skipped = apply(ftext.data, planner.edits.get(shown, []))
        result.files[shown] = (path, ftext.data, new)
        for edit in skipped:
            result.notes.append(f"{shown}: an edit for {edit.why} overlapped another; "
                                "run fix-docs again")
    return result


def run_fix_docs(over: Overrides, write: bool, err: Console) -> int:
    """The command: a unified diff on stdout (exit 1 when there is one), or --write."""
    loaded = run_static(settings(over))
    if loaded.spec is None:
        problem = next((d for d in loaded.result.diagnostics if d.level == "error"), None)
        raise SourceError(problem.message if problem else "the OpenAPI could not be read")
    result = fix_docs(loaded)
    for note in result.notes:
        err.print(f"[yellow]note:[/yellow] {note}", highlight=False, soft_wrap=True)
    changed = result.changed
    if write:
        for shown, (path, _, new) in changed.items():
            path.write_bytes(new)
            err.print(f"fixed {shown}", highlight=False)
        clear_cache()  # parsed files are cached by mtime, which may not have moved yet
        if not changed:
            err.print("the docs already match the backend", highlight=False)
        return EXIT_OK
    for shown, (_, old, new) in changed.items():
        sys.stdout.write(unified(shown, old, new))
    return EXIT_FINDINGS if changed else EXIT_OK
