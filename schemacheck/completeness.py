"""No silent pass: the reasons a run compared less than it was asked to.

A run with any reason is INCOMPLETE (exit 3) whatever its findings say: docs that define no
type, a docs file that does not parse, a configured contract that names nothing or compares
nothing, or no documented type compared with anything at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set

from schemacheck.facts import Contract, FieldFact


def compares_something(fact: FieldFact) -> bool:
    """A field found on both sides, or a body that is a plain value on both (not an object,
    which compares only through its fields)."""
    if not (fact.docs.present and fact.backend.present):
        return False
    kinds = {*fact.docs.types, *fact.backend.types}
    return bool(fact.field) or bool(fact.docs.types and fact.backend.types
                                    and "object" not in kinds)


def is_unconstrained(fact: FieldFact) -> bool:
    """A body (or union member) whose backend side declares nothing: `any`."""
    return not fact.field and fact.backend.present and not fact.backend.types


def incomplete_reasons(*, doc_types: Iterable[str], doc_errors: Iterable[str],
                       operations: Iterable[str], contracts: list[Contract],
                       compared: Set[Contract], unconstrained: Set[Contract],
                       configured: Mapping[str, Mapping[str, str]]) -> list[str]:
    """One line per reason, in a stable order. `compared`: the contracts with a fact that
    compares something (`compares_something`); `unconstrained`: those with a body the
    backend leaves as any (`is_unconstrained`)."""
    reasons = [f"docs: {error}" for error in doc_errors]
    known_types = set(doc_types)
    if not known_types:
        reasons.append("docs: no TypeScript type found in the documentation")
    known_ops = set(operations)
    made = {(c.operation, c.part): c for c in contracts if c.how == "config"}
    for op_key, parts in sorted(configured.items()):
        for part, name in sorted(parts.items()):
            where = f"contracts: {op_key} {part} `{name}`"
            if op_key not in known_ops:
                reasons.append(f"{where}: the backend has no operation {op_key}")
            elif name.removesuffix("[]") not in known_types:
                reasons.append(f"{where}: the docs define no type `{name.removesuffix('[]')}`")
            elif (op_key, part) not in made:
                reasons.append(f"{where}: the operation has no {part} to compare")
            elif made[(op_key, part)] not in compared:
                reasons.append(f"{where}: compares nothing (no field matches on both sides)")
    # A contract whose backend side declares nothing (any) pairs fine but has no field to
    # compare: not a silent pass (the probe still validates its answers against the docs).
    if known_types and not compared and not unconstrained:
        reasons.append("no documented type was compared with anything in the backend")
    return reasons
