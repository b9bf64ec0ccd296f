"""Read a document from a file or a URL: size-capped, one deadline for the whole fetch,
same-origin redirects only."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from schemacheck.errors import SourceError
from schemacheck.input_files import read_input

MAX_BYTES = 64 * 1024 * 1024
MAX_REDIRECTS = 5


def is_url(source: str) -> bool:
    return urlsplit(source).scheme in ("http", "https")


def origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.port


def read_source(source: str, headers: dict[str, str] | None = None, timeout: float = 30.0,
                verify: bool = True) -> bytes:
    if is_url(source):
        return fetch_url(source, headers or {}, timeout, verify)
    if source.startswith("file:"):
        raise SourceError(f"{source}: give a path, not a file: URL")
    return read_input(source, MAX_BYTES, SourceError)


def fetch_url(url: str, headers: dict[str, str], timeout: float, verify: bool) -> bytes:
    """GET with a body cap; redirects followed only within the first URL's origin.

    `timeout` bounds the whole fetch (connect, headers, every read, every redirect): httpx's own
    timeouts bound each read, so a server dripping one byte at a time would never trip them.
    """
    import asyncio  # here, as httpx below: a run on local files never pays for importing it
    from concurrent.futures import ThreadPoolExecutor

    coro = _fetch_within(url, headers, timeout, verify)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    # Called from code that already runs an event loop: fetch on a thread of its own.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


async def _fetch_within(url: str, headers: dict[str, str], timeout: float,
                        verify: bool) -> bytes:
    import asyncio

    import httpx  # here, not at the top: a run on local files never pays for importing it

    try:
        return await asyncio.wait_for(_fetch(url, headers, timeout, verify), timeout)
    except (asyncio.TimeoutError, httpx.TimeoutException):
        raise SourceError(f"{url}: timed out after {timeout:g}s (the whole fetch)") from None
    except httpx.TransportError as exc:
        raise SourceError(f"{url}: {_cause(exc)}") from None


async def _fetch(url: str, headers: dict[str, str], timeout: float, verify: bool) -> bytes:
    import httpx

    from schemacheck import tls
    start = origin(url)
    current = url
    async with httpx.AsyncClient(timeout=httpx.Timeout(timeout), verify=tls.context(verify),
                                 follow_redirects=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            async with client.stream("GET", current, headers=headers) as resp:
                if resp.is_redirect:
                    target = urljoin(current, resp.headers.get("location", ""))
                    if origin(target) != start:
                        raise SourceError(f"{url}: redirect to another origin refused "
                                          f"({target})")
                    current = target
                    continue
                if resp.status_code >= 400:
                    raise SourceError(f"{url}: HTTP {resp.status_code} {resp.reason_phrase}")
                declared = resp.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > MAX_BYTES:
                    raise SourceError(f"{url}: {declared} bytes is over the {MAX_BYTES} byte "
                                      "limit")
                body = bytearray()
                async for chunk in resp.aiter_bytes():
                    body += chunk
                    if len(body) > MAX_BYTES:  # checked while streaming: no endless buffer
                        raise SourceError(f"{url}: body is over the {MAX_BYTES} byte limit")
                return bytes(body)
    raise SourceError(f"{url}: more than {MAX_REDIRECTS} redirects")


def _cause(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    if "Connection refused" in text or "connect" in type(exc).__name__.lower():
        return f"cannot connect ({text})"
    if type(exc).__name__ == "RemoteProtocolError":  # e.g. a head that never ends
        return f"not a valid HTTP answer ({text})"
    return text
