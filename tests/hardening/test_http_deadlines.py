"""A total deadline per request and per spec fetch, the size cap while streaming, Retry-After
read defensively: against raw loopback servers that drip, stream without end or send garbage."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from schemacheck.cli import app
from schemacheck.errors import SourceError
from schemacheck.probe.client import ProbeClient, _retry_after
from schemacheck.sources.openapi import load_openapi
from tests.hardening.rawhttp import drip, endless, endless_head, raw_server, statuses

# The deadlines that must trip are short, so the suite does not wait them out; the drips are
# shorter still, so only a deadline on the whole exchange can trip (each read alone is well
# within it). Exchanges that must succeed keep a deadline a busy machine cannot miss.
DEADLINE = 0.25
DRIP = 0.05
SPEC = json.dumps({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {
    "/items": {"get": {"responses": {"200": {"description": "ok"}}}}}}).encode()


# --- the spec fetch ------------------------------------------------------------------------

@pytest.mark.parametrize("handler", [drip(SPEC, DRIP), drip(SPEC, DRIP, head_too=True),
                                     endless()], ids=["body-drip", "head-drip", "endless"])
def test_spec_fetch_has_one_deadline(handler) -> None:  # noqa: ANN001
    with raw_server(handler) as url:
        with pytest.raises(SourceError, match=r"openapi.json: timed out after 0.25s \(the "
                                              r"whole fetch\)"):
            load_openapi(url + "/openapi.json", timeout=DEADLINE)


def test_spec_fetch_refuses_an_endless_header() -> None:
    with raw_server(endless_head()) as url:
        with pytest.raises(SourceError) as caught:
            load_openapi(url + "/openapi.json", timeout=5)
    assert str(caught.value).startswith(url + "/openapi.json: not a valid HTTP answer")


def test_probe_answer_with_an_endless_header_is_an_error_answer() -> None:
    with raw_server(endless_head()) as url:
        answer = _send(url, timeout=5)
    assert answer.status is None and (answer.error or "").startswith("not a valid HTTP answer")


def test_spec_fetch_refuses_a_declared_oversize_body(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("schemacheck.sources.fetch.MAX_BYTES", 100)
    with raw_server(drip(SPEC, every=0.0)) as url:
        with pytest.raises(SourceError, match=r"bytes is over the 100 byte limit"):
            load_openapi(url + "/openapi.json", timeout=5)


def test_spec_fetch_cap_holds_while_streaming(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("schemacheck.sources.fetch.MAX_BYTES", 50_000)
    with raw_server(endless(every=0.0)) as url:
        with pytest.raises(SourceError, match=r"body is over the 50000 byte limit"):
            load_openapi(url + "/openapi.json", timeout=10)


def test_spec_fetch_works_inside_a_running_event_loop() -> None:
    with raw_server(statuses([(200, {"content-type": "application/json"}, SPEC)])) as url:

        async def inside() -> int:
            return len(load_openapi(url + "/openapi.json", timeout=5).operations)

        assert asyncio.run(inside()) == 1


def test_cli_diff_on_a_dripping_spec_url_exits_3(tmp_path: Path) -> None:
    docs = tmp_path / "d.ts"
    docs.write_text("export interface Item { name: string }\n")
    config = tmp_path / "schemacheck.yaml"
    with raw_server(endless()) as url:
        config.write_text(f"docs: [{docs}]\nopenapi: {url}/openapi.json\n"
                          f"timeout: {DEADLINE}\n")
        result = CliRunner().invoke(app, ["diff", "--config", str(config), "--format", "json"])
    assert result.exit_code == 3, result.output
    assert "timed out" in result.stderr and "Traceback" not in result.output


# --- the probe client ----------------------------------------------------------------------

def _send(url: str, timeout: float = DEADLINE, retries: int = 0,  # noqa: ANN202
          max_body: int = 1_000_000):
    async def go():  # noqa: ANN202
        client = ProbeClient(url, {}, timeout, retries, 2, max_body)
        try:
            return await client.send("GET", url + "/items")
        finally:
            await client.close()

    return asyncio.run(go())


@pytest.mark.parametrize("handler", [drip(b'{"items": []}', DRIP),
                                     drip(b"{}", DRIP, head_too=True), endless()],
                         ids=["body-drip", "head-drip", "endless"])
def test_probe_request_has_a_total_deadline(handler) -> None:  # noqa: ANN001
    with raw_server(handler) as url:
        answer = _send(url)
    assert answer.status is None
    assert answer.error == "timed out after 0.25s (total)"


def test_probe_body_cap_holds_on_an_endless_answer() -> None:
    with raw_server(endless(every=0.0)) as url:
        answer = _send(url, timeout=10, max_body=10_000)
    assert answer.status == 200 and answer.truncated and len(answer.body) == 10_000


@pytest.mark.parametrize("value", ["soon", "-5", "1e999", "nan", "inf", " ", "12abc",
                                   "Mon, 01 Jan 1990 00:00:00 GMT",
                                   "Fri, 31 Dec 99999 23:59:59 GMT", "Thu, 32 Foo 2024 99:99",
                                   "\u00ff\u00fe"])
def test_bad_retry_after_never_raises_and_the_retry_happens(value: str) -> None:
    with raw_server(statuses([(503, {"retry-after": value}, b""),
                              (200, {"content-type": "application/json"}, b"{}")])) as url:
        # a huge Retry-After waits one timeout at most (0.5 s: a loopback answer takes ~1 ms)
        answer = _send(url, timeout=0.5, retries=1)
    assert answer.status == 200 and answer.attempts == 2


@pytest.mark.parametrize(("value", "expected"), [
    (None, None), ("", None), ("soon", None), ("nan", None), ("-5", 0.0), ("1e999", 10.0),
    ("3", 3.0), ("Mon, 01 Jan 1990 00:00:00 GMT", 0.0), ("Fri, 31 Dec 9999 23:59:59 GMT", 10.0),
    ("Fri, 31 Dec 99999 23:59:59 GMT", None), ("Mon, 01 Jan 1990 00:00:00", 0.0),
])
def test_retry_after_values(value: str | None, expected: float | None) -> None:
    assert _retry_after(value) == expected


def test_cli_probe_against_bad_retry_after_is_no_internal_error(tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    spec.write_bytes(SPEC)
    docs = tmp_path / "d.md"
    docs.write_text("### GET /items\n\n```ts\nexport interface Items { name: string }\n```\n")
    with raw_server(statuses([(503, {"retry-after": "whenever"}, b"")])) as url:
        result = CliRunner().invoke(app, ["probe", "--docs", str(docs), "--openapi", str(spec),
                                          "--base-url", url, "--format", "json",
                                          "--timeout", "2"])
    assert result.exit_code != 70 and "internal error" not in result.output
    assert isinstance(result.exception, SystemExit), result.exception
