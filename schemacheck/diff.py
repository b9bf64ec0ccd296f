"""Per-field facts on both sides of a contract. No judgement here: rules.py decides severity.
Each pair of named types is walked once, its facts shared by every place reaching it
(fact_tree.py)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from schemacheck.contracts import doc_part_schema, part_schema
from schemacheck.fact_tree import ContractFacts, Diff, Nested, Subtree
from schemacheck.facts import Contract, FieldFact, Side
from schemacheck.gc_pause import paused
from schemacheck.model import Schema, SchemaSet, ref, split_null, type_names
from schemacheck.sources.openapi import Spec
from schemacheck.sources.typescript import DocSet
from schemacheck.union_pairs import Member, members, pair, tagged

MAX_DEPTH = 64


def root_location(contract: Contract) -> str:
    if contract.part == "component":
        return "#" + contract.doc_type
    return {"request": "body", "response": "response", "query": "query"}[contract.part]


# Each pair of named types walked once, by (docs name, backend name): large APIs reach the same
# pairs from hundreds of operations (fact_tree.py).
Subtrees = dict[tuple[str, str], Subtree]


def diff_contract(contract: Contract, docs: DocSet, spec: Spec,
                  subtrees: Subtrees | None = None) -> ContractFacts:
    doc_schema = doc_part_schema(contract.doc_type)
    if contract.part == "component":
        be_schema: Schema | None = ref(contract.backend)
    else:
        op = spec.operation(contract.operation or "")
        be_schema = part_schema(op, contract.part) if op else None
    walker = _Walker(contract, docs.schemas, spec.schemas, {} if subtrees is None else subtrees)
    if be_schema is not None:
        walker.field(doc_schema, be_schema, loc=root_location(contract), name="",
                     owners=(None, None))
    return ContractFacts(contract, walker.entries)


class _Walker:
    def __init__(self, contract: Contract, docs: SchemaSet, backend: SchemaSet,
                 subtrees: Subtrees) -> None:
        self.contract = contract
        self.docs = docs
        self.backend = backend
        self.entries: list[FieldFact | Nested] = []  # of the contract, or the pair being walked
        self.dots = 0  # the depth where that pair stands (locations below it are relative)
        self.seen: set[tuple[str, str, str]] = set()
        self.subtrees = subtrees
        self.cuts = 0  # walks stopped by the recursion guard: such subtrees are not reused
        self.holders: tuple[str | None, str | None] = (None, None)  # of the field walked into

    def side(self, schema: Schema, present: bool, required: bool, owner: str | None,
             schemas: SchemaSet, where_key: str,
             parent_where: str | None = None) -> tuple[Side, Schema, str | None]:
        if not present:  # point at the object the field is missing from
            return Side(False, owner=owner, where=parent_where), {}, None
        resolved, name = schemas.deref(schema) if "$ref" in schema else (schema, None)
        core, nullable = split_null(resolved)
        core, inner_name = schemas.deref(core) if "$ref" in core else (core, None)
        where = schema.get(where_key) or resolved.get(where_key)
        enum = core.get("enum") if "const" not in core else [core["const"]]
        named = inner_name or name  # the enum's own declaration, when a named type holds it
        enum_where = core.get(where_key) if named and isinstance(enum, list) else None
        side = Side(True, required, nullable,  # by position: 80,000 calls (facts.py)
                    nullable and bool(resolved.get("x-null-unsure")),  # null_unsure
                    _types(core),
                    tuple(enum) if isinstance(enum, list) else None,
                    core.get("format"),
                    bool(schema.get("readOnly") or core.get("readOnly")),
                    bool(schema.get("writeOnly") or core.get("writeOnly")),
                    owner, where, enum_where, schema)
        return side, core, inner_name or name

    def field(self, doc: Schema, be: Schema, *, loc: str, name: str,
              owners: tuple[str | None, str | None], present: tuple[bool, bool] = (True, True),
              required: tuple[bool, bool] = (True, True),
              parent: tuple[bool, bool, bool] = (False, False, False),
              parent_where: tuple[str | None, str | None] = (None, None),
              renamed: str | None = None) -> None:
        """One field's fact (docs side, backend side), then the walk below it. `renamed` is
        the other side's name when this field is one half of a likely rename."""
        dside, dcore, dname = self.side(doc, present[0], required[0], owners[0], self.docs,
                                        "x-source", parent_where[0])
        bside, bcore, bname = self.side(be, present[1] or bool(renamed and be), required[1],
                                        owners[1], self.backend, "x-pointer", parent_where[1])
        if renamed and not present[1]:
            bside = replace(bside, present=False)  # the new name's declaration, not this one
        self.entries.append(FieldFact(self.contract, loc, name, dside, bside,  # by position:
                                      parent[0], parent[1], parent[2], renamed))  # facts.py
        if present[0] and present[1]:
            self.holders = owners
            self.walk(dcore, bcore, loc, dname, bname)

    def walk(self, doc: Schema, be: Schema, loc: str, dname: str | None,
             bname: str | None, share: bool = True) -> None:
        pair = (dname or "", bname or "", "")
        if self.dots + loc.count(".") > MAX_DEPTH or (dname and bname and pair in self.seen):
            self.cuts += 1
            return  # a recursive type: stop where the same named pair is already open
        if not (dname and bname and share):
            self._walk(doc, be, loc, dname, bname)
            return
        tree = self.subtrees.get((dname, bname))
        if tree is None:  # walked here, below `loc`, at locations relative to it
            tree, cuts = Subtree(), self.cuts
            outer, dots = self.entries, self.dots
            self.entries, self.dots = tree.entries, dots + loc.count(".")
            self.seen.add(pair)
            try:
                self._walk(doc, be, "", dname, bname)
            finally:
                self.seen.discard(pair)
                self.entries, self.dots = outer, dots
            if self.cuts == cuts:  # complete: every other place reaching the pair shares it
                self.subtrees[(dname, bname)] = tree
        if tree.entries:
            self.entries.append(Nested(loc, tree))

    def _walk(self, doc: Schema, be: Schema, loc: str, dname: str | None,
              bname: str | None) -> None:
        if not (_plain(doc) and _plain(be)):  # else each is its own one member, as it stands
            dmembers, bmembers = members(doc, self.docs), members(be, self.backend)
            if len(dmembers) > 1 or len(bmembers) > 1:
                self.union(doc, be, dmembers, bmembers, loc, (dname, bname))
                return
            if dmembers and bmembers:  # `anyOf: [$ref X]` is X: its fields are X's
                doc, be = dmembers[0].core, bmembers[0].core
                dname, bname = dname or dmembers[0].name, bname or bmembers[0].name
        if "properties" in doc or "properties" in be:
            self.objects(doc, be, loc, dname, bname)
        elif isinstance(doc.get("prefixItems"), list) and isinstance(be.get("prefixItems"), list):
            for index, (ditem, bitem) in enumerate(zip(doc["prefixItems"], be["prefixItems"],
                                                       strict=False)):
                self.field(ditem, bitem, loc=f"{loc}[{index}]", name=f"[{index}]",
                           owners=(dname, bname))  # a tuple: position by position
        elif isinstance(doc.get("prefixItems"), list) and isinstance(be.get("items"), dict):
            for index, ditem in enumerate(doc["prefixItems"]):
                self.field(ditem, be["items"], loc=f"{loc}[{index}]", name=f"[{index}]",
                           owners=(dname, bname))  # a documented tuple of a backend list
        elif isinstance(doc.get("items"), dict) and isinstance(be.get("items"), dict):
            self.field(doc["items"], be["items"], loc=loc + "[]", name="[]",
                       owners=(dname, bname))
        elif isinstance(doc.get("additionalProperties"), dict) and isinstance(
                be.get("additionalProperties"), dict):
            self.field(doc["additionalProperties"], be["additionalProperties"], loc=loc + "{}",
                       name="{}", owners=(dname, bname))

    def union(self, doc: Schema, be: Schema, dmembers: list[Member], bmembers: list[Member],
              loc: str, names: tuple[str | None, str | None]) -> None:
        """Member by member: paired members are walked into; a member only one side has is a
        fact of its own (which the rules judge by direction), held by the types holding the
        field (the union's own names where it is a shared pair of named types)."""
        owners = names if names[0] and names[1] else self.holders
        if any(not m.core or not type_names(m.core) and "properties" not in m.core
               for m in [*dmembers, *bmembers]):
            return  # one side accepts anything there: nothing to pair
        paired, docs_only, backend_only = pair(dmembers, tagged(bmembers, be), be)
        for dm, bm in paired:  # a member tagged here is no longer its component: not shared
            self.walk(dm.core, bm.core, loc, dm.name, bm.name, share=not bm.tagged)
        for member, on_docs in [*((m, True) for m in docs_only),
                                *((m, False) for m in backend_only)]:
            key = "x-source" if on_docs else "x-pointer"
            side = Side(True, types=tuple(sorted(type_names(member.core))),
                        owner=owners[0 if on_docs else 1], schema=member.schema,
                        where=member.schema.get(key) or member.core.get(key) or (
                            doc if on_docs else be).get(key))
            absent = Side(False, owner=owners[1 if on_docs else 0], where=(
                be if on_docs else doc).get("x-pointer" if on_docs else "x-source"))
            self.entries.append(FieldFact(self.contract, loc, "", side if on_docs else absent,
                                          absent if on_docs else side, docs_open=False,
                                          backend_open=False, backend_closed=False,
                                          member=member.label))

    def objects(self, doc: Schema, be: Schema, loc: str, dname: str | None,
                bname: str | None) -> None:
        dprops: dict[str, Schema] = doc.get("properties", {})
        bprops: dict[str, Schema] = be.get("properties", {})
        drequired = set(doc.get("required", []))
        brequired = set(be.get("required", []))
        parent = (not dprops and "properties" not in doc, not bprops and "properties" not in be,
                  be.get("additionalProperties") is False)
        renames = likely_renames([n for n in dprops if n not in bprops],
                                 [n for n in bprops if n not in dprops])
        back = {new: old for old, new in renames.items()}
        owners, where = (dname, bname), (doc.get("x-source"), be.get("x-pointer"))
        for name in [*dprops, *(n for n in bprops if n not in dprops)]:
            other = renames.get(name) or back.get(name)
            be_schema = bprops[renames[name]] if name in renames else bprops.get(name, {})
            self.field(dprops.get(name, {}), be_schema, loc=f"{loc}.{name}", name=name,
                       owners=owners, present=(name in dprops, name in bprops),
                       required=(name in drequired,
                                 name in brequired or (name in renames and other in brequired)),
                       parent=parent, parent_where=where, renamed=other)


def _plain(schema: Schema) -> bool:
    """Neither a union nor a reference: most schemas, which need no member pairing."""
    return "anyOf" not in schema and "oneOf" not in schema and "$ref" not in schema


def _types(core: Schema) -> tuple[str, ...]:
    kind = core.get("type")
    if kind.__class__ is str:  # most fields: no set to build
        return _one(kind)
    return _sorted(type_names(core))


@cache
def _one(kind: str) -> tuple[str, ...]:
    return (kind,)


@cache  # a few dozen distinct sets, asked for every field
def _sorted(types: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(types))


def _words(name: str) -> str:
    """`nextCursor`, `next_cursor`, `Next-Cursor` -> `nextcursor`."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _rename_score(docs: str, backend: str) -> int:
    """How likely `backend` is `docs` renamed: 3 same words (case, underscores), 2 a suffix
    added or dropped (`price`/`price_cents`), 1 one letter apart (`updateAt`/`updatedAt`)."""
    a, b = _words(docs), _words(backend)
    if not a or not b:
        return 0
    if a == b:
        return 3
    short, long = sorted((a, b), key=len)
    if len(short) >= 3 and long.startswith(short):
        return 2
    if min(len(a), len(b)) >= 5 and _one_edit(a, b):
        return 1
    return 0


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def likely_renames(documented: list[str], backend: list[str]) -> dict[str, str]:
    """Documented fields the backend lacks, paired one to one with undocumented backend fields
    of a similar name; a name with two equally likely partners pairs with neither."""
    pairs: dict[str, str] = {}
    taken: set[str] = set()
    for name in documented:
        scored = sorted(((_rename_score(name, other), other) for other in backend
                         if other not in taken), reverse=True)
        if scored and scored[0][0] and (len(scored) == 1 or scored[1][0] < scored[0][0]):
            pairs[name] = scored[0][1]
            taken.add(scored[0][1])
    return pairs


def compare_all(contracts: list[Contract], docs: DocSet, spec: Spec) -> Diff:
    """Every contract's facts, each pair of named types walked once for all of them."""
    subtrees: Subtrees = {}
    # The walk builds some 100,000 records that form no cycles: a collection meanwhile would
    # scan the loaded sources for nothing (a third of the walk's time on GitHub's pair).
    with paused():
        return Diff([diff_contract(contract, docs, spec, subtrees) for contract in contracts])


def diff_all(contracts: list[Contract], docs: DocSet, spec: Spec) -> list[FieldFact]:
    """Every fact at every place it shows (for callers that judge facts one by one)."""
    return compare_all(contracts, docs, spec).facts()
