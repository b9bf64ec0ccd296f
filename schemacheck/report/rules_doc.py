"""The rule catalog rendered for people (console, Markdown) and machines (JSON)."""

from __future__ import annotations

import difflib
import json
import textwrap

from rich.console import Console

from schemacheck.errors import ConfigError
from schemacheck.rules import RULES, Rule


def _ordered() -> list[Rule]:
    order = {"request": 0, "response": 1, "probe": 2}
    return sorted(RULES.values(), key=lambda r: (order[r.direction], r.id))


def rules_json() -> str:
    items = [{"id": r.id, "direction": r.direction, "severity": r.severity.name,
              "summary": r.summary, "doc": r.doc} for r in _ordered()]
    return json.dumps({"rules": items}, indent=2) + "\n"


def rules_markdown() -> str:
    lines = ["# schemacheck rules", "",
             "Generated from the rule catalog (`schemacheck rules --format md`). Ignore a rule "
             "by id in `schemacheck.yaml` under `ignore:`.", ""]
    for direction in ("request", "response", "probe"):
        lines += [f"## {direction.capitalize()} rules", "",
                  "| id | severity | summary |", "|---|---|---|"]
        lines += [f"| `{r.id}` | {r.severity.name} | {r.summary} |"
                  for r in _ordered() if r.direction == direction]
        lines.append("")
        for r in (r for r in _ordered() if r.direction == direction):
            lines += [f"### `{r.id}`", "", f"{r.summary} {r.doc}", ""]
    return "\n".join(lines)


def rules_console(console: Console) -> None:
    """One block per rule (severity, id, then the summary wrapped under it): readable at 80
    columns, where a four-column table leaves the summary one word per line."""
    width = max(console.width, 40)
    for direction in ("request", "response", "probe"):
        console.print(f"[bold]{direction.capitalize()} rules[/bold]", highlight=False)
        for r in (r for r in _ordered() if r.direction == direction):
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
    return json.dumps({"id": r.id, "direction": r.direction, "severity": r.severity.name,
                       "summary": r.summary, "doc": r.doc}, indent=2) + "\n"


def rule_markdown(r: Rule) -> str:
    return f"### `{r.id}`\n\n{r.direction} rule, default severity {r.severity.name}.\n\n" \
           f"{r.summary} {r.doc}\n"


def rule_console(r: Rule, console: Console) -> None:
    width = max(console.width, 40) - 2
    console.print(f"[bold cyan]{r.id}[/bold cyan]", highlight=False)
    console.print(f"  {r.direction} rule, default severity {r.severity.name}", highlight=False)
    for paragraph in (r.summary, r.doc):
        console.print()
        for line in textwrap.wrap(paragraph, width):
            console.print(f"  {line}", highlight=False, markup=False)
