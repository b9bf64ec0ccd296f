"""The rule catalog rendered for people (console, Markdown) and machines (JSON)."""

from __future__ import annotations

import difflib
import json
import textwrap
from typing import Any

from rich.console import Console

from schemacheck.catalog import DIRECTIONS, EVIDENCE, RULES, Rule
from schemacheck.errors import ConfigError


def _ordered() -> list[Rule]:
    order = {d: i for i, d in enumerate(DIRECTIONS)}
    return sorted(RULES.values(), key=lambda r: (order[r.direction], r.id))


def _entry(r: Rule) -> dict[str, Any]:
    return {"id": r.id, "direction": r.direction, "severity": r.severity.name,
            "severity_policy": r.policy_doc or None, "summary": r.summary, "doc": r.doc,
            "confirmed_by": list(r.confirmed_by), "mirror": r.mirror, "waiver": r.waiver,
            "marker": r.texts.marker, "impact": r.texts.impact}


def rules_json() -> str:
    return json.dumps({"rules": [_entry(r) for r in _ordered()]}, indent=2) + "\n"


def _facts(r: Rule) -> list[str]:
    lines = [f"- Severity: {r.severity.name}" + (f" ({r.policy_doc})" if r.policy_doc else "")]
    if r.confirmed_by:
        lines.append("- Confirmed live by: " + "; ".join(EVIDENCE[k] for k in r.confirmed_by))
    lines.append(f"- Mirror: `{r.mirror}`" if r.mirror else f"- No mirror: {r.waiver}")
    return lines


def rules_markdown() -> str:
    lines = ["# schemacheck rules", "",
             "Generated from the rule catalog (`schemacheck rules --format md`). Ignore a rule "
             "by id in `schemacheck.yaml` under `ignore:`.", ""]
    for direction in DIRECTIONS:
        chosen = [r for r in _ordered() if r.direction == direction]
        if not chosen:
            continue
        lines += [f"## {direction.capitalize()} rules", "",
                  "| id | severity | summary |", "|---|---|---|"]
        lines += [f"| `{r.id}` | {r.severity.name} | {r.summary} |" for r in chosen]
        lines.append("")
        for r in chosen:
            lines += [f"### `{r.id}`", "", f"{r.summary} {r.doc}", "", *_facts(r), ""]
    return "\n".join(lines)


def rules_console(console: Console) -> None:
    """One block per rule (severity, id, then the summary wrapped under it): readable at 80
    columns, where a four-column table leaves the summary one word per line."""
    width = max(console.width, 40)
    for direction in DIRECTIONS:
        chosen = [r for r in _ordered() if r.direction == direction]
        if not chosen:
            continue
        console.print(f"[bold]{direction.capitalize()} rules[/bold]", highlight=False)
        for r in chosen:
            console.print(f"  {r.severity.name:<8}  [cyan]{r.id}[/cyan]", highlight=False)
            for line in textwrap.wrap(r.summary, width - 12):
                console.print(f"            {line}", highlight=False, markup=False)
        console.print()


def find_rule(rule_id: str) -> Rule:
    """The rule with this id; an unknown id is one line naming the closest ids."""
    if rule_id in RULES:
        return RULES[rule_id]
    close = difflib.get_close_matches(rule_id, sorted(RULES), n=1, cutoff=0.5)
    hint = f" (did you mean {close[0]}?)" if close else (
        " (`schemacheck rules` lists them)")
    raise ConfigError(f"rules: no rule {rule_id!r}{hint}")


def rule_json(r: Rule) -> str:
    return json.dumps(_entry(r), indent=2) + "\n"


def rule_markdown(r: Rule) -> str:
    return "\n".join([f"### `{r.id}`", "",
                      f"{r.direction} rule, default severity {r.severity.name}.", "",
                      f"{r.summary} {r.doc}", "", *_facts(r), ""])


def rule_console(r: Rule, console: Console) -> None:
    width = max(console.width, 40) - 2
    console.print(f"[bold cyan]{r.id}[/bold cyan]", highlight=False)
    console.print(f"  {r.direction} rule, default severity {r.severity.name}", highlight=False)
    for paragraph in (r.summary, r.doc):
        console.print()
        for line in textwrap.wrap(paragraph, width):
            console.print(f"  {line}", highlight=False, markup=False)
    console.print()
    for line in _facts(r):
        for wrapped in textwrap.wrap(line.replace("`", ""), width, subsequent_indent="    "):
            console.print(f"  {wrapped}", highlight=False, markup=False)
