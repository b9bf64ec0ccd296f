"""The catalog walked rule by rule: documented, triggered by a fixture pair (static) or a named
test (probe), rendered in every format, its mirror declared both ways or waived with a reason."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from schemacheck.catalog import (
    EVIDENCE,
    RULES,
    DuplicateRule,
    confirms,
    evidence_kinds,
    make_finding,
    register,
    severity_for,
)
from schemacheck.finding_parts import Violation
from schemacheck.findings import Declared, Evidence, Severity
from schemacheck.model import SchemaSet
from schemacheck.probe.client import Answer, Redactor
from schemacheck.probe.interpret import Interpreter
from schemacheck.report.render import REPORTERS, render
from schemacheck.result import Gate, Inputs, OpenapiInput, OperationResult, RunResult

ROOT = Path(__file__).parent.parent
CASES = Path(__file__).parent / "data" / "rules"
IDS = sorted(RULES)
# Probe rules whose test is still to come: until a rule names its test, this fails loudly
# (strict xfail), so the waiver cannot outlive the work. Empty: every probe rule names one.
AWAITING_PROBE_TEST: set[str] = set()


@pytest.mark.parametrize("rule_id", IDS)
def test_rule_is_documented(rule_id: str) -> None:
    rule = RULES[rule_id]
    assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.id)
    assert rule.summary.endswith(".") and len(rule.doc) > 20
    assert rule.texts.marker and rule.texts.impact and not rule.texts.impact.endswith("(e")
    assert all(kind in EVIDENCE for kind in rule.confirmed_by)
    if rule.policy is not None:
        assert rule.policy_doc, "a severity policy is described in words"


@pytest.mark.parametrize("rule_id", IDS)
def test_rule_is_triggered_by_a_fixture_pair_or_a_named_test(rule_id: str,
                                                             request: pytest.FixtureRequest
                                                             ) -> None:
    rule = RULES[rule_id]
    # tests/test_rules.py runs each pair, expects only this rule; rules about the docs alone
    # (their examples, found in Markdown) and probe rules name the test that triggers them
    if rule.direction not in ("probe", "docs"):
        assert (CASES / rule_id / "docs.ts").is_file() and (CASES / rule_id / "spec.yaml").is_file()
        return
    if rule_id in AWAITING_PROBE_TEST:
        request.applymarker(pytest.mark.xfail(strict=True, reason="the lead adds its test"))
    assert rule.test, f"{rule_id}: name the test that triggers it"
    assert rule_id in (ROOT / rule.test).read_text(), f"{rule.test} never names {rule_id}"


def test_every_fixture_pair_belongs_to_a_static_rule() -> None:
    assert sorted(p.name for p in CASES.iterdir()) == sorted(
        r.id for r in RULES.values() if r.direction not in ("probe", "docs"))


@pytest.mark.parametrize("rule_id", IDS)
def test_rule_mirror_declared_both_ways_or_waived(rule_id: str) -> None:
    rule = RULES[rule_id]
    assert (rule.mirror is None) != (rule.waiver is None), "a mirror or a waiver, not both"
    if rule.mirror:
        mirror = RULES[rule.mirror]
        assert mirror.mirror == rule_id and mirror.direction != rule.direction
    else:
        assert rule.waiver and len(rule.waiver) > 20


@pytest.mark.parametrize("rule_id", IDS)
def test_rule_renders_in_every_format(rule_id: str) -> None:
    rule = RULES[rule_id]
    finding = make_finding(rule_id, operation="GET /things/{id}", location="response.a",
                           message="the walk's message", method="GET",
                           docs=Declared(True, "docs.ts:3", type_name="Thing"))
    result = RunResult(generated="2026-01-01", inputs=Inputs((), OpenapiInput("s")),
                       findings=(finding,),
                       operations=(OperationResult("GET /things/{id}", "things"),),
                       docs_types={"Thing": {"type": "object", "properties": {"a": {}}}},
                       gate=Gate("info", 1))
    assert set(REPORTERS) == {"console", "json", "md", "junit", "github", "sarif", "html"}
    for fmt in REPORTERS:
        text = render(result, fmt)
        if fmt == "md" and finding.level >= Severity.high:
            # an issue section: the rule's marker beside the documented field
            assert f"// ← {rule.texts.marker}" in text, rule_id
        else:
            assert rule_id in text, f"{fmt} does not show {rule_id}"


def test_duplicate_ids_raise_at_registration() -> None:
    with pytest.raises(DuplicateRule, match="probe-server-error"):
        register(RULES["probe-server-error"])


def test_severity_policies() -> None:
    assert severity_for("probe-server-error", method="GET") is Severity.critical
    assert severity_for("probe-server-error", method="POST") is Severity.high
    assert severity_for("request-field-unknown-to-backend") is Severity.medium
    assert severity_for("request-field-unknown-to-backend", backend_closed=True) is Severity.high
    assert severity_for("probe-left-behind") is Severity.high
    assert severity_for("request-field-renamed", backend_required=True) is Severity.critical
    with pytest.raises(KeyError, match="no rule"):
        severity_for("no-such-rule")


def test_live_evidence_confirms_only_what_it_proves() -> None:
    missing = Evidence(error={"type": "missing", "loc": ["body", "a"]})
    invalid = Evidence(error={"type": "string_type", "loc": ["body", "a"]})
    extra = Evidence(error={"type": "extra_forbidden", "loc": ["body", "a"]})
    assert confirms("request-field-required-but-documented-optional", missing)
    assert confirms("request-field-required-but-undocumented", missing)
    assert not confirms("request-field-optional-but-documented-required", missing)
    assert not confirms("request-null-rejected", missing)
    assert confirms("request-null-rejected", invalid) and confirms("request-type-mismatch",
                                                                   invalid)
    assert confirms("request-field-unknown-to-backend", extra)
    assert not confirms("request-field-unknown-to-backend", invalid)
    body = Evidence(violations=(Violation("$.a", "None is not of type 'string'"),
                                Violation("$", "'b' is a required property")))
    assert evidence_kinds(body) == {"response-null", "response-absent"}
    assert confirms("response-field-nullable-but-documented-non-null", body)
    assert not confirms("response-type-mismatch", body)
    assert not confirms("no-such-rule", missing)


def _interpreter() -> Interpreter:
    return Interpreter(SchemaSet({}), SchemaSet({}), Redactor(), "no credentials")


def test_probe_minimal_payload_rejected_through_the_catalog() -> None:
    body = {"detail": [{"type": "missing", "loc": ["body", "context", "userId"],
                        "msg": "Field required"}]}
    answer = Answer(422, {"content-type": "application/json"}, json.dumps(body).encode(), False)
    outcome = _interpreter().read("POST /jobs", "POST", answer, Evidence(status=422), None, None,
                                  None)
    [finding] = outcome.findings
    assert (finding.rule, finding.severity, finding.location) == (
        "probe-minimal-payload-rejected", "critical", "body.context.userId")
    assert outcome.confirms[0][0] == "body.context.userId"


@pytest.mark.parametrize(("method", "severity"), [("GET", "critical"), ("POST", "high")])
def test_probe_server_error_severity_by_method(method: str, severity: str) -> None:
    answer = Answer(500, {"content-type": "text/plain"}, b"Internal Server Error", False)
    outcome = _interpreter().read(f"{method} /things", method, answer, Evidence(status=500), None,
                                  None, None)
    [finding] = outcome.findings
    assert (finding.rule, finding.severity) == ("probe-server-error", severity)


def test_confirms_agrees_with_what_the_probe_merge_reads() -> None:
    """The probe's `live` word for a response field maps onto the catalog's evidence kinds."""
    cases = {"missing": ["response-field-missing", "response-field-renamed",
                         "response-field-optional-but-documented-required"],
             "null": ["response-field-nullable-but-documented-non-null"],
             "enum": ["response-enum-value-undocumented"],
             "type": ["response-type-mismatch", "response-union-member-undocumented"],
             "undocumented": ["response-field-undocumented"]}
    response_rules = [r for r in RULES.values() if r.direction == "response"]
    for live, rules in cases.items():
        confirmed = sorted(r.id for r in response_rules if confirms(r.id, Evidence(live=live)))
        assert confirmed == sorted(rules), live
