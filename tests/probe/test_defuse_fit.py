"""The values the probe makes harmless (defuse.py), asserted on defuse_app's ledger: a flag
joining an effect with a mode word goes out off; a leap day stays a date; a harmless value the
backend's schema refuses means the body is not sent (said why), never a finding on the
backend; a docs example refused only where the probe changed it is said to be not verified;
a DSN of any scheme and a bracketed address with its port reach nobody."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from typer.testing import CliRunner

from schemacheck.cli import app
from schemacheck.probe.defuse import flag, later
from schemacheck.serve import serve
from tests.probe.defuse_app import DOCS, make_app
from tests.probe.redteam_app import TOKEN

runner = CliRunner()


@pytest.fixture(scope="module")
def probed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, Any], FastAPI]]:
    backend = make_app()
    docs = tmp_path_factory.mktemp("defuse") / "api.md"
    docs.write_text(DOCS)
    with serve(backend, grace=0) as url:
        result = runner.invoke(app, [
            "probe", "--docs", str(docs), "--openapi", url + "/openapi.json", "--base-url", url,
            "--header", f"Authorization: Bearer {TOKEN}", "--timeout", "5", "--format", "json",
            "--allow-writes"])
    assert "Traceback" not in result.output, result.output
    yield json.loads(result.stdout), backend


def _sent(backend: FastAPI, path: str) -> list[Any]:
    return [json.loads(r["body"]) for r in backend.state.ledger.requests
            if r["method"] == "POST" and r["path"] == path and r["body"]]


def _status(data: dict[str, Any], key: str) -> dict[str, Any]:
    return next(o["probe"] for o in data["operations"] if o["operation"] == key)


def test_a_mode_word_beside_an_effect_is_no_restraint(probed) -> None:  # noqa: ANN001
    """`send_test_email` and `publish_draft` held `test` and `draft`, read as holding back:
    the probe turned them on (the docs' `false` too, and the backend's default `false` was
    added as `true`), and the newsletter was mailed to the list."""
    data, backend = probed
    assert not [e for e in backend.state.ledger.effects if e.startswith("newsletter")]
    bodies = _sent(backend, "/newsletters")
    assert bodies and all(b.get("send_test_email") is not True
                          and b.get("publish_draft") is not True for b in bodies)
    assert flag("send_test_email", False) is False and flag("test_mode", False) is True
    assert flag("dry_run", False) is True and flag("preview", False) is True


def test_a_leap_day_moved_ahead_is_still_a_date(probed) -> None:  # noqa: ANN001
    """The docs' `publish_at: 2024-02-29` went out as 2099-02-29, a day that does not exist."""
    _, backend = probed
    assert later("publish_at", "2024-02-29") == "2096-02-29"
    assert later("publish_at", "2096-02-29") == "2096-02-29"
    assert {"title": "Leap", "publish_at": "2096-02-29"} in _sent(backend, "/scheduled")


def test_a_harmless_value_the_backend_refuses_is_not_sent(probed) -> None:  # noqa: ANN001
    """`server: "eu" | "us"` went out as example.invalid and `confirm: true` as false: the
    backend refused both, and the report called it a CRITICAL
    probe-minimal-payload-rejected, the probe's own doing put on the backend."""
    data, backend = probed
    assert _sent(backend, "/monitors") == []
    status = _status(data, "POST /monitors")
    assert status["status"] == "skipped" and "body.server" in status["reason"]
    assert not [f for f in data["findings"] if f["operation"] == "POST /monitors"]


def test_an_example_refused_where_the_probe_changed_it_is_not_verified(probed) -> None:  # noqa: ANN001
    """The docs' webhook URL went out on example.invalid, which the backend refused: no
    finding (the probe's change), and the example was said nowhere: it looked verified."""
    data, _ = probed
    assert not [f for f in data["findings"] if f["rule"] == "docs-example-rejected"]
    missed = [e for e in data["probe_run"]["examples_not_verified"]
              if e["operation"] == "POST /hooks" and e["role"] == "request"]
    assert len(missed) == 1 and "body.url" in missed[0]["reason"], missed


def test_a_dsn_and_a_bracketed_address_reach_nobody(probed) -> None:  # noqa: ANN001
    """Only http(s), ws(s) and ftp URLs were moved: a database's `postgres://` DSN went out as
    the docs gave it (the backend connected to prod-db.acme-corp.com), and a host `[::1]:25`
    with its port was no address defuse read (the backend opened SMTP on its own loopback)."""
    _, backend = probed
    assert backend.state.ledger.effects == []
    assert {"label": "warehouse", "dsn": "postgres://example.invalid/app"} in _sent(
        backend, "/databases")
    assert {"label": "local", "smtp_host": "[2001:db8::1]:25"} in _sent(backend, "/relays")
    assert not any("acme-corp" in r["body"] or "hunter2" in r["body"]
                   for r in backend.state.ledger.requests)


def test_encode_refuses_a_safe_value_the_schema_refuses() -> None:
    """Every body goes out through encode (field-by-field variants, docs examples, retries):
    a host-like field enumerated "eu" | "us" cannot take a reserved host, so the body is not
    sent rather than refused by the backend for the probe's own change."""
    from schemacheck.model import SchemaSet
    from schemacheck.probe.media import JSON, Encoded, encode

    backend = {"type": "object", "properties": {"server": {"type": "string",
                                                           "enum": ["eu", "us"]}}}
    refused = encode(JSON, {"server": "eu"}, backend, SchemaSet())
    assert isinstance(refused, str) and "body.server" in refused
    assert isinstance(encode(JSON, {"region": "eu"}, backend, SchemaSet()), Encoded)
