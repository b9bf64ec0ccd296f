"""The run result's records and the committed JSON Schema say the same thing, both ways: every
field a record saves is in the schema (with its JSON type), and the schema names nothing else;
the records are frozen and typed, so a misspelt field is an error, never a silent None."""

from __future__ import annotations

import dataclasses
import json
import typing
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from schemacheck.catalog import make_finding
from schemacheck.errors import SourceError
from schemacheck.findings import Finding, Place
from schemacheck.records import RecordError, from_json, to_json
from schemacheck.result import (
    Gate,
    Inputs,
    OpenapiInput,
    OperationResult,
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
                           message="m", docs={"present": True, "where": "d.ts:2"},
                           backend={"present": False, "where": "#/components/schemas/A"},
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
              and "with" not in f.metadata}
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


def test_schema_and_records_name_the_same_fields_both_ways() -> None:
    seen: set[type] = set()
    _walk(RunResult, SCHEMA, "result", seen)
    assert {Finding, Place, OperationResult, ProbeStatus, Gate} <= seen  # the walk went deep
    assert set(_result().to_json()) == set(SCHEMA["properties"])


def test_a_result_validates_and_round_trips() -> None:
    result = _result()
    data = result.to_json()
    assert not list(Draft202012Validator(SCHEMA).iter_errors(data))
    again = RunResult.from_json(json.loads(result.dumps()))
    assert again.findings == result.findings and again.dumps() == result.dumps()


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
