"""What counts as a secret, in one place for the probe and for recorded traffic: names of keys
and headers that hold credentials, JWT-shaped strings, and the placeholder that replaces them."""

from __future__ import annotations

import re
from functools import lru_cache

PLACEHOLDER = "[redacted]"
# Three base64url parts; the signature may be empty (an unsigned token is still a token).
JWT = re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*")
# A key names a credential when, lowercased and without separators, it holds one of these...
KEY_PARTS = ("token", "apikey", "secret", "password", "passwd", "passphrase", "authorization",
             "cookie", "session", "credential", "privatekey", "signature")
# ... or when it is one of these short names whole.
KEY_NAMES = {"key", "sig", "otp", "auth", "pin"}
HEADER_PARTS = ("authorization", "cookie", "apikey", "api-key", "api_key", "token", "secret",
                "auth", "session", "password", "credential", "signature")


@lru_cache(maxsize=4096)  # scrubbing asks about the same few keys of every answer
def is_secret_key(key: str) -> bool:
    squashed = re.sub(r"[-_.\s]", "", key.lower())
    return squashed in KEY_NAMES or any(part in squashed for part in KEY_PARTS)


def is_secret_header(name: str) -> bool:
    lowered = name.lower()
    return any(part in lowered for part in HEADER_PARTS)
