"""Running declared workflows step by step, inside the probe's own client, harvest and cleanup:
each step is reported (sent, status, why not), a failed step stops its workflow, and every
object a step creates is deleted with the rest of the run."""

from __future__ import annotations

import dataclasses
from typing import Any

from schemacheck.catalog import make_finding
from schemacheck.finding_parts import Exchange
from schemacheck.findings import Evidence, Finding
from schemacheck.probe.cleanup import (
    deliver,
    guarded,
    json_or_none,
    mark_deleted,
    prove,
    record_write,
)
from schemacheck.probe.client import Answer, ProbeClient, curl
from schemacheck.probe.interpret import body_excerpt
from schemacheck.probe.media import Encoded, encode, request_media
from schemacheck.probe.plan import Harvest, Planned, own_body
from schemacheck.probe.redact import Redactor
from schemacheck.probe.safety import Kind, reserved
from schemacheck.probe.workflow import Step, Values, Workflow, match_operation
from schemacheck.result import WorkflowReport, WorkflowStep
from schemacheck.sources.openapi import Spec


@dataclasses.dataclass
class FlowResult:
    reports: list[WorkflowReport] = dataclasses.field(default_factory=list)
    findings: list[Finding] = dataclasses.field(default_factory=list)
    exchanges: list[Exchange] = dataclasses.field(default_factory=list)


def _allowed(item: Planned, explicit: bool, creates_allowed: bool, own_ids: set[str],
             values: dict[str, str]) -> str | None:
    """Why a docs-declared step may not be sent (config-declared steps always are): what the
    write rules refuse the operation (probe.skip, an action not listed, a create that could
    not be undone), or an own update or delete of an object this run did not create."""
    if explicit:
        return None
    if item.refused is not None:
        return item.refused
    if item.kind is Kind.read or item.listed:
        return None
    if item.kind is Kind.create and creates_allowed:
        return None
    if item.kind in (Kind.own_update, Kind.own_delete) and creates_allowed:
        if all(v in own_ids for v in values.values()):
            return None
        return f"a {item.op.method} of an object this run did not create"
    return (f"{item.kind.value} ({item.why}): a workflow from the docs sends it only when "
            "probe.allow_writes allows it")


@dataclasses.dataclass
class _Run:
    """What every step of every workflow of one run shares."""

    client: ProbeClient
    by_key: dict[str, Planned]
    templates: list[tuple[str, str]]  # (method, path) of every operation, in the plan's order
    spec: Spec
    harvest: Harvest
    redact: Redactor
    creates_allowed: bool
    probed: dict[str, int | None]
    first_exchange: int
    out: FlowResult


async def run_workflows(client: ProbeClient, flows: list[Workflow], items: list[Planned],
                        spec: Spec, harvest: Harvest, redact: Redactor,
                        creates_allowed: bool,
                        probed: dict[str, int | None] | None = None,
                        first_exchange: int = 0) -> FlowResult:
    """`probed`: the HTTP status the probe itself got per failed operation; a step failing
    the same way is the same root cause, reported there, not again. `first_exchange`: the
    report's index of the first exchange these steps add (each step points at its own)."""
    run = _Run(client, {i.op.key: i for i in items}, [(i.op.method, i.op.path) for i in items],
               spec, harvest, redact, creates_allowed, probed or {}, first_exchange,
               FlowResult())
    for flow in flows:
        values = Values()
        steps: list[WorkflowStep] = []
        stopped = False
        for step in flow.steps:
            if stopped:
                steps.append(WorkflowStep(step=step.name, request=f"{step.method} {step.path}",
                                          result="not run", reason="an earlier step failed"))
                continue
            done = await _step(run, flow, step, values)
            steps.append(done)
            stopped = done.result != "passed"
        run.out.reports.append(WorkflowReport(name=flow.name, where=flow.where,
                                              declared_in=flow.origin, steps=tuple(steps)))
    return run.out


async def _step(run: _Run, flow: Workflow, step: Step, values: Values) -> WorkflowStep:
    """One step: not sent (why), or sent and passed or failed; a failure is a finding unless
    the probe of its operation already failed the same way."""
    path = values.fill(step.path)
    matched = match_operation(step.method, path or "", run.templates) if path else None
    reason = None
    if path is None:
        reason = "a {{reference}} in the path has no value"
    elif matched is None:
        reason = f"{step.method} {path} is no operation of the backend's OpenAPI"
    else:
        item = run.by_key[f"{step.method} {matched[0]}"]
        own = {c.id for c in run.harvest.created if c.id and not c.deleted
               and c.again is None}
        reason = _allowed(item, flow.explicit, run.creates_allowed, own, matched[1])
    if reason is not None or matched is None:
        return WorkflowStep(step=step.name, request=f"{step.method} {step.path}",
                            result="not sent", reason=reason)
    item = dataclasses.replace(run.by_key[f"{step.method} {matched[0]}"],
                               path_params=dict(matched[1]), query={}, headers={})
    answer, exchange, sent_as = await guarded(
        run.harvest, item, _send(run.client, item, step.body, values, run.spec, run.redact,
                                 fit=not flow.explicit, ours=frozenset(
                                     c.id for c in run.harvest.created if c.id
                                     and not c.deleted and c.again is None)),
        lambda sent: (sent[0], json_or_none(sent[0])), None)
    exchange = dataclasses.replace(exchange, workflow=f"{flow.name} / {step.name}")
    sent = WorkflowStep(step=step.name, request=f"{step.method} {exchange.url}",
                        result="passed", status=answer.status,
                        exchange=run.first_exchange + len(run.out.exchanges))
    run.out.exchanges.append(exchange)
    if item.kind is Kind.create or item.keeps:
        record_write(run.harvest, item, answer, json_or_none(answer), sent_as)
        await prove(run.client, run.spec, run.harvest)  # before a later step updates or deletes it
    elif step.method == "DELETE":
        mark_deleted(run.harvest, item, answer)
    ok = answer.status == step.expect if step.expect else (
        answer.status is not None and 200 <= answer.status < 300)
    if ok:
        values.answers[step.name] = json_or_none(answer)
        return sent
    expected = str(step.expect) if step.expect else "a 2xx answer"
    got = f"HTTP {answer.status}" if answer.status is not None else answer.error
    if run.probed.get(item.op.key, -1) == answer.status:
        return dataclasses.replace(sent, result="failed", reason=(
            f"{got}, as the probe of {item.op.key} got: the same root cause, reported there"))
    run.out.findings.append(make_finding(
        "probe-workflow-step-failed", operation=item.op.key, location="request",
        message=f"workflow {flow.name!r}, step {step.name!r}: expected {expected}, "
                f"got {got}", evidence=Evidence.of(exchange),
        root_cause=f"workflow:{flow.name}:{step.name}"))
    return dataclasses.replace(sent, result="failed", reason=f"expected {expected}, got {got}")


async def _send(client: ProbeClient, item: Planned, body: Any, values: Values, spec: Spec,
                redact: Redactor, fit: bool = True, ours: frozenset[str] = frozenset()
                ) -> tuple[Answer, Exchange, tuple[str, Encoded | None]]:
    """`fit`: a docs-declared step's body names no other object as the one it creates or
    updates (plan.own_body); a config-declared one is sent as written."""
    url = client.url(item.op.path, item.path_params, spec.base_path)
    media = request_media(item.op) if item.op.method in ("POST", "PUT", "PATCH") else None
    payload = values.fill_body(body) if body is not None else item.body
    if fit:
        payload = own_body(item, reserved(payload, schema=media[1] if media else None,
                                          schemas=spec.schemas), media[1] if media else None,
                           spec.schemas, ours)
    encoded: Encoded | str | None = None
    if media is not None:
        encoded = encode(media[0], payload, media[1], spec.schemas)
    if not isinstance(encoded, Encoded):
        encoded, payload = None, None
    answer = await deliver(client, item, url, encoded)
    return answer, Exchange(
        operation=item.op.key, method=item.op.method, url=redact(url), request_body=payload,
        status=answer.status, error=answer.error, response=body_excerpt(answer, redact),
        curl=curl(item.op.method, url, client.headers, payload, redact,
                  media[0] if media else "application/json")), (url, encoded)


