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
    """A body (or union member) whose backend side declares nothing: `any`; or a documented
    field of an object whose backend side declares no fields and takes any (FastAPI's
    `-> dict`): nothing there to compare statically."""
    if not fact.field:
        return fact.backend.present and not fact.backend.types
    return (fact.docs.present and not fact.backend.present and fact.backend_open
            and not fact.backend_closed)


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
    # compare statically: only the probe compares it, by validating its answers against the
    # docs (pipeline.merged drops PROBE_ONLY once it has).
    if known_types and not compared:
        reasons.append(PROBE_ONLY if unconstrained else NOTHING)
    return reasons


NOTHING = "no documented type was compared with anything in the backend"
PROBE_ONLY = (f"{NOTHING}: the spec declares every body they pair with as any (only a probe "
              "compares those)")


def unconstrained_note(contracts: list[Contract]) -> str:
    """The warning naming the documented bodies the spec leaves as any (and nothing else of
    theirs is compared)."""
    shown = [f"{c.operation or '#' + c.backend} {c.part} (`{c.doc_type}`)" for c in contracts]
    more = f" and {len(shown) - 5} more" if len(shown) > 5 else ""
    bodies = "body" if len(shown) == 1 else "bodies"
    # a webhook's part runs the other way (its body is sent by the API): never probed
    hooks = sum(1 for c in contracts if c.part in ("request", "response")
                and (c.part == "response") != (c.direction == "response"))
    probe = "a probe validates their answers against the docs" if hooks < len(contracts) \
        else "webhooks, which the API sends, are never probed"
    if 0 < hooks < len(contracts):
        probe += " (webhooks, which the API sends, are never probed)"
    return (f"the spec declares nothing to compare (any, or an object of any fields) for "
            f"{len(shown)} documented {bodies}: {', '.join(shown[:5])}{more}; {probe}")
