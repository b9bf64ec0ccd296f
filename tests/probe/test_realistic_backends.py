"""Real backends whose docs agree with their spec, probed in every mode: no finding is the
probe's own doing, every operation not sent says why, and one planted drift each is found."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from schemacheck.cli import app
from tests.probe import (
    billing_app,
    constrained_app,
    payments_app,
    projects_app,
    ranges_app,
    shapes_app,
)

runner = CliRunner()
MODES = [(), ("--field-by-field",), ("--promises",)]
LEDGER_WRITES = ('probe:\n  allow_writes: ["POST /accounts", "DELETE /accounts/{account_id}", '
                 '"POST /accounts/{account_id}/transfers"]\n')
PAYMENT_WRITES = ('probe:\n  allow_writes: ["POST /v1/customers", "POST /v1/files", '
                  '"DELETE /v1/customers/{customer_id}"]\n')
PROJECT_WRITES = ('probe:\n  allow_writes: ["POST /orgs/{org_id}/projects", '
                  '"DELETE /orgs/{org_id}/projects/{slug}", '
                  '"POST /orgs/{org_id}/projects/{slug}/archive"]\n')
BEARER = ("--header", f"Authorization: Bearer {payments_app.TOKEN}")


def _probe(url: str, tmp: Path, docs: str, config: str, *extra: str) -> dict[str, Any]:
    (tmp / "api.md").write_text(docs)
    (tmp / "schemacheck.yaml").write_text(config)
    result = runner.invoke(app, ["probe", "--config", str(tmp / "schemacheck.yaml"),
                                 "--docs", str(tmp / "api.md"), "--base-url", url,
                                 "--format", "json", "--timeout", "5", *extra])
    assert "Traceback" not in result.output, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _status(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {o["operation"]: o["probe"] for o in data["operations"]}


def _brief(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(f["rule"], f["location"], f["message"][:160]) for f in data["findings"]]


@pytest.mark.parametrize("mode", MODES)
def test_constrained_models_agreeing_with_the_docs_give_no_finding(
        live_app, tmp_path: Path, mode: tuple[str, ...]) -> None:  # noqa: ANN001
    """Decimals (`number | string`), Json[...] strings, UUID1/UUID4, networks, unicode
    property patterns, exclusive bounds with steps, bounded lists, extra='forbid'."""
    data = _probe(live_app(constrained_app.make_app()), tmp_path, constrained_app.DOCS,
                  LEDGER_WRITES, *mode)
    assert data["findings"] == [], _brief(data)
    status = _status(data)
    assert {s["status"] for s in status.values()} == {"passed"}, status
    sent = data["exchanges"][status["POST /accounts"]["exchange"]]["request_body"]
    assert json.loads(sent["settings"]) == {}  # a JSON document inside the string
    assert sent["legacy_id"][14] == "1" and sent["owner_id"][14] == "4"  # the uuid versions
    assert float(sent["balance"]) >= 0
    for item in status.values():
        seen = item.get("field_by_field") or {}
        assert seen.get("rejected_when_added", []) == [], seen  # never its own value's fault


def test_constrained_models_default_mode_says_why_writes_wait(live_app, tmp_path: Path) -> None:  # noqa: ANN001, E501
    data = _probe(live_app(constrained_app.make_app()), tmp_path, constrained_app.DOCS, "{}\n")
    assert data["findings"] == [], _brief(data)
    status = _status(data)
    assert status["GET /accounts"]["status"] == "passed"
    assert status["GET /accounts/{account_id}"]["status"] == "passed"
    for key in ("POST /accounts", "DELETE /accounts/{account_id}",
                "POST /accounts/{account_id}/transfers"):
        assert status[key]["status"] == "skipped" and "allow_writes" in status[key]["reason"]


def test_constrained_models_find_the_planted_drift(live_app, tmp_path: Path) -> None:  # noqa: ANN001
    data = _probe(live_app(constrained_app.make_app(drift=True)), tmp_path,
                  constrained_app.DOCS, LEDGER_WRITES)
    assert [(f["rule"], f["location"]) for f in data["findings"]] == [
        ("probe-minimal-payload-rejected", "body.nickname")]


@pytest.mark.parametrize("mode", MODES)
def test_form_and_multipart_backend_agreeing_with_the_docs_gives_no_finding(
        live_app, tmp_path: Path, mode: tuple[str, ...]) -> None:  # noqa: ANN001
    """Form creates with bracketed aliases, a multipart upload whose Json[...] field is a
    field, not a file, repeated enum queries and a cursor pattern, all behind bearer auth."""
    data = _probe(live_app(payments_app.make_app()), tmp_path, payments_app.DOCS,
                  PAYMENT_WRITES, *BEARER, *mode)
    assert data["findings"] == [], _brief(data)
    status = _status(data)
    for key in ("POST /v1/customers", "GET /v1/customers/{customer_id}", "GET /v1/charges",
                "POST /v1/files"):
        assert status[key]["status"] == "passed", (key, status[key])
    # not sent, and says why (a listed delete takes its id from the config or an answer)
    delete = status["DELETE /v1/customers/{customer_id}"]
    assert delete["status"] == "passed" or delete["reason"].startswith("no value for path")
    sent = data["exchanges"][status["POST /v1/customers"]["exchange"]]["request_body"]
    assert sent["email"].endswith("@example.com")  # readable, not random pattern text


def test_form_and_multipart_backend_finds_the_planted_drift_and_asks_for_credentials(
        live_app, tmp_path: Path) -> None:  # noqa: ANN001
    url = live_app(payments_app.make_app(drift=True))
    data = _probe(url, tmp_path, payments_app.DOCS, PAYMENT_WRITES, *BEARER)
    assert [(f["rule"], f["location"]) for f in data["findings"]] == [
        ("probe-minimal-payload-rejected", "body.purpose")]
    bare = _probe(url, tmp_path, payments_app.DOCS, PAYMENT_WRITES)
    assert [f["rule"] for f in bare["findings"]] == ["probe-credentials-required"]


@pytest.mark.parametrize("mode", MODES)
def test_sets_unions_base64_and_query_lists_are_never_the_backends_fault(
        live_app, tmp_path: Path, mode: tuple[str, ...]) -> None:  # noqa: ANN001
    """A set with minItems, a discriminated union, base64 bytes, float steps, a URL, required
    query lists (sent as repeated keys)."""
    data = _probe(live_app(projects_app.make_app()), tmp_path, projects_app.DOCS,
                  PROJECT_WRITES, *mode)
    assert [f for f in data["findings"] if f["severity"] != "info"] == [], _brief(data)
    assert {f["rule"] for f in data["findings"]} <= {"probe-invalid-sample"}
    status = _status(data)
    assert status["POST /orgs/{org_id}/projects"]["status"] == "passed"
    assert status["GET /orgs/{org_id}/projects"]["status"] == "passed"  # query lists repeat
    sent = data["exchanges"][status["POST /orgs/{org_id}/projects"]["exchange"]]
    labels = sent["request_body"]["labels"]
    assert isinstance(labels, list) and len(set(labels)) == len(labels) >= 2
    for key, item in status.items():  # every operation not sent says why
        assert item["status"] != "skipped" or item["reason"], key


def test_required_query_lists_are_sent_as_repeated_values(live_app, tmp_path: Path) -> None:  # noqa: ANN001, E501
    data = _probe(live_app(projects_app.make_app()), tmp_path, projects_app.DOCS, "{}\n")
    assert _status(data)["GET /orgs/{org_id}/projects"]["status"] == "passed"


def test_sets_unions_base64_backend_finds_the_planted_drift(live_app, tmp_path: Path) -> None:  # noqa: ANN001
    data = _probe(live_app(projects_app.make_app(drift=True)), tmp_path, projects_app.DOCS,
                  PROJECT_WRITES)
    found = {(f["rule"], f["location"]) for f in data["findings"] if f["severity"] != "info"}
    assert found == {("probe-response-violates-docs", "response.name"),
                     ("probe-response-violates-openapi", "response.name")}


@pytest.mark.parametrize("mode", MODES)
def test_tuples_maps_and_moments_agreeing_with_the_docs_give_no_finding(
        live_app, tmp_path: Path, mode: tuple[str, ...]) -> None:  # noqa: ANN001
    data = _probe(live_app(shapes_app.make_app()), tmp_path, shapes_app.DOCS,
                  'probe:\n  allow_writes: ["POST /things"]\n', *mode)
    assert data["findings"] == [], _brief(data)
    assert {o["probe"]["status"] for o in data["operations"]} == {"passed"}


@pytest.mark.parametrize("mode", MODES)
def test_ranges_and_repeated_form_values_give_no_finding(
        live_app, tmp_path: Path, mode: tuple[str, ...]) -> None:  # noqa: ANN001
    data = _probe(live_app(ranges_app.make_app()), tmp_path, ranges_app.DOCS,
                  'probe:\n  allow_writes: ["POST /bookings", "POST /notes", "POST /albums"]\n',
                  *mode)
    assert data["findings"] == [], _brief(data)
    assert {o["probe"]["status"] for o in data["operations"]} == {"passed"}


@pytest.mark.parametrize("mode", MODES)
def test_nested_objects_of_a_urlencoded_body_go_as_bracketed_keys(
        live_app, tmp_path: Path, mode: tuple[str, ...]) -> None:  # noqa: ANN001
    """Stripe's convention (`metadata[order_id]=...`, `shipping[address][city]=...`): a JSON
    string in `metadata` is no object to such a backend, and it answers "missing"."""
    data = _probe(live_app(billing_app.make_app()), tmp_path, billing_app.DOCS,
                  'probe:\n  allow_writes: ["POST /v1/invoices"]\n', *mode)
    assert data["findings"] == [], _brief(data)
    [probe] = [o["probe"] for o in data["operations"]]
    assert probe["status"] == "passed"
    assert (probe.get("field_by_field") or {}).get("accepted_without", []) == []


@pytest.mark.parametrize("mode", MODES)
def test_a_listed_delete_or_action_never_reaches_an_object_from_before_the_run(
        live_app, tmp_path: Path, mode: tuple[str, ...]) -> None:  # noqa: ANN001
    """Listing DELETE /accounts/{account_id} and POST /accounts/{account_id}/transfers chose
    the operations, not the objects: the probe took acc_1 from the list, moved money from it
    and deleted it. A listed write reaches the run's own objects, or the config's."""
    backend = constrained_app.make_app()
    seen: list[tuple[str, str]] = []

    @backend.middleware("http")
    async def ledger(request: Any, call_next: Any) -> Any:
        seen.append((request.method, request.url.path))
        return await call_next(request)

    _probe(live_app(backend), tmp_path, constrained_app.DOCS, LEDGER_WRITES, *mode)
    assert "acc_1" in backend.state.rows  # there before the run: still there
    assert not [call for call in seen if call[0] != "GET" and "acc_1" in call[1].split("/")]
    assert ("DELETE", "/accounts/acc_2") in seen  # the run's own account was deleted
    assert set(backend.state.rows) == {"acc_1"}


@pytest.mark.parametrize("mode", MODES)
def test_a_listed_create_under_an_existing_parent_is_deleted_at_the_end(
        live_app, tmp_path: Path, mode: tuple[str, ...]) -> None:  # noqa: ANN001
    """`POST /orgs/{org_id}/projects` under an org the run did not make, listed, went out as an
    action: what it made was never recorded, so never deleted nor reported (the project
    stayed). It is a create like any other: recorded, read, acted on and deleted."""
    backend = projects_app.make_app()
    data = _probe(live_app(backend), tmp_path, projects_app.DOCS, PROJECT_WRITES, *mode)
    assert set(backend.state.rows) == {"apollo"}  # only what was there before the run
    assert backend.state.rows["apollo"]["state"] == "active"  # and untouched
    assert not [f for f in data["findings"] if f["rule"] == "probe-left-behind"]
    status = _status(data)
    for key in ("GET /orgs/{org_id}/projects/{slug}", "DELETE /orgs/{org_id}/projects/{slug}",
                "POST /orgs/{org_id}/projects/{slug}/archive"):
        assert status[key]["status"] == "passed", (key, status[key])
