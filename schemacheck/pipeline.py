"""One run, in one direction: config -> sources -> contracts -> diff + rules (+ probe) -> result."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schemacheck import cache
from schemacheck.catalog import RULES, confirms, make_finding
from schemacheck.completeness import incomplete_reasons
from schemacheck.config import Config, auth_headers, find_config, load_config, secret_part
from schemacheck.config_defaults import CONTROL, HEADER_NAME
from schemacheck.contracts import ContractSet, make_contracts
from schemacheck.diagnostics import Diagnostic
from schemacheck.diff import diff_all
from schemacheck.errors import EXIT_SOURCE, ConfigError, ProbeError, SchemacheckError, SourceError
from schemacheck.examples_check import check_examples
from schemacheck.findings import Finding, Severity
from schemacheck.gate import exit_code, ignored_by, load_baseline
from schemacheck.probe.redact import is_secret_header
from schemacheck.result import OperationResult, RunResult, resource_of
from schemacheck.rootcause import by_declaration
from schemacheck.rules import evaluate, removed_operations
from schemacheck.sources.fetch import is_url, origin
from schemacheck.sources.openapi import Spec
from schemacheck.sources.typescript import DocSet

if TYPE_CHECKING:
    from schemacheck.probe.probes import ProbeInputs, ProbeReport


@dataclass(kw_only=True)
class Overrides:
    """Command-line values; each one, when given, wins over the config file."""

    config: str | None = None
    docs: list[str] = field(default_factory=list)
    openapi: str | None = None
    headers: list[str] = field(default_factory=list)
    base_url: str | None = None
    fail_on: str | None = None
    baseline: str | None = None
    allow_writes: bool = False
    concurrency: int | None = None
    timeout: float | None = None
    field_by_field: bool = False
    allow_remote_refs: bool = False
    date: str | None = None  # YYYY-MM-DD printed in reports (default: SOURCE_DATE_EPOCH or today)
    dry_run: bool = False  # plan the probe, send nothing
    promises: bool = False  # also send each promise of the docs once (within the write rules)
    no_config: bool = False  # --no-config: read no settings file, only flags and SCHEMACHECK_*
    progress: bool = True  # a progress bar on a terminal (off with -q)


def settings(over: Overrides) -> Config:
    """Flags over SCHEMACHECK_* variables over the settings file (config.py finds it)."""
    if over.no_config and over.config:
        raise ConfigError("--config and --no-config: choose one")
    config = load_config(None if over.no_config else find_config(over.config))
    if over.docs:
        config.docs = list(over.docs)
    if over.openapi:
        config.openapi = over.openapi
    if over.base_url:
        config.base_url = over.base_url
    for header in over.headers:
        name, value = parse_header(header)
        config.headers[name] = value
        if is_secret_header(name):  # `X-Trace: abc` is shown as given
            config.secrets.append(secret_part(value))
        config.unresolved.pop(f"headers.{name}", None)  # the flag replaces the file's value
    if over.fail_on:
        config.fail_on = Severity.parse(over.fail_on, "--fail-on")
    if over.baseline:
        config.baseline = over.baseline
    if over.allow_writes and not isinstance(config.probe.allow_writes, list):
        config.probe.allow_writes = True  # a configured list keeps naming its actions
    if over.concurrency is not None:
        if over.concurrency < 1:
            raise ConfigError(f"--concurrency {over.concurrency}: must be at least 1")
        config.probe.concurrency = over.concurrency
    if over.timeout is not None:
        if not over.timeout > 0 or over.timeout == float("inf"):
            raise ConfigError(f"--timeout {over.timeout:g}: must be a number of seconds above 0")
        config.probe.timeout = over.timeout
    config.probe.field_by_field = config.probe.field_by_field or over.field_by_field
    config.allow_remote_refs = config.allow_remote_refs or over.allow_remote_refs
    if not config.docs:
        raise ConfigError("no docs given: pass --docs PATH or set `docs` in schemacheck.yaml")
    if not config.openapi_source():
        raise ConfigError("no OpenAPI given: pass --openapi URL|FILE (or --base-url) or set "
                          "`openapi` in schemacheck.yaml")
    return config




def parse_header(header: str) -> tuple[str, str]:
    """--header 'Name: value'. Errors name the header, never its value (it may be a token)."""
    name, sep, value = header.partition(":")
    name = name.strip()
    if sep and HEADER_NAME.fullmatch(name):
        if CONTROL.search(value):
            raise ConfigError(f"--header {name}: the value cannot hold line breaks or control "
                              "characters")
        return name, value.strip()
    first = header.strip().split(" ", 1)[0].split(":", 1)[0]
    if " " in header.strip() and HEADER_NAME.fullmatch(first):
        shown = f"--header {first}..."  # the name is not a secret; what follows may be
    else:
        shown = f"--header (a value of {len(header)} characters, not shown)"
    problem = "the name is empty" if sep and not name else "write it as 'Name: value'"
    raise ConfigError(f"{shown}: {problem}")


def run_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(
        dt.timezone.utc)
    return moment.strftime("%Y-%m-%d")


@dataclass
class Loaded:
    config: Config
    docs: DocSet
    spec: Spec | None
    contracts: ContractSet
    result: RunResult


def _digest(path: str) -> str:
    try:
        return "sha256:" + hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def run_static(config: Config, date: str | None = None) -> Loaded:
    """Load both sources and diff them; a source that fails becomes a diagnostic."""
    source = config.openapi_source() or ""
    cache.prefetch_spec(source, config.allow_remote_refs)  # on the second core, meanwhile:
    docs, docs_key = cache.cached_docs(config.docs)
    result = RunResult(generated=date or run_date(), inputs={
        "docs": [{"path": p, "digest": _digest(p)} for p in docs.files],
        "openapi": {"source": source}, "base_url": config.base_url,
    })
    result.diagnostics = [d.to_json() for d in sorted(docs.diagnostics)]
    # Credentials go only to the configured origin: not to a spec served from elsewhere.
    same_origin = not config.base_url or not is_url(source) or origin(source) == origin(
        config.base_url)
    headers = auth_headers(config) if same_origin and is_url(source) else {}
    try:
        spec, spec_key = cache.cached_spec(source, headers, config.timeout,
                                           config.verify_tls, config.allow_remote_refs)
    except SourceError as exc:
        result.diagnostics.append(Diagnostic("error", str(exc), source).to_json())
        result.incomplete = [f"openapi: {exc}"]
        return Loaded(config, docs, None, ContractSet(), result)
    assert spec is not None
    result.inputs["openapi"].update(digest=spec.digest, version=spec.version, title=spec.title)
    result.diagnostics += [d.to_json() for d in sorted(spec.diagnostics)]
    contracts, findings, incomplete = cache.remember(
        "diff", docs_key and spec_key and repr((docs_key, spec_key, cache.config_key(config))),
        lambda: _compare(docs, spec, config))
    result.contracts = [c.to_json() for c in contracts.contracts]
    result.uncovered = contracts.uncovered
    result.unmatched = contracts.unmatched
    result.refused = contracts.refused
    documented: dict[str, list[str]] = {}
    for contract in contracts.contracts:
        if contract.operation:
            documented.setdefault(contract.operation, []).append(contract.part)
    result.operations = [OperationResult(op.key, resource_of(op.path, op.tags),
                                         documented.get(op.key, []), summary=op.summary)
                         for op in spec.operations]
    result.findings = findings
    result.incomplete = incomplete
    return Loaded(config, docs, spec, contracts, result)


def _compare(docs: DocSet, spec: Spec, config: Config
             ) -> tuple[ContractSet, list[Finding], list[str]]:
    """Pair the documented types with the operations, then diff each pair and apply the rules:
    a function of the docs, the spec and the configured contracts only (so it can be cached).
    Also why the comparison is incomplete, if it is (completeness.py)."""
    contracts = make_contracts(docs, spec, config.contracts)
    facts = diff_all(contracts.contracts, docs, spec)
    incomplete = incomplete_reasons(
        doc_types=docs.types, operations=[op.key for op in spec.operations],
        doc_errors=[f"{d.where}: {d.message}".replace(f"{d.where}: {d.where}: ", f"{d.where}: ")
                    for d in sorted(docs.diagnostics) if d.level == "error"],
        contracts=contracts.contracts, facts=facts, configured=config.contracts)
    found = evaluate(facts) + removed_operations(contracts.removed)
    examples = check_examples(docs, spec, contracts.contracts,
                              {(f.operation, f.location) for f in found})
    return contracts, found + examples, incomplete


def finish(loaded: Loaded) -> int:
    """Apply ignores and the gate; returns the exit code and records it in the result."""
    config, result = loaded.config, loaded.result
    kept: list[Finding] = []
    for finding in result.findings:
        rule = ignored_by(finding, config.ignores)
        if rule is None:
            kept.append(finding)
        else:
            result.ignored.append({"fingerprint": finding.fingerprint, "rule": finding.rule,
                                   "operation": finding.operation, "location": finding.location,
                                   "reason": rule.reason})
    kept = by_declaration(kept)  # after the probe and the ignores, which work place by place
    result.findings = kept
    owners: set[str] = set()
    for finding in kept:
        owners.add((finding.docs or {}).get("type_name") or "")
        owners.add(((finding.fix or {}).get("docs") or {}).get("type") or "")
    result.docs_types = {name: loaded.docs.schemas.schemas[name] for name in sorted(owners)
                         if name in loaded.docs.schemas.schemas}
    result.docs_excerpts = {name: excerpt for name in sorted(result.docs_types)
                            if (excerpt := loaded.docs.excerpt(name)) is not None}
    # Reporters point a finding with no docs line at its operation's documented type.
    unlocated = {f.operation for f in kept if f.operation and not (f.docs or {}).get("where")}
    for contract in result.contracts:
        name = contract.get("docs")
        if contract.get("operation") in unlocated and name and name not in result.docs_excerpts:
            if (excerpt := loaded.docs.excerpt(name)) is not None:
                result.docs_excerpts[name] = excerpt
    implicated = {p.operation for f in kept for p in f.affects
                  if p.operation and p.location.startswith("body")}
    result.docs_examples = {
        f"{method} {path}": [example.to_json() for example in examples]
        for (method, path), examples in sorted(loaded.docs.examples.items())
        if f"{method} {path}" in implicated}
    baseline = load_baseline(config.baseline)
    code = exit_code(kept, config.fail_on, baseline)
    if loaded.spec is None or result.incomplete:
        code = EXIT_SOURCE  # INCOMPLETE: never a pass, whatever the findings say
    baselined = sorted(f.fingerprint for f in kept if f.fingerprint in baseline)
    # "N new, M baselined": every reporter reads these two counts from here.
    result.gate = {"fail_on": config.fail_on.name, "exit_code": code, "baselined": baselined,
                   "new": len(kept) - len(baselined)}
    return code




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
            loaded.result.diagnostics.append(Diagnostic(
                "warning", f"not probed: {exc}", "base_url").to_json())
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
        loaded.result.gate["exit_code"] = code
    return loaded, code, problem


def dry_run(over: Overrides) -> tuple[Loaded, list[dict[str, Any]], list[dict[str, Any]]]:
    """The probe's plan (class, request, payload, why) without sending anything: no login,
    no request to the backend. Only the OpenAPI document is read (fetched when it is a URL)."""
    from schemacheck.probe.dry_run import describe
    from schemacheck.probe.probes import plan_only
    from schemacheck.probe.redact import Redactor

    loaded = run_static(settings(over), over.date)
    if loaded.spec is None:
        raise SourceError(next((d["message"] for d in loaded.result.diagnostics
                                if d["level"] == "error"), "the OpenAPI could not be loaded"))
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
        loaded.result.diagnostics.append(Diagnostic("error", str(exc), "workflows").to_json())
    answers: dict[str, list[tuple[Any, str]]] = {}
    requests: dict[str, list[tuple[Any, str]]] = {}
    for example in loaded.docs.docs_examples:
        if example.role in ("request", "response"):
            (answers if example.role == "response" else requests).setdefault(
                f"{example.method} {example.path}", []).append((example.value, example.where))
    for (method, path), calls in sorted(loaded.docs.examples.items()):
        requests.setdefault(f"{method} {path}", []).extend((c.value, c.where) for c in calls)
    return ProbeInputs(loaded.config, loaded.spec, loaded.contracts.contracts,
                       loaded.docs.schemas, loaded.docs.examples, over.allow_writes,
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
    """Fold what the probe saw into the run: statuses, exchanges and findings; a static
    finding that live evidence explains is confirmed instead of reported twice."""
    from schemacheck.probe.probes import unreachable_finding

    result = loaded.result
    result.inputs["base_url"] = report.base_url
    if report.unreachable is not None:
        result.findings.append(unreachable_finding(report.base_url, report.unreachable))
        for op in result.operations:
            op.probe = {"status": "unreachable", "reason": report.unreachable}
        raise ProbeError(f"{report.base_url}: backend unreachable: {report.unreachable}")
    offset = len(result.exchanges)
    result.exchanges += report.exchanges
    result.workflows = [{**flow, "steps": [
        {**step, "exchange": step["exchange"] + offset} if "exchange" in step else step
        for step in flow["steps"]]} for flow in report.workflows]
    by_key = {o.operation: o for o in result.operations}
    for key, status in report.statuses.items():
        if "exchange" in status:
            status = {**status, "exchange": status["exchange"] + offset}
        by_key[key].probe = status
    statics: dict[tuple[str | None, str], list[int]] = {}
    for index, finding in enumerate(result.findings):
        statics.setdefault((finding.operation, finding.location), []).append(index)
    confirmed: set[tuple[str, str]] = set()
    for operation, location, evidence in report.confirms:
        for index in statics.get((operation, location), []):
            finding = result.findings[index]
            if confirms(finding.rule, evidence):
                # seen live, a drift the policy lowered (a declared default) is the real one
                floor = RULES[finding.rule].severity
                severity = max(Severity[finding.severity], floor).name
                result.findings[index] = replace(finding.confirm(evidence), severity=severity)
                confirmed.add((operation, location))
    for finding in report.findings:
        if finding.rule in ABSORBED and (finding.operation or "", finding.location) in confirmed:
            continue  # the static finding now carries this evidence
        result.findings.append(finding)
    _refute(result, report.observed)
    for left in report.left_behind:
        result.findings.append(make_finding(
            "probe-left-behind", operation=left["created_by"], location=left["object"],
            message=f"left behind: {left['object']}, created by {left['created_by']}: "
                    f"{left['reason']}", evidence=left,
            root_cause=f"left-behind:{left['object']}"))


# Probe findings that a confirmed static finding at the same place replaces.
ABSORBED = ("probe-minimal-payload-rejected", "probe-response-violates-docs",
            "docs-example-rejected")


def _refute(result: RunResult, observed: dict[str, dict[str, dict[str, int]]]) -> None:
    """A field the spec lets the backend omit, which every live answer carried, is "not seen
    live": one severity lower, with both facts."""
    for index, finding in enumerate(result.findings):
        if finding.rule != "response-field-optional-but-documented-required" or finding.confirmed:
            continue
        seen = observed.get(finding.operation or "", {}).get(finding.location)
        if not seen or seen["present"] == 0 or seen["absent"]:
            continue
        lower = Severity(max(finding.level - 1, Severity.info))
        answers = seen["present"]
        result.findings[index] = replace(
            finding, severity=lower.name,
            message=f"{finding.message} (not seen live: the spec allows omitting it; the "
                    f"backend sent it in all {answers} answer{'s' if answers != 1 else ''})",
            evidence={**(finding.evidence or {}), "not_seen_live": True, "observed": seen})
