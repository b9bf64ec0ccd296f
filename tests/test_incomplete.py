"""No silent pass: each way a run can compare less than asked makes it INCOMPLETE (exit 3),
with the reason on the console and in every report, and the partial reports still written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from schemacheck.cli import app

runner = CliRunner()
SPEC = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {
    "/items": {"get": {"responses": {"200": {"description": "ok", "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}}}}}},
    "components": {"schemas": {"Item": {"type": "object", "required": ["id"], "properties": {
        "id": {"type": "string"}}}}}}
GOOD = "/** @response GET /items */\nexport interface Item { id: string; }\n"


def _run(tmp_path: Path, docs: str, config: str = "") -> tuple[int, dict, str, Path]:
    (tmp_path / "spec.json").write_text(json.dumps(SPEC))
    (tmp_path / "d.ts").write_text(docs)
    (tmp_path / "schemacheck.yaml").write_text(
        f"docs: [{tmp_path / 'd.ts'}]\nopenapi: {tmp_path / 'spec.json'}\n{config}")
    out = tmp_path / "out"
    result = runner.invoke(app, ["check", "--config", str(tmp_path / "schemacheck.yaml"),
                                 "--no-probe", "--out", str(out), "--report",
                                 "md,json,junit,sarif"])
    data = json.loads((out / "gap-report.json").read_text())
    return result.exit_code, data, result.output, out


def test_a_complete_run_passes(tmp_path: Path) -> None:
    code, data, _, _ = _run(tmp_path, GOOD)
    assert code == 0 and data["incomplete"] == [] and data["gate"]["exit_code"] == 0


@pytest.mark.parametrize(("docs", "config", "reason"), [
    ("// nothing but a comment\n", "", "docs: no TypeScript type found"),
    (GOOD + "export interface Broken { id: string\n", "", "syntax error"),
    ("export interface Unrelated { z: string; }\n", "",
     "no documented type was compared with anything"),
    (GOOD, "contracts:\n  GET /items:\n    response: Missing\n",
     "contracts: GET /items response `Missing`: the docs define no type `Missing`"),
    (GOOD, "contracts:\n  GET /gone:\n    response: Item\n",
     "contracts: GET /gone response `Item`: the backend has no operation GET /gone"),
    (GOOD + "export interface Other { q: string; }\n",
     "contracts:\n  GET /items:\n    response: Other\n",
     "contracts: GET /items response `Other`: compares nothing"),
], ids=["no-types", "syntax-error", "nothing-compared", "config-unknown-type",
        "config-unknown-operation", "contract-compares-nothing"])
def test_incomplete_runs_exit_3_and_say_why(tmp_path: Path, docs: str, config: str,
                                            reason: str) -> None:
    code, data, output, out = _run(tmp_path, docs, config)
    assert code == 3 and data["gate"]["exit_code"] == 3
    assert any(reason in r for r in data["incomplete"]), data["incomplete"]
    assert "INCOMPLETE" in output
    assert "❌ **INCOMPLETE:" in (out / "gap-report.md").read_text()
    assert reason in (out / "gap-report.md").read_text()
    junit = (out / "junit.xml").read_text()
    assert 'name="incomplete"' in junit and "<error" in junit
    sarif = json.loads((out / "gap-report.sarif").read_text())
    assert sarif["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_console_names_the_reason_and_the_unmatched_types(tmp_path: Path) -> None:
    (tmp_path / "spec.json").write_text(json.dumps(SPEC))
    (tmp_path / "d.ts").write_text("export interface Unrelated { z: string; }\n")
    result = runner.invoke(app, ["diff", "--docs", str(tmp_path / "d.ts"), "--openapi",
                                 str(tmp_path / "spec.json")])
    assert result.exit_code == 3
    assert "documented types matching nothing: Unrelated" in result.stdout
    assert "incomplete: no documented type was compared" in result.stdout
    assert "gate: fail on high -> INCOMPLETE (no documented type was compared" in " ".join(
        result.stdout.split())


# A backend that declares no response schema (FastAPI without `response_model`): the body
# pairs with the docs but nothing can be compared without the probe.
ANY_SPEC = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {
    "/items": {"get": {"responses": {"200": {"description": "ok", "content": {
        "application/json": {"schema": {}}}}}}},
    "/users": {"get": {"responses": {"200": {"description": "ok", "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/User"}}}}}}}},
    "components": {"schemas": {"User": {"type": "object", "required": ["id"], "properties": {
        "id": {"type": "string"}}}}}}
ANY_DOCS = "/** @response GET /items */\nexport interface Item { id: string; }\n"
USER_DOCS = "/** @response GET /users */\nexport interface User { id: string; }\n"


def _diff(tmp_path: Path, docs: str, *extra: str) -> tuple[int, dict, str]:
    (tmp_path / "spec.json").write_text(json.dumps(ANY_SPEC))
    (tmp_path / "d.ts").write_text(docs)
    result = runner.invoke(app, ["diff", "--docs", str(tmp_path / "d.ts"), "--openapi",
                                 str(tmp_path / "spec.json"), "--format", "json", *extra])
    return result.exit_code, json.loads(result.stdout), result.stderr


def test_a_run_whose_every_body_is_any_compared_nothing(tmp_path: Path) -> None:
    code, data, _ = _diff(tmp_path, ANY_DOCS)
    assert code == 3 and data["gate"]["exit_code"] == 3, data["gate"]
    assert data["incomplete"] == [
        "no documented type was compared with anything in the backend: the spec declares "
        "every body they pair with as any (only a probe compares those)"]
    notes = [d["message"] for d in data["diagnostics"] if d["level"] == "warning"]
    assert notes == ["the spec declares nothing to compare (any, or an object of any "
                     "fields) for 1 documented body: GET /items response (`Item`); a probe "
                     "validates their answers against the docs"]


def test_bodies_left_as_any_are_named_beside_a_complete_comparison(tmp_path: Path) -> None:
    code, data, _ = _diff(tmp_path, ANY_DOCS + USER_DOCS)
    assert code == 0 and data["incomplete"] == []
    notes = [d["message"] for d in data["diagnostics"]]
    assert len(notes) == 1 and "GET /items response (`Item`)" in notes[0]
    assert "GET /users" not in notes[0]


def test_a_probe_that_validated_an_answer_compared_the_body(tmp_path: Path) -> None:
    from fastapi import FastAPI

    from schemacheck.serve import serve

    backend = FastAPI()

    @backend.get("/items")
    def items() -> dict:  # noqa: ANN202 - no response model: the spec says any
        return {"id": "a1"}

    (tmp_path / "d.ts").write_text(
        "/** @response GET /items */\nexport interface Item { id: string; }\n")
    with serve(backend, grace=0) as url:
        args = ["--docs", str(tmp_path / "d.ts"), "--openapi", url + "/openapi.json",
                "--format", "json"]
        static = runner.invoke(app, ["diff", *args])
        probed = runner.invoke(app, ["check", *args, "--base-url", url, "--out",
                                     str(tmp_path / "out")])
    assert static.exit_code == 3, static.output
    assert "only a probe compares those" in json.loads(static.stdout)["incomplete"][0]
    data = json.loads((tmp_path / "out" / "gap-report.json").read_text())
    assert probed.exit_code == 0, probed.output
    assert data["incomplete"] == [] and data["gate"]["exit_code"] == 0
    assert [op["probe"]["status"] for op in data["operations"]] == ["passed"]


def test_an_empty_answer_compares_nothing_either(tmp_path: Path) -> None:
    """A 2xx with nothing in it (`{}` from a `-> dict` handler) validated nothing: still
    INCOMPLETE after the probe."""
    from fastapi import FastAPI

    from schemacheck.serve import serve

    backend = FastAPI()

    @backend.get("/items")
    def items() -> dict:  # noqa: ANN202 - no response model: the spec says any
        return {}

    (tmp_path / "d.ts").write_text(
        "/** @response GET /items */\nexport interface Item { id?: string; }\n")
    with serve(backend, grace=0) as url:
        probed = runner.invoke(app, ["check", "--docs", str(tmp_path / "d.ts"), "--openapi",
                                     url + "/openapi.json", "--base-url", url, "--out",
                                     str(tmp_path / "out")])
    data = json.loads((tmp_path / "out" / "gap-report.json").read_text())
    assert probed.exit_code == 3, probed.output
    assert data["incomplete"] and data["operations"][0]["probe"]["http_status"] == 200
