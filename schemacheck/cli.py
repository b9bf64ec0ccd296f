"""The typer app: wiring and exit codes only."""

from __future__ import annotations

from typing import Optional

import typer

from schemacheck import __version__

app = typer.Typer(
    name="schemacheck",
    help="Prove whether an API's TypeScript documentation matches its live OpenAPI backend.",
    rich_markup_mode="rich",
    no_args_is_help=True,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"schemacheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Optional[bool] = typer.Option(  # noqa: UP007 - typer needs Optional here
        None, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """schemacheck: documented TypeScript types vs the backend's OpenAPI and live behaviour."""


def main() -> None:
    app()
