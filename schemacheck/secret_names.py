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


def url_secrets(url: str) -> list[str]:
    """The secrets a URL carries: its user info's password (or the user alone, which is how
    `https://TOKEN@host` passes a token), and the values of credential-named parameters."""
    from urllib.parse import parse_qsl, unquote, urlsplit

    try:
        parts = urlsplit(url)
        password, user = parts.password, parts.username
    except ValueError:  # not a URL (a bad port): nothing to take from it
        return []
    found = [unquote(password)] if password else [unquote(user)] if user else []
    found += [value for name, value in parse_qsl(parts.query, keep_blank_values=False)
              if is_secret_key(name)]
    return [value for value in found if value]


# The configured secrets of the run being made (settings() sets them): an error message (a
# URL in it) is masked too, even where no run result exists yet to scrub.
_current: tuple[str, ...] = ()


def use_secrets(values: list[str]) -> None:
    """The secrets of this run, replacing the last run's (tests make many runs in a process)."""
    global _current
    _current = tuple(sorted({v for v in values if len(v) >= 4}, key=lambda s: (-len(s), s)))


def masked(text: str) -> str:
    """`text` with every configured secret shown as `$TOKEN`, as the probe's outputs show it."""
    for secret in _current:
        text = text.replace(secret, "$TOKEN")
    return text
