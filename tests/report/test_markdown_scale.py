"""The Markdown report stays readable at scale: the top issues in full, the rest tabled per
documented type, low and info findings counted."""

from __future__ import annotations

from schemacheck.catalog import make_finding
from schemacheck.findings import Declared
from schemacheck.report.markdown import MAX_IN_FULL, render_markdown
from schemacheck.result import Gate, Inputs, OpenapiInput, RunResult


def _run(types: int, fields: int) -> RunResult:
    findings = []
    for t in range(types):
        for f in range(fields):
            for rule in ("response-field-missing", "response-field-undocumented"):
                findings.append(make_finding(
                    rule, operation=f"GET /r{t}", location=f"response.f{f}", message="m",
                    docs=Declared(True, f"d.ts:{f + 1}", type_name=f"T{t}"),
                    root_cause=f"response:T{t}"))
    return RunResult(generated="2026-01-01", inputs=Inputs((), OpenapiInput("s")),
                     findings=tuple(findings), gate=Gate("high", 1))


def test_a_large_run_stays_short() -> None:
    text = render_markdown(_run(types=40, fields=20))  # 1,600 findings
    lines = text.splitlines()
    assert len(lines) < 1600  # a row per high finding, low/info counted: fewer lines than findings
    assert sum(line.startswith("### Issue ") for line in lines) == MAX_IN_FULL
    assert "30 more issues at or above the threshold" in text
    assert "### `T39` (40)" in text and "Low and info: 20 `response-field-undocumented`" in text
