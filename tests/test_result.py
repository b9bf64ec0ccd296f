"""The run result's records and the committed JSON Schema say the same thing, both ways: every
field a record saves is in the schema (with its JSON type), and the schema names nothing else;
the records are frozen and typed, so a misspelt field is an error, never a silent None."""

from __future__ import annotations

import dataclasses
import json
import typing
from collections.abc import Mapping
from dataclasses import fields, is_dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from schemacheck import records
from schemacheck.catalog import make_finding
from schemacheck.errors import SourceError
from schemacheck.finding_parts import (
    ABSENT,
    BackendLine,
    Declared,
    DocsLine,
    Evidence,
    Exchange,
    Fix,
    ModelError,
    Reproduction,
    Retried,
    Seen,
    Violation,
)
from schemacheck.findings import Finding, Place
from schemacheck.probe.redact import Redactor
from schemacheck.records import RecordError, from_json, to_json
from schemacheck.result import (
    ExampleNotVerified,
    Gate,
    Inputs,
    Kept,
    OpenapiInput,
    OperationResult,
    ProbeRun,
    ProbeStatus,
    RunResult,
    WorkflowStep,
    load_result,
)

SCHEMA = json.loads((Path(__file__).parent.parent / "schemacheck" / "schema" /
                     "run-result.schema.json").read_text())
JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean"}


def _result() -> RunResult:
    finding = make_finding("response-field-missing", operation="GET /a", location="response.x",
                           message="m", docs=Declared(True, "d.ts:2"),
                           backend=Declared(False, "#/components/schemas/A"),
                           affects=[Place("GET /b", "response.items[].x")])
    return RunResult(generated="2026-01-01", inputs=Inputs((), OpenapiInput("s")),
                     findings=(finding,), operations=(OperationResult("GET /a", "a"),),
                     gate=Gate("high", 1, (), 1))


def _node(node: dict[str, Any]) -> dict[str, Any]:
    """A `$ref` followed; of a `oneOf` with null, the object branch."""
    if "$ref" in node:
        node = SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]]
    branches = [b for b in node.get("oneOf", ()) if b.get("type") != "null"]
    return _node(branches[0]) if len(branches) == 1 else node


def _inner(hint: Any) -> tuple[Any, list[str]]:
    """(the record or scalar inside a hint, the JSON path steps down to it)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, __import__("types").UnionType):
        rest = [a for a in args if a is not type(None)]
        return _inner(rest[0]) if len(rest) == 1 else (hint, [])
    if origin is tuple:
        item, steps = _inner(args[0])
        return item, ["items", *steps]
    if origin in (dict, Mapping):
        item, steps = _inner(args[1])
        return item, ["additionalProperties", *steps]
    return hint, []


def _json_types(hint: Any, omitted_when_none: bool) -> set[str]:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, __import__("types").UnionType):
        found = set().union(*(_json_types(a, omitted_when_none) for a in args
                              if a is not type(None)))
        return found if omitted_when_none or type(None) not in args else found | {"null"}
    if origin is tuple:
        return {"array"}
    if origin in (dict, Mapping) or (isinstance(hint, type) and is_dataclass(hint)):
        return {"object"}
    return {JSON_TYPES[hint]} if hint in JSON_TYPES else set()


def _walk(cls: type, node: dict[str, Any], where: str, seen: set[type]) -> None:
    """The record against its schema node: the same keys, the same always-written keys, the
    same JSON types; then every nested record against its own node."""
    seen.add(cls)
    hints = typing.get_type_hints(cls)
    saved = [f for f in fields(cls) if f.metadata.get("json", True)]
    keys = {str(f.metadata.get("key", f.name)): f for f in saved}
    derived = set(getattr(cls, "DERIVED", ()))
    props = node.get("properties", {})
    assert set(props) == set(keys) | derived, where
    always = {k for k, f in keys.items() if not f.metadata.get("omit_none")
              and "with" not in f.metadata and not f.metadata.get("absent")}
    assert set(node.get("required", ())) == always | derived, where
    assert node.get("additionalProperties") is False, where
    for key, f in keys.items():
        declared = props[key].get("type")
        expected = _json_types(hints[f.name], bool(f.metadata.get("omit_none")))
        if declared is not None and expected:
            assert set([declared] if isinstance(declared, str) else declared) == expected, \
                f"{where}.{key}"
        inner, steps = _inner(hints[f.name])
        if isinstance(inner, type) and is_dataclass(inner):
            sub = _node(props[key])
            for step in steps:
                sub = _node(sub[step])
            _walk(inner, sub, f"{where}.{key}", seen)


def _rich() -> RunResult:
    """A result whose findings use every part of a finding, every key of the evidence."""
    exchange = Evidence(operation="POST /a", method="POST", url="http://x/a", kind="create",
                        request_body={"a": 1}, payload_from="docs", media_type=None,
                        status=None, error=None, attempts=2, truncated=False,
                        response="timed out", curl="curl -X POST http://x/a",
                        retried=Retried({"detail": []}, ("body.a",)), workflow="w / s",
                        har_entry=3, recorded_times=2)
    proof = Evidence(live="undocumented", value=None, violations=(
        Violation("$.a", "None is not of type 'string'", "null"), Violation("$.b", "m")),
        pydantic=(ModelError("A", "a", "Input should be a valid string", "string_type",
                             None),), text="1 validation error for A",
        example={"a": 1}, where="d.md:3", not_seen_live=True, observed=Seen(3, 0, 0),
        operations=("GET /a",), more=(Reproduction("GET /b", 422, "curl x"),
                                      Reproduction("GET /c", None), Reproduction("GET /d")),
        left="a/1", id=None, created_by="POST /a", reason="HTTP 500",
        error={"type": "missing", "loc": ["body", "a"]})
    fix = Fix(backend=BackendLine("A", "a", "a: Optional[str] = None"),
              docs=DocsLine("A", "a", "a?: string;"))
    declared = Declared(True, "d.ts:2", required=True, nullable=False, types=("string",),
                        enum=("x", 1), format="date", type_name="A")
    findings = tuple(make_finding(
        "response-field-missing", operation="POST /a", location=f"response.f{n}", message="m",
        docs=declared, backend=Declared(False, None, type_name=None), evidence=evidence,
        fix=fix) for n, evidence in enumerate((exchange, proof, Evidence())))
    run = ProbeRun(sent=5, requests={"probe": 3, "proof": 2},
                   kept=(Kept("/jobs/job-1", "job-1", "POST /jobs", "no DELETE"),),
                   examples_not_verified=(ExampleNotVerified("d.md:9", "POST /a", "request",
                                                             "not sent"),))
    return replace(_result(), findings=findings, probe_run=run)


def test_schema_and_records_name_the_same_fields_both_ways() -> None:
    seen: set[type] = set()
    _walk(RunResult, SCHEMA, "result", seen)
    assert {Finding, Place, OperationResult, ProbeStatus, Gate} <= seen  # the walk went deep
    parts = {Declared, Evidence, Fix, BackendLine, DocsLine, Retried, Violation, ModelError,
             Seen, Reproduction}
    assert parts <= seen, parts - seen  # a finding's parts, each against its own node
    assert len(seen) == 33  # every record of the result (Retried is an exchange's too)
    assert set(_rich().to_json()) == set(SCHEMA["properties"])


@pytest.mark.parametrize("build", [_result, _rich])
def test_a_result_validates_and_round_trips(build: typing.Callable[[], RunResult]) -> None:
    result = build()
    data = result.to_json()
    assert not list(Draft202012Validator(SCHEMA).iter_errors(data))
    again = RunResult.from_json(json.loads(result.dumps()))
    assert again.findings == result.findings and again.dumps() == result.dumps()


def test_a_key_that_is_null_stays_null_and_an_absent_one_stays_absent() -> None:
    """The transport's error is null when the request got an answer; a promise's evidence has
    no such key at all. Both read back as they were."""
    answered = to_json(Evidence(url="http://x", status=200, error=None, response={}))
    promised = to_json(Evidence(url="http://x", status=200, response={}))
    assert answered == {"url": "http://x", "request_body": None, "status": 200, "error": None,
                        "response": {}}
    assert "error" not in promised and from_json(Evidence, promised).error is ABSENT
    assert from_json(Evidence, answered).error is None
    shown = _rich().findings[0].to_json()["evidence"]
    assert {"status", "error", "media_type"} <= set(shown) and shown["status"] is None
    [declared] = {f.to_json()["backend"] == {"present": False, "where": None, "type_name": None}
                  for f in _rich().findings}
    assert declared
    assert to_json(Declared(True, "d.md:3")) == {"present": True, "where": "d.md:3"}


def test_a_misspelt_part_of_a_finding_is_an_error_never_none() -> None:
    with pytest.raises(TypeError, match="stauts"):
        Evidence(stauts=422)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="typename"):
        Declared(True, "d.ts:1", typename="A")  # type: ignore[call-arg]
    [finding] = _result().findings
    with pytest.raises(AttributeError):
        _ = finding.docs.type  # type: ignore[union-attr]  (the key is `type`, the field `types`)
    with pytest.raises(TypeError, match=r"Finding\.evidence: a Evidence, not dict"):
        make_finding("probe-server-error", operation="GET /a", location="response",
                     message="m", evidence={"stauts": 500})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"Finding\.docs: a Declared, not dict"):
        Finding("response-field-missing", "high", "GET /a", "response.x", "m",
                docs={"present": True, "where": "d.ts:1"})  # type: ignore[arg-type]
    data = _rich().to_json()
    data["findings"][1]["evidence"]["violations"][0]["mesage"] = "x"
    with pytest.raises(RecordError, match=r"findings\[1\]\.evidence\.violations\[0\]: "
                                          "unknown field 'mesage'"):
        RunResult.from_json(data)
    data = _rich().to_json()
    data["findings"][0]["fix"]["docs"]["types"] = "A"
    with pytest.raises(RecordError, match=r"findings\[0\]\.fix\.docs: unknown field 'types'"):
        RunResult.from_json(data)
    with pytest.raises(RecordError, match=r"evidence: unknown field 'stauts'"):
        from_json(Evidence, {"url": "http://x", "stauts": 200}, "evidence")


def test_records_are_frozen_and_a_misspelt_field_is_an_error() -> None:
    result = _result()
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.findings = ()  # type: ignore[misc]
    with pytest.raises(AttributeError):
        result.findings.append(result.findings[0])  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        _ = result.gate.exitcode  # type: ignore[attr-defined]  (mypy says so too)
    with pytest.raises(AttributeError):
        _ = result.operations[0].probe_status  # type: ignore[attr-defined]
    # reading back: a misspelt or missing key names where, instead of reading as None
    data = result.to_json()
    data["operations"][0]["probe"] = {"status": "passed", "http_staus": 200}
    with pytest.raises(RecordError, match=r"operations\[0\]\.probe: unknown field 'http_staus'"):
        RunResult.from_json(data)
    with pytest.raises(RecordError, match="missing 'status'"):
        from_json(ProbeStatus, {"reason": "x"})
    with pytest.raises(RecordError, match=r"gate\.exit_code: expected int, got 'one'"):
        RunResult.from_json({**result.to_json(), "gate": {**data["gate"], "exit_code": "one"}})
    saved = result.to_json()
    saved["findings"][0]["severity"] = "severe"
    with pytest.raises(RecordError, match=r"findings\[0\]: severity 'severe' is none of"):
        RunResult.from_json(saved)


def test_a_saved_result_of_another_shape_is_one_clear_line(tmp_path: Path) -> None:
    path = tmp_path / "run.json"
    data = _result().to_json()
    data["inputs"]["openapi"]["sorce"] = "x"
    path.write_text(json.dumps(data))
    with pytest.raises(SourceError) as caught:
        load_result(str(path))
    assert str(caught.value) == (f"{path}: not a schemacheck run result of format 1 "
                                 "(result.inputs.openapi: unknown field 'sorce')")


def test_affects_lists_the_findings_own_place_first() -> None:
    [finding] = _result().findings
    assert finding.to_json()["affects"] == [
        {"operation": "GET /a", "location": "response.x"},
        {"operation": "GET /b", "location": "response.items[].x"}]
    alone = Finding("probe-unreachable", "high", None, "http://x", "down")
    assert alone.affects == (Place(None, "http://x"),)
    assert Finding.from_json(finding.to_json()) == finding


def test_optional_keys_stay_absent_and_a_null_answer_stays_null() -> None:
    not_run = WorkflowStep("read", "GET /a/{{create.id}}", "not run", reason="an earlier step")
    no_answer = WorkflowStep("create", "POST /a", "failed", reason="timed out", exchange=3)
    assert to_json(not_run) == {"step": "read", "request": "GET /a/{{create.id}}",
                                "result": "not run", "reason": "an earlier step"}
    assert to_json(no_answer)["status"] is None and to_json(no_answer)["exchange"] == 3
    skipped = ProbeStatus("skipped", kind="create", reason="a write")
    assert to_json(skipped) == {"status": "skipped", "class": "create", "reason": "a write"}
    for record in (not_run, no_answer, skipped):
        assert from_json(type(record), to_json(record)) == record


def test_scrubbed_evidence_keeps_no_secret_at_any_depth() -> None:
    """The probe scrubs every finding's evidence through its JSON: the nested records (a
    retry's first answer, violations, reproductions) are walked like the rest."""
    secret = "t0ps3cret-token"
    evidence = dataclasses.replace(
        _rich().findings[0].evidence, url=f"http://x/a?key={secret}",  # type: ignore[arg-type]
        curl=f"curl -H 'Authorization: Bearer {secret}' http://x/a",
        response={"access_token": "abcdef123", "echo": secret},
        retried=Retried({"detail": [{"msg": f"bad {secret}"}]}, ("body.a",)),
        violations=(Violation("$.a", f"{secret!r} is not of type 'integer'"),),
        more=(Reproduction("GET /b", 422, f"curl -H 'X-Key: {secret}' http://x/b"),))
    scrubbed = records.scrubbed(evidence, Redactor([secret]).scrub)
    text = json.dumps(to_json(scrubbed))
    assert secret not in text and "abcdef123" not in text and "$TOKEN" in text
    assert scrubbed.status is None and scrubbed.error is None and scrubbed.value is ABSENT
    assert dataclasses.replace(scrubbed, url=evidence.url, curl=evidence.curl,
                               response=evidence.response, retried=evidence.retried,
                               violations=evidence.violations,
                               more=evidence.more) == evidence  # nothing else changed


@pytest.mark.parametrize("exchange", [
    Exchange("POST /a", "POST", "http://x/a", {"a": 1}, None, "timed out", None, "curl x",
             kind="create", media_type=None, attempts=2, payload_from="docs", truncated=False,
             retried=Retried({"detail": []}, ("body.a",))),
    Exchange("GET /a/1", "GET", "http://x/a/1", None, 200, None, {}, "curl y", workflow="w / s"),
    Exchange("GET /a", "GET", "http://x/a", None, 200, None, {}, "curl z", attempts=1,
             payload_from="recorded", truncated=False, har_entry=4)],
    ids=["probe", "workflow", "recorded"])
def test_an_exchange_as_evidence_saves_the_same_keys(exchange: Exchange) -> None:
    """Evidence.of copies every field of an Exchange: a field added there and not here fails."""
    keys = {str(f.metadata.get("key", f.name)) for f in fields(Exchange)}
    assert keys <= {str(f.metadata.get("key", f.name)) for f in fields(Evidence)}
    assert to_json(Evidence.of(exchange)) == to_json(exchange)
    assert set(to_json(Evidence.of(exchange))) < keys  # each kind leaves some keys out
