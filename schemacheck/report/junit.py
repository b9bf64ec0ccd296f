"""JUnit XML for CI: one test case per operation. A case fails (one <failure>, listing every
finding at or above the gate's threshold) or is <skipped> when its probe was skipped; lower
findings go to system-out. So `failures` counts operations, as CI dashboards expect."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from schemacheck.findings import Finding
from schemacheck.report.issues import FAILING_PROBE, threshold
from schemacheck.result import ProbeStatus, RunResult


def render_junit(result: RunResult) -> str:
    limit = threshold(result)
    by_op: dict[str, list[Finding]] = {}
    for finding in result.sorted_findings():  # a shared declaration fails each operation
        for key in finding.operations or [finding.operation or "(components)"]:
            by_op.setdefault(key, []).append(finding)
    cases: list[tuple[str, str, list[Finding], ProbeStatus | None]] = []
    for op in result.operations:
        cases.append((op.resource, op.operation, by_op.pop(op.operation, []), op.probe))
    for name, findings in sorted(by_op.items()):
        cases.append(("schemacheck", name, findings, None))
    suite = ET.Element("testsuite", name="schemacheck")
    failures = skipped = errors = 0
    accepted = set(result.gate.baselined)  # baselined: reported, never failing
    for classname, name, findings, probe in cases:
        case = ET.SubElement(suite, "testcase", classname=classname, name=name, time="0")
        failing = [f for f in findings if f.level >= limit and f.fingerprint not in accepted]
        out = [f"[{f.severity}] {f.location}: {f.message} ({f.rule})"
               f"{' (baselined)' if f.fingerprint in accepted else ''}" for f in findings
               if f not in failing]
        note = _probe_note(probe)
        if failing:  # one failure per case, however many findings: CI counts operations
            failures += 1
            first = failing[0]
            more = f" (+{len(failing) - 1} more)" if len(failing) > 1 else ""
            failure = ET.SubElement(case, "failure", type=first.rule,
                                    message=f"{len(failing)} finding(s) at or above "
                                    f"{limit.name}: {first.location}: {first.message}{more}")
            failure.text = "\n\n".join(_detail(f) for f in failing)
            if note:
                out.insert(0, note)
        elif probe and probe.status in FAILING_PROBE and not (
                findings and all(f.fingerprint in accepted for f in findings)):
            failures += 1
            ET.SubElement(case, "failure", type="probe", message=note)
        elif probe and probe.status == "skipped":
            skipped += 1
            ET.SubElement(case, "skipped", message=note)
        elif note:
            out.insert(0, note)
        if out:
            ET.SubElement(case, "system-out").text = "\n".join(out)
    for diag in result.diagnostics:
        if diag.level == "error":
            errors += 1
            case = ET.SubElement(suite, "testcase", classname="inputs", name=diag.where,
                                 time="0")
            ET.SubElement(case, "error", message=diag.message)
    for reason in result.incomplete:  # INCOMPLETE: never a green build
        errors += 1
        case = ET.SubElement(suite, "testcase", classname="inputs", name="incomplete", time="0")
        ET.SubElement(case, "error", message=reason)
    counts = {"tests": str(len(cases) + errors), "failures": str(failures),
              "errors": str(errors), "skipped": str(skipped), "time": "0"}
    for key, value in counts.items():
        suite.set(key, value)
    suites = ET.Element("testsuites", {"name": "schemacheck", **counts})
    suites.append(suite)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, "unicode") + "\n"


def _probe_note(probe: ProbeStatus | None) -> str:
    if not probe:
        return ""
    note = f"probe: {probe.status}"
    return note + (f" ({probe.reason})" if probe.reason else "")


def _detail(finding: Finding) -> str:
    lines = [f"rule: {finding.rule}", f"severity: {finding.severity}",
             f"location: {finding.location}"]
    lines += [f"affects: {p}" for p in finding.affects[1:]]
    for side, declared in (("docs", finding.docs), ("backend", finding.backend)):
        if declared and declared.where:
            lines.append(f"{side}: {declared.where}")
    if finding.confirmed:
        lines.append("confirmed live")
    curl = finding.evidence.curl if finding.evidence else None
    if curl:
        lines.append(f"reproduce: {curl}")
    return "\n".join(lines)
