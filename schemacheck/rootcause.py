"""One finding per root cause: a drift declared once (a field of a shared schema or type) is
one finding at its declaration, `#Type.field`, whose `affects` lists every operation and
location where it shows. Directions stay apart: the request and the response rule of a field
used both ways are two findings.

Runs after the probe (which confirms findings place by place) and after ignores (which match
places), so both keep working on what the diff saw.
"""

from __future__ import annotations

from dataclasses import replace

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


def _merge(items: list[Finding], declaration: Declaration) -> Finding:
    first = min(items, key=sort_key)
    confirmed = next((f for f in items if f.confirmed), None)
    places = sorted({p for f in items for p in f.affects},
                    key=lambda p: (p.operation or "~", p.location))
    _, docs_type, backend_type, field = declaration
    evidence = (confirmed or first).evidence
    more = tuple(f.evidence.reproduction() for f in items
                 if f.confirmed and f is not confirmed and f.evidence)
    if evidence is not None and more:
        evidence = replace(evidence, more=more)  # each place's own reproduction
    return Finding(
        rule=first.rule, severity=max(items, key=lambda f: f.level).severity, operation=None,
        location=f"#{docs_type or backend_type}.{field}", message=first.message,
        docs=first.docs, backend=first.backend, confirmed=confirmed is not None,
        evidence=evidence, fix=first.fix, root_cause=first.root_cause,
        affects=(Place(None, f"#{docs_type or backend_type}.{field}"), *places))


def by_declaration(findings: list[Finding]) -> list[Finding]:
    """Findings of one rule on one declared field, seen at several places, become one."""
    groups: dict[Declaration, list[Finding]] = {}
    out: list[Finding] = []
    for finding in findings:
        key = _declaration(finding)
        if key is None:
            out.append(finding)
        else:
            groups.setdefault(key, []).append(finding)
    for key, items in groups.items():
        places = {p for f in items for p in f.affects}
        out.append(items[0] if len(places) == 1 else _merge(items, key))
    return sorted(out, key=sort_key)

