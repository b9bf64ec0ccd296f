"""HAR 1.2 recordings (DevTools' "Save all as HAR", mitmproxy, Charles, ...) -> entries whose
secrets are already gone: nothing read from the file is kept before it is scrubbed."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from schemacheck.diagnostics import Diagnostic
from schemacheck.errors import SourceError
from schemacheck.input_files import read_input
from schemacheck.scrub import Scrubber

MAX_HAR_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class Entry:
    number: int  # 1-based position in log.entries, for "entry 7" in messages
    method: str
    url: str
    request_mime: str
    request_json: Any  # the parsed JSON request body, or None
    request_text: str | None  # the body as text when there is one
    status: int | None  # None: the request got no answer (HAR status 0)
    headers: dict[str, str]  # response headers, lower-case names
    body: bytes
    body_recorded: bool  # False when the recorder kept no response body
    authenticated: bool  # the request carried credentials (shown as $TOKEN in curl)


def _pairs(items: Any) -> list[tuple[str, str]]:
    return [(str(i.get("name", "")), str(i.get("value", ""))) for i in items or []
            if isinstance(i, dict)]


def _load(path: str) -> list[Any]:
    try:
        data = json.loads(read_input(path, MAX_HAR_BYTES, SourceError).decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise SourceError(f"{path}: not a HAR file (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise SourceError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})") from None
    entries = data.get("log", {}).get("entries") if isinstance(data, dict) else None
    if not isinstance(data, dict) or not isinstance(data.get("log"), dict) or not isinstance(
            entries, list):
        raise SourceError(f"{path}: not a HAR file (no log.entries list)")
    return entries


def _response_bytes(content: dict[str, Any]) -> tuple[bytes, bool, str | None]:
    text = content.get("text")
    if not isinstance(text, str):
        return b"", False, None
    if str(content.get("encoding", "")).lower() == "base64":
        try:
            return base64.b64decode(text, validate=False), True, None
        except (binascii.Error, ValueError):
            return b"", False, "content.text is not valid base64; body not checked"
    return text.encode("utf-8"), True, None


def _json_or_none(raw: str) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return None


def _scrub_body(scrubber: Scrubber, raw: bytes) -> bytes:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return f"<binary body, {len(raw)} bytes>".encode()
    parsed = _json_or_none(text)
    if parsed is not None or text.strip() == "null":
        return json.dumps(scrubber.json(parsed), ensure_ascii=False).encode()
    return scrubber.text(text).encode()


def read_har(path: str, known_secrets: list[str] | None = None
             ) -> tuple[list[Entry], list[Diagnostic]]:
    raw_entries = _load(path)
    scrubber = Scrubber()
    for secret in known_secrets or []:
        scrubber.remember(secret)
    # Pass 1: learn every secret in the file, so one echoed before its header is caught too.
    for item in raw_entries:
        if not isinstance(item, dict):
            continue
        request, response = item.get("request") or {}, item.get("response") or {}
        for name, value in _pairs(request.get("headers")) + _pairs(response.get("headers")):
            scrubber.header(name, value)
        for _, value in _pairs(request.get("cookies")) + _pairs(response.get("cookies")):
            scrubber.remember(value)
        scrubber.url(str(request.get("url", "")))
        post = request.get("postData") or {}
        if isinstance(post.get("text"), str):
            parsed = _json_or_none(post["text"])
            if parsed is not None:
                scrubber.collect(parsed)
            elif "form" in str(post.get("mimeType", "")):
                scrubber.form(post["text"])
        body, _, _ = _response_bytes(response.get("content") or {})
        parsed = _json_or_none(body.decode("utf-8", "replace")) if body else None
        if parsed is not None:
            scrubber.collect(parsed)
    # Pass 2: keep only scrubbed values.
    entries: list[Entry] = []
    diagnostics: list[Diagnostic] = []
    for number, item in enumerate(raw_entries, start=1):
        where = f"{path}: entry {number}"
        request = item.get("request") if isinstance(item, dict) else None
        response = (item.get("response") if isinstance(item, dict) else None) or {}
        if not isinstance(request, dict) or not request.get("method") or not request.get("url"):
            diagnostics.append(Diagnostic("warning", "no request method or URL; skipped", where))
            continue
        post = request.get("postData") or {}
        text = post.get("text") if isinstance(post.get("text"), str) else None
        mime = str(post.get("mimeType", ""))
        parsed = _json_or_none(text) if text is not None else None
        request_text = None
        if text is not None:
            request_text = scrubber.form(text) if "form" in mime else scrubber.text(text)
        body, recorded, problem = _response_bytes(response.get("content") or {})
        if problem:
            diagnostics.append(Diagnostic("warning", problem, where))
        headers = {n.lower(): scrubber.header(n, v) for n, v in _pairs(response.get("headers"))}
        content_type = str((response.get("content") or {}).get("mimeType", ""))
        if content_type and "content-type" not in headers:
            headers["content-type"] = content_type
        try:
            status = int(response.get("status") or 0) or None
        except (TypeError, ValueError):
            status = None
        names = {n.lower() for n, _ in _pairs(request.get("headers"))}
        entries.append(Entry(
            number, str(request["method"]).upper(), scrubber.url(str(request["url"])), mime,
            scrubber.json(parsed) if parsed is not None else None, request_text, status,
            headers, _scrub_body(scrubber, body) if body else b"", recorded,
            bool(names & {"authorization", "cookie", "x-api-key", "api-key"})))
    return entries, diagnostics
