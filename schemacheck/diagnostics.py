"""Warnings and errors about inputs, each with where it happened."""

from __future__ import annotations

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
