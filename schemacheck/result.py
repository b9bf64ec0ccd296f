"""The run result: everything a reporter needs, saved as versioned JSON (the interchange format).

`report` re-renders it, `compare` diffs two of them; reporters read nothing else.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields
from typing import Any

from schemacheck import __version__
from schemacheck.errors import SourceError
from schemacheck.findings import Finding, severity_counts, sort_key, to_json
from schemacheck.jsontext import pretty_json

RESULT_FORMAT = 1


def resource_of(path: str, tags: list[str]) -> str:
    """The OpenAPI tag, else the first path segment after an `api`/version prefix."""
    if tags:
        return tags[0]
    for segment in path.strip("/").split("/"):
        if segment and segment.lower() != "api" and not re.fullmatch(r"v\d+(\.\d+)?", segment) \
                and not segment.startswith("{"):
            return segment
    return "(root)"


@dataclass
class OperationResult:
    operation: str
    resource: str
    documented: list[str] = field(default_factory=list)  # parts with a contract
    probe: dict[str, Any] | None = None  # {"status": passed|failed|skipped|..., ...}
    summary: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = to_json(self)
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> OperationResult:
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})


NOT_SAVED = {"json": False}  # field metadata: kept in memory, never written


@dataclass
class RunResult:
    """One serialiser: every field is saved under its own name (findings and operations
    through their records), except `version` (saved as "schemacheck") and `previous`."""

    generated: str
    inputs: dict[str, Any]
    contracts: list[dict[str, Any]] = field(default_factory=list)
    uncovered: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    incomplete: list[str] = field(default_factory=list)  # why the run compared less than asked
    refused: list[dict[str, Any]] = field(default_factory=list)  # pairings refused, with score
    operations: list[OperationResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    ignored: list[dict[str, Any]] = field(default_factory=list)
    diagnostics: list[dict[str, str]] = field(default_factory=list)
    exchanges: list[dict[str, Any]] = field(default_factory=list)
    docs_types: dict[str, Any] = field(default_factory=dict)  # documented types findings name
    docs_excerpts: dict[str, Any] = field(default_factory=dict)  # their source, as written
    docs_examples: dict[str, Any] = field(default_factory=dict)  # example calls, by operation
    workflows: list[dict[str, Any]] = field(default_factory=list)  # each step's outcome
    gate: dict[str, Any] = field(default_factory=dict)
    version: str = field(default=__version__, metadata=NOT_SAVED)
    # an earlier run, for before/after figures
    previous: RunResult | None = field(default=None, metadata=NOT_SAVED)

    def sorted_findings(self) -> list[Finding]:
        return sorted(self.findings, key=sort_key)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {f.name: to_json(getattr(self, f.name)) for f in fields(self)
                               if f.metadata.get("json", True) and f.name != "findings"}
        out["findings"] = [f.to_json() for f in self.sorted_findings()]
        out.update(schemacheck=self.version, format=RESULT_FORMAT,
                   summary=severity_counts(self.findings))
        return out

    def dumps(self) -> str:
        return pretty_json(self.to_json())  # json.dumps(indent=2, sort_keys=True), 20x faster

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RunResult:
        values: dict[str, Any] = {f.name: data[f.name] for f in fields(cls)
                                  if f.metadata.get("json", True) and f.name in data}
        values.setdefault("generated", "")
        values.setdefault("inputs", {})
        values["operations"] = [OperationResult.from_json(o) for o in data.get("operations", [])]
        values["findings"] = [Finding.from_json(f) for f in data.get("findings", [])]
        return cls(**values, version=data.get("schemacheck", ""))


def load_result(path: str) -> RunResult:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror})") from None
    except ValueError as exc:
        raise SourceError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(data, dict) or "schemacheck" not in data or "findings" not in data:
        raise SourceError(f"{path}: not a schemacheck run result")
    return RunResult.from_json(data)
