"""The probe's stage of a run: a static result and a ProbeReport make a new result; the static
one is left as it was (it is frozen), the report's exchange indices move past the exchanges
already there, and a status of an operation the spec lacks is an error naming it. The report
holds records, so a misspelt key fails where the record is built (and in mypy)."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import get_type_hints

import pytest

from schemacheck.catalog import make_finding
from schemacheck.findings import Declared, Evidence, Severity
from schemacheck.gate import verdict
from schemacheck.pipeline import merged
from schemacheck.probe.cleanup import LeftBehind
from schemacheck.probe.interpret import Outcome
from schemacheck.probe.probes import ProbeReport
from schemacheck.records import to_json
from schemacheck.result import (
    Exchange,
    FieldByField,
    Inputs,
    OpenapiInput,
    OperationResult,
    ProbeStatus,
    RunResult,
    WorkflowReport,
    WorkflowStep,
)


def _exchange(operation: str, status: int | None) -> Exchange:
    return Exchange(operation, "GET", "http://x/a", None, status, None, {"id": 1},
                    "curl http://x/a", attempts=1, truncated=False, payload_from=None)


def _static() -> RunResult:
    earlier = Exchange("GET /a", "GET", "http://x/a", None, 200, None, {}, "curl", attempts=1)
    missing = make_finding("response-field-missing", operation="GET /b", location="response.x",
                           message="m", docs=Declared(True, "d.ts:1"),
                           backend=Declared(False, "#/B"))
    return RunResult("2026-01-01", Inputs((), OpenapiInput("spec.json"), None),
                     operations=(OperationResult("GET /a", "a"), OperationResult("GET /b", "b")),
                     findings=(missing,), exchanges=(earlier,))


def test_the_merge_makes_a_new_result_and_shifts_the_reports_indices() -> None:
    static = _static()
    before = static.dumps()
    report = ProbeReport("http://x", exchanges=[_exchange("GET /b", 200)], statuses={
        "GET /b": ProbeStatus(status="passed", http_status=200, kind="read", exchange=0)},
        workflows=[WorkflowReport(name="w", where="docs.md:3", declared_in="docs", steps=(
            WorkflowStep(step="s", request="GET /b", result="passed", status=200,
                         exchange=0),))],
        confirms=[("GET /b", "response.x", Evidence(live="missing"))])
    result = merged(static, report)
    assert static.dumps() == before  # the static stage's result is untouched
    assert result.inputs.base_url == "http://x" and len(result.exchanges) == 2
    by_op = {o.operation: o.probe for o in result.operations}
    assert by_op == {"GET /a": None, "GET /b": ProbeStatus("passed", kind="read",
                                                           http_status=200, exchange=1)}
    assert result.workflows[0].steps[0].exchange == 1
    assert result.exchanges[1].response == {"id": 1}
    [finding] = result.findings
    assert finding.confirmed and finding.evidence == Evidence(live="missing")


def test_the_merged_evidence_is_saved_and_read_back_byte_for_byte() -> None:
    """A live answer confirming a static finding, and an object left behind with no id: each
    key of the evidence is saved as the probe wrote it (the id null, no url, no status)."""
    exchange = _exchange("GET /b", 200)
    rejected = replace(Evidence.of(exchange), live="missing", value=None)
    report = ProbeReport("http://x", confirms=[("GET /b", "response.x", rejected)],
                         left_behind=[LeftBehind(object="/items/?", id=None,
                                                 created_by="POST /items", reason="no id")])
    result = merged(_static(), report)
    saved = result.dumps()
    assert RunResult.from_json(json.loads(saved)).dumps() == saved
    by_rule = {f["rule"]: f["evidence"] for f in json.loads(saved)["findings"]}
    assert by_rule["probe-left-behind"] == {"object": "/items/?", "id": None,
                                            "created_by": "POST /items", "reason": "no id"}
    assert by_rule["response-field-missing"] == {**to_json(exchange), "live": "missing",
                                                 "value": None}
    assert to_json(exchange) == {"operation": "GET /b", "method": "GET", "url": "http://x/a",
                                 "request_body": None, "status": 200, "error": None,
                                 "response": {"id": 1}, "curl": "curl http://x/a",
                                 "attempts": 1, "payload_from": None, "truncated": False}


def test_an_unreachable_backend_marks_every_operation() -> None:
    result = merged(_static(), ProbeReport("http://x", unreachable="cannot connect"))
    assert {o.probe for o in result.operations} == {ProbeStatus("unreachable",
                                                                reason="cannot connect")}
    assert [f.rule for f in result.findings][-1] == "probe-unreachable"


def test_a_status_of_an_operation_the_spec_lacks_names_it() -> None:
    report = ProbeReport("http://x", statuses={"GET /c": ProbeStatus(status="passed")})
    with pytest.raises(KeyError, match=r"the probe reported GET /c, no operation of the spec"):
        merged(_static(), report)


@pytest.mark.parametrize(("record", "misspelt"), [
    (ProbeStatus, {"status": "passed", "http": 200}),
    (ProbeStatus, {"status": "passed", "class_": "read"}),
    (FieldByField, {"required": (), "documented_required": (), "accepted_without": (),
                    "rejected_when_added": (), "request": 1}),
    (WorkflowReport, {"name": "w", "where": "d.md:1", "declared_in": "docs", "step": ()}),
    (WorkflowStep, {"step": "s", "request": "GET /b", "result": "passed", "exchnage": 0}),
    (LeftBehind, {"object": "/items/?", "id": None, "created_by": "POST /items",
                  "why": "no id"}),
])
def test_a_misspelt_key_fails_where_the_record_is_built(record: type,
                                                       misspelt: dict[str, object]) -> None:
    """What the probe hands over is built with keywords: a misspelt one never reaches the
    result as a missing field (mypy says so too; this is the same at run time)."""
    with pytest.raises(TypeError, match="unexpected keyword argument"):
        record(**misspelt)


def test_the_report_holds_records_not_dicts() -> None:
    """Each part the merge reads is typed, so mypy checks every key where it is built."""
    hints = get_type_hints(ProbeReport)
    assert hints["statuses"] == dict[str, ProbeStatus]
    assert hints["workflows"] == list[WorkflowReport]
    assert hints["left_behind"] == list[LeftBehind]
    assert get_type_hints(Outcome)["status"] is ProbeStatus


def test_the_gate_is_never_a_pass_when_incomplete() -> None:
    [finding] = _static().findings
    assert verdict([finding], Severity.high, set(), complete=True).exit_code == 1
    assert verdict([], Severity.high, set(), complete=False).exit_code == 3
    accepted = verdict([finding], Severity.high, {finding.fingerprint}, complete=True)
    assert (accepted.exit_code, accepted.new, accepted.baselined) == (
        0, 0, (finding.fingerprint,))
