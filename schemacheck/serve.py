"""Serve an ASGI app with uvicorn on a free loopback port, in a background thread.

Used by `schemacheck demo` and by the tests: both need a real backend over real HTTP.
"""

from __future__ import annotations

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


@contextmanager
def serve(app: Any, host: str = "127.0.0.1", port: int | None = None,
          ready_path: str = "/openapi.json", timeout: float = 15.0) -> Iterator[str]:
    """Start `app`, wait until `ready_path` answers, yield the base URL, then stop it."""
    port = port or free_port(host)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="off",
                            timeout_graceful_shutdown=1)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    base_url = f"http://{host}:{port}"
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                httpx.get(base_url + ready_path, timeout=1.0)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or not thread.is_alive():
                    raise RuntimeError(f"backend did not start on {base_url}") from None
                time.sleep(0.02)
        yield base_url
    finally:
        server.should_exit = True
        thread.join(timeout=10)
