"""A tiny HAR 1.2 recorder: an httpx event hook that writes down every real exchange."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx


def _headers(headers: httpx.Headers) -> list[dict[str, str]]:
    return [{"name": k, "value": v} for k, v in headers.multi_items()]


class HarRecorder:
    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []

    def __call__(self, response: httpx.Response) -> None:
        response.read()
        request = response.request
        content = request.content.decode("utf-8", "replace")
        entry: dict[str, Any] = {
            "startedDateTime": "2026-01-01T00:00:00.000Z", "time": 1,
            "request": {
                "method": request.method, "url": str(request.url), "httpVersion": "HTTP/1.1",
                "headers": _headers(request.headers),
                "queryString": [{"name": k, "value": v} for k, v in request.url.params.items()],
                "cookies": [], "headersSize": -1, "bodySize": len(request.content)},
            "response": {
                "status": response.status_code, "statusText": response.reason_phrase,
                "httpVersion": "HTTP/1.1", "headers": _headers(response.headers),
                "cookies": [{"name": c.name, "value": c.value} for c in response.cookies.jar],
                "content": {"size": len(response.content),
                            "mimeType": response.headers.get("content-type", ""),
                            "text": response.text},
                "redirectURL": "", "headersSize": -1, "bodySize": len(response.content)},
            "cache": {}, "timings": {"send": 0, "wait": 1, "receive": 0},
        }
        if content:
            entry["request"]["postData"] = {
                "mimeType": request.headers.get("content-type", ""), "text": content}
        self.entries.append(entry)

    def har(self) -> dict[str, Any]:
        return {"log": {"version": "1.2", "creator": {"name": "tests", "version": "1"},
                        "entries": self.entries}}

    def save(self, path: Path) -> Path:
        path.write_text(json.dumps(self.har(), indent=1), encoding="utf-8")
        return path
