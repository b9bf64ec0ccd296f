"""The gap report's "What the live backend showed" section: fields the spec may omit but every
answer carried (docs | spec | observed), the real required set `--field-by-field` observed,
and each declared workflow step by step."""

from __future__ import annotations

from schemacheck.result import RunResult


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def live_section(result: RunResult) -> list[str]:
    out: list[str] = []
    refuted = [f for f in result.sorted_findings() if f.evidence and f.evidence.not_seen_live]
    if refuted:
        out += ["### Fields the spec may omit, seen in every answer", "",
                "| field | docs | spec | observed |", "|---|---|---|---|"]
        for finding in refuted:
            counts = finding.evidence.observed if finding.evidence else None
            present, absent = (counts.present, counts.absent) if counts else (0, 0)
            out.append(f"| `{_cell(finding.location)}` ({_cell(finding.operation)}) | required "
                       f"| may be omitted | present in {present} of {present + absent} answers |")
        out.append("")
    observed = [(o.operation, o.probe and o.probe.field_by_field) for o in result.operations]
    rows = [(op, seen) for op, seen in observed if seen]
    if rows:
        out += ["### The backend's real required set (`--field-by-field`)", "",
                "| operation | the docs require | the backend requires |", "|---|---|---|"]
        for op, seen in rows:
            documented = ", ".join(f"`{r}`" for r in seen.documented_required)
            real = ", ".join(f"`{r}`" for r in seen.required)
            out.append(f"| `{_cell(op)}` | {documented or '(none)'} | {real or '(none)'} |")
        out.append("")
    for flow in result.workflows:
        out += [f"### Workflow: {_cell(flow.name)}", "",
                f"Declared in {flow.declared_in} ({_cell(flow.where)}).", "",
                "| step | request | result |", "|---|---|---|"]
        for step in flow.steps:
            status = f" ({step.status})" if step.status is not None else ""
            why = f": {step.reason}" if step.reason else ""
            out.append(f"| {_cell(step.step)} | `{_cell(step.request)}` | "
                       f"{_cell(step.result + status + why)} |")
        out.append("")
    return ["## 🔬 What the live backend showed", "", *out] if out else []
