"""The parts of a finding, as frozen records: what each side declares (Declared), the lines
that would fix it (Fix) and the live evidence that shows it (Evidence). records.py saves them
under the keys the run result has always had; a key nobody declared is a TypeError when built,
an AttributeError when read (a mypy error either way) and a RecordError when read from JSON.

A leaf like findings.py: the probe, traffic, the rules and every reporter import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from schemacheck.records import ABSENT, Absent, maybe, named, optional, saved_with

__all__ = ["ABSENT", "Absent", "BackendLine", "Declared", "DocsLine", "Evidence", "Exchange",
           "Fix", "ModelError", "Reproduction", "Retried", "Seen", "Violation"]


@dataclass(frozen=True)
class Declared:
    """What one side declares at the finding's place. `where` is file:line (docs) or a JSON
    pointer (backend); required, nullable and type are known when the side has the field."""

    present: bool
    where: str | None = None
    required: bool | None = optional()
    nullable: bool | None = optional()
    types: tuple[str, ...] | None = named("type")
    enum: tuple[Any, ...] | None = optional()
    format: str | None = optional()
    type_name: str | None | Absent = maybe()  # the named type holding the field


@dataclass(frozen=True)
class BackendLine:
    """The Pydantic line that makes the backend match the docs."""

    model: str
    field: str
    line: str


@dataclass(frozen=True)
class DocsLine:
    """The TypeScript line that makes the docs match the backend."""

    type: str
    field: str
    line: str


@dataclass(frozen=True)
class Fix:
    backend: BackendLine | None = optional()
    docs: DocsLine | None = optional()


@dataclass(frozen=True)
class Retried:
    """The probe resent its own sample: the first answer, and the locations it corrected."""

    because: Any
    corrected: tuple[str, ...]


@dataclass(frozen=True)
class Exchange:
    """One recorded request and its answer; the bodies are the JSON as sent and received.
    The probe, a workflow step and a HAR entry each fill the keys they know."""

    operation: str
    method: str
    url: str
    request_body: Any
    status: int | None
    error: str | None
    response: Any
    curl: str
    kind: str | None = named("class")  # the probe's own requests
    media_type: str | None = saved_with("kind")
    attempts: int | None = optional()  # the probe and a recording
    payload_from: str | None = saved_with("attempts")
    truncated: bool | None = optional()
    retried: Retried | None = optional()
    workflow: str | None = optional()  # "flow / step"
    har_entry: int | None = optional()  # the HAR entry's number


@dataclass(frozen=True)
class Violation:
    """One error of a JSON Schema validation, at a JSON path."""

    path: str
    message: str
    kind: str | None = optional()  # the probe's word (missing, null, type...); traffic: none


@dataclass(frozen=True)
class ModelError:
    """One error of a Pydantic model, as its text leaked into a 5xx body."""

    model: str
    field: str
    message: str
    type: str
    input: str | None


@dataclass(frozen=True)
class Seen:
    """How many live 2xx bodies held a field, left it out, or held null there."""

    present: int
    absent: int
    null: int


@dataclass(frozen=True)
class Reproduction:
    """Another place a merged root cause was confirmed: the keys its evidence had."""

    operation: str | None = optional()
    status: int | None | Absent = maybe()
    curl: str | None = optional()


@dataclass(frozen=True)
class Evidence:
    """What shows a finding live: the request and its answer (the probe's, a workflow
    step's, a recorded one), and what in it is the proof. Every key is optional; request_body,
    status and response come with the url, as in a recorded exchange."""

    operation: str | None = optional()
    method: str | None = optional()
    url: str | None = optional()
    kind: str | None = named("class")  # the probe's own requests: safety.py's class
    request_body: Any = saved_with("url")
    payload_from: str | None = saved_with("attempts")
    media_type: str | None = saved_with("kind")
    status: int | None = saved_with("url")  # null: no answer came
    # the transport's error (null: none), or the 422 entry naming the field
    error: str | dict[str, Any] | None | Absent = maybe()
    attempts: int | None = optional()
    truncated: bool | None = optional()
    response: Any = saved_with("url")
    curl: str | None = optional()
    retried: Retried | None = optional()
    workflow: str | None = optional()  # "flow / step"
    har_entry: int | None = optional()
    recorded_times: int | None = optional()  # traffic: entries that showed it
    live: str | None = optional()  # what the body showed at the field (registry.LIVE_KINDS)
    value: Any | Absent = maybe()  # the value of a field the docs lack
    violations: tuple[Violation, ...] | None = optional()
    pydantic: tuple[ModelError, ...] | None = optional()
    text: str | None = optional()  # a server's own error text
    example: Any | Absent = maybe()  # the docs' example (its value, or where it is)
    where: str | None = optional()
    not_seen_live: bool | None = optional()
    observed: Seen | None = optional()
    operations: tuple[str, ...] | None = optional()  # the operations that need credentials
    more: tuple[Reproduction, ...] | None = optional()  # every other place's reproduction
    # an object the probe created and could not delete
    left: str | None = named("object")
    id: str | None = saved_with("left")
    created_by: str | None = optional()
    reason: str | None = optional()

    @classmethod
    def of(cls, sent: Exchange) -> Evidence:
        """A recorded exchange as evidence: the same keys, saved the same way."""
        return cls(operation=sent.operation, method=sent.method, url=sent.url, kind=sent.kind,
                   request_body=sent.request_body, payload_from=sent.payload_from,
                   media_type=sent.media_type, status=sent.status, error=sent.error,
                   attempts=sent.attempts, truncated=sent.truncated, response=sent.response,
                   curl=sent.curl, retried=sent.retried, workflow=sent.workflow,
                   har_entry=sent.har_entry)

    def reproduction(self) -> Reproduction:
        return Reproduction(self.operation, self.status if self.url is not None else ABSENT,
                            self.curl)
