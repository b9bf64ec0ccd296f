"""The static rules applied: every fact of the diff against every catalogued check of its
direction. The rules themselves (checks, severities, fixes, texts) live in the catalog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from schemacheck.catalog import RULES, Rule, make_finding
from schemacheck.catalog.static import has_default, is_mapped_tag
from schemacheck.fact_tree import Diff, Subtree, gather, placed
from schemacheck.facts import FieldFact
from schemacheck.findings import Declared, Finding

__all__ = ["RULES", "Rule", "evaluate", "evaluate_diff", "evaluate_each"]

Check = tuple[Rule, Callable[[FieldFact], str | None]]


def checks_by_direction(disabled: frozenset[str] = frozenset()) -> dict[str, list[Check]]:
    return {d: [(r, r.check) for r in RULES.values()
                if r.direction == d and r.check is not None and r.id not in disabled]
            for d in ("request", "response")}


def _finding(item: Rule, message: str, fact: FieldFact) -> Finding:
    direction = fact.contract.direction
    docs, backend = fact.docs, fact.backend
    if item.at_enum:  # declared where the named enum is, when one holds the values
        docs = replace(docs, where=docs.enum_where or docs.where)
        backend = replace(backend, where=backend.enum_where or backend.where)
    return make_finding(
        item.id, operation=fact.contract.operation, location=fact.location,
        message=message, docs=docs.declared(), backend=backend.declared(),
        fix=item.fix(fact) if item.fix else None,
        root_cause=f"{direction}:{fact.contract.doc_type}",
        backend_closed=fact.backend_closed, backend_required=fact.backend.required,
        backend_default=has_default(fact.backend), backend_tag=is_mapped_tag(fact.backend))


def evaluate(facts: list[FieldFact], disabled: frozenset[str] = frozenset(),
             checks: dict[str, list[Check]] | None = None) -> list[Finding]:
    """`checks`: the catalog's checks by direction (checks_by_direction), when a caller
    judges facts one at a time and should not gather them for each."""
    findings: list[Finding] = []
    by_direction = checks_by_direction(disabled) if checks is None else checks
    for fact in facts:
        for item, check in by_direction[fact.contract.direction]:
            message = check(fact)
            if message is not None:
                findings.append(_finding(item, message, fact))
    return findings


def evaluate_diff(diff: Diff, disabled: frozenset[str] = frozenset()) -> list[Finding]:
    """`evaluate(diff.facts())`, the same findings in the same order, with each pair of named
    types judged once per direction: a check's verdict depends on the fact's sides and flags,
    not on where it stands (its location only names the place in the message), so only the
    facts a check flags are laid out at every place they show, and judged there again for
    the message."""
    return [finding for found in evaluate_each(diff, disabled) for finding in found]


def evaluate_each(diff: Diff, disabled: frozenset[str] = frozenset()) -> list[list[Finding]]:
    """evaluate_diff's findings contract by contract (a contract's own never depend on the
    others: the memos only spare judging a shared pair twice)."""
    by_direction = checks_by_direction(disabled)

    def picker(checks: list[Check]) -> Callable[[FieldFact], list[Check]]:
        return lambda fact: [pair for pair in checks if pair[1](fact) is not None]

    picks = {d: picker(checks) for d, checks in by_direction.items()}
    memos: dict[str, dict[Subtree, list[tuple[str, FieldFact, Check]]]] = {
        d: {} for d in by_direction}
    out: list[list[Finding]] = []
    for item in diff.contracts:
        direction = item.contract.direction
        found: list[Finding] = []
        for location, fact, (rule, check) in gather(item.entries, picks[direction],
                                                    memos[direction]):
            here = placed(fact, item.contract, location)
            message = check(here)
            if message is not None:
                found.append(_finding(rule, message, here))
        out.append(found)
    return out


def removed_operations(removed: list[tuple[str, str, str]]) -> list[Finding]:
    """A documented operation the backend no longer has: one finding, whatever the docs
    declare for it."""
    return [make_finding(
        "operation-removed", operation=operation, location="operation",
        message=f"the docs document {operation} (`{name}`) but the backend has no such "
                "operation",
        docs=Declared(True, source, type_name=name),
        backend=Declared(False, "#/paths", type_name=None),
        root_cause=f"operation-removed:{operation}") for operation, name, source in removed]
