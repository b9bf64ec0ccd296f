"""JUnit XML for CI: one test case per operation; a failure per finding at or above the gate's
threshold; lower findings and skipped probes go to system-out."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from schemacheck.findings import Finding
from schemacheck.report.issues import threshold
from schemacheck.result import RunResult


def render_junit(result: RunResult) -> str:
    limit = threshold(result)
    by_op: dict[str, list[Finding]] = {}
    for finding in result.sorted_findings():
        by_op.setdefault(finding.operation or "(components)", []).append(finding)
    cases: list[tuple[str, str, list[Finding], str]] = []
    for op in result.operations:
        note = ""
        if op.probe:
            note = f"probe: {op.probe.get('status')}"
            if op.probe.get("reason"):
                note += f" ({op.probe['reason']})"
        cases.append((op.resource, op.operation, by_op.pop(op.operation, []), note))
    for name, findings in sorted(by_op.items()):
        cases.append(("schemacheck", name, findings, ""))
    suite = ET.Element("testsuite", name="schemacheck", tests=str(len(cases)), time="0")
    failures = errors = 0
    for classname, name, findings, note in cases:
        case = ET.SubElement(suite, "testcase", classname=classname, name=name, time="0")
        out: list[str] = [note] if note else []
        for finding in findings:
            text = f"[{finding.severity}] {finding.location}: {finding.message} ({finding.rule})"
            if finding.level >= limit:
                failures += 1
                failure = ET.SubElement(case, "failure", type=finding.rule,
                                        message=f"{finding.location}: {finding.message}")
                failure.text = _detail(finding)
            else:
                out.append(text)
        if out:
            ET.SubElement(case, "system-out").text = "\n".join(out)
    for diag in result.diagnostics:
        if diag["level"] == "error":
            errors += 1
            case = ET.SubElement(suite, "testcase", classname="inputs", name=diag["where"],
                                 time="0")
            ET.SubElement(case, "error", message=diag["message"])
    suite.set("tests", str(len(cases) + errors))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suites = ET.Element("testsuites", name="schemacheck", tests=suite.get("tests", "0"),
                        failures=str(failures), errors=str(errors), time="0")
    suites.append(suite)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, "unicode") + "\n"


def _detail(finding: Finding) -> str:
    lines = [f"rule: {finding.rule}", f"severity: {finding.severity}",
             f"location: {finding.location}"]
    for side in ("docs", "backend"):
        where = (getattr(finding, side) or {}).get("where")
        if where:
            lines.append(f"{side}: {where}")
    if finding.confirmed:
        lines.append("confirmed live")
    curl = (finding.evidence or {}).get("curl")
    if curl:
        lines.append(f"reproduce: {curl}")
    return "\n".join(lines)
