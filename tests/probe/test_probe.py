"""The probe against real backends over loopback HTTP."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from schemacheck.cli import app
from tests.conftest import GRACE
from tests.probe.apps import DOCS, make_app

runner = CliRunner()
TOKEN = "t0ps3cret-token"


@pytest.fixture(scope="module")
def items_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One backend for the module; tests that only read a run share `default_run`."""
    from schemacheck.serve import serve

    backend = make_app(TOKEN, slow_seconds=10)  # cut short when the server stops (GRACE)
    tmp = tmp_path_factory.mktemp("items")
    docs = tmp / "items.md"
    docs.write_text(DOCS)
    with serve(backend, grace=GRACE) as url:
        yield {"url": url, "docs": str(docs), "seen": backend.state.seen, "tmp": tmp}


@pytest.fixture(scope="module")
def default_run(items_api: dict[str, Any]) -> tuple[int, dict[str, Any], str]:
    before = len(items_api["seen"]["paths"])
    code, data, text = run(items_api)
    # What the server received during this run only (later tests share the server).
    items_api["default_paths"] = items_api["seen"]["paths"][before:]
    items_api["default_flaky"] = items_api["seen"]["flaky"]
    return code, data, text


def run(api: dict[str, Any], *extra: str, token: str = TOKEN) -> tuple[int, dict[str, Any], str]:
    result = runner.invoke(app, [
        "probe", "--docs", api["docs"], "--openapi", api["url"] + "/openapi.json",
        "--base-url", api["url"], "--header", f"Authorization: Bearer {token}",
        "--timeout", "1", "--format", "json", *extra])
    data = json.loads(result.stdout) if result.stdout.strip().startswith("{") else {}
    return result.exit_code, data, result.stdout + result.stderr


def ops(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {o["operation"]: o["probe"] for o in data["operations"]}


def test_harvested_id_probes_get_by_id_and_writes_are_skipped(items_api: dict,
                                                           default_run: tuple) -> None:
    _, data, _ = default_run
    status = ops(data)
    assert status["GET /items"]["status"] == "passed"
    assert status["GET /items/{itemId}"]["status"] == "passed"
    exchange = data["exchanges"][status["GET /items/{itemId}"]["exchange"]]
    assert exchange["url"].endswith("/items/item-7")
    assert status["POST /items"]["status"] == "skipped"
    assert "write" in status["POST /items"]["reason"]
    assert status["DELETE /items/{itemId}"]["status"] == "skipped"
    assert "POST /items" not in items_api["default_paths"]
    assert not any(p.startswith("DELETE") for p in items_api["default_paths"])


def test_allowed_writes_create_then_delete_only_what_was_created(items_api: dict) -> None:
    _, data, _ = run(items_api, "--allow-writes", "--timeout", "1")
    status = ops(data)
    assert status["POST /items"]["status"] == "passed"
    created = data["exchanges"][status["POST /items"]["exchange"]]
    assert created["request_body"] == {"name": "sample-name"}
    assert created["payload_from"] == "docs"
    delete = data["exchanges"][status["DELETE /items/{itemId}"]["exchange"]]
    assert delete["url"].endswith("/items/item-11")  # the id the probe's POST created
    assert "DELETE /items/item-7" not in items_api["seen"]["paths"]


def test_slow_endpoint_hits_the_timeout(items_api: dict, default_run: tuple) -> None:
    _, data, _ = default_run
    slow = ops(data)["GET /slow"]
    assert slow["status"] == "unreachable" and "timed out after 1s" in slow["reason"]
    finding = next(f for f in data["findings"] if f["operation"] == "GET /slow")
    assert finding["rule"] == "probe-timeout"  # it was sent: never "connection refused"
    assert finding["message"] == "no complete answer: timed out after 1s (total)"


def test_503_then_200_is_retried(items_api: dict, default_run: tuple) -> None:
    _, data, _ = default_run
    flaky = ops(data)["GET /flaky"]
    assert flaky["status"] == "passed"
    assert data["exchanges"][flaky["exchange"]]["attempts"] == 2
    assert items_api["default_flaky"] == 2


def test_non_json_200_is_a_docs_violation(items_api: dict, default_run: tuple) -> None:
    _, data, _ = default_run
    finding = next(f for f in data["findings"] if f["operation"] == "GET /html")
    assert finding["rule"] == "probe-response-violates-docs"
    assert "not JSON (content-type text/html)" in finding["message"]


def test_huge_body_is_capped(items_api: dict, default_run: tuple) -> None:
    _, data, _ = default_run
    huge = ops(data)["GET /huge"]
    assert huge["status"] == "inconclusive" and "size cap" in huge["reason"]
    exchange = data["exchanges"][huge["exchange"]]
    assert exchange["truncated"] is True
    assert len(exchange["response"]) < 3000


def test_token_is_redacted_in_every_output(items_api: dict, default_run: tuple,
                                           tmp_path: Path) -> None:
    code, data, text = default_run
    assert TOKEN not in text
    whoami = data["exchanges"][ops(data)["GET /whoami"]["exchange"]]
    assert whoami["response"] == {"user": "Bearer $TOKEN"}
    assert '-H "Authorization: Bearer $TOKEN"' in whoami["curl"]
    saved = tmp_path / "run.json"
    saved.write_text(json.dumps(data))
    out = tmp_path / "reports"
    for fmt in ("md", "junit", "sarif", "github", "console", "json"):
        rendered = runner.invoke(app, ["report", str(saved), "--format", fmt])
        assert rendered.exit_code == 0, rendered.output
        assert TOKEN not in rendered.stdout
    check = runner.invoke(app, [
        "check", "--docs", items_api["docs"], "--base-url", items_api["url"],
        "--header", f"Authorization: Bearer {TOKEN}", "--timeout", "1", "--out", str(out),
        "--report", "md,json,junit,sarif,html"])
    assert TOKEN not in check.stdout + check.stderr
    for path in out.iterdir():
        assert TOKEN not in path.read_text(), path


def test_wrong_token_is_an_auth_finding_naming_the_credential(items_api: dict) -> None:
    _, data, text = run(items_api, "--timeout", "1", token="wrong-token-value")
    finding = next(f for f in data["findings"] if f["operation"] == "GET /items")
    assert finding["rule"] == "probe-auth-rejected"
    assert "the header(s) Authorization" in finding["message"]
    assert "wrong-token-value" not in text


def test_backend_down_is_exit_3_without_traceback(tmp_path: Path) -> None:
    from schemacheck.serve import free_port

    docs = tmp_path / "items.md"
    docs.write_text(DOCS)
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(make_app().openapi()))
    url = f"http://127.0.0.1:{free_port()}"
    result = runner.invoke(app, ["probe", "--docs", str(docs), "--openapi", str(spec),
                                 "--base-url", url, "--format", "json"])
    assert result.exit_code == 3
    assert f"{url}: backend unreachable: cannot connect" in result.stderr
    assert "Traceback" not in result.output
    data = json.loads(result.stdout)
    assert [f["rule"] for f in data["findings"]] == ["probe-unreachable"]


def test_requests_only_go_to_the_base_url(items_api: dict) -> None:
    from schemacheck.errors import ProbeError
    from schemacheck.probe.client import ProbeClient

    client = ProbeClient(items_api["url"], {}, 1, 0, 1, 1000)
    assert client.url("/items/{id}", {"id": "../../x?y=1"}).endswith("/items/..%2F..%2Fx%3Fy%3D1")
    with pytest.raises(ProbeError):
        ProbeClient("file:///etc/passwd", {}, 1, 0, 1, 1000)


def test_a_probe_run_reads_back_as_it_was_saved(default_run: tuple) -> None:
    from schemacheck.jsontext import pretty_json
    from schemacheck.result import RunResult

    _, data, _ = default_run
    again = RunResult.from_json(data)  # statuses, exchanges, skipped writes: typed records
    assert again.dumps() == pretty_json(data)
    assert {o.probe.status for o in again.operations if o.probe} >= {"passed", "skipped"}
