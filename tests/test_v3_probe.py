"""Acceptance: the V3 example backend, probed through the CLI with its bundled config."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from schemacheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
CONFIG = str(ROOT / "fixtures/v3/schemacheck.yaml")
runner = CliRunner()
JOB_FIELDS = ["body.context.userId", "body.creative.direction.tone",
              "body.creative.direction.visualElements"]


def probe(url: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, dict[str, Any]]:
    monkeypatch.setenv("V3_BASE_URL", url)
    result = runner.invoke(app, ["probe", "--config", CONFIG, "--format", "json"])
    return result.exit_code, json.loads(result.stdout)


def test_broken_backend(v3_broken: str, monkeypatch: pytest.MonkeyPatch) -> None:
    code, data = probe(v3_broken, monkeypatch)
    assert code == 1
    by_op: dict[str, list[dict[str, Any]]] = {}
    for finding in data["findings"]:  # a shared declaration shows in every operation it affects
        for place in finding["affects"][1:] if finding["operation"] is None else [finding]:
            by_op.setdefault(place["operation"], []).append(finding)
    assert sorted(by_op) == ["GET /api/v3/assets", "POST /api/v3/jobs",
                             "POST /api/v3/jobs/dry-run"]
    jobs = [f for f in data["findings"] if f["operation"] is None]
    assert [f["location"] for f in jobs] == [
        "#JobContext.userId", "#JobCreativeDirection.tone", "#JobCreativeDirection.visualElements"]
    for op in ("POST /api/v3/jobs", "POST /api/v3/jobs/dry-run"):
        assert by_op[op] == jobs
        assert [[p["location"] for p in f["affects"] if p["operation"] == op]
                for f in jobs] == [[field] for field in JOB_FIELDS]
    assert all(f["confirmed"] and f["evidence"]["status"] == 422 for f in jobs)
    assert [f["evidence"]["error"]["loc"] for f in jobs] == [
        ["body", "context", "userId"], ["body", "creative", "direction", "tone"],
        ["body", "creative", "direction", "visualElements"]]
    # each place's own reproduction is kept
    assert all(f["evidence"]["more"][0]["operation"] == "POST /api/v3/jobs/dry-run" for f in jobs)
    [server] = by_op["GET /api/v3/assets"]
    assert (server["rule"], server["severity"]) == ("probe-server-error", "critical")
    error = server["evidence"]["pydantic"][0]
    assert (error["model"], error["field"], error["input"]) == ("ImageAsset", "clientId", "None")
    assert server["location"] == "response.items[].clientId"
    statuses = {o["operation"]: o["probe"]["status"] for o in data["operations"]}
    failed = sorted(op for op, s in statuses.items() if s == "failed")
    assert failed == sorted(by_op)
    assert set(statuses.values()) == {"passed", "failed", "skipped"}


def test_fixed_backend_passes(v3_fixed: str, monkeypatch: pytest.MonkeyPatch) -> None:
    code, data = probe(v3_fixed, monkeypatch)
    assert code == 0
    assert data["findings"] == []
    statuses = {o["operation"]: o["probe"]["status"] for o in data["operations"]}
    assert statuses["POST /api/v3/jobs"] == statuses["GET /api/v3/assets"] == "passed"
    assert "failed" not in statuses.values()
    # the config's workflow: create a job, read it back, approve its storyboard
    (flow,) = data["workflows"]
    assert [(s["step"], s["result"]) for s in flow["steps"]] == [
        ("create", "passed"), ("read", "passed"), ("approve", "passed")]
    approve = data["exchanges"][flow["steps"][2]["exchange"]]
    job = data["exchanges"][flow["steps"][0]["exchange"]]["response"]["id"]
    assert approve["url"].endswith(f"/api/v3/jobs/{job}/storyboard/approve")


def test_broken_backend_workflow_stops_at_the_same_root_cause(
        v3_broken: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _, data = probe(v3_broken, monkeypatch)
    (flow,) = data["workflows"]
    create = flow["steps"][0]
    assert (create["result"], create["status"]) == ("failed", 422)
    assert "the same root cause" in create["reason"]
    assert not [f for f in data["findings"] if f["rule"] == "probe-workflow-step-failed"]


def test_field_by_field_observes_the_real_required_set(v3_broken: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("V3_BASE_URL", v3_broken)
    result = runner.invoke(app, ["probe", "--config", CONFIG, "--field-by-field",
                                 "--format", "json"])
    data = json.loads(result.stdout)
    seen = {o["operation"]: o["probe"].get("field_by_field") for o in data["operations"]}
    observed = seen["POST /api/v3/jobs"]
    assert set(JOB_FIELDS) <= set(observed["required"])
    assert "body.context.campaignId" not in observed["required"]
    assert "body.context.clientId" in observed["required"]
    assert observed["accepted_without"] == [] and observed["requests"] == 15
    assert seen["GET /api/v3/clients"] is None  # reads are never varied
