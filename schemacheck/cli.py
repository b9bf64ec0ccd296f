"""The typer app: wiring and exit codes only."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn, Optional

import typer
from rich.console import Console

from schemacheck import __version__
from schemacheck.errors import SchemacheckError
from schemacheck.result import RunResult

app = typer.Typer(
    name="schemacheck",
    help="Prove whether an API's TypeScript documentation matches its live OpenAPI backend.",
    rich_markup_mode="rich",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)


def _fatal(error: SchemacheckError) -> NoReturn:
    err.print(f"[bold red]error:[/bold red] {error}", highlight=False, soft_wrap=True)
    raise typer.Exit(error.exit_code)


def _write(text: str, output: Optional[Path]) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"schemacheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Optional[bool] = typer.Option(
        None, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """schemacheck: documented TypeScript types vs the backend's OpenAPI and live behaviour."""


@app.command()
def types(
    paths: list[str] = typer.Argument(..., help="Files, directories or globs (.ts, .d.ts, .md)."),
    fmt: str = typer.Option("console", "--format", help="console or json."),
    output: Optional[Path] = typer.Option(None, "--output", "-o"),
) -> None:
    """Show the documented types as schemacheck read them."""
    from schemacheck.report.types_view import print_types, types_json
    from schemacheck.sources.typescript import load_docs

    try:
        docs = load_docs(paths)
    except SchemacheckError as exc:
        _fatal(exc)
    if fmt == "json":
        _write(types_json(docs), output)
    elif fmt == "console":
        print_types(docs, Console(no_color=not sys.stdout.isatty()))
    else:
        _fatal(SchemacheckError(f"--format {fmt!r}: choose console or json"))


# Options shared by diff, probe and check (DESIGN.md's stable surface).
CONFIG = typer.Option(None, "--config", help="schemacheck.yaml (default: ./schemacheck.yaml).")
DOCS = typer.Option([], "--docs", help="Docs: .ts/.d.ts/.md file, directory or glob.")
OPENAPI = typer.Option(None, "--openapi", help="The backend's OpenAPI: URL or file.")
HEADER = typer.Option([], "--header", help="'Name: value' sent when fetching and probing.")
FORMAT = typer.Option("console", "--format", help="console, json or md.")
OUTPUT = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout.")
FAIL_ON = typer.Option(None, "--fail-on", help="Lowest severity that fails (default: high).")
BASELINE = typer.Option(None, "--baseline", help="Only findings not in this file fail.")
REMOTE = typer.Option(False, "--allow-remote-refs", help="Follow $refs to other hosts.")


def _emit(result: RunResult, fmt: str, output: Optional[Path]) -> None:
    from schemacheck.report.render import render

    if fmt == "console" and output is None:
        from schemacheck.report.console import console_text, render_console

        console = Console(highlight=False)
        if console.is_terminal:
            render_console(result, console)
        else:
            sys.stdout.write(console_text(result, console.width))
        return
    _write(render(result, fmt), output)


@app.command()
def diff(
    config: Optional[str] = CONFIG, docs: list[str] = DOCS, openapi: Optional[str] = OPENAPI,
    header: list[str] = HEADER, fmt: str = FORMAT, output: Optional[Path] = OUTPUT,
    fail_on: Optional[str] = FAIL_ON, baseline: Optional[str] = BASELINE,
    allow_remote_refs: bool = REMOTE,
) -> None:
    """Compare the documented types with the backend's OpenAPI, field by field."""
    from schemacheck.pipeline import Overrides, finish, run_static, settings

    try:
        cfg = settings(Overrides(config, docs, openapi, header, fail_on=fail_on,
                                 baseline=baseline, allow_remote_refs=allow_remote_refs))
        loaded = run_static(cfg)
        code = finish(loaded)
        _emit(loaded.result, fmt, output)
    except SchemacheckError as exc:
        _fatal(exc)
    _report_source_errors(loaded.result)
    raise typer.Exit(code)


def _report_source_errors(result: RunResult) -> None:
    for diag in result.diagnostics:
        if diag["level"] == "error":
            err.print(f"[red]error:[/red] {diag['message']}", highlight=False, soft_wrap=True)


@app.command()
def rules(fmt: str = typer.Option("console", "--format", help="console, json or md.")) -> None:
    """List every rule: id, direction, default severity and what it means."""
    from schemacheck.report.rules_doc import rules_console, rules_json, rules_markdown

    if fmt == "json":
        _write(rules_json(), None)
    elif fmt == "md":
        _write(rules_markdown(), None)
    elif fmt == "console":
        rules_console(Console(highlight=False))
    else:
        _fatal(SchemacheckError(f"--format {fmt!r}: choose console, json or md"))


@app.command("baseline")
def baseline_cmd(
    config: Optional[str] = CONFIG, docs: list[str] = DOCS, openapi: Optional[str] = OPENAPI,
    header: list[str] = HEADER,
    output: Path = typer.Option(Path(".schemacheck-baseline.json"), "--output", "-o"),
    from_run: Optional[str] = typer.Option(None, "--from", help="Take findings from RUN.json."),
) -> None:
    """Write a baseline: the current findings, which the gate then tolerates."""
    from schemacheck.gate import baseline_json
    from schemacheck.pipeline import Overrides, run_static, settings
    from schemacheck.result import load_result

    try:
        if from_run:
            findings = load_result(from_run).findings
        else:
            cfg = settings(Overrides(config, docs, openapi, header))
            findings = run_static(cfg).result.findings
    except SchemacheckError as exc:
        _fatal(exc)
    _write(baseline_json(findings), output)


def main() -> None:
    app()
