"""`schemacheck traffic FILE.har`: recorded requests and answers checked like the probe's.

Each entry is mapped to an operation by its path template (routes.py); its answer is read by
the probe's own Interpreter (so a recorded 500, 422 or drifted 2xx body is the same finding the
probe would make), and its JSON body and query are validated against the documented request
types and the backend's. What was seen is handed to the pipeline as a ProbeReport, so static
findings are confirmed exactly as by the probe. Entries are scrubbed of secrets when the HAR is
read (har.py, scrub.py): nothing here ever holds a secret.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator

from schemacheck.contracts import doc_part_schema, part_schema
from schemacheck.diagnostics import Diagnostic
from schemacheck.errors import EXIT_SOURCE, ConfigError
from schemacheck.finding_parts import Exchange, Violation
from schemacheck.findings import Evidence, Finding, Severity
from schemacheck.har import Entry, read_har
from schemacheck.model import Schema, SchemaSet
from schemacheck.pipeline import Loaded, Overrides, finish, merge_probe, run_static, settings
from schemacheck.probe.client import Answer, Redactor, curl
from schemacheck.probe.interpret import Interpreter, Outcome, body_excerpt, json_path_location
from schemacheck.probe.observe import Observed
from schemacheck.probe.probes import ProbeReport
from schemacheck.query_values import query_object
from schemacheck.result import ProbeStatus, TrafficInput
from schemacheck.routes import Router
from schemacheck.sources.fetch import origin
from schemacheck.sources.openapi import Operation

CREDENTIAL = "the recorded request's credentials"
RANK = {"passed": 0, "inconclusive": 1, "unreachable": 2, "failed": 3}
MAX_VIOLATIONS = 20
REQUIRED = re.compile(r"^'(.+)' is a required property$")


@dataclass
class _Seen:
    """One operation's recorded exchanges."""

    status: ProbeStatus  # the worst one seen (RANK)
    entries: int = 0
    statuses: set[int] = field(default_factory=set)


def run_traffic(over: Overrides, har: str) -> tuple[Loaded, int]:
    """The command: the HAR first (a broken one is one line, exit 3), then the diff, then the
    entries; a recording that matched no operation is incomplete (exit 3)."""
    if over.date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", over.date):
        raise ConfigError(f"--date {over.date!r}: write it as YYYY-MM-DD")
    config = settings(over)
    entries, diagnostics = read_har(har, list(config.secrets))
    loaded = run_static(config, over.date)
    loaded.result = replace(loaded.result, inputs=replace(
        loaded.result.inputs, traffic=TrafficInput(har, _digest(har), len(entries))))
    loaded.note(*diagnostics)
    matched = check_traffic(loaded, entries) if loaded.spec is not None else 0
    code = finish(loaded)
    if loaded.spec is not None and not matched:
        counts = loaded.result.inputs.traffic
        why = f" ({counts.other_hosts} went to other hosts than {config.base_url}; is " \
              "--base-url right?)" if counts and counts.other_hosts else ""
        loaded.note(Diagnostic(
            "error", "no recorded entry matched an operation of the spec: nothing was checked"
            + why, har))
        code = EXIT_SOURCE
        loaded.result = replace(loaded.result, gate=replace(loaded.result.gate, exit_code=code))
    return loaded, code


def _digest(path: str) -> str:
    return "sha256:" + hashlib.sha256(Path(path).read_bytes()).hexdigest()


class _Checker:
    def __init__(self, loaded: Loaded) -> None:
        assert loaded.spec is not None
        self.loaded = loaded
        self.spec = loaded.spec
        config = loaded.config
        base_path = urlsplit(config.base_url).path if config.base_url else ""
        self.router = Router(self.spec.operations, [base_path, self.spec.base_path])
        self.origin = origin(config.base_url) if config.base_url else None
        self.redact = Redactor(list(config.secrets))
        self.interpreter = Interpreter(loaded.docs.schemas, self.spec.schemas, self.redact,
                                       CREDENTIAL)
        self.parts: dict[tuple[str, str], str] = {}
        for contract in loaded.contracts.contracts:
            if contract.operation:
                self.parts.setdefault((contract.operation, contract.part), contract.doc_type)
        self.validators: dict[str, Draft202012Validator] = {}
        self.findings: dict[tuple[str, str | None, str], Finding] = {}
        self.counts: dict[tuple[str, str | None, str], int] = {}
        self.seen: dict[str, _Seen] = {}
        self.unmatched: dict[tuple[str, str], list[int]] = {}
        self.elsewhere = 0
        self.preflights = 0
        self.exchanges: list[Exchange] = []
        self.confirms: dict[tuple[str, str, str], Evidence] = {}
        self.observed: dict[str, Observed] = {}

    def entry(self, entry: Entry) -> bool:
        if self.origin is not None and origin(entry.url) != self.origin:
            self.elsewhere += 1
            return False
        op, path_known = self.router.match(entry.method, entry.url)
        if op is None and entry.method == "OPTIONS":
            self.preflights += 1  # the browser's CORS preflight, not the app's traffic
            return False
        if op is None:
            reason = "its method is not in the spec for this path" if path_known else (
                "no path of the spec matches")
            self.unmatched.setdefault((f"{entry.method} {urlsplit(entry.url).path}", reason),
                                      []).append(entry.number)
            return False
        answer = Answer(entry.status, entry.headers, entry.body, False,
                        None if entry.status is not None else "no answer was recorded")
        exchange = self._exchange(op, entry, answer)
        evidence = Evidence.of(exchange)
        doc_response = self.parts.get((op.key, "response"))
        if entry.status is None:  # aborted or cancelled in the browser: nothing to read
            outcome = Outcome(ProbeStatus(status="inconclusive",
                                          reason="no answer was recorded"))
        elif 200 <= entry.status < 300 and not entry.body_recorded:
            outcome = Outcome(ProbeStatus(status="inconclusive", http_status=entry.status,
                                          reason="the recording kept no response body"))
        else:
            outcome = self.interpreter.read(
                op.key, op.method, answer, evidence,
                doc_part_schema(doc_response) if doc_response else None, doc_response,
                _response_schema(op, entry.status))
        body = outcome.body
        if entry.status == 422:
            _client_values(outcome)
        findings = [_recorded(f) for f in outcome.findings] + self._request(op, entry, evidence)
        new = self._keep(findings)
        self._confirm(op, outcome, evidence, body)
        seen = self.seen.get(op.key)
        if seen is None or new:
            outcome.status = replace(outcome.status, exchange=len(self.exchanges))
            self.exchanges.append(exchange)
        if seen is None:
            seen = self.seen[op.key] = _Seen(outcome.status)
        elif RANK.get(outcome.status.status, 0) > RANK.get(seen.status.status, 0):
            seen.status = outcome.status
        seen.entries += 1
        if entry.status is not None:
            seen.statuses.add(entry.status)
        return True

    def _exchange(self, op: Operation, entry: Entry, answer: Answer) -> Exchange:
        body = entry.request_json if entry.request_json is not None else entry.request_text
        headers = {"Authorization": "Bearer $TOKEN"} if entry.authenticated else {}
        return Exchange(
            operation=op.key, method=entry.method, url=entry.url, request_body=body,
            payload_from="recorded", status=entry.status, error=answer.error, attempts=1,
            truncated=False, response=body_excerpt(answer, self.redact),
            curl=curl(entry.method, entry.url, headers, entry.request_json, self.redact),
            har_entry=entry.number)

    def _request(self, op: Operation, entry: Entry, evidence: Evidence) -> list[Finding]:
        """The recorded JSON body and query against the documented types and the backend's."""
        out: list[Finding] = []
        body = entry.request_json is not None and op.method not in ("GET", "HEAD", "DELETE")
        for part, root in (("request", "body"), ("query", "query")):
            if part == "request" and not body:
                continue
            doc_type = self.parts.get((op.key, part))
            sides: list[tuple[str, Severity, SchemaSet, Schema | None, str]] = [
                ("traffic-request-violates-docs", Severity.medium, self.loaded.docs.schemas,
                 doc_part_schema(doc_type) if doc_type else None,
                 f"the documented type ({doc_type})"),
                ("traffic-request-violates-openapi", Severity.high, self.spec.schemas,
                 part_schema(op, part), f"the backend's {part} schema")]
            for rule, severity, schemas, schema, side in sides:
                if schema is None:
                    continue
                value = entry.request_json if part == "request" else query_object(
                    entry.url, schema, schemas)
                out += self._check(op, rule, severity, schemas, schema, side, root, value,
                                   evidence)
        return out

    def _check(self, op: Operation, rule: str, severity: Severity, schemas: SchemaSet,
               schema: Schema, side: str, root: str, value: Any,
               evidence: Evidence) -> list[Finding]:
        key = f"{rule}:{op.key}:{root}"
        if key not in self.validators:
            self.validators[key] = Draft202012Validator(schemas.validator_schema(schema))
        out = []
        for location, errors in _violations(self.validators[key], value, root):
            first = errors[0]
            more = f" and {len(errors) - 1} more" if len(errors) > 1 else ""
            out.append(Finding(
                rule, severity.name, op.key, location,
                f"the recorded request breaks {side}: {self.redact(first.message)}{more}",
                evidence=replace(evidence, violations=tuple(
                    Violation(location, self.redact(e.message)[:300]) for e in errors[:5])),
                root_cause=f"{rule}:{op.key}:{location}"))
        return out

    def _keep(self, findings: list[Finding]) -> bool:
        new = False
        for finding in findings:
            key = (finding.rule, finding.operation, finding.location)
            self.counts[key] = self.counts.get(key, 0) + 1
            if key not in self.findings:
                self.findings[key] = finding
                new = True
        return new

    def _confirm(self, op: Operation, outcome: Outcome, evidence: Evidence,
                 body: Any) -> None:
        """Live evidence for the static findings, handed to the pipeline like the probe's: a
        422 naming a field, a 2xx body breaking the documented type at a field, the keys the
        docs lack, and per-field presence counts."""
        for location, detail in outcome.confirms:
            error = detail.error if isinstance(detail.error, dict) else {}
            self.confirms.setdefault((op.key, location, str(detail.live or error.get("type", ""))),
                                     detail)
        doc_response = self.parts.get((op.key, "response"))
        if body is None or doc_response is None:
            return
        seen = self.observed.setdefault(op.key, Observed())
        seen.walk(body, doc_part_schema(doc_response), self.loaded.docs.schemas)
        for location, value in sorted(seen.undocumented.items()):
            shown = "(an object)" if isinstance(value, (dict, list)) else value
            self.confirms.setdefault((op.key, location, "undocumented"), replace(
                evidence, live="undocumented", value=shown))

    def report(self) -> ProbeReport:
        result = self.loaded.result
        report = ProbeReport(self.loaded.config.base_url or "", exchanges=self.exchanges)
        report.confirms = [(op, loc, detail) for (op, loc, _), detail in self.confirms.items()]
        statics = {(f.operation, f.location) for f in result.findings
                   if f.rule.startswith("request-")}
        for key, finding in sorted(self.findings.items(), key=lambda kv: str(kv[0])):
            evidence = replace(finding.evidence or Evidence(), recorded_times=self.counts[key])
            if finding.rule == "traffic-request-violates-openapi" and (
                    finding.operation, finding.location) in statics:
                kind = "missing" if "required property" in finding.message else "type"
                report.confirms.append((finding.operation or "", finding.location,
                                        replace(evidence, error={"type": kind})))
                continue  # the diff predicted it: the static finding carries it
            report.findings.append(replace(finding, evidence=evidence))
        for op_key, seen in self.seen.items():
            report.statuses[op_key] = replace(seen.status, recorded=seen.entries,
                                              statuses=tuple(sorted(seen.statuses)))
        report.observed = {op: {loc: s.to_json() for loc, s in sorted(o.fields.items())}
                           for op, o in sorted(self.observed.items())}
        return report

    def notes(self, har: str) -> list[Diagnostic]:
        out: list[Diagnostic] = []
        for (what, reason), numbers in sorted(self.unmatched.items()):
            shown = ", ".join(map(str, numbers[:10])) + (" ..." if len(numbers) > 10 else "")
            out.append(Diagnostic(
                "warning", f"{what}: unmatched ({reason}); {len(numbers)} recorded "
                f"(entries {shown})", har))
        if self.preflights:
            out.append(Diagnostic(
                "warning", f"{self.preflights} CORS preflight (OPTIONS) entries; not checked",
                har))
        if self.elsewhere:
            out.append(Diagnostic(
                "warning", f"{self.elsewhere} entries went to other hosts than the base URL; "
                "not checked", har))
        return out


def check_traffic(loaded: Loaded, entries: list[Entry]) -> int:
    """Check every entry; returns how many matched an operation."""
    checker = _Checker(loaded)
    matched = sum(checker.entry(entry) for entry in entries)
    inputs = loaded.result.inputs
    merge_probe(loaded, checker.report())
    traffic = inputs.traffic
    assert traffic is not None  # run_traffic names the HAR first
    loaded.note(*checker.notes(traffic.har))
    traffic = replace(traffic, matched=matched, other_hosts=checker.elsewhere,
                      unmatched=sum(len(v) for v in checker.unmatched.values()),
                      preflights=checker.preflights)
    # the recording's base URL, not a probed backend's
    loaded.result = replace(loaded.result, inputs=replace(inputs, traffic=traffic))
    return matched


def _client_values(outcome: Outcome) -> None:
    """The probe calls a 422 about a value's shape (length, pattern, format) its own sample's
    fault; a recorded value is the client's, so here it is a rejected request like the rest."""
    kept: list[Finding] = []
    for finding in outcome.findings:
        if finding.rule != "probe-invalid-sample":
            kept.append(finding)
            continue
        error = finding.evidence.error if finding.evidence and isinstance(
            finding.evidence.error, dict) else {}
        kept.append(Finding(
            "probe-minimal-payload-rejected", Severity.critical.name, finding.operation,
            finding.location, f"the recorded request was rejected: {error.get('msg', '')}",
            evidence=finding.evidence, root_cause=f"probe-rejected:{finding.operation}"))
        outcome.confirms.append((finding.location, finding.evidence or Evidence()))
    outcome.findings = kept
    if outcome.findings:
        outcome.status = ProbeStatus(status="failed", http_status=422)


def _recorded(finding: Finding) -> Finding:
    """The probe's words fit a request it chose; here the request was recorded."""
    if finding.rule == "probe-minimal-payload-rejected":
        return replace(finding, message=finding.message.replace(
            "the documented minimal payload was rejected", "the recorded request was rejected"))
    if finding.rule == "probe-server-error" and finding.message.endswith("documented request"):
        return replace(finding, message=finding.message.replace("a documented request",
                                                                "a recorded request"))
    return finding


def _response_schema(op: Operation, status: int | None) -> Schema | None:
    content = op.responses.get(str(status)) if status is not None else None
    if content:
        for media in sorted(content):
            if "json" in media:
                return content[media]
    success = op.success()
    return success[1] if success and status is not None and 200 <= status < 300 else None


def _violations(validator: Draft202012Validator, body: Any,
                root: str) -> list[tuple[str, list[Any]]]:
    grouped: dict[str, list[Any]] = {}
    for error in validator.iter_errors(body):
        path = list(error.absolute_path)
        missing = REQUIRED.match(error.message) if error.validator == "required" else None
        if missing:
            path.append(missing.group(1))
        grouped.setdefault(json_path_location(root, path), []).append(error)
        if sum(len(v) for v in grouped.values()) >= MAX_VIOLATIONS:
            break
    return sorted(grouped.items(), key=lambda kv: kv[0])
