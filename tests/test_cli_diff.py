"""`schemacheck diff` through the CLI: exit codes, formats, config, ignores and the baseline."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from schemacheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
DOCS = str(ROOT / "fixtures/v3/docs")
runner = CliRunner()


@pytest.fixture(scope="module")
def specs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    from fixtures.v3.app import create_app

    out = tmp_path_factory.mktemp("specs")
    paths = {}
    for name, fixed in (("broken", False), ("fixed", True)):
        path = out / f"{name}.json"
        path.write_text(json.dumps(create_app(fixed=fixed).openapi()))
        paths[name] = str(path)
    return paths


def test_v3_findings_are_exactly_the_reports_job_gaps(specs: dict[str, str]) -> None:
    result = runner.invoke(app, ["diff", "--docs", DOCS, "--openapi", specs["broken"],
                                 "--format", "json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    got = sorted((f["operation"], f["location"], f["rule"], f["severity"])
                 for f in data["findings"])
    rule = "request-field-required-but-documented-optional"
    fields = {"#JobContext.userId": "body.context.userId",
              "#JobCreativeDirection.tone": "body.creative.direction.tone",
              "#JobCreativeDirection.visualElements": "body.creative.direction.visualElements"}
    # one finding per declared field, at its declaration, affecting both job endpoints
    assert got == sorted((None, declared, rule, "critical") for declared in fields)
    for f in data["findings"]:
        assert f["affects"] == [{"operation": None, "location": f["location"]}, *(
            {"operation": op, "location": fields[f["location"]]}
            for op in ("POST /api/v3/jobs", "POST /api/v3/jobs/dry-run"))]
    finding = data["findings"][0]
    assert set(finding) >= {"rule", "severity", "operation", "location", "message", "docs",
                            "backend", "confirmed", "fingerprint"}
    assert re.search(r"fixtures/v3/docs/V3_BACKEND_RESPONSES\.md:\d+$", finding["docs"]["where"])
    assert finding["backend"]["where"].startswith("#/components/schemas/")


def test_v3_fixed_has_nothing_high(specs: dict[str, str]) -> None:
    result = runner.invoke(app, ["diff", "--docs", DOCS, "--openapi", specs["fixed"],
                                 "--format", "json"])
    assert result.exit_code == 0
    assert [f for f in json.loads(result.stdout)["findings"]
            if f["severity"] in ("critical", "high")] == []


def test_fail_on_threshold(specs: dict[str, str], tmp_path: Path) -> None:
    docs = tmp_path / "d.ts"
    # A field the backend does not know: medium, below the default threshold (high).
    docs.write_text("export interface ClientCreate { name: string; industry?: string | null; "
                    "nickname?: string; }\n")
    args = ["diff", "--docs", str(docs), "--openapi", specs["broken"], "--format", "json"]
    assert runner.invoke(app, args).exit_code == 0  # medium < high
    assert runner.invoke(app, [*args, "--fail-on", "medium"]).exit_code == 1
    bad = runner.invoke(app, [*args, "--fail-on", "severe"])
    assert bad.exit_code == 2 and "unknown severity 'severe'" in bad.stderr


def test_config_ignores_with_reason(specs: dict[str, str], tmp_path: Path) -> None:
    config = tmp_path / "schemacheck.yaml"
    config.write_text(f"""docs: [{DOCS}]
openapi: {specs['broken']}
ignore:
  - rule: request-field-required-but-documented-optional
    operation: "POST /api/v3/jobs*"
    location: "body.creative.*"
    reason: backend fix scheduled
""")
    result = runner.invoke(app, ["diff", "--config", str(config), "--format", "json"])
    data = json.loads(result.stdout)
    # ignores match places; what is left of a shared declaration is still one finding
    assert [f["location"] for f in data["findings"]] == ["#JobContext.userId"]
    assert len(data["findings"][0]["affects"]) == 3
    assert len(data["ignored"]) == 4
    assert {i["reason"] for i in data["ignored"]} == {"backend fix scheduled"}


@pytest.mark.parametrize(("text", "message"), [
    ("docs: [a]\nopenapi: x\nprobe:\n  concurency: 3\n", "schemacheck.yaml:4: probe.concurency: "
                                                         "unknown key"),
    ("docs: [a]\nignore:\n  - rule: no-such-rule\n    reason: x\n",
     "schemacheck.yaml:3: ignore.0.rule: unknown rule id 'no-such-rule'"),
    # headers and auth are read only when used (tests/hardening/test_config.py): base_url is not
    ("docs: [a]\nbase_url: ${SCHEMACHECK_TEST_UNSET_VAR}\n",
     "schemacheck.yaml:2: base_url: environment variable SCHEMACHECK_TEST_UNSET_VAR"),
    ("docs: [a]\nfail_on: extreme\n", "schemacheck.yaml:2: fail_on: unknown severity"),
    ("docs: [a\n", "schemacheck.yaml:2: invalid YAML"),
])
def test_config_errors_name_file_line_and_key(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "schemacheck.yaml").write_text(text)
    result = runner.invoke(app, ["diff", "--config", str(tmp_path / "schemacheck.yaml")])
    assert result.exit_code == 2
    assert message in result.stderr.replace("\n", ""), result.stderr
    assert "Traceback" not in result.output


def test_env_interpolation_and_secret_never_printed(specs: dict[str, str], tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SC_TEST_TOKEN", "s3cr3t-value")
    config = tmp_path / "schemacheck.yaml"
    config.write_text(f"docs: [{DOCS}]\nopenapi: {specs['broken']}\n"
                      "auth:\n  bearer: ${SC_TEST_TOKEN}\n")
    result = runner.invoke(app, ["diff", "--config", str(config), "--format", "json"])
    assert result.exit_code == 1
    assert "s3cr3t-value" not in result.stdout + result.stderr


def test_baseline_makes_only_new_findings_fail(specs: dict[str, str], tmp_path: Path) -> None:
    base = tmp_path / "baseline.json"
    made = runner.invoke(app, ["baseline", "--docs", DOCS, "--openapi", specs["broken"],
                               "--output", str(base)])
    assert made.exit_code == 0 and len(json.loads(base.read_text())["findings"]) == 3
    args = ["diff", "--docs", DOCS, "--openapi", specs["broken"], "--format", "json"]
    assert runner.invoke(app, [*args, "--baseline", str(base)]).exit_code == 0
    data = json.loads(base.read_text())
    data["findings"] = data["findings"][1:]
    base.write_text(json.dumps(data))
    assert runner.invoke(app, [*args, "--baseline", str(base)]).exit_code == 1


def test_unloadable_openapi_exits_3_without_traceback(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    # The console script's own function, in-process: what it prints and its exit status.
    from schemacheck.entry import main

    monkeypatch.setattr(sys, "argv", ["schemacheck", "diff", "--docs", DOCS, "--openapi",
                                      str(tmp_path / "missing.json"), "--format", "json"])
    with pytest.raises(SystemExit) as exited:
        main()
    out, err = capsys.readouterr()
    assert exited.value.code == 3
    assert "missing.json: cannot read" in err
    assert "Traceback" not in err
    # the run result is still written, holding what went wrong
    assert json.loads(out)["diagnostics"][0]["level"] == "error"


def test_no_inputs_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["diff"])
    assert result.exit_code == 2 and "no docs given" in result.stderr


def test_console_output_when_piped_is_plain(specs: dict[str, str]) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "schemacheck", "diff", "--docs", DOCS, "--openapi",
         specs["broken"]], capture_output=True, text=True, cwd=ROOT, check=False)
    assert proc.returncode == 1
    assert "\x1b[" not in proc.stdout
    assert proc.stdout.splitlines()[0] == "(shared declarations)"
    assert "3 findings (1 root cause): 3 critical; gate: fail on high -> FAIL" in proc.stdout


def test_rules_command_lists_catalog() -> None:
    data = json.loads(runner.invoke(app, ["rules", "--format", "json"]).stdout)
    ids = [r["id"] for r in data["rules"]]
    assert "request-field-required-but-documented-optional" in ids
    assert "probe-server-error" in ids
    md = runner.invoke(app, ["rules", "--format", "md"]).stdout
    assert md.startswith("# schemacheck rules")


def test_explain_lists_contracts_on_stderr(specs: dict[str, str]) -> None:
    result = runner.invoke(app, ["diff", "--docs", DOCS, "--openapi", specs["broken"],
                                 "--format", "json", "--explain"])
    json.loads(result.stdout)  # stdout stays pure JSON
    assert "CreateJobRequest" in result.stderr and "heading" in result.stderr
    assert "documented types matching nothing: ListQuery" in result.stderr


def test_rule_reference_is_generated_from_the_catalog() -> None:
    generated = runner.invoke(app, ["rules", "--format", "md"]).stdout
    assert (ROOT / "docs" / "rules.md").read_text() == generated, (
        "docs/rules.md is stale: run `schemacheck rules --format md > docs/rules.md`")


def test_query_parameters_documented_by_a_query_type(tmp_path: Path) -> None:
    docs = tmp_path / "api.md"
    docs.write_text("### GET /things\n\n```ts\nexport interface ThingQuery { page?: number; "
                    "q?: string; sort?: \"asc\" | \"desc\"; }\n```\n")
    spec = tmp_path / "spec.yaml"
    spec.write_text("""openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things:
    get:
      parameters:
        - {name: page, in: query, schema: {type: integer}}
        - {name: q, in: query, required: true, schema: {type: string}}
        - {name: sort, in: query, schema: {type: string, enum: [asc]}}
      responses: {"204": {description: none}}
""")
    result = runner.invoke(app, ["diff", "--docs", str(docs), "--openapi", str(spec),
                                 "--format", "json"])
    found = sorted((f["location"], f["rule"]) for f in json.loads(result.stdout)["findings"])
    assert found == [("query.q", "request-field-required-but-documented-optional"),
                     ("query.sort", "request-enum-value-rejected")]


def test_check_without_base_url_falls_back_to_the_static_diff(specs: dict[str, str],
                                                              tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "--docs", DOCS, "--openapi", specs["broken"],
                                 "--out", str(tmp_path)])
    assert result.exit_code == 1
    data = json.loads((tmp_path / "gap-report.json").read_text())
    assert len(data["findings"]) == 3
    assert data["diagnostics"][-1]["message"].startswith("not probed: no base URL")
    assert (tmp_path / "gap-report.md").is_file() and (tmp_path / "junit.xml").is_file()
    strict = runner.invoke(app, ["probe", "--docs", DOCS, "--openapi", specs["broken"]])
    assert strict.exit_code == 2 and "no base URL to probe" in strict.stderr
