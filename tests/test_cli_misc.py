"""The CLI surface: help, version, module entry point, types (init: tests/test_init.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from schemacheck import __version__
from schemacheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()
COMMANDS = ("diff", "probe", "check", "report", "compare", "types", "rules", "baseline", "init",
            "demo")


def test_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.stdout


def test_version_and_module_entry_point() -> None:
    assert runner.invoke(app, ["--version"]).stdout.strip() == f"schemacheck {__version__}"
    proc = subprocess.run([sys.executable, "-m", "schemacheck", "--version"],
                          capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == f"schemacheck {__version__}"


def test_types_json_carries_sources(tmp_path: Path) -> None:
    (tmp_path / "a.ts").write_text("export interface A { x?: string | null; }\n")
    (tmp_path / "b.d.ts").write_text("export interface B { a: A; }\n")
    result = runner.invoke(app, ["types", str(tmp_path / "*.ts"), "--format", "json"])
    types = json.loads(result.stdout)["types"]
    assert sorted(types) == ["A", "B"]
    assert types["A"]["properties"]["x"]["x-source"].endswith("a.ts:1")
    assert types["B"]["properties"]["a"] == {"$ref": "#/$defs/A",
                                             "x-source": types["B"]["properties"]["a"][
                                                 "x-source"]}
    console = runner.invoke(app, ["types", str(tmp_path)])
    assert "string | null" in console.stdout


def test_types_on_missing_path_is_one_line_exit_3(tmp_path: Path) -> None:
    result = runner.invoke(app, ["types", str(tmp_path / "nope.ts")])
    assert result.exit_code == 3
    assert result.stderr.strip().endswith("nope.ts: no such file or directory")


def test_leaving_the_process_flushes_runs_exit_handlers_and_keeps_the_status() -> None:
    """entry.leave skips the interpreter's teardown: what was written, the exit handlers and
    the exit status must survive it, as with sys.exit."""
    script = ("import atexit, sys\n"
              "from schemacheck.entry import leave\n"
              "atexit.register(lambda: sys.stderr.write('handler ran'))\n"
              "sys.stdout.write('x' * 100_000)\n"  # more than a pipe's buffer: must be flushed
              "leave(eval(sys.argv[1]))\n")
    for code, status in (("None", 0), ("0", 0), ("3", 3), ("130", 130), ("'bad config'", 1)):
        proc = subprocess.run([sys.executable, "-c", script, code], capture_output=True,
                              text=True, cwd=ROOT, check=False)
        assert proc.returncode == status, code
        assert proc.stdout == "x" * 100_000
        assert "handler ran" in proc.stderr
        assert ("bad config" in proc.stderr) == (code == "'bad config'")
