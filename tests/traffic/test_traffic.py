"""`schemacheck traffic`: a HAR recorded from real traffic to a real app on loopback."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

import schemacheck
from schemacheck.cli import app
from schemacheck.pipeline import Overrides
from schemacheck.report.render import FORMATS, render
from schemacheck.result import RunResult
from schemacheck.traffic import run_traffic
from tests.traffic.apps import JWT, SESSION, create_app
from tests.traffic.recorder import HarRecorder

DOCS = str(Path(__file__).parent / "data" / "SHOP.md")
BEARER = "BEARER-SECRET-0123456789"
PASSWORD = "hunter2-PASSWORD"
QUERY_SECRET = "QUERYSECRET987"
BODY_KEY = "BODYAPIKEY-5555"
SECRETS = [BEARER, PASSWORD, QUERY_SECRET, BODY_KEY, SESSION, JWT, *JWT.split(".")[1:]]
runner = CliRunner()


@pytest.fixture(scope="module")
def shop() -> Any:
    from schemacheck.serve import serve

    with serve(create_app()) as url:
        yield url


@pytest.fixture(scope="module")
def recording(shop: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    recorder = HarRecorder()
    with httpx.Client(base_url=shop, headers={"Authorization": f"Bearer {BEARER}"},
                      event_hooks={"response": [recorder]}) as client:
        client.post("/api/login", json={"username": "alice", "password": PASSWORD})
        client.get("/api/items", params={"page": 1, "token": QUERY_SECRET})
        client.get("/api/items/item-1")
        client.get("/api/items/drift")
        client.get("/api/items", params={"page": 99})
        client.post("/api/items", json={"name": "D", "price": "cheap", "apiKey": BODY_KEY})
        client.post("/api/items", json={"name": "Desk", "price": 30, "tags": []})
        client.get("/api/report")
        client.get("/api/whoami")
        client.get("/api/items", params={"page": "abc"})
        client.get("/api/internal/health")
    har = recorder.har()
    statuses = [e["response"]["status"] for e in har["log"]["entries"]]
    assert statuses == [200, 200, 200, 200, 500, 422, 201, 200, 200, 422, 200]  # real answers
    content = har["log"]["entries"][2]["response"]["content"]  # as DevTools stores binary
    content.update(text=base64.b64encode(content["text"].encode()).decode(), encoding="base64")
    path = tmp_path_factory.mktemp("har") / "shop.har"
    path.write_text(json.dumps(har), encoding="utf-8")
    assert BEARER in path.read_text() and SESSION in path.read_text()  # the test is real
    return path


def _args(shop: str, har: Path, *extra: str) -> list[str]:
    return ["traffic", str(har), "--docs", DOCS, "--openapi", f"{shop}/api/openapi.json",
            *extra]


def test_findings_locations_and_statuses(shop: str, recording: Path) -> None:
    result = runner.invoke(app, _args(shop, recording, "--format", "json"))
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    got = {(f["rule"], f["operation"], f["location"]) for f in data["findings"]}
    assert got == {
        ("probe-response-violates-docs", "GET /items/{itemId}", "response.tags"),
        ("probe-response-violates-docs", "GET /items/{itemId}", "response.name"),
        ("probe-response-violates-docs", "GET /items/{itemId}", "response.price"),
        ("probe-response-violates-openapi", "GET /items/{itemId}", "response.tags"),
        ("probe-response-violates-openapi", "GET /items/{itemId}", "response.name"),
        ("probe-response-violates-openapi", "GET /items/{itemId}", "response.price"),
        ("probe-server-error", "GET /items", "response.items[].price"),
        ("probe-minimal-payload-rejected", "POST /items", "body.price"),
        ("probe-minimal-payload-rejected", "POST /items", "body.name"),  # a value's shape
        ("traffic-request-violates-openapi", "POST /items", "body.name"),  # minLength
        ("traffic-request-violates-docs", "POST /items", "body.price"),
        ("traffic-request-violates-openapi", "POST /items", "body.price"),
        ("probe-response-violates-docs", "GET /report", "response"),
        ("probe-minimal-payload-rejected", "GET /items", "query.page"),
        ("traffic-request-violates-docs", "GET /items", "query.page"),
        ("traffic-request-violates-openapi", "GET /items", "query.page"),
    }
    by = {(f["rule"], f["location"]): f for f in data["findings"]}
    assert by[("probe-server-error", "response.items[].price")]["severity"] == "critical"
    rejected = by[("probe-minimal-payload-rejected", "body.price")]
    assert rejected["message"].startswith("the recorded request was rejected")
    assert rejected["evidence"]["har_entry"] == 6
    report = [f for f in data["findings"] if f["operation"] == "GET /report"]
    assert report[0]["message"] == "the response is not JSON (content-type text/plain)"
    server_error = by[("probe-server-error", "response.items[].price")]
    assert "a valid number (input None)" in server_error["message"]
    ops = {o["operation"]: o["probe"] for o in data["operations"]}
    assert ops["GET /items/{itemId}"]["status"] == "failed"
    assert ops["GET /items/{itemId}"]["recorded"] == 2  # the base64 entry was read and passed
    assert ops["POST /login"]["status"] == "passed"
    assert ops["GET /whoami"]["status"] == "passed"
    assert ops["GET /items"]["statuses"] == [200, 422, 500]
    assert data["inputs"]["traffic"] | {"digest": ""} == {
        "har": str(recording), "digest": "", "entries": 11, "matched": 10, "unmatched": 1,
        "other_hosts": 0, "preflights": 0}
    schema = json.loads((Path(schemacheck.__file__).parent / "schema" /
                         "run-result.schema.json").read_text())
    Draft202012Validator(schema).validate(data)
    assert RunResult.from_json(data).dumps() == result.stdout  # read back as it was saved
    unmatched = [d for d in data["diagnostics"] if "unmatched" in d["message"]]
    assert [d["message"] for d in unmatched] == [
        "GET /api/internal/health: unmatched (no path of the spec matches); 1 recorded "
        "(entries 11)"]


def test_no_secret_reaches_any_output(shop: str, recording: Path, tmp_path: Path) -> None:
    loaded, _ = run_traffic(Overrides(docs=[DOCS], openapi=f"{shop}/api/openapi.json"),
                            str(recording))
    outputs = {fmt: render(loaded.result, fmt) for fmt in FORMATS}
    for fmt in ("console", "json", "md"):
        out = tmp_path / f"report.{fmt}"
        cli = runner.invoke(app, _args(shop, recording, "--format", fmt))
        outputs[f"cli-{fmt}"] = cli.stdout + cli.stderr
        runner.invoke(app, _args(shop, recording, "--format", fmt, "--output", str(out)))
        outputs[f"file-{fmt}"] = out.read_text()
    assert "[redacted]" in outputs["json"] and "$TOKEN" in outputs["json"]
    for name, text in outputs.items():
        for secret in SECRETS:
            assert secret not in text, f"{secret} in {name}"


def test_base_url_path_and_other_hosts(shop: str, recording: Path, tmp_path: Path) -> None:
    har = json.loads(recording.read_text())
    other = json.loads(json.dumps(har["log"]["entries"][1]))
    other["request"]["url"] = "https://cdn.example.test/app.js"
    har["log"]["entries"].append(other)
    preflight = json.loads(json.dumps(har["log"]["entries"][1]))
    preflight["request"]["method"] = "OPTIONS"
    aborted = json.loads(json.dumps(har["log"]["entries"][3]))  # the drifted GET, cancelled
    aborted["response"].update(status=0, content={"size": 0, "mimeType": ""})
    har["log"]["entries"] += [preflight, aborted]
    path = tmp_path / "more.har"
    path.write_text(json.dumps(har))
    result = runner.invoke(app, _args(shop, path, "--base-url", f"{shop}/api", "--format",
                                      "json"))
    data = json.loads(result.stdout)
    assert data["inputs"]["traffic"] | {"digest": ""} == {
        "har": str(path), "digest": "", "entries": 14, "matched": 11, "unmatched": 1,
        "other_hosts": 1, "preflights": 1}
    assert not any(f["rule"] == "probe-unreachable" for f in data["findings"])
    item = {o["operation"]: o["probe"] for o in data["operations"]}["GET /items/{itemId}"]
    assert (item["status"], item["recorded"]) == ("failed", 3)


@pytest.mark.parametrize(("content", "expected"), [
    ("{not json", ":1:2: not valid JSON"),
    ('{"log": {"entries": 3}}', ": not a HAR file (no log.entries list)"),
])
def test_a_bad_har_is_one_line_and_exit_3(shop: str, tmp_path: Path, content: str,
                                          expected: str) -> None:
    path = tmp_path / "bad.har"
    path.write_text(content)
    result = runner.invoke(app, _args(shop, path))
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) + expected in lines[0]
    assert "Traceback" not in result.output


def test_a_wrong_base_url_says_so(shop: str, recording: Path) -> None:
    result = runner.invoke(app, _args(shop, recording, "--base-url", "http://127.0.0.1:9",
                                      "--format", "json"))
    assert result.exit_code == 3
    assert "nothing was checked (11 went to other hosts than http://127.0.0.1:9; is " \
        "--base-url right?)" in result.stderr


def test_nothing_matched_is_incomplete(shop: str, tmp_path: Path) -> None:
    path = tmp_path / "empty.har"
    path.write_text(json.dumps({"log": {"version": "1.2", "entries": []}}))
    result = runner.invoke(app, _args(shop, path, "--format", "json"))
    assert result.exit_code == 3
    assert "nothing was checked" in result.stderr


def test_scrubber_keeps_types_and_learns_secrets() -> None:
    from schemacheck.scrub import Scrubber

    scrub = Scrubber()
    scrub.collect({"user": {"password": "pw-secret-1"}, "n": 1})
    assert scrub.json({"password": "pw-secret-1", "count": 3, "note": "pw-secret-1 again",
                       "jwt": JWT}) == {"password": "[redacted]", "count": 3,
                                        "note": "[redacted] again", "jwt": "[redacted]"}
    assert scrub.url("https://u:pa55word@h/x?token=abcdef&page=2") == \
        "https://h/x?token=[redacted]&page=2"
    assert scrub.text("Authorization: Bearer abcdefghijkl") == \
        "Authorization: Bearer [redacted]"


def test_v3_recording_gives_the_probes_findings(v3_broken: str, tmp_path: Path) -> None:
    """The frontend's real calls to the V3 backend: the docs' example job (a 422 naming the
    three fields the docs call optional) and the asset list (a 500): the same findings, at
    the same locations, as `schemacheck probe` makes for those operations."""
    from tests.conftest import AUTH, FIXTURES

    example = {"context": {"clientId": "client-1", "campaignId": "campaign-1"},
               "adBasics": {"product": "Smart Watch", "targetAudience": "Tech enthusiasts",
                            "keyMessage": "Stay connected", "callToAction": "Buy Now"},
               "creative": {"direction": {"style": "Modern and sleek"}}}
    recorder = HarRecorder()
    with httpx.Client(base_url=v3_broken, headers=AUTH,
                      event_hooks={"response": [recorder]}) as client:
        client.post("/api/v3/jobs", json=example)
        client.get("/api/v3/assets")
        client.get("/api/v3/clients")
    har = recorder.save(tmp_path / "v3.har")
    config = str(FIXTURES / "v3" / "schemacheck.yaml")
    traffic = runner.invoke(app, ["traffic", str(har), "--config", config, "--base-url",
                                  v3_broken, "--format", "json"])
    probe = runner.invoke(app, ["probe", "--config", config, "--base-url", v3_broken,
                                "--format", "json"])
    recorded = json.loads(traffic.stdout)
    probed = json.loads(probe.stdout)
    ops = {"POST /api/v3/jobs", "GET /api/v3/assets", "GET /api/v3/clients"}

    def seen(data: dict) -> set[tuple[str, str, str, bool]]:
        # every place a finding shows (a shared declaration affects several operations)
        return {(f["rule"], place["operation"], place["location"], f["confirmed"])
                for f in data["findings"] for place in f["affects"]
                if place["operation"] in ops}

    assert traffic.exit_code == probe.exit_code == 1
    assert seen(recorded) == seen(probed)
    assert ("request-field-required-but-documented-optional", "POST /api/v3/jobs",
            "body.context.userId", True) in seen(recorded)
    assert any(f[0] == "probe-server-error" for f in seen(recorded))
    assert "demo-token" not in traffic.stdout
