"""The run result: everything a reporter needs, saved as versioned JSON (the interchange format).

`report` re-renders it, `compare` diffs two of them; reporters read nothing else.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from schemacheck import __version__
from schemacheck.errors import SourceError
from schemacheck.findings import Finding, severity_counts, sort_key
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
        return {"operation": self.operation, "resource": self.resource, "summary": self.summary,
                "documented": self.documented, "probe": self.probe}


@dataclass
class RunResult:
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
    version: str = __version__
    previous: RunResult | None = None  # an earlier run, for before/after figures (not saved)

    def sorted_findings(self) -> list[Finding]:
        return sorted(self.findings, key=sort_key)

    def to_json(self) -> dict[str, Any]:
        return {
            "schemacheck": self.version,
            "format": RESULT_FORMAT,
            "generated": self.generated,
            "inputs": self.inputs,
            "summary": severity_counts(self.findings),
            "gate": self.gate,
            "contracts": self.contracts,
            "uncovered": self.uncovered,
            "unmatched": self.unmatched,
            "incomplete": self.incomplete,
            "refused": self.refused,
            "operations": [o.to_json() for o in self.operations],
            "findings": [f.to_json() for f in self.sorted_findings()],
            "ignored": self.ignored,
            "diagnostics": self.diagnostics,
            "exchanges": self.exchanges,
            "docs_types": self.docs_types,
            "docs_excerpts": self.docs_excerpts,
            "docs_examples": self.docs_examples,
            "workflows": self.workflows,
        }

    def dumps(self) -> str:
        return pretty_json(self.to_json())  # json.dumps(indent=2, sort_keys=True), 20x faster

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RunResult:
        return cls(
            generated=data.get("generated", ""), inputs=data.get("inputs", {}),
            contracts=data.get("contracts", []), uncovered=data.get("uncovered", []),
            unmatched=data.get("unmatched", []), incomplete=data.get("incomplete", []),
            refused=data.get("refused", []),
            operations=[OperationResult(o["operation"], o["resource"], o.get("documented", []),
                                        o.get("probe"), o.get("summary", ""))
                        for o in data.get("operations", [])],
            findings=[Finding.from_json(f) for f in data.get("findings", [])],
            ignored=data.get("ignored", []), diagnostics=data.get("diagnostics", []),
            exchanges=data.get("exchanges", []), gate=data.get("gate", {}),
            docs_types=data.get("docs_types", {}), docs_excerpts=data.get("docs_excerpts", {}),
            docs_examples=data.get("docs_examples", {}),
            workflows=data.get("workflows", []),
            version=data.get("schemacheck", ""),
        )


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
