"""The run result as versioned JSON: the interchange format `report` and `compare` read."""

from __future__ import annotations

from schemacheck.result import RunResult


def render_json(result: RunResult) -> str:
    return result.dumps()
