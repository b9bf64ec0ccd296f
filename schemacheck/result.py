"""The run result: everything a reporter needs, saved as versioned JSON (the interchange format).

`report` re-renders it, `compare` diffs two of them; reporters read nothing else. Every part is
a frozen record (sequences are tuples, mappings are typed read-only), so the pipeline composes a
result stage by stage and nothing appends to it afterwards; records.py saves and reads them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from schemacheck import __version__
from schemacheck.diagnostics import Diagnostic
from schemacheck.errors import EXIT_SOURCE, SourceError
from schemacheck.finding_parts import Exchange, Retried
from schemacheck.findings import Finding, severity_counts, sort_key
from schemacheck.jsontext import pretty_json
from schemacheck.records import (
    NOT_SAVED,
    RecordError,
    from_json,
    named,
    optional,
    saved_with,
    to_json,
)

RESULT_FORMAT = 1

# re-exported: the result's records in one place
__all__ = ["NOT_SAVED", "Diagnostic", "Exchange", "Retried"]


def resource_of(path: str, tags: list[str]) -> str:
    """The OpenAPI tag, else the first path segment after an `api`/version prefix."""
    if tags:
        return tags[0]
    for segment in path.strip("/").split("/"):
        if segment and segment.lower() != "api" and not re.fullmatch(r"v\d+(\.\d+)?", segment) \
                and not segment.startswith("{"):
            return segment
    return "(root)"


@dataclass(frozen=True)
class DocInput:
    path: str
    digest: str  # "sha256:..." or "" when unreadable


@dataclass(frozen=True)
class OpenapiInput:
    source: str
    digest: str | None = optional()  # the three are known once the spec loaded
    version: str | None = optional()
    title: str | None = optional()


@dataclass(frozen=True)
class TrafficInput:
    """`schemacheck traffic`: the HAR and how its entries were used (known after the check)."""

    har: str
    digest: str
    entries: int
    matched: int | None = optional()
    unmatched: int | None = optional()
    other_hosts: int | None = optional()
    preflights: int | None = optional()


@dataclass(frozen=True)
class Inputs:
    docs: tuple[DocInput, ...]
    openapi: OpenapiInput
    base_url: str | None = None
    traffic: TrafficInput | None = optional()


@dataclass(frozen=True)
class ContractEntry:
    """One pairing of a documented type with an operation's part (contracts.py's Contract)."""

    operation: str | None  # None: a component compared by name
    part: str  # request | query | response | component
    docs: str
    backend: str
    how: str  # config | jsdoc | heading | operation-id | name | shape
    direction: str  # request | response


@dataclass(frozen=True)
class Refused:
    """A name pairing refused because most fields disagree (score: the share in common)."""

    operation: str | None
    docs: str
    backend: str
    score: float


@dataclass(frozen=True)
class Ignored:
    """A finding an `ignores` entry of the config removed, with the entry's reason."""

    fingerprint: str
    rule: str
    operation: str | None
    location: str
    reason: str


@dataclass(frozen=True)
class Gate:
    """The CI gate's verdict; every reporter reads "N new, M baselined" from here. Until the
    gate ran (finish), a result is INCOMPLETE: never a pass."""

    fail_on: str = "high"
    exit_code: int = EXIT_SOURCE
    baselined: tuple[str, ...] = ()  # fingerprints accepted by the baseline
    new: int = 0


@dataclass(frozen=True)
class FieldByField:
    """--field-by-field: what the backend really requires of a create, field by field."""

    required: tuple[str, ...]
    documented_required: tuple[str, ...]
    accepted_without: tuple[str, ...]
    rejected_when_added: tuple[str, ...]
    requests: int


@dataclass(frozen=True)
class ProbeStatus:
    """What the probe (or a recording) made of one operation."""

    status: str  # passed | failed | skipped | unreachable | inconclusive
    kind: str | None = named("class")  # safety.py's class: read, create, action, ...
    http_status: int | None = optional()
    reason: str | None = optional()
    exchange: int | None = optional()  # index into RunResult.exchanges
    needs_credentials: bool | None = optional()
    field_by_field: FieldByField | None = optional()
    recorded: int | None = optional()  # traffic: entries recorded for the operation
    statuses: tuple[int, ...] | None = optional()  # traffic: the HTTP statuses they got


@dataclass(frozen=True)
class OperationResult:
    operation: str
    resource: str
    documented: tuple[str, ...] = ()  # parts with a contract
    probe: ProbeStatus | None = None
    summary: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = to_json(self)
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> OperationResult:
        return from_json(cls, data)


@dataclass(frozen=True)
class WorkflowStep:
    step: str
    request: str
    result: str  # passed | failed | not sent | not run
    reason: str | None = optional()
    status: int | None = saved_with("exchange")  # null when the request got no answer
    exchange: int | None = optional()


@dataclass(frozen=True)
class WorkflowReport:
    name: str
    where: str
    declared_in: str  # config | docs | spec
    steps: tuple[WorkflowStep, ...]


@dataclass(frozen=True)
class Excerpt:
    """A documented type's source as written, with the column of each line's comment."""

    where: str
    first_line: int
    lines: tuple[str, ...]
    comments: Mapping[str, int]  # line number -> column


@dataclass(frozen=True)
class CallExample:
    """An example call of the docs (an object literal passed to a call)."""

    where: str
    text: str
    value: Any


# Why the probe sent a request (probe/client.py counts each under one): its own probes (with
# a 422's retry and own reads), the reachability GET and login, the docs' examples, promises,
# field-by-field variants, workflow steps, a create's proof (sent once more, its second
# object deleted at once), cleanup DELETEs and the census' reads after cleanup.
PURPOSES = ("probe", "setup", "examples", "promises", "field-by-field", "workflow", "proof",
            "cleanup", "census")


@dataclass(frozen=True)
class Kept:
    """An object a write the user listed made where the API has no DELETE to undo it: it
    stays in the backend, said in every output (never silently), not a finding against it."""

    object: str  # the URL path it would have: /jobs/job-1
    id: str
    created_by: str
    reason: str


@dataclass(frozen=True)
class ExampleNotVerified:
    """A docs example the probe did not check live, and why."""

    example: str  # file:line
    operation: str
    role: str  # request | response
    reason: str


@dataclass(frozen=True)
class ProbeRun:
    """What the live probe did as a whole: every request it sent, by purpose (the same count
    the backend received), what it left on purpose, the docs examples it did not verify."""

    sent: int
    requests: Mapping[str, int]  # purpose (PURPOSES) -> requests
    kept: tuple[Kept, ...] = ()
    examples_not_verified: tuple[ExampleNotVerified, ...] = ()

    def breakdown(self) -> str:
        """"23 requests sent: 15 probe, 3 cleanup": the same words in every output."""
        parts = [f"{self.requests[p]} {p}" for p in PURPOSES if self.requests.get(p)]
        return (f"{self.sent} request{'s' if self.sent != 1 else ''} sent"
                + (": " + ", ".join(parts) if parts else ""))


@dataclass(frozen=True)
class RunResult:
    """One serialiser: every field is saved under its own name (records through their
    fields), except `version` (saved as "schemacheck") and `previous`."""

    generated: str
    inputs: Inputs
    contracts: tuple[ContractEntry, ...] = ()
    uncovered: tuple[str, ...] = ()
    unmatched: tuple[str, ...] = ()
    incomplete: tuple[str, ...] = ()  # why the run compared less than asked
    refused: tuple[Refused, ...] = ()
    operations: tuple[OperationResult, ...] = ()
    findings: tuple[Finding, ...] = ()
    ignored: tuple[Ignored, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    exchanges: tuple[Exchange, ...] = ()
    docs_types: Mapping[str, Any] = field(default_factory=dict)  # JSON Schemas findings name
    docs_excerpts: Mapping[str, Excerpt] = field(default_factory=dict)  # their source
    docs_examples: Mapping[str, tuple[CallExample, ...]] = field(default_factory=dict)
    workflows: tuple[WorkflowReport, ...] = ()
    probe_run: ProbeRun | None = optional()  # None: no live probe ran
    gate: Gate = field(default_factory=Gate)
    version: str = field(default=__version__, metadata=NOT_SAVED)
    # an earlier run, for before/after figures
    previous: RunResult | None = field(default=None, metadata=NOT_SAVED)
    DERIVED: ClassVar[tuple[str, ...]] = ("schemacheck", "format", "summary")

    def sorted_findings(self) -> list[Finding]:
        return sorted(self.findings, key=sort_key)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = to_json(self)
        out["findings"] = [f.to_json() for f in self.sorted_findings()]
        out.update(schemacheck=self.version, format=RESULT_FORMAT,
                   summary=severity_counts(self.findings))
        return out

    def dumps(self) -> str:
        return pretty_json(self.to_json())  # json.dumps(indent=2, sort_keys=True), 20x faster

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RunResult:
        result = from_json(cls, data, "result")
        return replace(result, version=str(data.get("schemacheck", "")))


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
    try:
        return RunResult.from_json(data)
    except RecordError as exc:
        raise SourceError(f"{path}: not a schemacheck run result of format {RESULT_FORMAT} "
                          f"({exc})") from None
