"""`--dry-run`: the plan in words: each operation, its class, the request it would make, and
why it is or is not sent. Nothing here sends anything."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote, urlsplit

from schemacheck.config import ProbeSettings
from schemacheck.probe.plan import GENERIC_IDS, PARAM, Planned
from schemacheck.probe.safety import Kind
from schemacheck.secret_names import is_secret_header, is_secret_key


def _url(base_url: str, base_path: str, path: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        path = path.replace("{" + name + "}", quote(value, safe=""))
    prefix = "" if urlsplit(base_url).path.rstrip("/").endswith(base_path) else base_path
    return base_url.rstrip("/") + prefix + path


def _param_note(item: Planned, settings: ProbeSettings) -> tuple[dict[str, str], list[str]]:
    """Values known before sending (the config), and where the others would come from."""
    known: dict[str, str] = {}
    notes: list[str] = []
    own_only = item.kind in (Kind.create, Kind.own_update, Kind.own_delete) and not item.listed
    for name in PARAM.findall(item.op.path):
        if not own_only and name in settings.path_params:
            known[name] = settings.path_params[name]
        elif not own_only and name in item.param_examples:
            known[name] = item.param_examples[name]
        elif own_only:
            notes.append(f"{{{name}}}: the id of an object this run creates")
        else:
            collection = item.op.path.split("{" + name + "}")[0].rstrip("/") or "/"
            fallback = "" if name.lower() in GENERIC_IDS else f", else a `{name}` an earlier " \
                                                              "answer held"
            notes.append(f"{{{name}}}: an id from the answer of GET {collection}{fallback}")
    for param in item.op.parameters:
        if param.required and param.location in ("header", "cookie"):
            secret = (is_secret_header if param.location == "header" else is_secret_key)(
                param.name)
            notes.append(f"{param.location} {param.name}: " + (
                "a credential, sent only as configured (--header, auth)" if secret
                else "a value valid for the spec's schema, unless configured"))
    return known, notes


def as_sent(item: Planned) -> Any:
    """The body as the probe would send it (its addresses reserved, the defaults that would
    reach past the write set to reach nobody): a form's fields, a file part by its name."""
    encoded = item.encoded
    if encoded is None:
        return item.body
    if encoded.form is None and encoded.files is None:
        return encoded.json_body
    return {**(encoded.form or {}), **{k: f"<file {k}>" for k in encoded.files or {}}}


def describe(plan: list[Planned], settings: ProbeSettings, base_url: str,
             base_path: str) -> list[dict[str, Any]]:
    rows = []
    for item in sorted(plan, key=lambda i: (i.phase, i.op.path, i.op.method)):
        known, notes = _param_note(item, settings)
        rows.append({
            "operation": item.op.key, "class": item.kind.value, "why": item.why,
            "send": item.skip is None, "reason": item.skip,
            "method": item.op.method, "url": _url(base_url, base_path, item.op.path, known),
            "params": notes, "payload": as_sent(item), "payload_from": item.body_source,
        })
    return rows


def plan_text(rows: list[dict[str, Any]], flows: list[dict[str, Any]] | None = None) -> str:
    sent = [r for r in rows if r["send"]]
    lines = [f"probe plan: {len(sent)} of {len(rows)} operations would be sent; nothing was "
             "sent (--dry-run)", ""]
    for row in rows:
        mark = "SEND" if row["send"] else "SKIP"
        lines.append(f"{mark}  {row['operation']}  [{row['class']}: {row['why']}]")
        if row["send"]:
            lines.append(f"      {row['method']} {row['url']}")
            for note in row["params"]:
                lines.append(f"      {note}")
            if row["payload"] is not None:
                lines.append(f"      payload ({row['payload_from']}): "
                             + json.dumps(row["payload"], sort_keys=True, ensure_ascii=False))
        else:
            lines.append(f"      not sent: {row['reason']}")
    for flow in flows or []:
        lines += ["", f"workflow {flow['name']!r} ({flow['declared_in']}, {flow['where']}):"]
        lines += [f"  {step['step']}: {step['request']}" for step in flow["steps"]]
    return "\n".join(lines) + "\n"
