"""Serve an ASGI app with uvicorn on a free loopback port, in a background thread.

Used by `schemacheck demo` and by the tests: both need a real backend over real HTTP.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import uvicorn


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class _Server(uvicorn.Server):
    """uvicorn looks at `should_exit` every 0.1 s and pauses 0.1 s at shutdown for open
    connections to finish; `stop()` wakes it at once and an idle server skips the pause (the
    test suite starts and stops dozens of servers)."""

    _loop: asyncio.AbstractEventLoop | None = None
    _wake: asyncio.Event | None = None

    async def main_loop(self) -> None:
        self._loop, self._wake = asyncio.get_running_loop(), asyncio.Event()
        counter = 0
        while not await self.on_tick(counter):
            counter = (counter + 1) % 864000
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._wake.wait(), 0.1)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        if self.server_state.connections or self.server_state.tasks:
            await super().shutdown(sockets)  # requests in flight: uvicorn's graceful path
            return
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()
        for server in self.servers:
            await server.wait_closed()
        await self.lifespan.shutdown()

    def stop(self) -> None:
        self.should_exit = True
        if self._loop is not None and self._wake is not None:
            with contextlib.suppress(RuntimeError):  # the loop has already ended
                self._loop.call_soon_threadsafe(self._wake.set)


@contextmanager
def serve(app: Any, host: str = "127.0.0.1", port: int | None = None,
          ready_path: str = "/openapi.json", timeout: float = 15.0,
          grace: int = 1) -> Iterator[str]:
    """Start `app`, wait until `ready_path` answers, yield the base URL, then stop it.

    The socket is bound here, before uvicorn starts, so the port is this server's from the
    first moment (no window in which another process may take it). `grace` is how many seconds
    the stop waits for requests still in flight (0: cut them short)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit it: uvicorn sets no TCP_NODELAY on a socket it is handed,
    # and each answer's last segment waited ~40 ms for the client's delayed ACK (Nagle).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    base_url = f"http://{host}:{port or 0}"
    try:
        sock.bind((host, port or 0))
    except OSError as exc:
        sock.close()
        raise RuntimeError(f"backend did not start on {base_url}: {exc.strerror}") from None
    port = int(sock.getsockname()[1])
    base_url = f"http://{host}:{port}"
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="off",
                            timeout_graceful_shutdown=grace)
    server = _Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]},
                              name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    try:
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError(f"backend did not start on {base_url}")
            time.sleep(0.002)
        # Plain http on loopback: no TLS context to build (loading the CA bundle costs more
        # than the request).
        with httpx.Client(verify=False, timeout=timeout) as client:
            client.get(base_url + ready_path)
        yield base_url
    finally:
        server.stop()
        thread.join(timeout=10)
        sock.close()
