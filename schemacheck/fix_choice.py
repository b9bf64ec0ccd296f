"""Which change one documented property gets: the rules firing on it ask for changes, and a
change is taken only when it lowers the findings (weighted by severity) over EVERY place the
property is compared.

A documented type often serves several operations (a request and a response, FastAPI's
`-Input` and `-Output` schemas). Judging each change against all of them keeps fix-docs
stable: a change that trades a finding for one as bad or worse elsewhere is left out (with
a note), so a second run does not undo the first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from schemacheck.diff import FieldFact, Side
from schemacheck.findings import Finding
from schemacheck.model import Schema

ADD = {"request-field-required-but-undocumented", "response-field-undocumented"}
REMOVE = {"request-field-unknown-to-backend", "response-field-missing",
          "response-optional-field-missing"}
RENAME = {"request-field-renamed", "response-field-renamed"}
REQUIRED = {"request-field-required-but-documented-optional": True,
            "request-field-optional-but-documented-required": False,
            "response-field-optional-but-documented-required": False}
NULLABLE = {"request-null-rejected": False, "response-field-nullable-but-documented-non-null": True}
RETYPE = {"request-type-mismatch", "response-type-mismatch", "request-enum-value-rejected",
          "response-enum-value-undocumented"}

Live = Callable[[FieldFact], list[Finding]]  # what fires on a fact (ignores applied)


def weight(findings: list[Finding]) -> int:
    """One critical outweighs any number of lower findings a change could add elsewhere."""
    return sum(4 ** f.level for f in findings)


@dataclass
class Want:
    """The change chosen for one documented property."""

    required: bool | None = None
    nullable: bool | None = None
    retype: Schema | None = None  # the backend's schema, to take its type (or enum)
    remove: bool = False
    rename: str | None = None  # the backend's name for the property
    why: list[str] = field(default_factory=list)
    held_back: list[str] = field(default_factory=list)  # asked for, but would add findings

    @property
    def empty(self) -> bool:
        return not (self.remove or self.rename or self.retype is not None
                    or self.required is not None or self.nullable is not None)


def _score(facts: list[FieldFact], change: Callable[[Side], Side], live: Live) -> int:
    return sum(weight(live(replace(f, docs=change(f.docs)))) for f in facts)


def _with(**changes: Any) -> Callable[[Side], Side]:
    def step(side: Side) -> Side:
        return replace(side, **changes)
    return step


def decide(group: list[tuple[FieldFact, list[str]]], live: Live) -> Want:
    """Greedy, in a fixed order (remove, required, nullable, type): each asked-for change is
    kept when the findings over the whole group strictly go down."""
    facts = [fact for fact, _ in group]
    asked = [(fact, rule) for fact, rules in group for rule in rules]
    want = Want(why=sorted({rule for _, rule in asked}))
    steps: list[Callable[[Side], Side]] = []

    def current(side: Side) -> Side:
        for step in steps:
            side = step(side)
        return side

    best = _score(facts, current, live)

    def attempt(step: Callable[[Side], Side], what: str) -> bool:
        nonlocal best
        score = _score(facts, lambda s: step(current(s)), live)
        if score < best:
            steps.append(step)
            best = score
            return True
        want.held_back.append(what)
        return False

    if any(rule in REMOVE for _, rule in asked):
        if attempt(lambda s: replace(s, present=False), "remove"):
            want.remove = True
            return want
    for value in dict.fromkeys(REQUIRED[r] for _, r in asked if r in REQUIRED):
        if attempt(_with(required=value), f"required={value}"):
            want.required = value
            break
    for value in dict.fromkeys(NULLABLE[r] for _, r in asked if r in NULLABLE):
        if attempt(_with(nullable=value), f"nullable={value}"):
            want.nullable = value
            break
    for fact, rule in asked:
        if rule in RETYPE and want.retype is None:
            backend = fact.backend
            if attempt(_with(types=backend.types, enum=backend.enum, format=backend.format),
                       "type"):
                want.retype = backend.schema
    return want


def decide_rename(group: list[tuple[FieldFact, list[str]]],
                  partner: Callable[[FieldFact], FieldFact | None], live: Live) -> Want | None:
    """A property the backend likely renamed takes the backend's name when every place
    comparing it asks for that same name; the rest of the change (required, nullable, type)
    is then judged against the backend's field, as if the docs already used its name. None
    when the places disagree or the backend's field is not found."""
    names = {fact.renamed if any(r in RENAME for r in rules) else None for fact, rules in group}
    if len(names) != 1 or None in names:
        return None
    new = names.pop()
    renamed: list[tuple[FieldFact, list[str]]] = []
    for fact, _ in group:
        other = partner(fact)
        if other is None:
            return None
        moved = replace(fact, field=other.field, location=other.location, renamed=None,
                        backend=replace(other.backend, present=True))
        renamed.append((moved, [f.rule for f in live(moved)]))
    want = decide(renamed, live) if any(rules for _, rules in renamed) else Want()
    want.rename = new
    want.why = sorted({*want.why, *(r for _, rules in group for r in rules)})
    return want


def decide_add(asking: FieldFact, facts: list[FieldFact], live: Live) -> bool | None:
    """Whether to add an undocumented field as required (True) or optional (False), or not at
    all (None): scored over every place its documented type is compared, including those
    where the backend lacks the field (there the added field would be a new finding)."""
    owner, name, backend = asking.docs.owner, asking.field, asking.backend
    if not owner:
        return backend.required
    contexts: dict[tuple[object, str], FieldFact] = {}  # one sibling per place, for its flags
    existing: dict[tuple[object, str], FieldFact] = {}
    for fact in facts:
        if fact.docs.owner != owner or not fact.field or fact.field in ("[]", "{}"):
            continue
        key = (fact.contract, fact.location[: -(len(fact.field) + 1)])
        contexts.setdefault(key, fact)
        if fact.field == name:
            existing[key] = fact
    before = sum(weight(live(f)) for f in existing.values())

    def after(required: bool) -> int:
        docs = Side(True, required=required, nullable=backend.nullable, types=backend.types,
                    enum=backend.enum, format=backend.format, owner=owner,
                    where=asking.docs.where, schema=backend.schema)
        total = 0
        for key, sibling in contexts.items():
            fact = existing.get(key)
            if fact is None:
                fact = FieldFact(sibling.contract, f"{key[1]}.{name}", name, docs,
                                 Side(False, owner=sibling.backend.owner),
                                 docs_open=sibling.docs_open,
                                 backend_open=sibling.backend_open,
                                 backend_closed=sibling.backend_closed)
            total += weight(live(replace(fact, docs=docs)))
        return total

    for required in dict.fromkeys((backend.required, not backend.required)):
        if after(required) < before:
            return required
    return None
