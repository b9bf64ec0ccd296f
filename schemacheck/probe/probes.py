"""Run the probe: plan, send phase by phase, read answers, and fold the evidence into the run.

Probe findings are ordinary findings; a static finding that a 422 confirms is marked confirmed
and keeps the live evidence instead of being reported twice.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any
from urllib.parse import urlencode, urlsplit

from rich.console import Console
from rich.progress import Progress

from schemacheck.config import Config
from schemacheck.contracts import doc_part_schema
from schemacheck.errors import ConfigError, ProbeError
from schemacheck.findings import Finding, Severity
from schemacheck.pipeline import Loaded, auth_headers
from schemacheck.probe.client import Answer, ProbeClient, Redactor, curl
from schemacheck.probe.fields import observe, variants
from schemacheck.probe.interpret import (
    Interpreter,
    Outcome,
    body_excerpt,
    location_of,
    validation_errors,
)
from schemacheck.probe.plan import Harvest, Planned, plan, resolve_params


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


def probe(loaded: Loaded, show_progress: bool | None = None) -> None:
    """Probe the live backend and record everything in loaded.result."""
    if loaded.spec is None:
        return
    asyncio.run(_probe(loaded, sys.stderr.isatty() if show_progress is None else show_progress))


async def _probe(loaded: Loaded, show_progress: bool) -> None:
    config, spec, result = loaded.config, loaded.spec, loaded.result
    assert spec is not None
    base_url = base_url_of(config)
    result.inputs["base_url"] = base_url
    redact = Redactor(list(config.secrets))
    settings = config.probe
    client = ProbeClient(base_url, auth_headers(config), settings.timeout, settings.retries,
                         settings.concurrency, settings.max_body_bytes, config.verify_tls)
    try:
        if config.auth.login_url:
            await _login(client, config, redact)
        pre = await client.send("GET", client.base_url + "/")
        if pre.status is None and "timed out" not in (pre.error or ""):
            _unreachable(loaded, base_url, pre)
            raise ProbeError(f"{base_url}: backend unreachable: {pre.error}")
        items = plan(spec.operations, loaded.contracts.contracts, settings,
                     loaded.docs.schemas, spec.schemas, loaded.docs.examples)
        interpreter = Interpreter(loaded.docs.schemas, spec.schemas, redact,
                                  credential_name(config))
        harvest = Harvest()
        outcomes: dict[str, tuple[Outcome, dict[str, Any]]] = {}
        progress = Progress(console=Console(stderr=True), transient=True,
                            disable=not show_progress)
        with progress:
            task = progress.add_task("probing", total=len(items))
            for phase in range(5):
                batch = [i for i in items if i.phase == phase and i.skip is None]
                for item in batch:
                    resolve_params(item, settings, harvest, spec.schemas)
                ready = [i for i in batch if i.skip is None]
                answers = await asyncio.gather(*(_send(client, i, redact, spec.base_path)
                                                 for i in ready))
                for item, (answer, exchange) in zip(ready, answers, strict=True):
                    outcome = interpreter.read(
                        item.op.key, item.op.method, answer, exchange,
                        doc_part_schema(item.doc_response) if item.doc_response else None,
                        item.doc_response, _success_schema(item, answer))
                    outcomes[item.op.key] = (outcome, exchange)
                    body = outcome.status.pop("body", None)
                    if body is not None:
                        harvest.add(item.op, body)
                        if item.op.method == "POST" and isinstance(body, dict) and "id" in body:
                            harvest.created.setdefault(item.op.path, str(body["id"]))
                progress.advance(task, len(batch))
            if settings.field_by_field:
                await _field_by_field(client, items, outcomes, loaded)
        _record(loaded, items, outcomes)
    finally:
        await client.close()


async def _field_by_field(client: ProbeClient, items: list[Planned],
                          outcomes: dict[str, tuple[Outcome, dict[str, Any]]],
                          loaded: Loaded) -> None:
    """Observe the real required set of each allowed write with a documented request type."""
    for item in items:
        if item.skip is not None or item.body_source != "docs" or item.doc_request is None \
                or item.op.key not in outcomes:
            continue
        outcome, _ = outcomes[item.op.key]
        minimal = {loc for loc, evidence in outcome.confirms
                   if evidence.get("error", {}).get("type") == "missing"}
        tried = variants(doc_part_schema(item.doc_request), loaded.docs.schemas, item.body)
        url = client.url(item.op.path, item.path_params, loaded.spec.base_path
                         if loaded.spec else "")
        answers = await asyncio.gather(*(client.send(item.op.method, url, params=item.query or
                                                     None, json_body=v.payload) for v in tried))
        observed = [(v, a.status, _error_types(a)) for v, a in zip(tried, answers, strict=True)]
        outcome.status["field_by_field"] = observe(minimal, observed)


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
                base_path: str) -> tuple[Answer, dict]:
    url = client.url(item.op.path, item.path_params, base_path)
    body = item.body if item.op.method in ("POST", "PUT", "PATCH") else None
    answer = await client.send(item.op.method, url, params=item.query or None, json_body=body)
    shown = url + ("?" + urlencode(item.query) if item.query else "")
    exchange = {
        "operation": item.op.key, "method": item.op.method, "url": redact(shown),
        "request_body": body, "payload_from": item.body_source, "status": answer.status,
        "error": answer.error, "attempts": answer.attempts, "truncated": answer.truncated,
        "response": body_excerpt(answer, redact),
        "curl": curl(item.op.method, shown, client.headers, body, redact),
    }
    return answer, exchange


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


def _explains(rule: str, evidence: dict[str, Any]) -> bool:
    """Whether a 422 error is the one a static finding predicts: a missing field proves a
    required-field rule; any other error (type, null, enum) proves the other request rules."""
    missing = str((evidence.get("error") or {}).get("type", "")) == "missing"
    return rule.startswith("request-") and ("required" in rule) == missing


def _unreachable(loaded: Loaded, base_url: str, answer: Answer) -> None:
    result = loaded.result
    result.findings.append(Finding(
        "probe-unreachable", Severity.high.name, None, base_url,
        f"the backend did not answer: {answer.error}", root_cause="probe-unreachable"))
    for op in result.operations:
        op.probe = {"status": "unreachable", "reason": answer.error}


def _record(loaded: Loaded, items: list[Planned], outcomes: dict[str, tuple[Outcome, dict]]
            ) -> None:
    result = loaded.result
    statics: dict[tuple[str | None, str], list[int]] = {}
    for index, finding in enumerate(result.findings):
        statics.setdefault((finding.operation, finding.location), []).append(index)
    by_key = {o.operation: o for o in result.operations}
    for item in items:
        op_result = by_key[item.op.key]
        if item.skip is not None:
            op_result.probe = {"status": "skipped", "reason": item.skip}
            continue
        outcome, exchange = outcomes[item.op.key]
        exchange_index = len(result.exchanges)
        result.exchanges.append(exchange)
        op_result.probe = {**outcome.status, "exchange": exchange_index}
        confirmed: set[str] = set()
        for location, evidence in outcome.confirms:
            for index in statics.get((item.op.key, location), []):
                if _explains(result.findings[index].rule, evidence):
                    result.findings[index] = result.findings[index].confirm(evidence)
                    confirmed.add(location)
        for finding in outcome.findings:
            if finding.rule == "probe-minimal-payload-rejected" and finding.location in confirmed:
                continue  # the static finding now carries this evidence
            result.findings.append(finding)
