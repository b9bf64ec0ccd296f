"""Findings: plain, frozen data. Reporters render them; they never recompute them."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from enum import IntEnum
from typing import Any, ClassVar

from schemacheck.errors import ConfigError
from schemacheck.finding_parts import Declared, Evidence, Fix
from schemacheck.records import from_json, to_json

__all__ = ["Declared", "Evidence", "Finding", "Fix", "Place", "Severity", "from_json",
           "severity_counts", "sort_key", "to_json"]


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
class Place:
    """One place a root cause shows: an operation (or None) and a location in its message."""

    operation: str | None
    location: str

    def __str__(self) -> str:
        """`GET /x response.a`, or `#Type.a` for a declaration no operation holds."""
        return f"{self.operation} {self.location}" if self.operation else self.location

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = to_json(self)
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Place:
        return from_json(cls, data)


PARTS: tuple[tuple[str, type], ...] = (("docs", Declared), ("backend", Declared),
                                       ("evidence", Evidence), ("fix", Fix))


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    operation: str | None  # "POST /api/v3/jobs", or None for a component compared by name
    location: str  # "body.context.userId", "response.items[].clientId", "#Type.field"
    message: str
    docs: Declared | None = None  # what the docs declare, with `where` (file:line)
    backend: Declared | None = None  # what the backend declares, with `where` (pointer)
    confirmed: bool = False
    evidence: Evidence | None = None  # live request/response that shows it
    fix: Fix | None = None  # the Pydantic and the TypeScript line that would fix it
    root_cause: str = ""  # findings sharing a root cause are one issue in reports
    # Every place the root cause shows, this finding's own first (filled in when left out).
    affects: tuple[Place, ...] = ()
    DERIVED: ClassVar[tuple[str, ...]] = ("fingerprint",)  # written by to_json, not read back

    def __post_init__(self) -> None:
        if self.severity not in Severity.__members__:
            raise ValueError(f"severity {self.severity!r} is none of "
                             f"{', '.join(s.name for s in reversed(Severity))}")
        for name, kind in PARTS:  # a plain dict would take any key: a misspelt one read as None
            value = getattr(self, name)
            if value is not None and type(value) is not kind:
                raise TypeError(f"Finding.{name}: a {kind.__name__}, not {type(value).__name__}")
        own = Place(self.operation, self.location)
        places = [own, *(p for p in self.affects if p != own)]
        object.__setattr__(self, "affects", tuple(dict.fromkeys(places)))

    @property
    def fingerprint(self) -> str:
        key = f"{self.rule}|{self.operation or ''}|{self.location}"
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    @property
    def operations(self) -> list[str]:
        """Every operation the finding shows in, its own first."""
        return list(dict.fromkeys(p.operation for p in self.affects if p.operation))

    @property
    def where_shown(self) -> str:
        """The location in a message: its own, or for a declaration the first place it shows."""
        return next((p.location for p in self.affects if p.operation), self.location)

    @property
    def level(self) -> Severity:
        return Severity[self.severity]

    def confirm(self, evidence: Evidence) -> Finding:
        return replace(self, confirmed=True, evidence=evidence)

    def to_json(self) -> dict[str, Any]:
        out = to_json(self)
        out["fingerprint"] = self.fingerprint
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Finding:
        return from_json(cls, data)


FINDING_KEYS = tuple(f.name for f in fields(Finding))


def sort_key(finding: Finding) -> tuple[int, str, str, str]:
    """Most severe first, then by operation, location and rule: a stable, readable order."""
    return (-finding.level, finding.operation or "~", finding.location, finding.rule)


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Findings per severity, most severe first, every severity present."""
    counts = {s.name: 0 for s in reversed(Severity)}
    for finding in findings:
        counts[finding.severity] += 1
    return counts
