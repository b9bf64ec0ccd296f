"""Findings grouped into issues (one per root cause) and per-resource endpoint figures.

Shared by every human-facing reporter so their numbers always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from schemacheck.findings import Finding, Severity, sort_key
from schemacheck.result import RunResult

FAILING_PROBE = ("failed", "unreachable")


@dataclass
class Issue:
    root_cause: str
    findings: list[Finding]

    @property
    def severity(self) -> str:
        return max(self.findings, key=lambda f: f.level).severity

    @property
    def operations(self) -> list[str]:
        return sorted({op for f in self.findings for op in f.operations})

    @property
    def rules(self) -> list[str]:
        return sorted({f.rule for f in self.findings})


def issues_of(result: RunResult) -> list[Issue]:
    groups: dict[str, list[Finding]] = {}
    for finding in result.sorted_findings():
        groups.setdefault(finding.root_cause or finding.fingerprint, []).append(finding)
    issues = [Issue(cause, items) for cause, items in groups.items()]
    # Most severe first; among equals, the one blocking the most endpoints.
    issues.sort(key=lambda i: (-Severity[i.severity], -len(i.operations),
                               sort_key(i.findings[0])))
    return issues


@dataclass
class ResourceFigures:
    name: str
    total: int = 0
    passing: int = 0
    probed: int = 0
    failing: list[str] = field(default_factory=list)

    @property
    def percent(self) -> str:
        return percent(self.passing, self.total)


def percent(part: int, whole: int) -> str:
    if whole == 0:
        return "n/a"
    value = 100.0 * part / whole
    return f"{value:.0f}%" if value == int(value) else f"{value:.1f}%"


def threshold(result: RunResult) -> Severity:
    return Severity[result.gate.fail_on]


def failing_operations(result: RunResult) -> set[str]:
    """Operations with a finding at or above the gate's threshold, or a failed probe."""
    limit = threshold(result)
    failing = {op for f in result.findings if f.level >= limit for op in f.operations}
    failing |= {o.operation for o in result.operations
                if o.probe and o.probe.status in FAILING_PROBE}
    return failing


def resources(result: RunResult) -> list[ResourceFigures]:
    failing = failing_operations(result)
    figures: dict[str, ResourceFigures] = {}
    for op in result.operations:
        item = figures.setdefault(op.resource, ResourceFigures(op.resource))
        item.total += 1
        if op.probe and op.probe.status != "skipped":
            item.probed += 1
        if op.operation in failing:
            item.failing.append(op.operation)
        else:
            item.passing += 1
    return list(figures.values())


def counts_line(result: RunResult) -> str:
    """"N findings (M root causes)": the same two numbers in every format."""
    total, causes = len(result.findings), len(issues_of(result))
    return (f"{total} finding{'s' if total != 1 else ''} "
            f"({causes} root cause{'s' if causes != 1 else ''})")


def incomplete_cause(result: RunResult) -> str:
    """Why an INCOMPLETE run is incomplete, in one line for a status."""
    if any(f.rule == "probe-unreachable" and f.operation is None for f in result.findings):
        return "the backend could not be reached"
    if result.incomplete:
        more = len(result.incomplete) - 1
        return result.incomplete[0] + (f" (and {more} more)" if more else "")
    return "a source could not be loaded"
