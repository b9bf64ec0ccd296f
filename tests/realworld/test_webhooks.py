"""OpenAPI 3.1 `webhooks` are compared, not set aside. A webhook is a request the API SENDS:
its body is what the client receives, so it is judged in the response direction (the same
rules and severities as a response body), and its answer body, which the client sends, in
the request direction. openapi-typescript writes them in its `webhooks` interface (inline or
`operations["id"]`), hey-api as `<Method><Name>WebhookRequest` (`body`, `key`).
data/webhooks: see its README."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from schemacheck.cli import app
from schemacheck.sources.openapi import load_openapi
from tests.realworld.conftest import Pair, found

DATA = Path(__file__).parent / "data" / "webhooks"
SPEC = (DATA / "spec.json").read_text(encoding="utf-8")
OPENAPI_TS = (DATA / "types.d.ts").read_text(encoding="utf-8")
HEY_API = (DATA / "heyapi.types.gen.ts").read_text(encoding="utf-8")
HOOKS = ["POST webhook:orderPaid", "POST webhook:refundIssued", "PUT webhook:orderShipped",
         "POST webhook:orderShipped"]


@pytest.mark.parametrize(("docs", "name"), [(OPENAPI_TS, "types.d.ts"),
                                            (HEY_API, "types.gen.ts")])
def test_self_generated_pair_compares_every_webhook(pair: Pair, docs: str, name: str) -> None:
    data = pair.diff(docs, SPEC, name=name)
    assert found(data) == [] and data["unmatched"] == [] and data["diagnostics"] == []
    assert data["uncovered"] == [] and data["incomplete"] == []
    bodies = {c["operation"]: c["direction"] for c in data["contracts"]
              if c["part"] == "request" and "webhook:" in (c["operation"] or "")}
    assert bodies == dict.fromkeys(HOOKS, "response")


def _plant(text: str, edits: list[tuple[str, str]]) -> str:
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def test_drift_in_openapi_typescript_webhooks(pair: Pair) -> None:
    docs = _plant(OPENAPI_TS, [
        ("reason?: string;", "reason: string;"),  # documented always sent; the spec: optional
        ('"ups" | "dhl" | "post"', '"ups" | "dhl"'),  # the API may send "post"
        ("eta: string | null;", "eta: string;"),  # the API may send null
        ("name?: string;", "name: string;"),  # a component only a webhook's body reaches
        ("note?: string;", "note: string;")])  # the answer, which the client sends
    data = pair.diff(docs, SPEC, name="types.d.ts", exit_code=None)
    assert found(data) == [
        ("request-field-optional-but-documented-required", "POST webhook:refundIssued",
         "response.note"),
        ("response-enum-value-undocumented", "POST webhook:orderShipped", "body.carrier"),
        ("response-field-nullable-but-documented-non-null", "POST webhook:orderShipped",
         "body.eta"),
        ("response-field-optional-but-documented-required", "POST webhook:orderPaid",
         "body.customer.name"),
        ("response-field-optional-but-documented-required", "POST webhook:refundIssued",
         "body.reason")]
    assert data["uncovered"] == [] and data["unmatched"] == []


def test_drift_in_hey_api_webhook_payloads(pair: Pair) -> None:
    docs = _plant(HEY_API, [("reason?: string;", "reason: string;"),
                            ("'ups' | 'dhl' | 'post'", "'ups' | 'dhl'")])
    data = pair.diff(docs, SPEC, exit_code=None)
    # in a request, docs naming fewer enum values than the API takes are no drift; the
    # webhook's body is sent by the API, so a value the docs leave out is
    assert found(data) == [
        ("response-enum-value-undocumented", "POST webhook:orderShipped", "body.carrier"),
        ("response-field-optional-but-documented-required", "POST webhook:refundIssued",
         "body.reason")]


def test_webhooks_are_not_uncovered_in_docs_of_no_webhook(pair: Pair) -> None:
    """Docs of the paths alone (no webhook documented) leave the webhooks out of `uncovered`:
    many APIs document their webhooks elsewhere."""
    docs = ("export interface SubscribeRequest { url: string; events?: string[] }\n")
    data = pair.diff(docs, SPEC, name="api.ts", exit_code=None)
    assert data["uncovered"] == ["POST /subscriptions"]


def test_webhooks_are_no_operation_of_the_api() -> None:
    """The probe and traffic replay read `spec.operations`: a webhook is never among them
    (the API sends it; nothing may call it), yet it is found by its key for the diff."""
    spec = load_openapi(str(DATA / "spec.json"))
    assert [op.key for op in spec.operations] == ["POST /subscriptions"]
    assert sorted(op.key for op in spec.webhook_operations) == sorted(HOOKS)
    assert all(spec.operation(key) is not None for key in HOOKS)
    # a component only a webhook's body reaches is used in the response direction
    assert spec.component_usage()["Customer"] == {"response"}


def test_a_configured_webhook_contract(tmp_path: Path) -> None:
    """Hand-written docs name a webhook's payload in the config, as the reports name the
    webhook (`POST webhook:refundIssued`); it is judged as what the API sends."""
    docs = tmp_path / "hooks.ts"
    docs.write_text("export interface Refund { refundId: string; amount: number;"
                    " reason: string }\n", encoding="utf-8")
    config = tmp_path / "schemacheck.yaml"
    config.write_text(f"""docs: [{docs}]
openapi: {DATA / 'spec.json'}
contracts:
  POST webhook:refundIssued:
    request: Refund
""", encoding="utf-8")
    result = CliRunner().invoke(app, ["diff", "--config", str(config), "--format", "json"])
    assert "Traceback" not in result.output and result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    assert data["incomplete"] == []
    assert [(c["operation"], c["docs"], c["how"], c["direction"]) for c in data["contracts"]
            ] == [("POST webhook:refundIssued", "Refund", "config", "response")]
    assert found(data) == [("response-field-optional-but-documented-required",
                            "POST webhook:refundIssued", "body.reason")]


def test_an_any_webhook_body_is_not_left_to_a_probe(pair: Pair) -> None:
    """A webhook whose payload the spec leaves as any is paired but compares nothing; the
    note says so without promising a probe (the API sends webhooks: nothing probes them)."""
    spec = json.loads(SPEC)
    spec["webhooks"]["orderPaid"]["post"]["requestBody"]["content"]["application/json"][
        "schema"] = {}
    data = pair.diff(OPENAPI_TS, spec, name="types.d.ts", exit_code=None)
    [note] = [d["message"] for d in data["diagnostics"] if "declares nothing" in d["message"]]
    assert "POST webhook:orderPaid" in note and "never probed" in note
    assert "a probe validates" not in note


def test_documented_webhooks_none_of_which_pair_are_all_uncovered(pair: Pair) -> None:
    """The docs' `webhooks` interface documents four webhooks the spec names otherwise: none
    paired, so none was listed uncovered and the run passed having compared no webhook."""
    spec = json.loads(SPEC)
    spec["webhooks"] = {f"{name}V2": item for name, item in spec["webhooks"].items()}
    data = pair.diff(OPENAPI_TS, json.dumps(spec), name="types.d.ts")
    uncovered = [key for key in data["uncovered"] if "webhook:" in key]
    assert uncovered and all(key.endswith("V2") for key in uncovered)
    # every compared operation, webhooks too, stands in the result's operations
    assert {o["operation"] for o in data["operations"]} >= set(uncovered)
