"""The probe's HTTP client: one origin only, bounded concurrency, timeouts, capped bodies,
retries with backoff on connection errors and 502/503/504 (Retry-After respected); a POST or
PATCH only when it surely did nothing (connection refused, 503)."""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import json
import shlex
import sys
import time
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

from schemacheck import tls
from schemacheck.errors import ProbeError
from schemacheck.probe import safe_json
from schemacheck.probe.redact import Redactor, is_secret_header

FilePart = tuple[str, bytes, str]  # (file name, content, content type)
# a field of a form or multipart body: one value, or several sent as repeated keys
Form = dict[str, str | list[str]]
Files = dict[str, FilePart | list[FilePart]]

RETRY_STATUS = (502, 503, 504)
NOT_IDEMPOTENT = ("POST", "PATCH")
REFUSED = "cannot connect"  # the error of a connection that never opened: nothing was sent
MAX_RETRY_AFTER = 10.0
# Why a request is sent (result.PURPOSES), for the count of what the probe sent.
_PURPOSE: ContextVar[str] = ContextVar("purpose", default="probe")


@contextlib.contextmanager
def purpose(name: str) -> Iterator[None]:
    """Requests sent inside (and by tasks started inside) are counted under `name`."""
    token = _PURPOSE.set(name)
    try:
        yield
    finally:
        _PURPOSE.reset(token)


@dataclass
class Answer:
    status: int | None  # None when no answer came
    headers: dict[str, str]
    body: bytes
    truncated: bool
    error: str | None = None  # transport failure, after retries
    attempts: int = 1
    seconds: float = 0.0

    def json(self) -> Any:
        return safe_json.loads(self.body.decode("utf-8"))

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip()


Query = dict[str, str | list[str]]  # a list: the key repeated (?state=a&state=b)


class ProbeClient:
    transport: httpx.AsyncBaseTransport | None = None  # in-process (ASGI) runs: pytest_plugin

    def __init__(self, base_url: str, headers: dict[str, str], timeout: float, retries: int,
                 concurrency: int, max_body: int, verify: bool = True) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ProbeError(f"--base-url {base_url!r}: expected http(s)://host[:port]")
        self.base_url = base_url.rstrip("/")
        self._base_path = urlsplit(self.base_url).path.rstrip("/")
        self.origin = (parts.scheme, parts.hostname, parts.port)
        self.headers = headers
        self.retries = retries
        self.max_body = max_body
        self.timeout = timeout
        self.limit = asyncio.Semaphore(max(1, concurrency))
        # requests that reached the backend, by purpose (a refused connection sent nothing)
        self.sent: dict[str, int] = {}
        self.client = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout), follow_redirects=False,
            verify=tls.context(verify),
            limits=httpx.Limits(max_connections=max(1, concurrency)), transport=self.transport)

    async def close(self) -> None:
        await self.client.aclose()

    def url(self, path: str, path_params: dict[str, str], base_path: str = "") -> str:
        """base URL + the spec's base path (unless the base URL already ends with it) + path."""
        for name, value in path_params.items():
            # "." and ".." are dot segments every URL parser removes: /items/. is /items
            segment = quote(str(value), safe="")
            segment = "%2E" * len(segment) if segment in (".", "..") else segment
            path = path.replace("{" + name + "}", segment)
        prefix = "" if self._base_path.endswith(base_path) else base_path
        url = self.base_url + prefix + path
        parts = urlsplit(url)
        if (parts.scheme, parts.hostname, parts.port) != self.origin:
            raise ProbeError(f"{url}: outside the configured base URL")  # pragma: no cover
        return url

    async def send(self, method: str, url: str, *, params: Query | None = None,
                   json_body: Any = None, form: Form | None = None,
                   headers: dict[str, str] | None = None,
                   files: Files | None = None) -> Answer:
        merged = {**self.headers, **(headers or {})}
        start = time.perf_counter()
        attempt = 0
        while True:
            attempt += 1
            async with self.limit:
                answer = await self._once(method, url, params, json_body, form, merged,
                                          files)
            if not (answer.error or "").startswith(REFUSED):
                kind = _PURPOSE.get()
                self.sent[kind] = self.sent.get(kind, 0) + 1
            retry_in = self._retry_delay(answer, attempt, method)
            if retry_in is None:
                answer.attempts = attempt
                answer.seconds = time.perf_counter() - start
                return answer
            await asyncio.sleep(retry_in)

    def _retry_delay(self, answer: Answer, attempt: int, method: str = "GET") -> float | None:
        """A POST or PATCH is sent again only when it surely did nothing: the connection was
        refused, or the server said 503. Behind a gateway a 502 or 504, a broken answer or a
        timeout may come after the backend did the work (made an object, ran a job)."""
        if attempt > self.retries:
            return None
        once = method in NOT_IDEMPOTENT
        if answer.error and "timed out" not in answer.error:
            refused = answer.error.startswith(REFUSED)
            return 0.1 * 2 ** (attempt - 1) if refused or not once else None
        if answer.status in RETRY_STATUS and not (once and answer.status != 503):
            # Never wait longer than one request may take, whatever the server asks.
            after = _retry_after(answer.headers.get("retry-after"),
                                 min(MAX_RETRY_AFTER, self.timeout))
            return after if after is not None else 0.1 * 2 ** (attempt - 1)
        return None

    async def _once(self, method: str, url: str, params: Query | None, json_body: Any,
                    form: Form | None, headers: dict[str, str],
                    files: Files | None = None) -> Answer:
        """One attempt, bounded as a whole: connect, headers and every read share one deadline
        (httpx's timeouts bound each read alone, so a slow drip would never trip them)."""
        exchange = self._exchange(method, url, params, json_body, form, headers, files)
        try:
            if sys.version_info >= (3, 11):  # no extra task per request, unlike wait_for
                async with asyncio.timeout(self.timeout):
                    return await exchange
            return await asyncio.wait_for(exchange, self.timeout)
        except (asyncio.TimeoutError, httpx.TimeoutException):
            return Answer(None, {}, b"", False, f"timed out after {self.timeout:g}s (total)")
        except httpx.ConnectError as exc:
            return Answer(None, {}, b"", False, f"{REFUSED} ({exc or 'refused'})")
        except httpx.RemoteProtocolError as exc:  # e.g. a head that never ends
            return Answer(None, {}, b"", False, f"not a valid HTTP answer ({exc})")
        except httpx.TransportError as exc:
            return Answer(None, {}, b"", False, f"{type(exc).__name__}: {exc}")

    async def _exchange(self, method: str, url: str, params: Query | None,
                        json_body: Any, form: Form | None, headers: dict[str, str],
                        files: Files | None) -> Answer:
        # several files under one name go as repeated parts, in order
        parts = [(key, one) for key, value in (files or {}).items()
                 for one in (value if isinstance(value, list) else [value])]
        request = self.client.build_request(method, url, params=params, json=json_body,
                                            data=form, headers=headers, files=parts or None)
        response = await self.client.send(request, stream=True)
        try:
            body = bytearray()
            truncated = False
            async for chunk in response.aiter_bytes():  # the cap holds while streaming
                body += chunk
                if len(body) > self.max_body:
                    truncated = True
                    del body[self.max_body:]
                    break
        finally:
            await response.aclose()
        return Answer(response.status_code, {k.lower(): v for k, v in response.headers.items()},
                      bytes(body), truncated)


def _retry_after(value: str | None, limit: float = MAX_RETRY_AFTER) -> float | None:
    """Seconds to wait from a Retry-After header, within [0, limit]; None when unreadable.

    The header is the server's word: garbage, negative or huge numbers and dates in the past
    or far future never raise, they are clamped or ignored."""
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(text)
            seconds = parsed.timestamp() - time.time()
        except (TypeError, ValueError, OverflowError, IndexError):
            return None
    if seconds != seconds:  # NaN
        return None
    return min(limit, max(0.0, seconds))


def curl(method: str, url: str, headers: dict[str, str], body: Any, redact: Redactor,
         content_type: str = "application/json") -> str:
    """A shell command that reproduces the request. Only credential headers are masked
    (`$TOKEN`, keeping the scheme: `Bearer $TOKEN`); other headers stay as given."""
    parts = ["curl"]
    if method != "GET":
        parts += ["-X", method]
    parts.append(shlex.quote(redact(url)))
    for name in sorted(headers):
        if is_secret_header(name):
            scheme, _, rest = headers[name].partition(" ")
            shown = f"{scheme} $TOKEN" if rest and scheme.isalpha() else "$TOKEN"
            parts += ["-H", f'"{name}: {shown}"']
        else:
            parts += ["-H", shlex.quote(redact(f"{name}: {headers[name]}"))]
    if body is not None:
        if content_type == "application/x-www-form-urlencoded" and isinstance(body, dict):
            for key in sorted(body):
                for one in body[key] if isinstance(body[key], list) else [body[key]]:
                    parts += ["--data-urlencode", shlex.quote(redact(f"{key}={one}"))]
        elif content_type == "multipart/form-data" and isinstance(body, dict):
            for key in sorted(body):
                for value in body[key] if isinstance(body[key], list) else [body[key]]:
                    field = f"{key}=@{key}.bin" if isinstance(value, bytes) else f"{key}={value}"
                    parts += ["-F", shlex.quote(redact(field))]
        else:
            parts += ["-H", "'Content-Type: application/json'",
                      "-d", shlex.quote(redact(json.dumps(body, separators=(",", ":"))))]
    return " ".join(parts)
