"""`schemacheck types`: what was read from the docs, as a table or as JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from schemacheck.jsontext import pretty_json
from schemacheck.model import Schema, ref_name, split_null, type_names
from schemacheck.sources.typescript import DocSet

if TYPE_CHECKING:
    from rich.console import Console


def types_json(docs: DocSet) -> str:
    payload = {"types": docs.schemas.schemas,
               "diagnostics": [d.to_json() for d in docs.diagnostics],
               "diagnostic_summary": [g.to_json() for g in docs.diagnostic_summary()],
               "docs_examples": [e.to_json() for e in docs.docs_examples],
               "operations_by_path": [{"method": m, "path": p, **v.to_json()}
                                      for (m, p), v in sorted(docs.paths.items())]}
    return pretty_json(payload)


def describe(schema: Schema) -> str:
    """A short TypeScript-like rendering of a schema for tables."""
    core, nullable = split_null(schema)
    name = ref_name(core)
    if name:
        text = name
    elif "enum" in core:
        text = " | ".join(json.dumps(v) for v in core["enum"])
    elif "anyOf" in core or "oneOf" in core:
        text = " | ".join(describe(m) for m in core.get("anyOf") or core.get("oneOf") or [])
    elif core.get("type") == "array" or "items" in core:
        items = core.get("items")
        text = f"{describe(items)}[]" if isinstance(items, dict) else "array"
    elif "title" in core and "properties" in core:
        text = str(core["title"])
    else:
        kinds = sorted(type_names(core))
        text = " | ".join(kinds) if kinds else "any"
        if core.get("format"):
            text += f" ({core['format']})"
    return f"{text} | null" if nullable else text


def print_types(docs: DocSet, console: Console) -> None:
    from rich.table import Table  # here: `types --format json` never draws a table

    for name, schema in docs.schemas.schemas.items():
        table = Table(title=f"{name}  [dim]{docs.types[name].source}[/dim]", title_justify="left",
                      show_edge=False, expand=False)
        for column in ("field", "type", "required", "nullable", "source"):
            table.add_column(column)
        required = set(schema.get("required", []))
        for field, prop in schema.get("properties", {}).items():
            table.add_row(field, describe(prop), "yes" if field in required else "no",
                          "yes" if split_null(prop)[1] else "no",
                          str(prop.get("x-source", "")).rsplit("/", 1)[-1])
        if not schema.get("properties"):
            table.add_row("(value)", describe(schema), "", "", "")
        console.print(table)
    for group in docs.diagnostic_summary():  # one line per kind; --format json has them all
        console.print(f"[yellow]{group}[/yellow]", highlight=False)
