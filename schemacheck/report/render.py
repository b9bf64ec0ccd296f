"""Format name -> text, for every reporter that writes a file or stdout."""

from __future__ import annotations

from schemacheck.errors import SchemacheckError
from schemacheck.result import RunResult

FORMATS = ("console", "json", "md", "junit", "github", "sarif")


def render(result: RunResult, fmt: str) -> str:
    if fmt == "json":
        return result.dumps()
    if fmt == "console":
        from schemacheck.report.console import console_text

        return console_text(result)
    if fmt == "md":
        from schemacheck.report.markdown import render_markdown

        return render_markdown(result)
    if fmt == "junit":
        from schemacheck.report.junit import render_junit

        return render_junit(result)
    if fmt == "github":
        from schemacheck.report.github import render_github

        return render_github(result)
    if fmt == "sarif":
        from schemacheck.report.sarif import render_sarif

        return render_sarif(result)
    raise SchemacheckError(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
