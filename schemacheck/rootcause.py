"""One finding per root cause: a drift declared once (a field of a shared schema or type) is
one finding at its declaration, `#Type.field`, whose `affects` lists every operation and
location where it shows. Directions stay apart: the request and the response rule of a field
used both ways are two findings.

Runs after the probe (which confirms findings place by place) and after ignores (which match
places), so both keep working on what the diff saw.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from schemacheck.catalog import RULES
from schemacheck.findings import Finding, Place, sort_key

Declaration = tuple[str, str, str, str]  # rule, documented type, backend type, field


def _declaration(finding: Finding) -> Declaration | None:
    rule = RULES.get(finding.rule)
    if rule is None or rule.direction not in ("request", "response"):
        return None
    field = finding.location.rpartition(".")[2] if "." in finding.location else ""
    if not field or field.endswith(("]", "{}")):
        return None  # the body, an item or a value: no declared field to point at
    docs_type = finding.docs and finding.docs.type_name or ""
    backend_type = finding.backend and finding.backend.type_name or ""
    if not docs_type and not backend_type:
        return None
    return finding.rule, docs_type, backend_type, field


def _lines(finding: Finding) -> tuple[str, str, str, str] | None:
    """The rule, the field and the two declarations a finding stands on: the docs' file:line
    and the backend's pointer. Findings on the same pair of lines are one drift, however many
    places reach it (a field of an inline object in a shared type: no type name to merge by)."""
    docs = finding.docs.where if finding.docs and finding.docs.where else ""
    backend = finding.backend.where if finding.backend and finding.backend.where else ""
    rule = RULES.get(finding.rule)
    if not (docs and backend) or rule is None or rule.direction not in ("request", "response"):
        return None
    return finding.rule, finding.location.rpartition(".")[2], docs, backend


def _merge(items: list[Finding], declaration: Declaration) -> Finding:
    _, docs_type, backend_type, field = declaration
    return _merged(items, f"#{docs_type or backend_type}.{field}")


def _merged(items: list[Finding], location: str, operation: str | None = None) -> Finding:
    first = min(items, key=sort_key)
    confirmed = next((f for f in items if f.confirmed), None)
    places = sorted({p for f in items for p in f.affects} - {Place(operation, location)},
                    key=lambda p: (p.operation or "~", p.location))
    evidence = (confirmed or first).evidence
    more = tuple(f.evidence.reproduction() for f in items
                 if f.confirmed and f is not confirmed and f.evidence)
    if evidence is not None and more:
        evidence = replace(evidence, more=more)  # each place's own reproduction
    return Finding(
        rule=first.rule, severity=max(items, key=lambda f: f.level).severity,
        operation=operation, location=location, message=first.message, docs=first.docs,
        backend=first.backend, confirmed=confirmed is not None, evidence=evidence, fix=first.fix,
        root_cause=first.root_cause, affects=(Place(operation, location), *places))


def by_declaration(findings: list[Finding]) -> list[Finding]:
    """Findings of one rule on one declared field, seen at several places, become one: by the
    named type holding the field, then by the two declared lines (an inline object's field)."""
    out: list[Finding] = []
    for key, items in _grouped(findings, _declaration, out).items():
        places = {p for f in items for p in f.affects}
        out.append(items[0] if len(places) == 1 else _merge(items, key))
    return sorted(_by_lines(out), key=sort_key)


def _by_lines(findings: list[Finding]) -> list[Finding]:
    """Findings standing on the same two declared lines become one, at the place nearest
    the declaration (`#repository.owner.login` rather than every webhook holding a
    repository), listing every place."""
    out: list[Finding] = []
    for items in _grouped(findings, _lines, out).values():
        if len(items) == 1:
            out.append(items[0])
            continue
        # shown where the fewest steps lead to it: a declaration's own (`#repository.x`)
        # before an operation's, an operation's before a place deeper in another type
        nearest = min((p for f in items for p in f.affects), key=lambda p: (
            p.location.count(".") + p.location.count("[]"), p.operation is not None,
            p.operation or "", p.location))
        out.append(_merged(items, nearest.location, nearest.operation))
    return out


K = TypeVar("K")


def _grouped(findings: list[Finding], key_of: Callable[[Finding], K | None],
             alone: list[Finding]) -> dict[K, list[Finding]]:
    """The findings by `key_of`, in first-seen order; those without a key go to `alone`."""
    groups: dict[K, list[Finding]] = {}
    for finding in findings:
        key = key_of(finding)
        if key is None:
            alone.append(finding)
        else:
            groups.setdefault(key, []).append(finding)
    return groups
