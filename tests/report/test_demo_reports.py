"""`schemacheck demo`: golden Markdown, JUnit and SARIF; the JSON validated by its schema;
byte-identical reruns; compare between the broken and fixed runs."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from schemacheck.cli import app
from schemacheck.result import load_result

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
SCHEMA = ROOT / "schemacheck" / "schema" / "run-result.schema.json"
runner = CliRunner()


def normalise(text: str) -> str:
    """Only what legitimately varies between machines: the port and pydantic's docs URL."""
    text = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", text)
    return re.sub(r"errors\.pydantic\.dev/[\d.]+/", "errors.pydantic.dev/X/", text)


@pytest.fixture(scope="module")
def demo_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    old_cwd = os.getcwd()
    os.environ["SOURCE_DATE_EPOCH"] = "1763510400"  # 2025-11-19, the hand-written report's date
    os.chdir(ROOT)
    try:
        runs = {}
        for name, extra in (("broken", []), ("fixed", ["--fixed"]), ("again", [])):
            out = tmp_path_factory.mktemp(name)
            result = runner.invoke(app, ["demo", "--out", str(out), *extra])
            runs[name] = out
            runs[name + "-code"] = result.exit_code  # type: ignore[assignment]
            runs[name + "-stdout"] = result.stdout  # type: ignore[assignment]
        return runs
    finally:
        os.chdir(old_cwd)
        del os.environ["SOURCE_DATE_EPOCH"]


def test_exit_codes(demo_runs: dict) -> None:
    assert demo_runs["broken-code"] == 1
    assert demo_runs["fixed-code"] == 0
    assert ("4 findings (2 root causes): 4 critical; gate: fail on high -> FAIL"
            in demo_runs["broken-stdout"])


@pytest.mark.parametrize(("run", "name"), [
    ("broken", "gap-report.md"), ("broken", "junit.xml"), ("fixed", "gap-report.md"),
])
def test_golden_files(demo_runs: dict, run: str, name: str) -> None:
    got = normalise((demo_runs[run] / name).read_text())
    golden = GOLDEN / f"demo-{run}-{name}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(got)
    assert got == golden.read_text()


@pytest.mark.parametrize(("fmt", "name"), [("sarif", "gap-report.sarif"),
                                           ("console", "console.txt"),
                                           ("github", "annotations.txt")])
def test_golden_rerendered_formats(demo_runs: dict, fmt: str, name: str) -> None:
    result = runner.invoke(app, ["report", str(demo_runs["broken"] / "gap-report.json"),
                                 "--format", fmt], env={"COLUMNS": "80"})  # piped width
    got = normalise(result.stdout)
    golden = GOLDEN / f"demo-broken-{name}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(got)
    assert got == golden.read_text()


def test_report_reads_like_the_hand_written_one(demo_runs: dict) -> None:
    text = (demo_runs["broken"] / "gap-report.md").read_text()
    assert "**Status:** ⚠️ **BLOCKING ISSUES FOUND** (2 critical)" in text
    issue1 = text.split("### Issue 1:")[1].split("### Issue 2:")[0]
    assert "`CreateJobRequest` schema mismatch" in issue1
    assert "`POST /api/v3/jobs` and `POST /api/v3/jobs/dry-run`" in issue1
    for field in ("userId", "tone", "visualElements"):
        assert '"loc": ["body", ' in issue1 and f'"{field}"]' in issue1
        assert re.search(rf"{field}\?: .*// ← optional here, but the backend requires it", issue1)
        assert f"{field}: Optional[" in issue1  # Option 1, Pydantic
    assert "Option 2: make the docs match the backend" in issue1
    assert "const jobResponse = await v3API.jobs.createJob({" in issue1  # the docs' example
    assert "- `creative.direction.tone`: REQUIRED (documented as optional)" in issue1
    assert "curl -X POST" in issue1 and '"Authorization: Bearer $TOKEN"' in issue1
    issue2 = text.split("### Issue 2:")[1].split("## 📊 Gap Summary")[0]
    assert "`ImageAsset.clientId`" in issue2 and "input_value=None" in issue2
    assert "class ImageAsset(BaseModel):" in issue2 and "curl http" in issue2
    assert "- Clients endpoints (6/6) - 100%" in text
    assert "- Campaigns endpoints (6/6) - 100%" in text
    assert "- Stats endpoints (2/2) - 100%" in text
    assert "| assets | 3 | 4 | 75% |" in text and "| jobs | 2 | 4 | 50% |" in text
    assert "**Overall:** 86.4% passing (19/22 endpoints)" in text


def test_fixed_report_has_no_critical_issue(demo_runs: dict) -> None:
    text = (demo_runs["fixed"] / "gap-report.md").read_text()
    assert "✅ **NO BLOCKING ISSUES**" in text and "Critical Issues" not in text
    assert "**Overall:** 100% passing (22/22 endpoints)" in text


def test_json_validates_against_committed_schema(demo_runs: dict) -> None:
    schema = json.loads(SCHEMA.read_text())
    Draft202012Validator.check_schema(schema)
    for run in ("broken", "fixed"):
        data = json.loads((demo_runs[run] / "gap-report.json").read_text())
        errors = list(Draft202012Validator(schema).iter_errors(data))
        assert not errors, errors[0].message
        # `report` and `compare` read it back through the records: save, load, save is the same
        saved = demo_runs[run] / "gap-report.json"
        assert load_result(str(saved)).dumps() == saved.read_text()


def test_reruns_are_byte_identical(demo_runs: dict) -> None:
    for name in ("gap-report.md", "gap-report.json", "junit.xml"):
        first = normalise((demo_runs["broken"] / name).read_text())
        again = normalise((demo_runs["again"] / name).read_text())
        assert first == again, name


def test_compare_lists_the_fixed_findings(demo_runs: dict) -> None:
    result = runner.invoke(app, ["compare", str(demo_runs["broken"] / "gap-report.json"),
                                 str(demo_runs["fixed"] / "gap-report.json"), "--format", "json"])
    assert result.exit_code == 0
    delta = json.loads(result.stdout)
    assert delta["new"] == [] and len(delta["fixed"]) == 4  # one per declared drift
    assert {f["rule"] for f in delta["fixed"]} == {
        "probe-server-error", "request-field-required-but-documented-optional"}
    back = runner.invoke(app, ["compare", str(demo_runs["fixed"] / "gap-report.json"),
                               str(demo_runs["broken"] / "gap-report.json")])
    assert back.exit_code == 1 and "4 new, 0 fixed" in back.stdout


def test_date_option_pins_the_report_date(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--fixed", "--out", str(tmp_path), "--date",
                                 "2030-01-02"])
    assert result.exit_code == 0
    assert "**Date:** 2030-01-02" in (tmp_path / "gap-report.md").read_text()
    bad = runner.invoke(app, ["demo", "--out", str(tmp_path), "--date", "tomorrow"])
    assert bad.exit_code == 2 and "write it as YYYY-MM-DD" in bad.stderr


def test_previous_run_gives_before_after(demo_runs: dict) -> None:
    result = runner.invoke(app, ["report", str(demo_runs["fixed"] / "gap-report.json"),
                                 "--previous", str(demo_runs["broken"] / "gap-report.json")])
    assert "**Before** (2025-11-19): 86.4% passing (19/22); 4 critical" in result.stdout
    assert "**After** (2025-11-19): 100% passing (22/22); none" in result.stdout
    assert "**Fixed (4):**" in result.stdout
