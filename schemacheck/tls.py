"""One TLS context per process for every httpx client schemacheck builds.

httpx builds a new context for each client made with `verify=True`, loading the whole CA bundle
(~30 ms of CPU) even when every URL is plain http; a run makes a client per spec fetch and per
probe, and the test suite ~150 of them. A context is safe to share between clients and threads.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ssl


@functools.cache
def _verified() -> ssl.SSLContext:
    import httpx

    return httpx.create_ssl_context()  # httpx's own: certifi, or SSL_CERT_FILE/SSL_CERT_DIR


def context(verify: bool) -> ssl.SSLContext | bool:
    """What to pass as httpx's `verify`: the shared context, or False (no checks: cheap)."""
    return _verified() if verify else False
