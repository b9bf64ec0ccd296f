"""The static rules applied: every fact of the diff against every catalogued check of its
direction. The rules themselves (checks, severities, fixes, texts) live in the catalog."""

from __future__ import annotations

from schemacheck.catalog import RULES, Rule, make_finding
from schemacheck.catalog.static import has_default
from schemacheck.facts import FieldFact
from schemacheck.findings import Finding

__all__ = ["RULES", "Rule", "evaluate"]


def evaluate(facts: list[FieldFact], disabled: frozenset[str] = frozenset()) -> list[Finding]:
    findings: list[Finding] = []
    by_direction = {d: [(r, r.check) for r in RULES.values()
                        if r.direction == d and r.check is not None and r.id not in disabled]
                    for d in ("request", "response")}
    for fact in facts:
        direction = fact.contract.direction
        for item, check in by_direction[direction]:
            message = check(fact)
            if message is None:
                continue
            findings.append(make_finding(
                item.id, operation=fact.contract.operation, location=fact.location,
                message=message, docs=fact.docs.to_json(), backend=fact.backend.to_json(),
                fix=item.fix(fact) if item.fix else None,
                root_cause=f"{direction}:{fact.contract.doc_type}",
                backend_closed=fact.backend_closed, backend_required=fact.backend.required,
                backend_default=has_default(fact.backend)))
    return findings


def removed_operations(removed: list[tuple[str, str, str]]) -> list[Finding]:
    """A documented operation the backend no longer has: one finding, whatever the docs
    declare for it."""
    return [make_finding(
        "operation-removed", operation=operation, location="operation",
        message=f"the docs document {operation} (`{name}`) but the backend has no such "
                "operation",
        docs={"present": True, "type_name": name, "where": source},
        backend={"present": False, "type_name": None, "where": "#/paths"},
        root_cause=f"operation-removed:{operation}") for operation, name, source in removed]
