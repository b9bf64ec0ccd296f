"""Secrets in the probe's records: a configured secret, or one a backend returned, is scrubbed
from every record the report hands over, left-behind entries and workflow steps included."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from schemacheck.cli import app
from schemacheck.probe.cleanup import LeftBehind
from schemacheck.probe.probes import ProbeReport, _scrub
from schemacheck.probe.redact import Redactor
from schemacheck.records import to_json
from schemacheck.result import Exchange, ProbeStatus, WorkflowReport, WorkflowStep
from tests.probe.dangerous_app import DOCS, TOKEN, make_app

runner = CliRunner()
CONFIGURED = "cfg-secret-4242"
RETURNED = "pat-returned-0001"  # under a credential-named key of an answer: learnt


def test_a_secret_in_a_left_behind_reason_and_a_workflow_step_is_scrubbed() -> None:
    answer = Exchange("GET /session", "GET", "http://x/session", None, 200, None,
                      {"api_token": RETURNED}, "curl http://x/session", attempts=1)
    url = f"http://x/items/{RETURNED}"
    report = ProbeReport(
        "http://x", exchanges=[answer],
        statuses={"GET /items/{id}": ProbeStatus(status="failed", reason=f"at {url}",
                                                 exchange=0)},
        left_behind=[LeftBehind(object=f"/items/{RETURNED}", id=RETURNED,
                                created_by="POST /items", reason=f"DELETE {url} failed: "
                                f"HTTP 500 ({CONFIGURED})")],
        workflows=[WorkflowReport(name="w", where="api.md:3", declared_in="docs", steps=(
            WorkflowStep(step="read", request=f"GET {url}", result="failed",
                         reason=f"expected {CONFIGURED}", status=404, exchange=0),))])
    _scrub(report, Redactor([CONFIGURED]))
    [left], [flow] = report.left_behind, report.workflows
    assert isinstance(left, LeftBehind) and isinstance(flow, WorkflowReport)  # still records
    assert left == LeftBehind(object="/items/$TOKEN", id="$TOKEN", created_by="POST /items",
                              reason="DELETE http://x/items/$TOKEN failed: HTTP 500 ($TOKEN)")
    assert flow.steps[0] == WorkflowStep(step="read", request="GET http://x/items/$TOKEN",
                                         result="failed", reason="expected $TOKEN",
                                         status=404, exchange=0)
    assert report.statuses["GET /items/{id}"].reason == "at http://x/items/$TOKEN"
    saved = json.dumps([to_json(part) for part in (
        report.exchanges, report.statuses, report.left_behind, report.workflows)])
    assert RETURNED not in saved and CONFIGURED not in saved


LEAK = """
workflows:
  leak:
    - session: GET /session
    - read: GET /items/{{session.profile.api_token}}
"""


def test_a_returned_secret_in_a_workflow_step_never_reaches_the_output(
        live_app, tmp_path: Path) -> None:  # noqa: ANN001
    """A step's URL filled from an earlier answer's token: the step, its exchange and its
    finding show the placeholder."""
    url = live_app(make_app())
    docs = tmp_path / "api.md"
    docs.write_text(DOCS)
    (tmp_path / "schemacheck.yaml").write_text(LEAK)
    result = runner.invoke(app, ["probe", "--config", str(tmp_path / "schemacheck.yaml"),
                                 "--docs", str(docs), "--base-url", url, "--header",
                                 f"Authorization: Bearer {TOKEN}", "--format", "json"])
    assert "pat-0123456789abcdef" not in result.stdout + result.stderr
    [flow] = json.loads(result.stdout)["workflows"]
    read = flow["steps"][1]
    assert (read["result"], read["status"]) == ("failed", 404)
    assert read["request"] == f"GET {url}/items/$TOKEN"
