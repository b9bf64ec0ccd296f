"""`schemacheck baseline` records what `check` finds, the probe's findings too, so the next
`check` passes; baselined findings are marked and counted "N new, M baselined"."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from schemacheck.cli import app

ROOT = Path(__file__).resolve().parents[2]
CONFIG = str(ROOT / "fixtures/v3/schemacheck.yaml")
runner = CliRunner()


def _check(base_url: str, out: Path, *extra: str):  # noqa: ANN202
    return runner.invoke(app, ["check", "--config", CONFIG, "--base-url", base_url, "--out",
                               str(out), "--report", "json,md,junit,sarif",
                               "--date", "2026-01-01", *extra])


def test_baseline_covers_the_probes_findings(v3_broken: str, tmp_path: Path) -> None:
    static = tmp_path / "static.json"
    made = runner.invoke(app, ["baseline", "--config", CONFIG, "--base-url", v3_broken,
                               "--no-probe", "--output", str(static)])
    assert made.exit_code == 0, made.output
    # A static-only baseline leaves the live findings failing the gate.
    assert _check(v3_broken, tmp_path / "a", "--baseline", str(static)).exit_code == 1

    full = tmp_path / "full.json"
    made = runner.invoke(app, ["baseline", "--config", CONFIG, "--base-url", v3_broken,
                               "--output", str(full)])
    assert made.exit_code == 0, made.output
    rules = {f["rule"] for f in json.loads(full.read_text())["findings"]}
    assert any(rule.startswith("probe-") for rule in rules), rules
    result = _check(v3_broken, tmp_path / "b", "--baseline", str(full))
    assert result.exit_code == 0, result.output
    run = json.loads((tmp_path / "b" / "gap-report.json").read_text())
    total = len(run["findings"])
    assert run["gate"]["new"] == 0 and len(run["gate"]["baselined"]) == total
    assert f"0 new, {total} baselined" in result.stdout
    assert "(baselined)" in result.stdout
    md = (tmp_path / "b" / "gap-report.md").read_text()
    assert f"**Baseline:** 0 new, {total} baselined" in md and "*(baselined)*" in md
    assert "**Status:** ✅ **NO NEW ISSUES** (" in md and "all baselined)" in md
    junit = (tmp_path / "b" / "junit.xml").read_text()
    assert 'failures="0"' in junit and "(baselined)" in junit
    sarif = json.loads((tmp_path / "b" / "gap-report.sarif").read_text())
    assert {r["baselineState"] for r in sarif["runs"][0]["results"]} == {"unchanged"}


def test_new_findings_are_counted_apart(v3_broken: str, tmp_path: Path) -> None:
    base = tmp_path / "base.json"
    runner.invoke(app, ["baseline", "--config", CONFIG, "--base-url", v3_broken,
                        "--output", str(base)])
    data = json.loads(base.read_text())
    _check(v3_broken, tmp_path / "run")
    findings = json.loads((tmp_path / "run" / "gap-report.json").read_text())["findings"]
    critical = {f["fingerprint"] for f in findings if f["severity"] == "critical"}
    index = next(i for i, f in enumerate(data["findings"]) if f["fingerprint"] in critical)
    dropped = data["findings"].pop(index)
    base.write_text(json.dumps(data))
    result = _check(v3_broken, tmp_path / "c", "--baseline", str(base))
    assert result.exit_code == 1  # the one new critical finding fails the gate
    run = json.loads((tmp_path / "c" / "gap-report.json").read_text())
    assert run["gate"]["new"] == 1 and dropped["fingerprint"] not in run["gate"]["baselined"]
    assert f"1 new, {len(data['findings'])} baselined" in result.stdout
    assert "NO NEW ISSUES" not in (tmp_path / "c" / "gap-report.md").read_text()
    junit = (tmp_path / "c" / "junit.xml").read_text()
    new = next(f for f in run["findings"] if f["fingerprint"] == dropped["fingerprint"])
    operations = {p["operation"] for p in new["affects"] if p["operation"]}
    assert f'failures="{len(operations)}"' in junit  # each operation the new finding fails
    states = [r["baselineState"] for r in json.loads(
        (tmp_path / "c" / "gap-report.sarif").read_text())["runs"][0]["results"]]
    assert states.count("new") == 1 and len(states) == len(data["findings"]) + 1


def test_baseline_from_a_saved_run(v3_broken: str, tmp_path: Path) -> None:
    _check(v3_broken, tmp_path / "run")
    saved = tmp_path / "run" / "gap-report.json"
    base = tmp_path / "from.json"
    made = runner.invoke(app, ["baseline", "--from", str(saved), "--output", str(base)])
    assert made.exit_code == 0
    expected = sorted(f["fingerprint"] for f in json.loads(saved.read_text())["findings"])
    assert sorted(f["fingerprint"] for f in json.loads(base.read_text())["findings"]) == expected


def test_no_baseline_from_a_run_that_could_not_read_its_inputs(tmp_path: Path) -> None:
    base = tmp_path / "base.json"
    made = runner.invoke(app, ["baseline", "--no-config", "--docs", str(ROOT / "fixtures/v3/docs"),
                               "--openapi", str(tmp_path / "missing.json"), "--output", str(base)])
    assert made.exit_code == 3 and "no baseline written" in made.stderr
    assert not base.exists()


def test_a_timeout_and_a_refused_connection_are_one_outcome(tmp_path: Path) -> None:
    from schemacheck.serve import free_port
    from tests.hardening.rawhttp import drip, raw_server

    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
                                "paths": {"/items": {"get": {"responses": {
                                    "200": {"description": "ok"}}}}}}))
    docs = tmp_path / "d.ts"
    docs.write_text("export interface Item { name: string }\n")
    args = ["probe", "--no-config", "--docs", str(docs), "--openapi", str(spec), "--format",
            "json", "--timeout", "0.25", "--base-url"]  # both fail: no wait needs to be long
    refused = runner.invoke(app, [*args, f"http://127.0.0.1:{free_port()}"])
    with raw_server(drip(b"{}" * 50)) as url:
        slow = runner.invoke(app, [*args, url])
    for result in (refused, slow):
        assert result.exit_code == 3, result.output
        assert "backend unreachable" in result.stderr
        assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["probe-unreachable"]
