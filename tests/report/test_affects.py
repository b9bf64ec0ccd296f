"""A root cause shared by declarations no operation holds (components paired by name) lists
those places by location alone: never as `None #A.t.x`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from schemacheck.cli import app

SPEC = {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
        "components": {"schemas": {
            "T": {"type": "object", "required": ["x"], "properties": {"x": {"type": "integer"}}},
            "A": {"type": "object", "properties": {"t": {"$ref": "#/components/schemas/T"}}},
            "B": {"type": "object", "properties": {"t": {"$ref": "#/components/schemas/T"}}}}}}
DOCS = ("export interface T { x: string }\nexport interface A { t?: T }\n"
        "export interface B { t?: T }\n")


def test_places_without_an_operation_show_their_location(tmp_path: Path) -> None:
    (tmp_path / "spec.json").write_text(json.dumps(SPEC))
    (tmp_path / "d.ts").write_text(DOCS)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["check", "--no-probe", "--no-config", "--docs",
                                      str(tmp_path / "d.ts"), "--openapi",
                                      str(tmp_path / "spec.json"), "--out", str(out),
                                      "--report", "console,junit"])
    console = (out / "gap-report.txt").read_text()
    junit = (out / "junit.xml").read_text()
    assert "None" not in console + junit + result.output
    flat = "".join(console.split())
    assert "affects:#A.t.x" in flat or "affects:#B.t.x" in flat, console
