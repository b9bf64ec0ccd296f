"""Per-field facts on both sides of a contract. No judgement here: rules.py decides severity."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from schemacheck.contracts import Contract, doc_part_schema, part_schema
from schemacheck.model import Schema, SchemaSet, ref, ref_name, split_null, type_names
from schemacheck.sources.openapi import Spec
from schemacheck.sources.typescript import DocSet

MAX_DEPTH = 64


@dataclass(frozen=True)
class Side:
    """What one side declares for one field."""

    present: bool
    required: bool = False
    nullable: bool = False
    types: tuple[str, ...] = ()
    enum: tuple[Any, ...] | None = None
    format: str | None = None
    read_only: bool = False
    write_only: bool = False
    owner: str | None = None  # the named type holding the field
    where: str | None = None  # file:line (docs) or JSON pointer (backend)
    schema: Schema | None = None  # the field's schema, for messages and fixes

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"present": self.present}
        if self.present:
            out.update(required=self.required, nullable=self.nullable, type=list(self.types))
            if self.enum is not None:
                out["enum"] = list(self.enum)
            if self.format:
                out["format"] = self.format
        out["type_name"] = self.owner
        out["where"] = self.where
        return out


@dataclass(slots=True)  # not frozen: built 200,000 times on GitHub, frozen is 5x slower
class FieldFact:
    contract: Contract
    location: str
    field: str  # the property name, "" for the body itself
    docs: Side
    backend: Side
    docs_open: bool  # the documented parent declares no properties (a map or `any`)
    backend_open: bool  # the backend parent declares no properties
    backend_closed: bool  # the backend parent forbids extra properties


def root_location(contract: Contract) -> str:
    if contract.part == "component":
        return "#" + contract.doc_type
    return {"request": "body", "response": "response", "query": "query"}[contract.part]


# Facts below a pair of named types, by (docs name, backend name), with locations relative to
# where the pair stood: large APIs reach the same pairs from hundreds of operations.
Subtrees = dict[tuple[str, str], list[FieldFact]]


def diff_contract(contract: Contract, docs: DocSet, spec: Spec,
                  subtrees: Subtrees | None = None) -> list[FieldFact]:
    doc_schema = doc_part_schema(contract.doc_type)
    if contract.part == "component":
        be_schema: Schema | None = ref(contract.backend)
    else:
        op = spec.operation(contract.operation or "")
        be_schema = part_schema(op, contract.part) if op else None
    if be_schema is None:
        return []
    walker = _Walker(contract, docs.schemas, spec.schemas, {} if subtrees is None else subtrees)
    root = root_location(contract)
    walker.field(doc_schema, be_schema, root, "", True, True, None, None, (False, False, False))
    return walker.facts


class _Walker:
    def __init__(self, contract: Contract, docs: SchemaSet, backend: SchemaSet,
                 subtrees: Subtrees) -> None:
        self.contract = contract
        self.docs = docs
        self.backend = backend
        self.facts: list[FieldFact] = []
        self.seen: set[tuple[str, str, str]] = set()
        self.subtrees = subtrees
        self.cuts = 0  # walks stopped by the recursion guard: such subtrees are not reused

    def side(self, schema: Schema, present: bool, required: bool, owner: str | None,
             schemas: SchemaSet, where_key: str,
             parent_where: str | None = None) -> tuple[Side, Schema, str | None]:
        if not present:  # point at the object the field is missing from
            return Side(False, owner=owner, where=parent_where), {}, None
        resolved, name = schemas.deref(schema)
        core, nullable = split_null(resolved)
        core, inner_name = schemas.deref(core)
        where = schema.get(where_key) or resolved.get(where_key)
        enum = core.get("enum")
        side = Side(True, required, nullable, tuple(sorted(type_names(core))),
                    tuple(enum) if isinstance(enum, list) else None, core.get("format"),
                    bool(schema.get("readOnly") or core.get("readOnly")),
                    bool(schema.get("writeOnly") or core.get("writeOnly")), owner, where, schema)
        return side, core, inner_name or name

    def field(self, doc: Schema, be: Schema, loc: str, name: str, doc_present: bool,
              be_present: bool, doc_owner: str | None, be_owner: str | None,
              parent: tuple[bool, bool, bool], doc_required: bool = True,
              be_required: bool = True, parent_where: tuple[str | None, str | None] = (
                  None, None)) -> None:
        dside, dcore, dname = self.side(doc, doc_present, doc_required, doc_owner, self.docs,
                                        "x-source", parent_where[0])
        bside, bcore, bname = self.side(be, be_present, be_required, be_owner, self.backend,
                                        "x-pointer", parent_where[1])
        self.facts.append(FieldFact(self.contract, loc, name, dside, bside, *parent))
        if doc_present and be_present:
            self.walk(dcore, bcore, loc, dname, bname)

    def walk(self, doc: Schema, be: Schema, loc: str, dname: str | None,
             bname: str | None) -> None:
        pair = (dname or "", bname or "", "")
        if loc.count(".") > MAX_DEPTH or (dname and bname and pair in self.seen):
            self.cuts += 1
            return  # a recursive type: stop where the same named pair is already open
        if not (dname and bname):
            self._walk(doc, be, loc, dname, bname)
            return
        known = self.subtrees.get((dname, bname))
        if known is not None:
            # the constructor, not dataclasses.replace: this runs for every reused field
            self.facts += [FieldFact(self.contract, loc + f.location, f.field, f.docs, f.backend,
                                     f.docs_open, f.backend_open, f.backend_closed)
                           for f in known]
            return
        start, cuts = len(self.facts), self.cuts
        self.seen.add(pair)
        try:
            self._walk(doc, be, loc, dname, bname)
        finally:
            self.seen.discard(pair)
        if self.cuts == cuts:
            cut = len(loc)
            self.subtrees[(dname, bname)] = [
                FieldFact(f.contract, f.location[cut:], f.field, f.docs, f.backend, f.docs_open,
                          f.backend_open, f.backend_closed) for f in self.facts[start:]]

    def _walk(self, doc: Schema, be: Schema, loc: str, dname: str | None,
              bname: str | None) -> None:
        doc = _pick_member(doc, be, self.docs)
        be = _pick_member(be, doc, self.backend)
        if "properties" in doc or "properties" in be:
            self.objects(doc, be, loc, dname, bname)
        elif isinstance(doc.get("items"), dict) and isinstance(be.get("items"), dict):
            self.field(doc["items"], be["items"], loc + "[]", "[]", True, True, dname, bname,
                       (False, False, False))
        elif isinstance(doc.get("additionalProperties"), dict) and isinstance(
                be.get("additionalProperties"), dict):
            self.field(doc["additionalProperties"], be["additionalProperties"], loc + "{}", "{}",
                       True, True, dname, bname, (False, False, False))

    def objects(self, doc: Schema, be: Schema, loc: str, dname: str | None,
                bname: str | None) -> None:
        dprops: dict[str, Schema] = doc.get("properties", {})
        bprops: dict[str, Schema] = be.get("properties", {})
        drequired = set(doc.get("required", []))
        brequired = set(be.get("required", []))
        parent = (not dprops and "properties" not in doc, not bprops and "properties" not in be,
                  be.get("additionalProperties") is False)
        for name in [*dprops, *(n for n in bprops if n not in dprops)]:
            child = f"{loc}.{name}"
            self.field(dprops.get(name, {}), bprops.get(name, {}), child, name, name in dprops,
                       name in bprops, dname, bname, parent, name in drequired,
                       name in brequired, (doc.get("x-source"), be.get("x-pointer")))


def _pick_member(schema: Schema, other: Schema, mine: SchemaSet) -> Schema:
    """For a union, the member that pairs with the other side: by name, else the only object."""
    members = schema.get("anyOf") or schema.get("oneOf")
    if not isinstance(members, list):
        return schema
    other_title = other.get("title")
    for member in members:
        name = ref_name(member)
        if name and other_title and name.split("-")[0] == str(other_title).split("<")[0]:
            return mine.deref(member)[0]
    objects = [mine.deref(m)[0] for m in members if "object" in type_names(mine.deref(m)[0])]
    return objects[0] if len(objects) == 1 else schema


def diff_all(contracts: list[Contract], docs: DocSet, spec: Spec) -> list[FieldFact]:
    facts: list[FieldFact] = []
    subtrees: Subtrees = {}
    for contract in contracts:
        facts.extend(diff_contract(contract, docs, spec, subtrees))
    return facts


