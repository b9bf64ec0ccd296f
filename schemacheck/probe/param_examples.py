"""A value for a path parameter from what the spec and the docs already say about it.

Why: a probe cannot GET `/repos/{owner}/{repo}` without an owner and a repo. Before harvesting
ids from earlier answers, the spec's own examples are the best guess: the parameter's
`example`/`examples` (kept in its schema's `examples` by the loader), then the schema's
`examples`, `const`, `default` and `enum`, and the docs' example calls that name the parameter
in their object literal; last, a valid value for a parameter that is no identifier (a bounded
number, a date, a flag). Only scalars qualify: a path segment cannot hold an object.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from schemacheck.model import Schema, SchemaSet, split_null
from schemacheck.probe.payloads import sample
from schemacheck.sources.openapi import Operation, Parameter


def example_value(op: Operation, name: str, spec_schemas: SchemaSet,
                  docs_examples: Iterable[dict[str, Any]] = ()) -> str | None:
    """The first usable value for parameter `name` of `op`, as it goes in the URL; None when
    neither the spec nor the docs give one. `docs_examples` are the object literals of the
    docs' example calls for this operation (DocSet.examples[...].value)."""
    param = _parameter(op, name)
    schema = _schema(param.schema, spec_schemas) if param is not None else {}
    examples = schema.get("examples")
    candidates: list[Any] = list(examples) if isinstance(examples, list) else []
    if "const" in schema:
        candidates.append(schema["const"])
    candidates += [example.get(name) for example in docs_examples if isinstance(example, dict)]
    if "default" in schema:
        candidates.append(schema["default"])
    if isinstance(schema.get("enum"), list):
        candidates += schema["enum"]
    if not_an_id(schema):
        candidates.append(sample(schema, spec_schemas, name))  # valid as payloads make them
    for candidate in candidates:
        text = _segment(candidate)
        if text is not None:
            return text
    return None


def not_an_id(schema: Schema) -> bool:
    """A path value the schema alone makes meaningful (`/reports/{year}` with 2000..2100,
    `/days/{date}`, a flag): any valid one names something. An unbounded integer or a free
    string is an identifier, which only examples, the config or a harvest can give."""
    kind = schema.get("type")
    if kind in ("integer", "number"):
        return any(k in schema for k in ("minimum", "exclusiveMinimum")) and any(
            k in schema for k in ("maximum", "exclusiveMaximum"))
    if kind == "string":
        return schema.get("format") in ("date", "date-time", "time")
    return kind == "boolean"


def _parameter(op: Operation, name: str) -> Parameter | None:
    """The path parameter of that name, else one of that name elsewhere (a query id)."""
    named = [p for p in op.parameters if p.name == name]
    return next((p for p in named if p.location == "path"), named[0] if named else None)


def _schema(schema: Schema, schemas: SchemaSet) -> Schema:
    resolved, _ = schemas.deref(schema)
    core, _ = split_null(resolved)
    for key in ("anyOf", "oneOf"):  # `string | null` written as a union: its one non-null arm
        members = [m for m in core.get(key) or [] if isinstance(m, dict)
                   and schemas.deref(m)[0].get("type") != "null"]
        if len(members) == 1:
            return {**_schema(members[0], schemas), **{k: v for k, v in core.items()
                                                       if k in ("examples", "default")}}
    return core


def _segment(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str) and value.strip():
        return value
    return None
