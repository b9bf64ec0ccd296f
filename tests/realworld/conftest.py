"""Helpers for the real-world regressions: a generated client (or a doc) and the spec it came
from, both small and written here, diffed through the CLI as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from schemacheck.cli import app


class Pair:
    def __init__(self, root: Path) -> None:
        self.root = root

    def diff(self, docs: str, spec: dict[str, Any] | str, *, name: str = "types.gen.ts",
             exit_code: int | None = 0) -> dict[str, Any]:
        """`schemacheck diff --format json` on docs text and a spec (a dict is written as
        JSON, a str as YAML); the parsed JSON, after checking stderr has no traceback."""
        docs_file = self.root / name
        docs_file.write_text(docs, encoding="utf-8")
        spec_file = self.root / ("spec.json" if isinstance(spec, dict) else "spec.yaml")
        spec_file.write_text(json.dumps(spec) if isinstance(spec, dict) else spec,
                             encoding="utf-8")
        result = CliRunner().invoke(app, [
            "diff", "--no-config", "--no-cache", "--docs", str(docs_file),
            "--openapi", str(spec_file), "--format", "json"])
        assert "Traceback" not in result.output, result.output
        if exit_code is not None:
            assert result.exit_code == exit_code, result.output
        data: dict[str, Any] = json.loads(result.stdout)
        return data


@pytest.fixture
def pair(tmp_path: Path) -> Pair:
    return Pair(tmp_path)


def found(data: dict[str, Any]) -> list[tuple[str, str | None, str]]:
    """(rule, operation, location) of each finding, sorted."""
    return sorted(((f["rule"], f.get("operation"), f["location"]) for f in data["findings"]),
                  key=lambda t: (t[0], t[1] or "", t[2]))
