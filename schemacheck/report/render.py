"""The reporters by format name: each takes a RunResult and returns the text to write."""

from __future__ import annotations

from collections.abc import Callable

from schemacheck.errors import SchemacheckError
from schemacheck.report.console import console_text
from schemacheck.report.github import render_github
from schemacheck.report.html import render_html
from schemacheck.report.json import render_json
from schemacheck.report.junit import render_junit
from schemacheck.report.markdown import render_markdown
from schemacheck.report.sarif import render_sarif
from schemacheck.result import RunResult

REPORTERS: dict[str, Callable[[RunResult], str]] = {
    "console": console_text,
    "json": render_json,
    "md": render_markdown,
    "junit": render_junit,
    "github": render_github,
    "sarif": render_sarif,
    "html": render_html,
}
FORMATS = tuple(REPORTERS)


def render(result: RunResult, fmt: str) -> str:
    reporter = REPORTERS.get(fmt)
    if reporter is None:
        raise SchemacheckError(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return reporter(result)
