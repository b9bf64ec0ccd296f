"""CLI conventions: -h, -H, -q/-v, choices, readable help, `rules <id>`, check --report."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from schemacheck.cli import app
from schemacheck.cli_conventions import FORMATS, REPORT_FILES
from schemacheck.report.render import REPORTERS

runner = CliRunner()
DOCS = "export interface Item { id: string; name: string; }\n"


def _spec(tmp_path: Path) -> Path:
    spec = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {
        "/items": {"get": {"responses": {"200": {"description": "ok", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}}}}}},
        "components": {"schemas": {"Item": {"type": "object", "required": ["id"],
                                            "properties": {"id": {"type": "string"}}}}}}
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(spec))
    (tmp_path / "api.ts").write_text(DOCS)
    return path


def test_format_names_match_the_reporters() -> None:
    assert set(FORMATS) == set(REPORTERS)
    assert set(REPORT_FILES) == set(REPORTERS)


def test_short_help_and_readable_metavars() -> None:
    import typer

    commands = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    assert {"diff", "probe", "check", "report", "rules", "init"} <= set(commands)
    for args in [["-h"], *([name, "-h"] for name in commands)]:
        result = runner.invoke(app, args, env={"COLUMNS": "100"})
        assert result.exit_code == 0, result.output
        assert "<bool>" not in result.stdout and "<list[" not in result.stdout
        assert "<str>" not in result.stdout
    check = runner.invoke(app, ["check", "-h"], env={"COLUMNS": "100"}).stdout
    for text in ("-H", "-q", "-v", "--report", "'NAME: VALUE'", "SEVERITY", "critical, high"):
        assert text in check
    assert "--install-completion" in runner.invoke(app, ["-h"]).stdout


def test_choices_are_validated_in_one_line(tmp_path: Path) -> None:
    spec = _spec(tmp_path)
    for args, text in ((["--format", "xml"], "--format: unknown format 'xml' (choose console"),
                       (["--fail-on", "severe"], "--fail-on: unknown severity 'severe'")):
        result = runner.invoke(app, ["diff", "--docs", str(tmp_path / "api.ts"),
                                     "--openapi", str(spec), *args])
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1 and text in result.stderr


def test_quiet_and_verbose(tmp_path: Path) -> None:
    spec = _spec(tmp_path)
    base = ["diff", "-H", "X-Test: 1", "--docs", str(tmp_path / "api.ts"), "--openapi",
            str(spec), "--format", "md", "-o", str(tmp_path / "r.md")]
    assert "wrote" in runner.invoke(app, base).stderr
    quiet = runner.invoke(app, [*base, "-q"])
    assert quiet.exit_code == 1 and quiet.stderr == ""  # response-field-missing (name): high
    verbose = runner.invoke(app, [*base, "-v"])
    assert "Item" in verbose.stderr and "wrote" in verbose.stderr


def test_check_format_is_stdout_and_report_writes_files(tmp_path: Path) -> None:
    spec = _spec(tmp_path)
    out = tmp_path / "reports"
    result = runner.invoke(app, ["check", "--docs", str(tmp_path / "api.ts"), "--openapi",
                                 str(spec), "--out", str(out), "--format", "json",
                                 "--report", "sarif,html", "--report", "junit", "-q"])
    data = json.loads(result.stdout)  # stdout is JSON only, so `| jq` works
    assert [f["rule"] for f in data["findings"]] == ["response-field-missing"]
    assert sorted(p.name for p in out.iterdir()) == ["gap-report.html", "gap-report.sarif",
                                                     "junit.xml"]
    bad = runner.invoke(app, ["check", "--docs", str(tmp_path / "api.ts"), "--openapi",
                              str(spec), "--out", str(out), "--report", "md,pdf"])
    assert bad.exit_code == 2 and "--report 'pdf'" in bad.stderr


def test_rules_one_id_and_did_you_mean() -> None:
    one = runner.invoke(app, ["rules", "response-field-missing"], env={"COLUMNS": "80"})
    assert one.exit_code == 0 and one.stdout.startswith("response-field-missing\n")
    assert "default severity high" in one.stdout
    data = json.loads(runner.invoke(app, ["rules", "response-field-missing", "--format",
                                          "json"]).stdout)
    assert data["id"] == "response-field-missing" and data["severity"] == "high"
    typo = runner.invoke(app, ["rules", "response-field-mising"])
    assert typo.exit_code == 2
    assert typo.stderr.strip() == ("error: rules: no rule 'response-field-mising' "
                                   "(did you mean response-field-missing?)")


def test_rules_listing_fits_80_columns() -> None:
    listing = runner.invoke(app, ["rules"], env={"COLUMNS": "80"}).stdout
    lines = listing.splitlines()
    assert all(len(line) <= 80 for line in lines)
    # every rule id whole on one line, and no summary broken into one word per line
    from schemacheck.rules import RULES

    for rule_id in RULES:
        assert any(line.split()[-1:] == [rule_id] for line in lines), rule_id
    # each summary wraps as prose (at most two lines), not one word per line as in a table
    counts: dict[str, int] = {}
    current = ""
    for line in lines:
        if line.startswith("  ") and not line.startswith("   "):
            current = line.split()[-1]
            counts[current] = 0
        elif line.startswith(" " * 12):
            counts[current] += 1
    assert sorted(counts) == sorted(RULES)
    assert all(1 <= n <= 2 for n in counts.values()), counts


def test_usage_errors_are_one_line() -> None:
    for args, text in ((["diff", "--bogus"], "error: schemacheck diff: No such option: --bogus"),
                       (["report"], "error: schemacheck report: Missing argument 'run'"),
                       (["bogus"], "error: schemacheck: No such command 'bogus'"),
                       (["--bogus"], "error: schemacheck: No such option: --bogus"),
                       (["probe", "--timeout", "soon"], "Invalid value for '--timeout'")):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, args
        assert result.stderr.count("\n") == 1 and text in result.stderr, result.stderr


def test_shell_completion_offers_the_choices() -> None:
    import os
    import subprocess
    import sys

    script = Path(sys.executable).parent / "schemacheck"
    env = {**os.environ, "_SCHEMACHECK_COMPLETE": "complete_bash",
           "COMP_WORDS": "schemacheck diff --fail-on ", "COMP_CWORD": "3"}
    out = subprocess.run([str(script)], env=env, capture_output=True, text=True).stdout
    assert out.split() == ["critical", "high", "medium", "low", "info"]


def test_bare_schemacheck_prints_the_help_on_stdout() -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 2 and result.stderr == ""
    assert result.stdout.startswith("Usage: ") and "Commands:" in result.stdout
