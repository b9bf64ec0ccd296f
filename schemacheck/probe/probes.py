"""Run the probe: plan, send phase by phase, read the answers, clean up what was created, and
return what was seen as a ProbeReport. The pipeline merges it into the run result; nothing
here knows about the pipeline or the progress display (they listen through `on_event`).
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar
from urllib.parse import urlencode, urlsplit

from schemacheck.catalog import make_finding
from schemacheck.config import Config, auth_headers
from schemacheck.contracts import Contract, doc_part_schema
from schemacheck.errors import ConfigError, ProbeError
from schemacheck.finding_parts import Exchange, Retried
from schemacheck.findings import Declared, Evidence, Finding
from schemacheck.model import SchemaSet
from schemacheck.probe.cleanup import (
    LeftBehind,
    Sent,
    census,
    cleanup,
    deliver,
    guarded,
    json_or_none,
    mark_deleted,
    prove,
    record_write,
    settle,
)
from schemacheck.probe.client import Answer, ProbeClient, curl, purpose
from schemacheck.probe.example_live import stale_fields
from schemacheck.probe.fields import observe, variants
from schemacheck.probe.interpret import (
    Interpreter,
    Outcome,
    body_excerpt,
    location_of,
    validation_errors,
)
from schemacheck.probe.media import Encoded, encode, request_media
from schemacheck.probe.observe import Observed
from schemacheck.probe.plan import (
    Harvest,
    Phase,
    Planned,
    own_body,
    own_reads,
    plan,
    resolve_params,
)
from schemacheck.probe.promises import promises
from schemacheck.probe.redact import Redactor
from schemacheck.probe.retry import corrected, is_sample_error
from schemacheck.probe.safety import Kind, reserved
from schemacheck.probe.workflow import Workflow
from schemacheck.probe.workflow_run import run_workflows
from schemacheck.records import scrubbed
from schemacheck.result import ExampleNotVerified, Kept, ProbeStatus, WorkflowReport
from schemacheck.sources.openapi import Spec
from schemacheck.sources.ts_examples import Example

Event = Callable[[str, int], None]  # ("planned", total) then ("sent", n) as batches finish


@dataclass(frozen=True)
class ProbeInputs:
    config: Config
    spec: Spec
    contracts: list[Contract]
    docs: SchemaSet
    examples: dict[tuple[str, str], list[Example]]
    creates_allowed: bool = False  # --allow-writes
    promises: bool = False  # --promises
    workflows: list[Workflow] = field(default_factory=list)
    # operation -> the docs' response / request examples: (value, file:line)
    response_examples: dict[str, list[tuple[Any, str]]] = field(default_factory=dict)
    request_examples: dict[str, list[tuple[Any, str]]] = field(default_factory=dict)


@dataclass
class ProbeReport:
    """What the probe saw. Statuses and exchanges are keyed and indexed like the run result."""

    base_url: str
    plan: list[Planned] = field(default_factory=list)
    statuses: dict[str, ProbeStatus] = field(default_factory=dict)
    exchanges: list[Exchange] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # (operation, location, evidence): live evidence for the static findings at that place
    confirms: list[tuple[str, str, Evidence]] = field(default_factory=list)
    left_behind: list[LeftBehind] = field(default_factory=list)
    # operation -> response location -> {present, absent, null}: what the 2xx bodies carried
    observed: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    workflows: list[WorkflowReport] = field(default_factory=list)  # each step's outcome
    unreachable: str | None = None  # the transport error when the backend never answered
    # every request the backend was sent, by purpose (client.PURPOSES): the one count of
    # what was sent, exchanges or not
    requests: dict[str, int] = field(default_factory=dict)
    kept: list[Kept] = field(default_factory=list)  # made by a listed write, no DELETE
    examples_not_verified: list[ExampleNotVerified] = field(default_factory=list)


def base_url_of(config: Config) -> str:
    if config.base_url:
        return config.base_url
    source = config.openapi_source() or ""
    parts = urlsplit(source)
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    raise ConfigError("no base URL to probe: pass --base-url or set `base_url`")


def credential_name(config: Config) -> str:
    if config.auth.login_url:
        return f"a token from the login at {config.auth.login_url} (user from the config)"
    if config.auth.bearer:
        source = f"${{{config.auth.bearer_env}}}" if config.auth.bearer_env else "the config"
        return f"the bearer token from auth.bearer ({source})"
    named = sorted(config.headers)
    return f"the header(s) {', '.join(named)}" if named else "no credentials"


def plan_only(inputs: ProbeInputs) -> ProbeReport:
    """`--dry-run`: classify and plan every operation; nothing is sent, not even the login."""
    return ProbeReport(base_url_of(inputs.config), plan=_plan(inputs))


def run_probe(inputs: ProbeInputs, on_event: Event | None = None) -> ProbeReport:
    return asyncio.run(_probe(inputs, on_event or (lambda kind, n: None)))


def _plan(inputs: ProbeInputs) -> list[Planned]:
    return plan(inputs.spec.operations, inputs.contracts, inputs.config.probe, inputs.docs,
                inputs.spec.schemas, inputs.examples, inputs.creates_allowed)


async def _probe(inputs: ProbeInputs, on_event: Event) -> ProbeReport:
    config, spec = inputs.config, inputs.spec
    report = ProbeReport(base_url_of(config))
    redact = Redactor(list(config.secrets))
    settings = config.probe
    client = ProbeClient(report.base_url, auth_headers(config), settings.timeout,
                         settings.retries, settings.concurrency, settings.max_body_bytes,
                         config.verify_tls)
    harvest = Harvest()
    try:
        with purpose("setup"):
            if config.auth.login_url:
                await _login(client, config, redact)
            pre = await client.send("GET", client.base_url + "/")
        # No answer at all to the first request, refused or timed out, is one outcome: the
        # backend is unreachable and the run INCOMPLETE (exit 3).
        if pre.status is None:
            report.unreachable = pre.error or "no answer"
            return report
        harvest.backend_started = _date(pre)
        report.plan = items = _plan(inputs)
        on_event("planned", len(items))
        interpreter = Interpreter(inputs.docs, spec.schemas, redact, credential_name(config))
        outcomes: dict[str, tuple[Outcome, Exchange]] = {}
        observed: dict[str, Observed] = {}
        promised = not inputs.promises
        examples_sent = not inputs.request_examples
        own_read = False
        compared: set[str] = set()  # operations whose 2xx body met the docs' response examples

        async def run_batch(batch: list[Planned], counted: bool = True) -> None:
            for item in batch:
                resolve_params(item, settings, harvest, spec.schemas,
                               frozenset(h.lower() for h in client.headers))
            ready = [i for i in batch if i.skip is None]

            def sent(item: Planned) -> Sent:  # as last sent (a 422's retry changes the body)
                return client.url(item.op.path, item.path_params, spec.base_path), item.encoded

            answers = await _each(ready, settings.concurrency, lambda item: guarded(
                harvest, item, _send_and_read(client, item, redact, spec, interpreter),
                lambda done: (done[0], done[2].body), lambda: sent(item)))
            # in the plan's order: what an answer adds to the harvest does not race
            for item, (answer, exchange, outcome) in zip(ready, answers, strict=True):
                outcomes[item.op.key] = (outcome, exchange)
                body, outcome.body = outcome.body, None  # read here once; not held all run
                if item.kind is Kind.create or item.keeps:
                    record_write(harvest, item, answer, body, sent(item))
                elif item.kind is Kind.own_delete and not item.listed:
                    mark_deleted(harvest, item, answer)
                if body is not None:
                    harvest.add(item.op, body)
                    report.findings += _stale_examples(item.op.key, body, exchange, inputs)
                    compared.add(item.op.key)
                    if item.doc_response:
                        observed.setdefault(item.op.key, Observed()).walk(
                            body, doc_part_schema(item.doc_response), inputs.docs)
            await prove(client, spec, harvest)  # before an own update, delete or child touches it
            if counted:  # a read retried with an own id was counted where it was first planned
                on_event("sent", len(batch))

        for phase in sorted({i.phase for i in items}):
            if phase >= Phase.own_delete and not promised:  # while own objects still exist
                promised = True
                with purpose("promises"):
                    report.findings += await _promises(client, items, inputs, harvest, redact)
            if phase >= Phase.own_delete and not examples_sent:
                examples_sent = True
                with purpose("examples"):
                    await _send_examples(client, items, inputs, harvest, redact, report)
            if phase >= Phase.action and not own_read:  # the creates are done, none deleted
                own_read = True
                await run_batch(own_reads(items, harvest), counted=False)
            await run_batch([i for i in items if i.phase == phase and i.skip is None])
        if not own_read:
            await run_batch(own_reads(items, harvest), counted=False)
        if not promised:
            with purpose("promises"):
                report.findings += await _promises(client, items, inputs, harvest, redact)
        if not examples_sent:
            with purpose("examples"):
                await _send_examples(client, items, inputs, harvest, redact, report)
        if settings.field_by_field:
            with purpose("field-by-field"):
                await _field_by_field(client, items, outcomes, inputs, harvest)
        _collect(report, items, outcomes)
        report.examples_not_verified += _answers_not_met(items, outcomes, compared, inputs)
        _observations(report, observed, outcomes, redact)
        if inputs.workflows:
            failed = {key: status.http_status for key, status in report.statuses.items()
                      if status.status == "failed"}
            with purpose("workflow"):
                flows = await run_workflows(client, inputs.workflows, items, spec, harvest,
                                            redact, inputs.creates_allowed, failed,
                                            len(report.exchanges))
            report.exchanges += flows.exchanges
            report.workflows = flows.reports
            report.findings += flows.findings
    finally:
        try:
            await settle(harvest, settings.timeout)
            report.left_behind = await cleanup(client, spec, harvest, redact)
            report.kept = [replace(kept, reason=redact(kept.reason)) for kept in harvest.kept]
            if sys.exc_info()[0] is None and _wrote(report.plan, harvest):
                report.left_behind += await census(client, spec, report.plan, harvest, redact)
        finally:
            await client.close()
            report.requests = dict(client.sent)
        if report.left_behind and sys.exc_info()[0] is not None:
            for left in report.left_behind:  # interrupted: the report may never be written
                print(f"left behind: {left.object} ({left.reason})", file=sys.stderr)
        if report.kept and sys.exc_info()[0] is not None:
            for kept in report.kept:
                print(f"left in the backend: {kept.object} ({kept.reason})", file=sys.stderr)
    _scrub(report, redact)
    return report


async def _field_by_field(client: ProbeClient, items: list[Planned],
                          outcomes: dict[str, tuple[Outcome, Exchange]],
                          inputs: ProbeInputs, harvest: Harvest) -> None:
    """Observe the real required set of each create and each listed action with a documented
    request type; every object a variant creates is recorded for cleanup."""
    for item in items:
        if item.skip is not None or item.body_source != "docs" or item.doc_request is None \
                or item.op.key not in outcomes:
            continue
        if not (item.kind is Kind.create or item.listed and item.kind is Kind.action):
            continue
        outcome, _ = outcomes[item.op.key]
        minimal = {loc for loc, evidence in outcome.confirms
                   if isinstance(evidence.error, dict) and evidence.error.get("type") == "missing"}
        media, backend_body = request_media(item.op) or ("application/json", {})
        tried = variants(doc_part_schema(item.doc_request), inputs.docs, item.body,
                         (backend_body, inputs.spec.schemas))
        url = client.url(item.op.path, item.path_params, inputs.spec.base_path)
        parts = [encode(media, own_body(item, v.payload, backend_body, inputs.spec.schemas),
                        backend_body, inputs.spec.schemas,
                        omit=frozenset({v.location.removeprefix("body.")}) if v.kind ==
                        "remove" else frozenset()) for v in tried]
        bodies = [p if not isinstance(p, str) else item.encoded for p in parts]
        answers = await asyncio.gather(*(_deliver_create(client, item, url, p, harvest)
                                         for p in bodies))
        for answer, body in zip(answers, bodies, strict=True):
            record_write(harvest, item, answer, json_or_none(answer), (url, body))
        observed = [(v, a.status, _error_types(a)) for v, a in zip(tried, answers, strict=True)]
        outcome.status = replace(outcome.status, field_by_field=observe(minimal, observed))


async def _promises(client: ProbeClient, items: list[Planned], inputs: ProbeInputs,
                    harvest: Harvest, redact: Redactor) -> list[Finding]:
    """`--promises`: each promise of the docs sent once, within the write rules: creates, own
    updates and listed actions that were sent; what a create makes is cleaned up."""
    findings: list[Finding] = []
    for item in items:
        if item.skip is not None or item.doc_request is None or item.encoded is None:
            continue
        if item.kind not in (Kind.create, Kind.own_update) and not item.listed:
            continue
        media = request_media(item.op)
        if media is None:
            continue
        url = client.url(item.op.path, item.path_params, inputs.spec.base_path)
        tried = promises(doc_part_schema(item.doc_request), inputs.docs,
                         (media[1], inputs.spec.schemas))
        for nth, promise in enumerate(tried, 1):
            # each with names of its own: the first object (and the other promises') still
            # exists, and a unique slug or username would answer 409, testing nothing
            payload = own_body(item, promise.payload, media[1], inputs.spec.schemas, nth=nth)
            encoded = encode(media[0], payload, media[1], inputs.spec.schemas)
            if isinstance(encoded, str):
                continue
            answer = await _deliver_create(client, item, url, encoded, harvest)
            record_write(harvest, item, answer, json_or_none(answer), (url, encoded))
            broken = _broken(answer, promise.location)
            if broken is None:
                continue
            evidence = Evidence(operation=item.op.key, method=item.op.method, url=redact(url),
                                request_body=reserved(
                                    payload, schema=media[1], schemas=inputs.spec.schemas),
                                status=answer.status,
                                response=body_excerpt(answer, redact),
                                curl=curl(item.op.method, url, client.headers,
                                          _shown_body(encoded), redact, media[0]))
            findings.append(make_finding(
                "probe-promise-broken", operation=item.op.key, location=promise.location,
                message=f"the docs promise {promise.location} {promise.what}; the backend "
                        f"answered {broken}", evidence=evidence,
                root_cause=f"promise:{item.op.key}:{promise.location}:{promise.what}"))
    return findings


def _date(answer: Answer) -> float | None:
    """The backend's clock (its Date header), epoch seconds; None without a readable one. A
    cache's answer keeps the Date it was made with: its Age is added."""
    try:
        when = parsedate_to_datetime(answer.headers.get("date", "")).timestamp()
    except (TypeError, ValueError, IndexError):
        return None
    age = answer.headers.get("age", "").strip()
    return when + int(age) if age.isdigit() else when


def _wrote(items: list[Planned], harvest: Harvest) -> bool:
    """Whether the run sent a write (a create, an own update or delete, a listed action)."""
    return bool(harvest.created) or any(i.kind is not Kind.read and i.skip is None
                                        for i in items)


def _not_sendable(item: Planned, has_body: bool) -> str | None:
    """Why the docs' request example of this operation is not sent (`_sendable`), in words."""
    if not has_body:
        return "the operation takes no request body"
    if item.skip is not None:
        return f"not sent: {item.skip}"
    if not _sendable(item):
        return (f"not sent: {item.kind.value}s are sent with the docs' example only when "
                "probe.allow_writes lists them" if item.encoded is not None else
                "not sent: the probe built no body for the operation")
    return None


def _sendable(item: Planned) -> bool:
    """Writes the write rules let through, with a body the probe can build."""
    return item.skip is None and item.encoded is not None and (
        item.kind in (Kind.create, Kind.own_update) or item.listed)


async def _send_examples(client: ProbeClient, items: list[Planned], inputs: ProbeInputs,
                         harvest: Harvest, redact: Redactor, report: ProbeReport) -> None:
    """Each request example of the docs sent once, as written, within the write rules: one
    the backend refuses (a 422 about it, or a 5xx) proves docs-example-rejected there."""
    known = {item.op.key for item in items}
    for key, examples in inputs.request_examples.items():
        if key not in known:  # the docs' endpoint is none of the spec's
            report.examples_not_verified += [ExampleNotVerified(
                where, key, "request", "no operation of the backend's OpenAPI")
                for _, where in examples]
    for item in items:
        examples = inputs.request_examples.get(item.op.key, [])
        media = request_media(item.op)
        if not examples:
            continue
        why_not = _not_sendable(item, media is not None)
        if why_not is not None or media is None:
            report.examples_not_verified += [ExampleNotVerified(
                where, item.op.key, "request", why_not or "") for _, where in examples]
            continue
        url = client.url(item.op.path, item.path_params, inputs.spec.base_path)
        for written, where in examples:
            # a real address in an example mails nobody; its id names no other object
            value = own_body(item, reserved(written, schema=media[1], schemas=inputs.spec.schemas),
                             media[1], inputs.spec.schemas)
            encoded = encode(media[0], value, media[1], inputs.spec.schemas)
            if isinstance(encoded, str):
                report.examples_not_verified.append(ExampleNotVerified(
                    where, item.op.key, "request", f"cannot be sent as written: {encoded}"))
                continue
            answer = await _deliver_create(client, item, url, encoded, harvest)
            record_write(harvest, item, answer, json_or_none(answer), (url, encoded))
            refused = answer.status is not None and (answer.status >= 500
                                                     or answer.status == 422)
            if not refused:
                continue
            # every error counts: these values are the docs' own, not the probe's samples;
            # but for the fields the probe changed (an address tagged or moved, an id left
            # out), whose refusal is the probe's doing
            sent_body = encoded.json_body if encoded.json_body is not None else value
            changed = _changed("body", written, sent_body)
            errors = [(location_of(loc), raw) for loc, _, raw in validation_errors(answer)]
            if errors and all(at in changed for at, _ in errors):
                # the probe's own change was refused, not the docs' value: no finding, and
                # the example is said to be unverified rather than left looking verified
                report.examples_not_verified.append(ExampleNotVerified(
                    where, item.op.key, "request",
                    f"refused (HTTP {answer.status}) only at "
                    f"{', '.join(sorted({at for at, _ in errors}))}, which the probe changed "
                    "so that it reaches nobody: the example as written was not tried"))
                continue
            location = errors[0][0] if errors else "body"
            evidence = Evidence(operation=item.op.key, url=redact(url), request_body=value,
                                example=where, status=answer.status, live="example-refused",
                                response=body_excerpt(answer, redact))
            report.confirms += [(item.op.key, loc, replace(evidence, error=raw))
                                for loc, raw in errors] or [(item.op.key, location, evidence)]
            report.findings.append(make_finding(
                "docs-example-rejected", operation=item.op.key, location=location,
                message=f"the docs' request example at {where}, sent as written, was refused "
                        f"(HTTP {answer.status})", docs=Declared(True, where),
                evidence=evidence, root_cause=f"example:{where}:docs-example-rejected",
                role="request"))


def _answers_not_met(items: list[Planned], outcomes: dict[str, tuple[Outcome, Exchange]],
                     compared: set[str], inputs: ProbeInputs) -> list[ExampleNotVerified]:
    """The docs' response examples no live 2xx JSON answer was compared with, and why."""
    by_key = {item.op.key: item for item in items}
    missing: list[ExampleNotVerified] = []
    for key, examples in inputs.response_examples.items():
        if key in compared:
            continue
        item = by_key.get(key)
        if item is None:
            why = "no operation of the backend's OpenAPI"
        elif key not in outcomes:
            why = f"not sent: {item.skip or 'the probe did not reach it'}"
        else:
            status = outcomes[key][0].status.http_status
            why = (f"no 2xx JSON answer to compare it with (HTTP {status})" if status is not None
                   else "no answer to compare it with")
        missing += [ExampleNotVerified(where, key, "response", why) for _, where in examples]
    return missing


def _changed(where: str, written: Any, sent: Any) -> set[str]:
    """The locations (`body.email`, `body.items[]`) where what was sent differs from what the
    docs wrote."""
    if isinstance(written, dict) and isinstance(sent, dict):
        return {place for key in {*written, *sent}
                for place in _changed(f"{where}.{key}", written.get(key), sent.get(key))}
    if isinstance(written, list) and isinstance(sent, list) and len(written) == len(sent):
        return {place for w, s in zip(written, sent, strict=True)
                for place in _changed(f"{where}[]", w, s)}
    return set() if written == sent else {where}


def _broken(answer: Answer, location: str) -> str | None:
    """Why an answer breaks a promise about `location`, or None when it keeps it."""
    if answer.status is not None and answer.status >= 500:
        return f"HTTP {answer.status}"
    if answer.status == 422:
        blamed = [(location_of(loc), msg) for loc, msg, raw in validation_errors(answer)
                  if not is_sample_error(raw)]
        hits = [msg for loc, msg in blamed if location == "body" or loc == location
                or loc.startswith(location + ".")]
        if hits:
            return f"422: {hits[0]}"
    return None


def _stale_examples(op_key: str, body: Any, exchange: Exchange,
                    inputs: ProbeInputs) -> list[Finding]:
    """The docs' response examples of this operation next to its live 2xx answer."""
    found = []
    for value, where in inputs.response_examples.get(op_key, []):
        parted = stale_fields(value, body)
        if parted:
            found.append(make_finding(
                "docs-example-stale", operation=op_key, location=parted[0].split(":")[0],
                message=f"the docs' response example at {where} no longer looks like the live "
                        f"answer: {'; '.join(parted[:5])}"
                        + (f" and {len(parted) - 5} more" if len(parted) > 5 else ""),
                docs=Declared(True, where), evidence=Evidence.of(exchange),
                root_cause=f"example:{where}:stale"))
    return found


def _error_types(answer: Answer) -> dict[str, str]:
    if answer.status != 422:
        return {}
    return {location_of(loc): str(raw.get("type", "")) if isinstance(raw, dict) else ""
            for loc, _, raw in validation_errors(answer)}


def _success_schema(item: Planned, answer: Answer) -> dict[str, Any] | None:
    content = item.op.responses.get(str(answer.status))
    if content:
        for media in sorted(content):
            if "json" in media:
                return content[media]
    success = item.op.success()
    return success[1] if success else None


async def _send(client: ProbeClient, item: Planned, redact: Redactor,
                base_path: str) -> tuple[Answer, Exchange]:
    url = client.url(item.op.path, item.path_params, base_path)
    body = item.body if item.encoded is not None else None
    answer = await deliver(client, item, url, item.encoded)
    shown = url + ("?" + urlencode(item.query, doseq=True) if item.query else "")
    exchange = Exchange(
        operation=item.op.key, method=item.op.method, url=redact(shown),
        kind=item.kind.value, request_body=body, payload_from=item.body_source,
        media_type=item.media, status=answer.status, error=answer.error,
        attempts=answer.attempts, truncated=answer.truncated,
        response=body_excerpt(answer, redact),
        curl=curl(item.op.method, shown, client.headers, _shown_body(item.encoded), redact,
                  item.media or "application/json"))
    return answer, exchange


T = TypeVar("T")
R = TypeVar("R")


async def _each(items: list[T], workers: int, work: Callable[[T], Awaitable[R]]) -> list[R]:
    """`work` on every item by `workers` tasks, each taking the next item (the items' order),
    results in the items' order. A task per item would cost more than some requests; after a
    failure no task takes another item."""
    slots: dict[int, R] = {}
    todo = iter(enumerate(items))
    failed = False

    async def worker() -> None:
        nonlocal failed
        for index, item in todo:
            if failed:
                return
            try:
                slots[index] = await work(item)
            except BaseException:
                failed = True
                raise

    await asyncio.gather(*(worker() for _ in range(min(max(1, workers), len(items)))))
    return [slots[i] for i in range(len(items))]


async def _deliver_create(client: ProbeClient, item: Planned, url: str,
                          encoded: Encoded | None, harvest: Harvest) -> Answer:
    return await guarded(harvest, item, deliver(client, item, url, encoded),
                         lambda answer: (answer, json_or_none(answer)), lambda: (url, encoded))


async def _send_and_read(client: ProbeClient, item: Planned, redact: Redactor, spec: Spec,
                         interpreter: Interpreter) -> tuple[Answer, Exchange, Outcome]:
    """Send, then read the answer while the other requests are in flight."""
    answer, exchange = await _send_once_more(client, item, redact, spec)
    outcome = interpreter.read(
        item.op.key, item.op.method, answer, Evidence.of(exchange),
        doc_part_schema(item.doc_response) if item.doc_response else None,
        item.doc_response, _success_schema(item, answer))
    return answer, exchange, _refused_safe_value(item, outcome)


def _refused_safe_value(item: Planned, outcome: Outcome) -> Outcome:
    """A 422 about a value the probe set for safety (a moment moved to 2099, a flag named for
    an effect off) is neither the backend's fault nor a sample the probe failed to build: no
    value the backend takes there is one the probe may send. No finding; the status says so."""
    ours = [f for f in outcome.findings
            if f.rule == "probe-invalid-sample" and f.location in item.defused]
    if not ours:
        return outcome
    outcome.findings = [f for f in outcome.findings if f not in ours]
    where = ", ".join(sorted({f.location for f in ours}))
    why = (f"the backend refuses the safe value the probe sends at {where} (a fictional, "
           "reserved, far-future or off value in place of one reaching past the write); no "
           "value it accepts there is one the probe may send")
    rest = [f for f in outcome.findings if f.rule == "probe-invalid-sample"]
    if outcome.status.status == "inconclusive":
        outcome.status = replace(outcome.status, reason=why + (
            f"; {outcome.status.reason}" if rest and outcome.status.reason else ""))
    return outcome


async def _send_once_more(client: ProbeClient, item: Planned, redact: Redactor,
                          spec: Spec) -> tuple[Answer, Exchange]:
    """Send; when a 422 blames values the probe chose, correct them from the errors and send
    once more (the exchange keeps both the first error and the retry)."""
    answer, exchange = await _send(client, item, redact, spec.base_path)
    if answer.status != 422 or item.encoded is None:
        return answer, exchange
    own = [(loc, raw) for loc, _, raw in validation_errors(answer) if is_sample_error(raw)]
    media = request_media(item.op)
    fixed = corrected(item.body, own, media[1] if media else None, spec.schemas) \
        if own else None
    encoded = encode(media[0], fixed, media[1], spec.schemas) if fixed and media else None
    if not isinstance(encoded, Encoded):
        return answer, exchange
    first_error = exchange.response
    item.body, item.encoded = fixed, encoded
    answer, exchange = await _send(client, item, redact, spec.base_path)
    return answer, replace(exchange, retried=Retried(
        redact.scrub(first_error), tuple(sorted(location_of(loc) for loc, _ in own))))


def _shown_body(encoded: Encoded | None) -> Any:
    if encoded is None:
        return None
    if encoded.form is None:
        return encoded.json_body
    return {**encoded.form, **{k: b"" for k in encoded.files or {}}}


async def _login(client: ProbeClient, config: Config, redact: Redactor) -> None:
    url = config.auth.login_url or ""
    url = url if "://" in url else client.base_url + url
    if urlsplit(url).hostname != client.origin[1]:
        raise ConfigError(f"auth.login.url {url}: must be on the base URL's host")
    answer = await client.send("POST", url, form={
        "grant_type": "password", "username": config.auth.username or "",
        "password": config.auth.password or ""})
    try:
        token = str(answer.json()["access_token"])
    except (ValueError, KeyError, TypeError):
        raise ProbeError(f"{url}: login failed (HTTP {answer.status}); no access_token") from None
    redact.secrets.append(token)
    client.headers = {**client.headers, "Authorization": f"Bearer {token}"}


def _collect(report: ProbeReport, items: list[Planned],
             outcomes: dict[str, tuple[Outcome, Exchange]]) -> None:
    locked: list[str] = []
    for item in items:
        for location, why in item.unsatisfiable:
            report.findings.append(make_finding(
                "probe-unsatisfiable", operation=item.op.key, location=location,
                message=f"the docs and the backend cannot both be met at {location}: {why}",
                root_cause=f"unsatisfiable:{item.op.key}:{location}"))
        if item.skip is not None:
            report.statuses[item.op.key] = ProbeStatus(status="skipped", reason=item.skip,
                                                       kind=item.kind.value)
            continue
        outcome, exchange = outcomes[item.op.key]
        report.statuses[item.op.key] = replace(outcome.status, kind=item.kind.value,
                                               exchange=len(report.exchanges))
        report.exchanges.append(exchange)
        report.confirms += [(item.op.key, loc, ev) for loc, ev in outcome.confirms]
        report.findings += outcome.findings
        if outcome.status.needs_credentials:
            locked.append(item.op.key)
    if locked:
        shown = ", ".join(locked[:5]) + (f" and {len(locked) - 5} more" if len(locked) > 5
                                          else "")
        report.findings.append(make_finding(
            "probe-credentials-required", operation=None, location="request",
            message=f"{len(locked)} operation{'s' if len(locked) != 1 else ''} require "
                    f"credentials ({shown}): pass --header or set auth",
            evidence=Evidence(operations=tuple(locked)), root_cause="probe-credentials-required"))


def _observations(report: ProbeReport, observed: dict[str, Observed],
                  outcomes: dict[str, tuple[Outcome, Exchange]],
                  redact: Redactor) -> None:
    """Per-field counts for the report, and each key the docs lack as live evidence."""
    for op_key, seen in sorted(observed.items()):
        report.observed[op_key] = {loc: s.to_json() for loc, s in sorted(seen.fields.items())}
        for location, value in sorted(seen.undocumented.items()):
            evidence = replace(Evidence.of(outcomes[op_key][1]), live="undocumented",
                               value=redact.scrub(value) if not isinstance(value, (dict, list))
                               else "(an object)")
            report.confirms.append((op_key, location, evidence))


def _scrub(report: ProbeReport, redact: Redactor) -> None:
    """Secrets the backend returned (learnt from every stored answer) leave no trace: each
    record is scrubbed through its saved JSON, so no key the output shows escapes."""
    for exchange in report.exchanges:
        redact.learn(exchange.response)
    report.exchanges = [scrubbed(e, redact.scrub) for e in report.exchanges]
    report.statuses = {k: scrubbed(v, redact.scrub) for k, v in report.statuses.items()}
    report.confirms = [(op, loc, scrubbed(ev, redact.scrub)) for op, loc, ev in report.confirms]
    report.findings = [_scrub_finding(f, redact) for f in report.findings]
    report.left_behind = [scrubbed(left, redact.scrub) for left in report.left_behind]
    report.kept = [scrubbed(kept, redact.scrub) for kept in report.kept]
    report.examples_not_verified = [scrubbed(example, redact.scrub)
                                    for example in report.examples_not_verified]
    report.workflows = [scrubbed(flow, redact.scrub) for flow in report.workflows]


def _scrub_finding(finding: Finding, redact: Redactor) -> Finding:
    return replace(finding, message=redact(finding.message), evidence=scrubbed(
        finding.evidence, redact.scrub) if finding.evidence else None)


def unreachable_finding(base_url: str, error: str) -> Finding:
    return make_finding("probe-unreachable", operation=None, location=base_url,
                        message=f"the backend did not answer: {error}",
                        root_cause="probe-unreachable")


__all__ = ["Phase", "ProbeInputs", "ProbeReport", "plan_only", "run_probe",
           "unreachable_finding"]
