"""`schemacheck fix-docs`: after --write, `diff` has nothing left that the docs could fix."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from schemacheck.cli import app
from schemacheck.fix_docs import NOT_REWRITTEN
from schemacheck.rules import RULES
from tests.conftest import AUTH, FIXTURES
from tests.fixdocs.app import create_app

DATA = Path(__file__).parent / "data"
STATIC = {r.id for r in RULES.values() if r.direction in ("request", "response")}
runner = CliRunner()


def _docs_findings(docs: str, openapi: str, *extra: str) -> list[dict]:
    result = runner.invoke(app, ["diff", "--docs", docs, "--openapi", openapi, *extra,
                                 "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return [f for f in json.loads(result.stdout)["findings"] if f["rule"] in STATIC]


@pytest.fixture
def widgets(tmp_path: Path) -> tuple[Path, str]:
    docs = tmp_path / "docs"
    shutil.copytree(DATA, docs)
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(create_app().openapi()))
    return docs, str(spec)


def test_v3_demo_docs_fixed_against_the_live_backend(tmp_path: Path, v3_broken: str) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES / "v3/docs", docs)
    args = ["--docs", str(docs), "--openapi", f"{v3_broken}/openapi.json",
            "--header", f"Authorization: {AUTH['Authorization']}"]
    assert _docs_findings(*args[1:2], args[3], *args[4:])
    before = (docs / "V3_BACKEND_RESPONSES.md").read_text()
    shown = runner.invoke(app, ["fix-docs", *args])
    assert shown.exit_code == 1
    assert "-  userId?: string;         // optional\n+  userId: string;          // optional" \
        in shown.stdout
    assert (docs / "V3_BACKEND_RESPONSES.md").read_text() == before  # a diff writes nothing
    assert runner.invoke(app, ["fix-docs", *args, "--write"]).exit_code == 0
    assert _docs_findings(str(docs), args[3], *args[4:]) == []
    after = (docs / "V3_BACKEND_RESPONSES.md").read_text()
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True)
               if a != b]
    assert changed == [
        ("  userId?: string;         // optional", "  userId: string;          // optional"),
        ("  tone?: string;             // optional", "  tone: string;              // optional"),
        ("  visualElements?: string[]; // optional", "  visualElements: string[];  // optional"),
    ]
    again = runner.invoke(app, ["fix-docs", *args])
    assert (again.exit_code, again.stdout) == (0, "")


def test_every_kind_of_drift_is_fixed_in_place(widgets: tuple[Path, str]) -> None:
    docs, spec = widgets
    rules = {f["rule"] for f in _docs_findings(str(docs), spec)}
    assert rules >= {"response-field-nullable-but-documented-non-null", "response-type-mismatch",
                     "response-field-missing", "response-field-undocumented",
                     "response-enum-value-undocumented",
                     "response-field-optional-but-documented-required",
                     "request-field-required-but-undocumented",
                     "request-field-required-but-documented-optional", "request-null-rejected",
                     "request-field-unknown-to-backend",
                     "request-field-optional-but-documented-required"}
    result = runner.invoke(app, ["fix-docs", "--docs", str(docs), "--openapi", spec, "--write"])
    assert result.exit_code == 0, result.output
    assert _docs_findings(str(docs), spec) == []
    assert (docs / "widgets.ts").read_text() == """\
// Widgets API types, hand-written: keep this header.

/** Widget status. */
export type WidgetStatus =
  | 'new'
  | 'used'
  | 'broken';

/**
 * A widget.
 * @response GET /widgets/{widgetId}
 */
export interface Widget {
    id:string ;   // server id
    /** display name */
    name : string | null;
    status: WidgetStatus,
    count: number
    price?: number | null; // in cents
    tags: string[];
}

/** @request POST /widgets */
export type WidgetCreate = { name: string; note?: string | null; label?: string; kind: 'small' \
| 'large' }
"""
    md_before = (DATA / "GADGETS.md").read_text().splitlines()
    md_after = (docs / "GADGETS.md").read_text().splitlines()
    assert md_after == md_before[:11] + ["     size?: number | null;",
                                         "     colour: string;"] + md_before[12:]


def test_idempotent_and_diff_exit_codes(widgets: tuple[Path, str]) -> None:
    docs, spec = widgets
    args = ["fix-docs", "--docs", str(docs), "--openapi", spec]
    first = runner.invoke(app, args)
    assert first.exit_code == 1 and first.stdout.startswith("--- a/")
    assert runner.invoke(app, [*args, "--write"]).exit_code == 0
    fixed = {p.name: p.read_bytes() for p in docs.iterdir()}
    again = runner.invoke(app, args)
    assert (again.exit_code, again.stdout) == (0, "")
    assert runner.invoke(app, [*args, "--write"]).exit_code == 0
    assert {p.name: p.read_bytes() for p in docs.iterdir()} == fixed


def test_ignored_findings_are_left_alone(widgets: tuple[Path, str], tmp_path: Path) -> None:
    docs, spec = widgets
    config = tmp_path / "schemacheck.yaml"
    config.write_text(f"docs: [{docs}]\nopenapi: {spec}\nignore:\n"
                      "  - rule: response-field-missing\n    reason: kept for old clients\n")
    result = runner.invoke(app, ["fix-docs", "--config", str(config)])
    assert result.exit_code == 1
    assert "-    legacy" not in result.stdout and "+    count: number" in result.stdout


def test_unreadable_openapi_is_one_line_and_exit_3(widgets: tuple[Path, str]) -> None:
    docs, _ = widgets
    result = runner.invoke(app, ["fix-docs", "--docs", str(docs), "--openapi",
                                 str(docs / "missing.json")])
    assert result.exit_code == 3
    assert "missing.json" in result.stderr and "Traceback" not in result.output


CASES = Path(__file__).resolve().parent.parent / "data" / "rules"


@pytest.mark.parametrize("rule_id", sorted(p.name for p in CASES.iterdir()))
def test_each_rules_fixture_pair_is_fixed(rule_id: str, tmp_path: Path) -> None:
    """Every static rule's own fixture (docs.ts + spec.yaml): fixed, then silent, then stable."""
    if rule_id in NOT_REWRITTEN:
        pytest.skip(f"fix-docs does not rewrite {rule_id}: {NOT_REWRITTEN[rule_id]}")
    docs = tmp_path / "docs.ts"
    shutil.copy(CASES / rule_id / "docs.ts", docs)
    spec = str(CASES / rule_id / "spec.yaml")
    assert [f["rule"] for f in _docs_findings(str(docs), spec)] == [rule_id]
    result = runner.invoke(app, ["fix-docs", "--docs", str(docs), "--openapi", spec, "--write"])
    assert result.exit_code == 0, result.output
    assert docs.read_text() != (CASES / rule_id / "docs.ts").read_text()
    assert _docs_findings(str(docs), spec) == []
    again = runner.invoke(app, ["fix-docs", "--docs", str(docs), "--openapi", spec])
    assert (again.exit_code, again.stdout) == (0, "")


@pytest.mark.parametrize("rule_id", sorted(NOT_REWRITTEN))
def test_rules_fix_docs_does_not_rewrite_leave_the_docs_alone(rule_id: str,
                                                               tmp_path: Path) -> None:
    """Their finding stays (diff still reports it); fix-docs changes nothing and says so."""
    docs = tmp_path / "docs.ts"
    shutil.copy(CASES / rule_id / "docs.ts", docs)
    spec = str(CASES / rule_id / "spec.yaml")
    found = runner.invoke(app, ["diff", "--docs", str(docs), "--openapi", spec, "--format",
                                "json"])
    assert [f["rule"] for f in json.loads(found.stdout)["findings"]] == [rule_id]
    result = runner.invoke(app, ["fix-docs", "--docs", str(docs), "--openapi", spec])
    assert (result.exit_code, result.stdout) == (0, "")
    assert docs.read_bytes() == (CASES / rule_id / "docs.ts").read_bytes()


def test_markdown_lines_are_counted_as_the_block_reader_counts_them(
        widgets: tuple[Path, str]) -> None:
    """A form feed is no line break to CommonMark, a lone CR is: the edit still lands on the
    declaration, byte for byte."""
    docs, spec = widgets
    gadgets = docs / "GADGETS.md"
    gadgets.write_bytes(gadgets.read_bytes().replace(b"Some prose", b"Some\x0cprose").replace(
        b"# Gadgets\n\n", b"# Gadgets\r\r"))
    (docs / "widgets.ts").unlink()
    result = runner.invoke(app, ["fix-docs", "--docs", str(docs), "--openapi", spec, "--write"])
    assert result.exit_code == 0 and "could not be located" not in result.stderr
    assert "     size?: number | null;\n     colour: string;\n" in gadgets.read_text()
    assert b"# Gadgets\r\rSome\x0cprose" in gadgets.read_bytes()


def test_blocks_inside_quotes_and_lists_keep_their_markers(widgets: tuple[Path, str]) -> None:
    """The Markdown reader strips a container's markers from a block's lines; edits put them
    back where they were (`> ` and the list's indentation)."""
    docs, spec = widgets
    (docs / "widgets.ts").unlink()
    (docs / "GADGETS.md").write_text(
        "# Gadgets\n\n> Quoted:\n>\n> ```ts\n> export interface Gadget {\n>   id: string;\n"
        ">   size?: number;\n>   /** gone */\n>   legacy: string;\n> }\n> ```\n")
    result = runner.invoke(app, ["fix-docs", "--docs", str(docs), "--openapi", spec, "--write"])
    assert result.exit_code == 0, result.output
    assert (docs / "GADGETS.md").read_text() == (
        "# Gadgets\n\n> Quoted:\n>\n> ```ts\n> export interface Gadget {\n>   id: string;\n"
        ">   size?: number | null;\n>   colour: string;\n> }\n> ```\n")
