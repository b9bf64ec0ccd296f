"""SARIF 2.1.0: every result points at a docs line (report/locate.py says which), so code
scanning can show each one; validated in tests against the official schema."""

from __future__ import annotations

import json
from typing import Any

from schemacheck.report.locate import locate
from schemacheck.result import RunResult
from schemacheck.rules import RULES

LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note",
         "info": "note"}


def render_sarif(result: RunResult) -> str:
    rules = [{"id": r.id, "name": r.id, "shortDescription": {"text": r.summary},
              "fullDescription": {"text": r.doc},
              "defaultConfiguration": {"level": LEVEL[r.severity.name]},
              "properties": {"direction": r.direction, "severity": r.severity.name}}
             for r in sorted(RULES.values(), key=lambda r: r.id)]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for finding in result.sorted_findings():
        item: dict[str, Any] = {
            "ruleId": finding.rule, "ruleIndex": index.get(finding.rule, -1),
            "level": LEVEL[finding.severity],
            "message": {"text": f"{finding.operation or ''} {finding.location}: "
                                f"{finding.message}".strip()},
            "partialFingerprints": {"schemacheck/v1": finding.fingerprint},
            "properties": {"severity": finding.severity, "confirmed": finding.confirmed},
        }
        if result.gate.baselined:  # a baseline is in use: say which results it holds
            item["baselineState"] = ("unchanged" if finding.fingerprint in
                                     result.gate.baselined else "new")
        path, line = locate(result, finding)
        logical = [{"name": place.operation or place.location,
                    "fullyQualifiedName": f"{place.operation or ''} {place.location}".strip(),
                    "kind": "member"} for place in finding.affects]
        item["locations"] = [{"physicalLocation": {
            "artifactLocation": {"uri": path}, "region": {"startLine": line}},
            "logicalLocations": logical}]
        results.append(item)
    # No informationUri: schemacheck has no published home yet (it is not on PyPI).
    driver = {"name": "schemacheck", "version": result.version, "rules": rules}
    doc: dict[str, Any] = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
                           "version": "2.1.0",
                           "runs": [{"tool": {"driver": driver}, "results": results}]}
    if result.incomplete:  # the tool did not finish what it was asked to do
        doc["runs"][0]["invocations"] = [{"executionSuccessful": False,
                                          "toolExecutionNotifications": [
                                              {"level": "error", "message": {"text": reason}}
                                              for reason in result.incomplete]}]
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
