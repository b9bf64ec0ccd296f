"""The CI gate: ignores, baseline and the fail-on threshold turn findings into an exit code."""

from __future__ import annotations

import json
from collections.abc import Iterable
from fnmatch import fnmatchcase
from pathlib import Path

from schemacheck.config import Ignore
from schemacheck.errors import EXIT_FINDINGS, EXIT_OK, EXIT_SOURCE, ConfigError
from schemacheck.findings import Finding, Severity
from schemacheck.input_files import read_input
from schemacheck.result import Gate


def ignored_by(finding: Finding, ignores: list[Ignore]) -> Ignore | None:
    for item in ignores:
        if item.rule and item.rule != finding.rule:
            continue
        if item.operation and not fnmatchcase(finding.operation or "", item.operation):
            continue
        if item.location and not fnmatchcase(finding.location, item.location):
            continue
        return item
    return None


# A saved run of a GitHub-sized API with every finding is a few MB.
MAX_BASELINE_BYTES = 256 * 1024 * 1024


def load_baseline(path: str | None) -> set[str]:
    if not path:
        return set()
    if not Path(path).exists():
        raise ConfigError(f"{path}: baseline file not found")
    try:
        data = json.loads(read_input(path, MAX_BASELINE_BYTES, ConfigError).decode("utf-8"))
        return {str(item["fingerprint"]) for item in data["findings"]}
    except (ValueError, KeyError, TypeError):
        raise ConfigError(f"{path}: not a schemacheck baseline or run result") from None


def baseline_json(findings: Iterable[Finding]) -> str:
    items = [{"fingerprint": f.fingerprint, "rule": f.rule, "operation": f.operation,
              "location": f.location} for f in findings]
    items.sort(key=lambda i: (i["operation"] or "", i["location"], i["rule"]))
    return json.dumps({"schemacheck-baseline": 1, "findings": items}, indent=2) + "\n"


def exit_code(findings: list[Finding], fail_on: Severity, baseline: set[str]) -> int:
    """1 when a finding at or above the threshold is neither baselined nor ignored."""
    failing = [f for f in findings if f.level >= fail_on and f.fingerprint not in baseline]
    return EXIT_FINDINGS if failing else EXIT_OK


def verdict(findings: list[Finding], fail_on: Severity, baseline: set[str],
            complete: bool) -> Gate:
    """The gate's record: the exit code (INCOMPLETE is never a pass, whatever the findings
    say) and "N new, M baselined", which every reporter reads from here."""
    code = exit_code(findings, fail_on, baseline) if complete else EXIT_SOURCE
    baselined = tuple(sorted(f.fingerprint for f in findings if f.fingerprint in baseline))
    return Gate(fail_on.name, code, baselined, len(findings) - len(baselined))
