"""Hostile HTTP servers on loopback, written as raw asyncio: they misbehave below what any
framework lets an app do (headers a byte at a time, bodies without end, odd Retry-After).

Every server stops by itself: each connection gives up after `LIFETIME` seconds, and the server
is closed when the `with` block ends.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]
LIFETIME = 20.0  # seconds one connection may live, whatever the handler does


@contextmanager
def raw_server(handler: Handler) -> Iterator[str]:
    """Serve `handler` on 127.0.0.1 at a free port in a thread; yield the base URL."""
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    box: dict[str, asyncio.AbstractServer] = {}

    async def bounded(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await asyncio.wait_for(handler(reader, writer), LIFETIME)
        except (asyncio.TimeoutError, ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    async def start() -> None:
        box["server"] = await asyncio.start_server(bounded, "127.0.0.1", 0)
        ready.set()

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(start(), loop)
    ready.wait(10)
    port = box["server"].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        asyncio.run_coroutine_threadsafe(_shutdown(box["server"]), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


async def _shutdown(server: asyncio.AbstractServer) -> None:
    """Stop listening and end every connection still being served."""
    server.close()
    tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def read_request(reader: asyncio.StreamReader) -> bytes:
    """The request head (the tests' clients send no body on these servers' paths)."""
    return await reader.readuntil(b"\r\n\r\n")


def drip(body: bytes, every: float = 0.2, head_too: bool = False) -> Handler:
    """Answer 200 with `body`, one byte per `every` seconds (the head too, when asked)."""

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        head = (f"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                f"content-length: {len(body)}\r\n\r\n").encode()
        for part in ([head[i:i + 1] for i in range(len(head))] if head_too else [head]):
            writer.write(part)
            await writer.drain()
            if head_too:
                await asyncio.sleep(every)
        for i in range(len(body)):
            writer.write(body[i:i + 1])
            await writer.drain()
            await asyncio.sleep(every)

    return handler


def endless(chunk: bytes = b" " * 1024, every: float = 0.01) -> Handler:
    """Answer 200 with a chunked body that never ends (until LIFETIME)."""

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                     b"transfer-encoding: chunked\r\n\r\n")
        while True:
            writer.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            await writer.drain()
            await asyncio.sleep(every)

    return handler


def endless_head(every: float = 0.001) -> Handler:
    """A status line, then one header line that never ends."""

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.write(b"HTTP/1.1 200 OK\r\nX-Endless: ")
        while True:
            writer.write(b"a" * 4096)
            await writer.drain()
            await asyncio.sleep(every)

    return handler


def statuses(answers: list[tuple[int, dict[str, str], bytes]]) -> Handler:
    """Answer each request with the next (status, headers, body); the last one repeats."""
    seen = {"n": 0}

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            await read_request(reader)
            status, headers, body = answers[min(seen["n"], len(answers) - 1)]
            seen["n"] += 1
            lines = [f"HTTP/1.1 {status} X", f"content-length: {len(body)}",
                     *(f"{k}: {v}" for k, v in headers.items())]
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
            await writer.drain()

    handler.seen = seen  # type: ignore[attr-defined]
    return handler
