"""The reporters by format name: each takes a RunResult and returns the text to write.

Each reporter's module is imported when its format is asked for: a `--format json` run does
not pay for markdown-it (html) or the SARIF and JUnit writers."""

from __future__ import annotations

from importlib import import_module

from schemacheck.errors import SchemacheckError
from schemacheck.result import RunResult

# format -> (module under schemacheck.report, its function)
REPORTERS: dict[str, tuple[str, str]] = {
    "console": ("console", "console_text"),
    "json": ("json", "render_json"),
    "md": ("markdown", "render_markdown"),
    "junit": ("junit", "render_junit"),
    "github": ("github", "render_github"),
    "sarif": ("sarif", "render_sarif"),
    "html": ("html", "render_html"),
}
FORMATS = tuple(REPORTERS)


def render(result: RunResult, fmt: str) -> str:
    found = REPORTERS.get(fmt)
    if found is None:
        raise SchemacheckError(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
    module, function = found
    text: str = getattr(import_module(f"schemacheck.report.{module}"), function)(result)
    return text
