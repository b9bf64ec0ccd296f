"""Where in the docs a finding belongs: the line a reporter points at (SARIF, annotations).

Code scanning drops a result without a file, so every finding gets one, most precise first:
the docs line declaring the field; the declaration of the type it belongs to; the declaration
of the documented type of the finding's operation (for probe findings about a whole
response); the first docs file; the OpenAPI document itself.
"""

from __future__ import annotations

from typing import Any

from schemacheck.findings import Finding
from schemacheck.records import given
from schemacheck.result import RunResult


def split_where(where: Any) -> tuple[str, int] | None:
    """`docs/API.md:42` -> ("docs/API.md", 42); anything else -> None."""
    if not where or ":" not in str(where):
        return None
    path, _, line = str(where).rpartition(":")
    return (path, int(line)) if line.isdigit() and path else None


def _type_position(result: RunResult, name: str | None) -> tuple[str, int] | None:
    if not name:
        return None
    excerpt = result.docs_excerpts.get(name)
    found = split_where(excerpt.where) if excerpt else None
    if found:
        return found
    schema = result.docs_types.get(name) or {}
    lines = [p for p in (split_where(s.get("x-source")) for s in
                         (schema.get("properties") or {}).values() if isinstance(s, dict)) if p]
    return min(lines, key=lambda p: (p[0], p[1])) if lines else None


def _contract_types(result: RunResult, finding: Finding) -> list[str]:
    """The documented types matched to the finding's operation, its direction's first."""
    direction = "response" if finding.location.startswith("response") else "request"
    matched = [c for c in result.contracts if c.operation == finding.operation and c.docs]
    matched.sort(key=lambda c: c.direction != direction)
    return [c.docs for c in matched]


def locate(result: RunResult, finding: Finding) -> tuple[str, int]:
    docs = finding.docs
    found = split_where(docs.where if docs else None)
    if found:
        return found
    for name in [given(docs.type_name) if docs else None, *_contract_types(result, finding)]:
        found = _type_position(result, name)
        if found:
            return found
    files = [d.path for d in result.inputs.docs if d.path]
    if files:
        return (files[0], 1)
    return (result.inputs.openapi.source or "openapi.json", 1)
