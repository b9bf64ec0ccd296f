"""One run, in one direction: config -> sources -> contracts -> diff + rules (+ probe) -> result."""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schemacheck import cache
from schemacheck.catalog import RULES, confirms, make_finding
from schemacheck.completeness import (
    NOTHING,
    PROBE_ONLY,
    incomplete_reasons,
    unconstrained_note,
)
from schemacheck.config import Config, auth_headers
from schemacheck.contracts import ContractSet, Endpoints, make_contracts
from schemacheck.diagnostics import Diagnostic
from schemacheck.doc_usage import set_aside
from schemacheck.errors import ConfigError, ProbeError, SchemacheckError, SourceError
from schemacheck.examples_check import check_examples
from schemacheck.finding_parts import Exchange, Seen
from schemacheck.findings import Evidence, Finding, Severity
from schemacheck.gate import ignored_by, load_baseline, verdict
from schemacheck.gc_pause import paused
from schemacheck.judging import judge
from schemacheck.probe.redact import Redactor
from schemacheck.records import from_json, scrubbed
from schemacheck.result import (
    CallExample,
    ContractEntry,
    DocInput,
    Excerpt,
    Ignored,
    Inputs,
    OpenapiInput,
    OperationResult,
    ProbeRun,
    ProbeStatus,
    Refused,
    RunResult,
    WorkflowReport,
    resource_of,
)
from schemacheck.rootcause import by_declaration
from schemacheck.rules import removed_operations
from schemacheck.settings import Overrides, run_date, settings
from schemacheck.sources.fetch import is_url, origin
from schemacheck.sources.openapi import Spec
from schemacheck.sources.typescript import DocSet

if TYPE_CHECKING:
    from schemacheck.probe.probes import ProbeInputs, ProbeReport


@dataclass
class Loaded:
    """What one run holds while it runs. The result is frozen: each stage (static, probe or
    traffic, gate) hands back a new one, and `result` is the latest."""

    config: Config
    docs: DocSet
    spec: Spec | None
    contracts: ContractSet
    result: RunResult

    def note(self, *diagnostics: Diagnostic) -> None:
        self.result = replace(self.result,
                              diagnostics=(*self.result.diagnostics, *diagnostics))


def _digest(path: str) -> str:
    try:
        return "sha256:" + hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def run_static(config: Config, date: str | None = None) -> Loaded:
    """Load both sources and diff them; a source that fails becomes a diagnostic."""
    with paused():  # the whole static half allocates acyclic data only (gc_pause.py)
        return _run_static(config, date)


def _run_static(config: Config, date: str | None) -> Loaded:
    source = config.openapi_source() or ""
    cache.prefetch_spec(source, config.allow_remote_refs)  # on the second core, meanwhile:
    docs, docs_key = cache.cached_docs(config.docs)
    inputs = Inputs(tuple(DocInput(p, _digest(p)) for p in docs.files), OpenapiInput(source),
                    config.base_url)
    doc_notes = tuple(sorted(docs.diagnostics))
    generated = date or run_date()
    # Credentials go only to the configured origin: not to a spec served from elsewhere.
    same_origin = not config.base_url or not is_url(source) or origin(source) == origin(
        config.base_url)
    headers = auth_headers(config) if same_origin and is_url(source) else {}
    try:
        spec, spec_key = cache.cached_spec(source, headers, config.timeout,
                                           config.verify_tls, config.allow_remote_refs)
    except SourceError as exc:
        return Loaded(config, docs, None, ContractSet(), RunResult(
            generated, inputs, diagnostics=(*doc_notes, Diagnostic("error", str(exc), source)),
            incomplete=(f"openapi: {exc}",)))
    assert spec is not None
    inputs = replace(inputs, openapi=OpenapiInput(source, spec.digest, spec.version, spec.title))
    contracts, findings, incomplete = cache.remember(
        "diff", docs_key and spec_key and repr((docs_key, spec_key, cache.config_key(config))),
        lambda: _compare(docs, spec, config))
    unmatched, doc_notes = set_aside(docs, contracts, doc_notes)  # code found in a docs folder
    spec_notes = sorted(spec.diagnostics)
    if contracts.unconstrained:
        spec_notes.append(Diagnostic("warning", unconstrained_note(contracts.unconstrained),
                                     source))
    documented: dict[str, list[str]] = {}
    for contract in contracts.contracts:
        if contract.operation:
            documented.setdefault(contract.operation, []).append(contract.part)
    result = RunResult(
        generated, inputs,
        contracts=tuple(ContractEntry(c.operation, c.part, c.doc_type, c.backend, c.how,
                                      c.direction) for c in contracts.contracts),
        uncovered=tuple(contracts.uncovered), unmatched=tuple(unmatched),
        incomplete=tuple(incomplete),
        refused=tuple(from_json(Refused, r, "refused") for r in contracts.refused),
        operations=tuple(OperationResult(op.key, resource_of(op.path, op.tags),
                                         tuple(documented.get(op.key, [])), summary=op.summary)
                         for op in spec.compared_operations()),  # webhooks too: compared
        findings=tuple(findings), diagnostics=(*doc_notes, *spec_notes))
    return Loaded(config, docs, spec, contracts, result)


def _compare(docs: DocSet, spec: Spec, config: Config
             ) -> tuple[ContractSet, list[Finding], list[str]]:
    """Pair the documented types with the operations, then diff each pair and apply the rules:
    a function of the docs, the spec and the configured contracts only (so it can be cached).
    Also why the comparison is incomplete, if it is (completeness.py)."""
    contracts = make_contracts(docs, spec, config.contracts)
    judged = judge(contracts.contracts, docs, spec)  # the diff and the rules (judging.py)
    incomplete = incomplete_reasons(
        doc_types=docs.types, operations=[op.key for op in spec.compared_operations()],
        doc_errors=[f"{d.where}: {d.message}".replace(f"{d.where}: {d.where}: ", f"{d.where}: ")
                    for d in sorted(docs.diagnostics) if d.level == "error"],
        contracts=contracts.contracts, compared=judged.compared,
        unconstrained=judged.unconstrained, configured=config.contracts)
    contracts.unconstrained = [c for c in contracts.contracts
                               if c in judged.unconstrained and c not in judged.compared]
    found = judged.findings + removed_operations(contracts.removed)
    examples = check_examples(docs, spec, contracts.contracts,
                              {(f.operation, f.location) for f in found})
    return contracts, found + examples, incomplete


def finish(loaded: Loaded) -> int:
    """Apply ignores and the gate; returns the exit code and records it in the result."""
    loaded.result = gated(loaded)
    return loaded.result.gate.exit_code


def gated(loaded: Loaded) -> RunResult:
    """The last stage: ignores, root causes, what reporters quote of the docs, the gate."""
    config, result, docs = loaded.config, loaded.result, loaded.docs
    kept: list[Finding] = []
    ignored: list[Ignored] = []
    for finding in result.findings:
        rule = ignored_by(finding, config.ignores)
        if rule is None:
            kept.append(finding)
        else:
            ignored.append(Ignored(finding.fingerprint, finding.rule, finding.operation,
                                   finding.location, rule.reason))
    kept = by_declaration(kept)  # after the probe and the ignores, which work place by place
    owners: set[str] = set()
    for finding in kept:
        owners.add(finding.docs and finding.docs.type_name or "")
        owners.add(finding.fix and finding.fix.docs and finding.fix.docs.type or "")
    docs_types = {name: docs.schemas.schemas[name] for name in sorted(owners)
                  if name in docs.schemas.schemas}
    excerpts = {name: from_json(Excerpt, excerpt, f"excerpt {name}") for name in docs_types
                if (excerpt := docs.excerpt(name)) is not None}
    # Reporters point a finding with no docs line at its operation's documented type.
    unlocated = {f.operation for f in kept if f.operation and not (f.docs and f.docs.where)}
    for contract in result.contracts:
        name = contract.docs
        if contract.operation in unlocated and name and name not in excerpts:
            if (excerpt := docs.excerpt(name)) is not None:
                excerpts[name] = from_json(Excerpt, excerpt, f"excerpt {name}")
    implicated = {p.operation for f in kept for p in f.affects
                  if p.operation and p.location.startswith("body")}
    examples = {f"{method} {path}": tuple(CallExample(e.where, e.text, e.value) for e in calls)
                for (method, path), calls in sorted(docs.examples.items())
                if f"{method} {path}" in implicated}
    gate = verdict(kept, config.fail_on, load_baseline(config.baseline),
                   complete=loaded.spec is not None and not result.incomplete)
    result = replace(result, findings=tuple(kept), ignored=(*result.ignored, *ignored),
                     docs_types=docs_types, docs_excerpts=excerpts, docs_examples=examples,
                     gate=gate)
    if config.secrets:  # a configured secret quoted anywhere (a URL's password in a message)
        redact = Redactor(list(config.secrets))
        result = scrubbed(result, lambda value: _texts(value, redact))
    return result


def _texts(value: Any, redact: Redactor) -> Any:
    """A JSON value with the known secrets taken out of every string (and nothing else: a
    documented field named `password` keeps its schema)."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: _texts(sub, redact) for key, sub in value.items()}
    if isinstance(value, list):
        return [_texts(sub, redact) for sub in value]
    return value


def run_all(over: Overrides, probe: bool = True, need_base_url: bool = True
            ) -> tuple[Loaded, int, SchemacheckError | None]:
    """diff, then probe, then the gate. An unreachable backend still yields a result (exit 3);
    without a base URL, `need_base_url=False` (check) falls back to the static diff."""
    from schemacheck.probe.probes import base_url_of

    if over.date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", over.date):
        raise ConfigError(f"--date {over.date!r}: write it as YYYY-MM-DD")
    loaded = run_static(settings(over), over.date)
    problem: SchemacheckError | None = None
    if probe and loaded.spec is not None:
        try:
            base_url_of(loaded.config)
        except ConfigError as exc:
            if need_base_url:
                raise
            loaded.note(Diagnostic("warning", f"not probed: {exc}", "base_url"))
            probe = False
    if probe and loaded.spec is not None:
        loaded.config.require()  # every setting the probe reads, ${VAR}s included
        try:
            merge_probe(loaded, _run_probe(loaded, over))
        except ProbeError as exc:
            problem = exc
    code = finish(loaded)
    if problem is not None:
        code = problem.exit_code
        loaded.result = replace(loaded.result, gate=replace(loaded.result.gate, exit_code=code))
    return loaded, code, problem


def dry_run(over: Overrides) -> tuple[Loaded, list[dict[str, Any]], list[dict[str, Any]]]:
    """The probe's plan (class, request, payload, why) without sending anything: no login,
    no request to the backend. Only the OpenAPI document is read (fetched when it is a URL)."""
    from schemacheck.probe.dry_run import describe
    from schemacheck.probe.probes import plan_only
    from schemacheck.probe.redact import Redactor

    loaded = run_static(settings(over), over.date)
    if loaded.spec is None:
        raise SourceError(next((d.message for d in loaded.result.diagnostics
                                if d.level == "error"), "the OpenAPI could not be loaded"))
    loaded.config.require("probe")  # path and query values the plan shows
    inputs = probe_inputs(loaded, over)
    report = plan_only(inputs)
    rows = describe(report.plan, loaded.config.probe, report.base_url, loaded.spec.base_path)
    flows = [{"name": f.name, "where": f.where,
              "declared_in": f.origin,
              "steps": [{"step": s.name, "request": f"{s.method} {s.path}"} for s in f.steps]}
             for f in inputs.workflows]
    redact = Redactor(list(loaded.config.secrets))
    return loaded, [redact.scrub(row) for row in rows], [redact.scrub(f) for f in flows]


def probe_inputs(loaded: Loaded, over: Overrides) -> ProbeInputs:
    from schemacheck.probe.probes import ProbeInputs
    from schemacheck.probe.workflow import from_links, from_markdown, parse

    assert loaded.spec is not None
    flows = []
    config = loaded.config
    try:  # the config's workflows are the user's explicit choice: sent as written
        if config.workflows:
            # the file's name, not its path: reports stay the same on every machine
            name = config.path.name if config.path is not None else "the settings"
            flows += parse(config.workflows, name, explicit=True)
        flows += from_markdown(loaded.docs.files)
        flows += from_links(loaded.spec.operations)
    except SourceError as exc:  # a broken workflow: said, and the rest still runs
        loaded.note(Diagnostic("error", str(exc), "workflows"))
    answers: dict[str, list[tuple[Any, str]]] = {}
    requests: dict[str, list[tuple[Any, str]]] = {}
    endpoint = Endpoints(loaded.spec).operation  # docs' /api/v3/jobs: spec's /jobs
    for example in loaded.docs.docs_examples:
        if example.role in ("request", "response"):
            (answers if example.role == "response" else requests).setdefault(
                " ".join(endpoint(example.method, example.path)), []).append(
                (example.value, example.where))
    calls_of: dict[tuple[str, str], list[Any]] = {}
    for (method, path), calls in sorted(loaded.docs.examples.items()):
        requests.setdefault(" ".join(endpoint(method, path)), []).extend(
            (c.value, c.where) for c in calls)
        calls_of.setdefault(endpoint(method, path), []).extend(calls)
    return ProbeInputs(loaded.config, loaded.spec, loaded.contracts.contracts,
                       loaded.docs.schemas, calls_of, over.allow_writes,
                       over.promises, flows, answers, requests)


def _run_probe(loaded: Loaded, over: Overrides) -> ProbeReport:
    """The probe with a progress bar on a terminal (stderr)."""
    from rich.console import Console
    from rich.progress import Progress

    from schemacheck.probe.probes import run_probe

    progress = Progress(console=Console(stderr=True), transient=True,
                        disable=not (over.progress and sys.stderr.isatty()))
    with progress:
        task = progress.add_task("probing", total=None)

        def on_event(kind: str, count: int) -> None:
            if kind == "planned":
                progress.update(task, total=count)
            else:
                progress.advance(task, count)

        return run_probe(probe_inputs(loaded, over), on_event)


def merge_probe(loaded: Loaded, report: ProbeReport) -> None:
    """The probe's stage of the run: the merged result replaces the static one; a backend
    that never answered is then a ProbeError (the result still says so)."""
    loaded.result = merged(loaded.result, report)
    if report.unreachable is not None:
        raise ProbeError(f"{report.base_url}: backend unreachable: {report.unreachable}")


def merged(result: RunResult, report: ProbeReport) -> RunResult:
    """Fold what the probe saw into the run: statuses, exchanges and findings; a static
    finding that live evidence explains is confirmed instead of reported twice."""
    from schemacheck.probe.probes import unreachable_finding

    inputs = replace(result.inputs, base_url=report.base_url)
    if report.unreachable is not None:
        down = ProbeStatus(status="unreachable", reason=report.unreachable)
        return replace(result, inputs=inputs, findings=(
            *result.findings, unreachable_finding(report.base_url, report.unreachable)),
            operations=tuple(replace(op, probe=down) for op in result.operations),
            probe_run=_probe_run(report, result))
    offset = len(result.exchanges)  # the report's indices count from its own first exchange
    exchanges = tuple(report.exchanges)
    workflows = tuple(_shifted_flow(flow, offset) for flow in report.workflows)
    statuses = report.statuses  # records the probe built field by field: nothing to read
    known = {o.operation for o in result.operations}
    if unknown := sorted(statuses.keys() - known):
        raise KeyError(f"the probe reported {unknown[0]}, no operation of the spec")
    operations = tuple(replace(o, probe=_shifted(statuses[o.operation], offset))
                       if o.operation in statuses else o for o in result.operations)
    findings = list(result.findings)
    statics: dict[tuple[str | None, str], list[int]] = {}
    for index, finding in enumerate(findings):
        statics.setdefault((finding.operation, finding.location), []).append(index)
    confirmed: set[tuple[str, str]] = set()
    for operation, location, evidence in report.confirms:
        for index in statics.get((operation, location), []):
            finding = findings[index]
            if confirms(finding.rule, evidence):
                # seen live, a drift the policy lowered (a declared default) is the real one
                floor = RULES[finding.rule].severity
                severity = max(Severity[finding.severity], floor).name
                findings[index] = replace(finding.confirm(evidence), severity=severity)
                confirmed.add((operation, location))
    for finding in report.findings:
        if finding.rule in ABSORBED and (finding.operation or "", finding.location) in confirmed:
            continue  # the static finding now carries this evidence
        findings.append(finding)
    findings = _refuted(findings, report.observed)
    for left in report.left_behind:
        evidence = Evidence(left=left.object, id=left.id, created_by=left.created_by,
                            reason=left.reason)
        findings.append(make_finding(
            "probe-left-behind", operation=left.created_by, location=left.object,
            message=f"left behind: {left.object}, created by {left.created_by}: "
                    f"{left.reason}", evidence=evidence,
            root_cause=f"left-behind:{left.object}"))
    incomplete = result.incomplete
    every = (*result.exchanges, *exchanges)
    if any(_answer_checked(op, every) for op in operations):  # the docs were compared: live
        incomplete = tuple(r for r in incomplete if r not in (PROBE_ONLY, NOTHING))
    return replace(result, inputs=inputs, exchanges=every,
                   workflows=workflows, operations=operations, findings=tuple(findings),
                   incomplete=incomplete, probe_run=_probe_run(report, result))


def _probe_run(report: ProbeReport, result: RunResult) -> ProbeRun | None:
    """The probe's own count of what it sent; a recording (traffic) sent nothing."""
    if not report.requests and not report.kept and not report.examples_not_verified:
        return result.probe_run
    return ProbeRun(sent=sum(report.requests.values()), requests=dict(report.requests),
                    kept=tuple(report.kept),
                    examples_not_verified=tuple(report.examples_not_verified))


def _answer_checked(op: OperationResult, exchanges: tuple[Exchange, ...]) -> bool:
    """Whether a 2xx answer with a body, of a documented response, was validated against the
    docs (an empty 204 compared nothing)."""
    status = op.probe
    if status is None or "response" not in op.documented or status.exchange is None \
            or status.status not in ("passed", "failed") or status.http_status is None \
            or not 200 <= status.http_status < 300:
        return False
    return exchanges[status.exchange].response not in (None, "", {}, [])


def _shifted(status: ProbeStatus, offset: int) -> ProbeStatus:
    return status if status.exchange is None else replace(status,
                                                          exchange=status.exchange + offset)


def _shifted_flow(flow: WorkflowReport, offset: int) -> WorkflowReport:
    return replace(flow, steps=tuple(
        step if step.exchange is None else replace(step, exchange=step.exchange + offset)
        for step in flow.steps))


# Probe findings that a confirmed static finding at the same place replaces.
ABSORBED = ("probe-minimal-payload-rejected", "probe-response-violates-docs",
            "docs-example-rejected")


def _refuted(findings: list[Finding], observed: dict[str, dict[str, dict[str, int]]]
             ) -> list[Finding]:
    """A field the spec lets the backend omit, which every live answer carried, is "not seen
    live": one severity lower, with both facts."""
    out: list[Finding] = []
    for finding in findings:
        seen = observed.get(finding.operation or "", {}).get(finding.location)
        if finding.rule != "response-field-optional-but-documented-required" or \
                finding.confirmed or not seen or seen["present"] == 0 or seen["absent"]:
            out.append(finding)
            continue
        lower = Severity(max(finding.level - 1, Severity.info))
        answers = seen["present"]
        out.append(replace(
            finding, severity=lower.name,
            message=f"{finding.message} (not seen live: the spec allows omitting it; the "
                    f"backend sent it in all {answers} answer{'s' if answers != 1 else ''})",
            evidence=replace(finding.evidence or Evidence(), not_seen_live=True,
                             observed=Seen(**seen))))
    return out
