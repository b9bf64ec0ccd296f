"""GitHub Actions workflow commands: one annotation per finding, on the docs line."""

from __future__ import annotations

from schemacheck.findings import Finding
from schemacheck.result import RunResult

LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "notice",
         "info": "notice"}


def docs_position(finding: Finding) -> tuple[str, int] | None:
    where = (finding.docs or {}).get("where")
    if not where or ":" not in str(where):
        return None
    path, _, line = str(where).rpartition(":")
    return (path, int(line)) if line.isdigit() else None


def _escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render_github(result: RunResult) -> str:
    lines = []
    for finding in result.sorted_findings():
        props = []
        position = docs_position(finding)
        if position:
            props += [f"file={_escape(position[0], True)}", f"line={position[1]}"]
        props.append(f"title={_escape(finding.rule, True)}")
        where = f"{finding.operation} " if finding.operation else ""
        message = _escape(f"{where}{finding.location}: {finding.message}")
        lines.append(f"::{LEVEL[finding.severity]} {','.join(props)}::{message}")
    return "\n".join(lines) + ("\n" if lines else "")
