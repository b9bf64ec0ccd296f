"""The rule catalog rendered for people (console, Markdown) and machines (JSON)."""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table

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
    table = Table(show_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("direction")
    table.add_column("severity")
    table.add_column("summary")
    for r in _ordered():
        table.add_row(r.id, r.direction, r.severity.name, r.summary)
    console.print(table)
