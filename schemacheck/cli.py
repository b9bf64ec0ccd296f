"""The typer app: wiring and exit codes only."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn, Optional

import typer
from rich.console import Console

from schemacheck import __version__
from schemacheck.errors import SchemacheckError

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


def main() -> None:
    app()
