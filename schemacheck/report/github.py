"""GitHub Actions workflow commands: one annotation per finding, on the docs line."""

from __future__ import annotations

from schemacheck.report.locate import locate
from schemacheck.result import RunResult

LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "notice",
         "info": "notice"}


def _escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render_github(result: RunResult) -> str:
    lines = []
    for finding in result.sorted_findings():
        props = []
        path, line = locate(result, finding)
        props += [f"file={_escape(path, True)}", f"line={line}"]
        props.append(f"title={_escape(finding.rule, True)}")
        where = f"{finding.operation} " if finding.operation else ""
        message = _escape(f"{where}{finding.location}: {finding.message}")
        lines.append(f"::{LEVEL[finding.severity]} {','.join(props)}::{message}")
    lines += [f"::error title=incomplete::{_escape(reason)}" for reason in result.incomplete]
    return "\n".join(lines) + ("\n" if lines else "")
