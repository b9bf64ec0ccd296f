"""Findings: plain, frozen data. Reporters render them; they never recompute them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from enum import IntEnum
from typing import Any

from schemacheck.errors import ConfigError


class Severity(IntEnum):
    info = 0
    low = 1
    medium = 2
    high = 3
    critical = 4

    @classmethod
    def parse(cls, value: str, where: str = "severity") -> Severity:
        try:
            return cls[value.strip().lower()]
        except KeyError:
            names = ", ".join(s.name for s in reversed(cls))
            raise ConfigError(f"{where}: unknown severity {value!r} (choose {names})") from None


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    operation: str | None  # "POST /api/v3/jobs", or None for a component compared by name
    location: str  # "body.context.userId", "response.items[].clientId", "#Type.field"
    message: str
    docs: dict[str, Any] | None = None  # what the docs declare, with `where` (file:line)
    backend: dict[str, Any] | None = None  # what the backend declares, with `where` (pointer)
    confirmed: bool = False
    evidence: dict[str, Any] | None = None  # live request/response that shows it
    fix: dict[str, Any] | None = None  # {"backend": ..., "docs": ...} suggestions
    root_cause: str = ""  # findings sharing a root cause are one issue in reports

    @property
    def fingerprint(self) -> str:
        key = f"{self.rule}|{self.operation or ''}|{self.location}"
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    @property
    def level(self) -> Severity:
        return Severity[self.severity]

    def confirm(self, evidence: dict[str, Any]) -> Finding:
        return replace(self, confirmed=True, evidence=evidence)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule, "severity": self.severity, "operation": self.operation,
            "location": self.location, "message": self.message, "docs": self.docs,
            "backend": self.backend, "confirmed": self.confirmed, "evidence": self.evidence,
            "fix": self.fix, "root_cause": self.root_cause, "fingerprint": self.fingerprint,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Finding:
        keys = ("rule", "severity", "operation", "location", "message", "docs", "backend",
                "confirmed", "evidence", "fix", "root_cause")
        return cls(**{k: data[k] for k in keys if k in data})


def sort_key(finding: Finding) -> tuple[int, str, str, str]:
    """Most severe first, then by operation, location and rule: a stable, readable order."""
    return (-finding.level, finding.operation or "~", finding.location, finding.rule)


def severity_counts(findings: list[Finding]) -> dict[str, int]:
    """Findings per severity, most severe first, every severity present."""
    counts = {s.name: 0 for s in reversed(Severity)}
    for finding in findings:
        counts[finding.severity] += 1
    return counts
