"""Warnings and errors about inputs, each with where it happened."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Diagnostic:
    level: str  # "error" | "warning"
    message: str
    where: str  # "file:line", a URL or a JSON pointer

    def __str__(self) -> str:
        return f"{self.where}: {self.level}: {self.message}"

    def to_json(self) -> dict[str, str]:
        return {"level": self.level, "message": self.message, "where": self.where}


# The parts of a message that name a particular thing: `code`, 'quoted', "quoted", numbers.
_PARTICULAR = re.compile(r"`[^`]*`|'[^']*'|\"[^\"]*\"|\b\d+\b")


@dataclass(frozen=True)
class DiagnosticGroup:
    """Diagnostics of one kind: how many, and the first one as the example to look at."""

    kind: str  # the message with its particulars blanked: "unknown type `…`; treated as any"
    count: int
    first: Diagnostic

    def __str__(self) -> str:
        more = f" (and {self.count - 1} more like it)" if self.count > 1 else ""
        return f"{self.first}{more}"

    def to_json(self) -> dict[str, object]:
        return {"level": self.first.level, "kind": self.kind, "count": self.count,
                "first": self.first.to_json()}


def kind_of(message: str) -> str:
    return _PARTICULAR.sub("…", message)


def summarise(diagnostics: list[Diagnostic]) -> list[DiagnosticGroup]:
    """One line per kind (level + message shape) with its count and first location, in the
    order the kinds first occur; every diagnostic stays available where it was."""
    groups: dict[tuple[str, str], list[Diagnostic]] = {}
    for diag in diagnostics:
        groups.setdefault((diag.level, kind_of(diag.message)), []).append(diag)
    return [DiagnosticGroup(kind, len(found), found[0]) for (_, kind), found in groups.items()]
