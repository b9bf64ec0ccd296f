"""The probe's safety rewriting (defuse.py) never makes its own samples the backend's fault:
a safe value keeps to the field's constraints (a fictional number that fits the pattern, a
reserved host the hostname pattern takes, a flag the schema fixes left as it is); a 422 about
a safe value is no finding; where no safe value fits, the body is not sent, and the status
says why. Real backends whose docs agree with their OpenAPI, probed in every mode."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from schemacheck.cli import app
from tests.probe import catalog_app, infra_app, outreach_app

runner = CliRunner()
MODES = [("--allow-writes",), ("--allow-writes", "--field-by-field"),
         ("--allow-writes", "--promises")]
SAFE_REFUSED = "the backend refuses the safe value the probe sends at "


def _probe(url: str, tmp: Path, docs: str, *extra: str) -> dict[str, Any]:
    (tmp / "api.md").write_text(docs)
    (tmp / "schemacheck.yaml").write_text("{}\n")
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


def _received(backend: Any, kind: str) -> list[dict[str, Any]]:
    return [body for k, body in backend.state.seen if k == kind]


def _quiet_by_default(url: str, tmp: Path, backend: Any, docs: str) -> None:
    """Without --allow-writes nothing is written and nothing found, and each skip says why."""
    data = _probe(url, tmp, docs)
    assert data["findings"] == [], _brief(data)
    assert backend.state.seen == []
    assert all(s["status"] == "skipped" and s["reason"] for s in _status(data).values())


@pytest.mark.parametrize("mode", MODES)
def test_outreach_safe_values_fit_the_backend_or_are_never_blamed_on_it(
        live_app, tmp_path: Path, mode: tuple[str, ...]) -> None:  # noqa: ANN001
    backend = outreach_app.make_app()
    url = live_app(backend)
    _quiet_by_default(url, tmp_path, backend, outreach_app.DOCS)
    data = _probe(url, tmp_path, outreach_app.DOCS, *mode)
    assert data["findings"] == [], _brief(data)
    status = _status(data)
    for key in ("POST /signups", "POST /snapshots", "POST /contacts", "POST /posts"):
        assert status[key]["status"] == "passed", (key, status[key])
    # a number for a UK-only pattern is a fictional UK one (Ofcom's drama range), never the
    # sample's random digits; the plain E.164 one is NANP 555-0100
    contacts = _received(backend, "contacts")
    assert contacts and all(c["mobile"] == "+447700900123" and c["phone"] == "+12025550100"
                            for c in contacts), contacts
    # `confirm: Literal[True]` chooses nothing: the create is the effect, and it was allowed
    assert all(s["confirm"] is True for s in _received(backend, "snapshots"))
    assert all(p["status"] == "published" for p in _received(backend, "posts"))
    # the backend takes no moment past 30 days, and a nearer one would fire: nothing made,
    # no finding, and the status says the safe value was refused
    reminder = status["POST /reminders"]
    assert reminder["status"] == "inconclusive"
    assert reminder["reason"].startswith(SAFE_REFUSED + "body.send_at"), reminder
    assert _received(backend, "reminders") == []
    sent = data["exchanges"][reminder["exchange"]]["request_body"]
    assert sent["send_at"].startswith("2099-")  # never a sample's garbage ("sample-send_at")
    assert backend.state.rows == {}  # everything it made it deleted


@pytest.mark.parametrize("mode", MODES)
def test_catalog_naming_fields_and_a_refused_default_flag(
        live_app, tmp_path: Path, mode: tuple[str, ...]) -> None:  # noqa: ANN001
    backend = catalog_app.make_app()
    url = live_app(backend)
    _quiet_by_default(url, tmp_path, backend, catalog_app.DOCS)
    data = _probe(url, tmp_path, catalog_app.DOCS, *mode)
    assert data["findings"] == [], _brief(data)
    status = _status(data)
    for key in ("POST /stores", "POST /products", "POST /staff"):
        assert status[key]["status"] == "passed", (key, status[key])
    stores = _received(backend, "stores")
    if "--promises" in mode:  # sent while the first store exists, each with its own slug
        assert "USD" in {s["currency"] for s in stores}, stores  # the promise was tested
        assert len({s["slug"] for s in stores}) == len(stores) >= 2, stores
    # the first warehouse must be the default; the probe never makes one the default
    warehouse = status["POST /warehouses"]
    assert warehouse["status"] == "inconclusive"
    assert warehouse["reason"].startswith(SAFE_REFUSED + "body.is_default"), warehouse
    assert _received(backend, "warehouses") == []
    # a flag fixed to an effect (not a mere confirmation): no safe value, so not sent
    prices = status["POST /price-lists"]
    assert prices["status"] == "skipped", prices
    assert prices["reason"].startswith("no safe value fits body.replace_current"), prices
    assert _received(backend, "price-lists") == []
    assert backend.state.rows == {}


@pytest.mark.parametrize("mode", MODES)
def test_infra_hosts_fit_their_patterns_and_an_unsafe_only_field_is_not_sent(
        live_app, tmp_path: Path, mode: tuple[str, ...]) -> None:  # noqa: ANN001
    backend = infra_app.make_app()
    url = live_app(backend)
    _quiet_by_default(url, tmp_path, backend, infra_app.DOCS)
    data = _probe(url, tmp_path, infra_app.DOCS, *mode)
    assert data["findings"] == [], _brief(data)
    status = _status(data)
    for key in ("POST /webhooks", "POST /monitors", "POST /connections"):
        assert status[key]["status"] == "passed", (key, status[key])
    # a hostname pattern without `.invalid`: another reserved name that fits it
    assert {c["host"] for c in _received(backend, "connections")} == {"example.com"}
    assert all(m["target_ip"] == "192.0.2.1" for m in _received(backend, "monitors"))
    assert all(w["url"].startswith("https://example.com/")
               for w in _received(backend, "webhooks"))
    # only the vendor's own host fits: not sent (neither the vendor's URL nor a refused one)
    skipped = status["POST /integrations"]
    assert skipped["status"] == "skipped"
    assert skipped["reason"].startswith("no safe value fits body.callback"), skipped
    assert _received(backend, "integrations") == []
    assert backend.state.rows == {}
