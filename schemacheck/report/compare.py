"""`schemacheck compare`: what changed between two runs, findings keyed by fingerprint."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from deepdiff import DeepDiff

from schemacheck.errors import SchemacheckError
from schemacheck.findings import Finding, sort_key
from schemacheck.result import RunResult

COMPARED = ("rule", "severity", "operation", "location", "message", "confirmed")


@dataclass
class Delta:
    old: RunResult
    new_run: RunResult
    new: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    changed: list[tuple[Finding, Finding, list[str]]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"new": [f.to_json() for f in self.new], "fixed": [f.to_json() for f in self.fixed],
                "changed": [{"fingerprint": b.fingerprint, "fields": c, "before": a.to_json(),
                             "after": b.to_json()} for a, b, c in self.changed]}


def compare_runs(old: RunResult, new: RunResult) -> Delta:
    before = {f.fingerprint: f for f in old.findings}
    after = {f.fingerprint: f for f in new.findings}
    delta = Delta(old, new)
    delta.new = [after[k] for k in after if k not in before]
    delta.fixed = [before[k] for k in before if k not in after]
    common = sorted(set(before) & set(after))
    diff = DeepDiff({k: {n: getattr(before[k], n) for n in COMPARED} for k in common},
                    {k: {n: getattr(after[k], n) for n in COMPARED} for k in common},
                    view="tree")
    changed: dict[str, list[str]] = {}
    for items in diff.values():
        for item in items:
            path = item.path(output_format="list")
            if len(path) >= 2:  # [fingerprint, field]
                changed.setdefault(str(path[0]), []).append(str(path[1]))
    delta.new.sort(key=sort_key)
    delta.fixed.sort(key=sort_key)
    delta.changed = [(before[k], after[k], sorted(set(v))) for k, v in sorted(changed.items())]
    return delta


def render_compare(delta: Delta, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(delta.to_json(), indent=2, sort_keys=True) + "\n"
    if fmt not in ("console", "md"):
        raise SchemacheckError(f"--format {fmt!r}: choose console, md or json")
    md = fmt == "md"
    lines = ["# schemacheck: what changed" if md else "schemacheck: what changed", "",
             f"{delta.old.generated} → {delta.new_run.generated}: {len(delta.new)} new, "
             f"{len(delta.fixed)} fixed, {len(delta.changed)} changed", ""]
    for label, items in (("Fixed", delta.fixed), ("New", delta.new)):
        if items:
            lines.append(f"## {label}" if md else f"{label}:")
            lines += [f"- [{f.severity}] {f.operation or '(component)'} {f.location}: "
                      f"{f.message} ({f.rule})" for f in items]
            lines.append("")
    if delta.changed:
        lines.append("## Changed" if md else "Changed:")
        for before, after, fields in delta.changed:
            what = ", ".join(f"{n}: {getattr(before, n)} → {getattr(after, n)}" for n in fields)
            lines.append(f"- {after.operation or '(component)'} {after.location} "
                         f"({after.rule}): {what}")
        lines.append("")
    return "\n".join(lines)
