"""What the probe sends, in which phase, and what it skips and why.

Phases keep results deterministic under concurrency: reads before writes, and requests that
need ids harvested from earlier answers after the answers that supply them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any

from schemacheck.config import ProbeSettings
from schemacheck.contracts import Contract, doc_part_schema
from schemacheck.model import SchemaSet
from schemacheck.probe.payloads import declared_examples, merge_examples, sample
from schemacheck.sources.openapi import Operation
from schemacheck.sources.ts_examples import Example

READS = ("GET", "HEAD")
WRITES = ("POST", "PUT", "PATCH")
PARAM = re.compile(r"\{([^}]+)\}")


@dataclass
class Planned:
    op: Operation
    phase: int
    body: Any = None
    body_source: str | None = None  # "docs" or "backend"
    doc_request: str | None = None
    doc_response: str | None = None
    skip: str | None = None
    path_params: dict[str, str] = field(default_factory=dict)
    query: dict[str, str] = field(default_factory=dict)


def phase_of(op: Operation) -> int:
    has_params = bool(PARAM.search(op.path))
    if op.method in READS:
        return 1 if has_params else 0
    if op.method == "DELETE":
        return 4
    return 3 if has_params else 2


def write_allowed(op: Operation, settings: ProbeSettings) -> bool:
    allowed = settings.allow_writes
    if isinstance(allowed, bool):
        return allowed
    return any(fnmatchcase(op.key, pattern) for pattern in allowed)


def plan(ops: list[Operation], contracts: list[Contract], settings: ProbeSettings,
         docs: SchemaSet, backend: SchemaSet,
         examples: dict[tuple[str, str], list[Example]] | None = None) -> list[Planned]:
    by_op: dict[tuple[str, str], str] = {(c.operation or "", c.part): c.doc_type
                                         for c in contracts if c.operation}
    # A documented example serves every operation taking the same documented request type.
    by_type: dict[str, Any] = {}
    for op in ops:
        found = (examples or {}).get((op.method, op.path))
        if found and by_op.get((op.key, "request")):
            by_type.setdefault(by_op[(op.key, "request")], found[0].value)
    planned: list[Planned] = []
    for op in ops:
        item = Planned(op, phase_of(op), doc_request=by_op.get((op.key, "request")),
                       doc_response=by_op.get((op.key, "response")))
        if any(fnmatchcase(op.key, pattern) for pattern in settings.skip):
            item.skip = "skipped by the config (probe.skip)"
        elif op.method in WRITES + ("DELETE",) and not write_allowed(op, settings):
            item.skip = (f"{op.method} is a write: allow it with --allow-writes or "
                         "probe.allow_writes")
        elif op.method not in READS + WRITES + ("DELETE",):
            item.skip = f"{op.method} is not probed"
        if item.skip is None and op.method in WRITES and op.request_schema() is not None:
            if item.doc_request:
                backend_examples = declared_examples(op.request_schema() or {}, backend)
                item.body = sample(doc_part_schema(item.doc_request), docs, example=(
                    merge_examples(by_type.get(item.doc_request), backend_examples)))
                item.body_source = "docs"
            else:
                item.body = sample(op.request_schema() or {}, backend)
                item.body_source = "backend"
        planned.append(item)
    return planned


@dataclass
class Harvest:
    """Values seen in earlier answers: ids per collection path, and fields by name."""

    by_collection: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)
    created: dict[str, str] = field(default_factory=dict)  # collection path -> id we created

    def add(self, op: Operation, body: Any) -> None:
        first = _first_item(body)
        if not isinstance(first, dict):
            return
        if op.method == "GET" and not PARAM.search(op.path) and "id" in first:
            self.by_collection.setdefault(op.path, str(first["id"]))
        for key, value in first.items():
            if isinstance(value, (str, int)) and not isinstance(value, bool):
                self.by_name.setdefault(key, str(value))

    def param(self, path: str, name: str) -> str | None:
        collection = path.split("/{" + name + "}")[0]
        return self.by_collection.get(collection) or self.by_name.get(name)


def _first_item(body: Any) -> Any:
    if isinstance(body, list):
        return body[0] if body else None
    if isinstance(body, dict):
        for key in ("items", "data", "results", "records", "content"):
            value = body.get(key)
            if isinstance(value, list):
                return value[0] if value else None
        return body
    return None


def resolve_params(item: Planned, settings: ProbeSettings, harvest: Harvest,
                   backend: SchemaSet) -> None:
    """Fill path and required query parameters, or say why the request cannot be made."""
    for name in PARAM.findall(item.op.path):
        if item.op.method == "DELETE":
            collection = item.op.path.split("/{" + name + "}")[0]
            value = harvest.created.get(collection)
            if value is None:
                item.skip = "DELETE only on an object the probe created in this run"
                return
        else:
            value = settings.path_params.get(name) or harvest.param(item.op.path, name)
        if value is None:
            item.skip = f"no value for path parameter {{{name}}} (set probe.path_params.{name})"
            return
        item.path_params[name] = value
    for param in item.op.parameters:
        if param.location != "query" or not param.required:
            continue
        value = settings.query_params.get(param.name) or harvest.by_name.get(param.name)
        if value is None:
            guessed = sample(param.schema, backend, param.name)
            value = None if guessed in (None, "") else str(guessed).lower() if isinstance(
                guessed, bool) else str(guessed)
        if value is None:
            item.skip = f"no value for required query parameter {param.name}"
            return
        item.query[param.name] = value


