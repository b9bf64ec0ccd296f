"""The run result's records and the committed JSON Schema say the same thing: every field a
record serialises is in the schema, and nothing else is."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

from jsonschema import Draft202012Validator

from schemacheck.catalog import make_finding
from schemacheck.findings import FINDING_KEYS, Finding, Place
from schemacheck.result import OperationResult, RunResult

SCHEMA = json.loads((Path(__file__).parent.parent / "schemacheck" / "schema" /
                     "run-result.schema.json").read_text())


def _result() -> RunResult:
    finding = make_finding("response-field-missing", operation="GET /a", location="response.x",
                           message="m", docs={"present": True, "where": "d.ts:2"},
                           backend={"present": False, "where": "#/components/schemas/A"},
                           affects=[Place("GET /b", "response.items[].x")])
    return RunResult(generated="2026-01-01", inputs={"docs": [], "openapi": {"source": "s"}},
                     findings=[finding], operations=[OperationResult("GET /a", "a")])


def test_schema_names_exactly_the_records_fields() -> None:
    data = _result().to_json()
    assert set(SCHEMA["properties"]) == set(data) == set(SCHEMA["required"])
    finding = SCHEMA["$defs"]["finding"]
    assert set(finding["properties"]) == {*FINDING_KEYS, "fingerprint"} == set(
        finding["required"])
    assert set(SCHEMA["$defs"]["place"]["properties"]) == {f.name for f in fields(Place)}


def test_a_result_validates_and_round_trips() -> None:
    result = _result()
    data = result.to_json()
    assert not list(Draft202012Validator(SCHEMA).iter_errors(data))
    again = RunResult.from_json(json.loads(result.dumps()))
    assert again.findings == result.findings and again.dumps() == result.dumps()


def test_affects_lists_the_findings_own_place_first() -> None:
    [finding] = _result().findings
    assert finding.to_json()["affects"] == [
        {"operation": "GET /a", "location": "response.x"},
        {"operation": "GET /b", "location": "response.items[].x"}]
    alone = Finding("probe-unreachable", "high", None, "http://x", "down")
    assert alone.affects == (Place(None, "http://x"),)
    assert Finding.from_json(finding.to_json()) == finding
