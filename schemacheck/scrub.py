"""Secrets out of recorded traffic, before anything is kept: credential headers, sensitive
query parameters and body fields, bearer tokens and JWT-shaped strings anywhere.

Every value removed is also remembered, so the same secret echoed somewhere unexpected (a
response body, an error message) is replaced too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from schemacheck.secret_names import JWT, PLACEHOLDER, is_secret_header, is_secret_key

REDACTED = PLACEHOLDER


def _secret_query(name: str) -> bool:  # OAuth's code and state travel in the query too
    return is_secret_key(name) or name.lower() in ("code", "state")


BEARER = re.compile(r"(?i)\b(bearer|basic|token)\s+([A-Za-z0-9._~+/=-]{8,})")
MIN_SECRET = 4


@dataclass
class Scrubber:
    secrets: set[str] = field(default_factory=set)
    _pattern: re.Pattern[str] | None = field(default=None, repr=False)
    _compiled_for: int = field(default=-1, repr=False)

    def _secrets_pattern(self) -> re.Pattern[str] | None:
        """One alternation of every remembered secret, longest first (rebuilt as it grows)."""
        if self._compiled_for != len(self.secrets):
            ordered = sorted(self.secrets, key=lambda v: (-len(v), v))
            self._pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None
            self._compiled_for = len(self.secrets)
        return self._pattern

    def remember(self, value: str) -> None:
        for part in (value, *value.split()[1:2]):  # "Bearer abc": the whole and "abc"
            if len(part) >= MIN_SECRET:
                self.secrets.add(part)

    def text(self, value: str) -> str:
        value = JWT.sub(REDACTED, value)  # patterns first: a remembered prefix of a token
        value = BEARER.sub(lambda m: f"{m.group(1)} {REDACTED}", value)  # must not split it
        pattern = self._secrets_pattern()
        return pattern.sub(REDACTED, value) if pattern is not None else value

    def header(self, name: str, value: str) -> str:
        if is_secret_header(name):
            self.remember(value)
            if name.lower() in ("cookie", "set-cookie"):
                for piece in re.split(r"[;,]\s*", value):
                    self.remember(piece.partition("=")[2])
            return REDACTED
        return self.text(value)

    def url(self, url: str) -> str:
        parts = urlsplit(url)
        pairs = parse_qsl(parts.query, keep_blank_values=True)
        for name, value in pairs:
            if _secret_query(name):
                self.remember(value)
        query = urlencode([(n, REDACTED if _secret_query(n) else v) for n, v in pairs],
                          safe="[]")
        netloc = parts.netloc.rpartition("@")[2]  # user:password@host
        if "@" in parts.netloc:
            self.remember(parts.netloc.rpartition("@")[0].partition(":")[2])
        return self.text(urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment)))

    def collect(self, value: Any) -> None:
        """Remember the values of sensitive fields anywhere in a JSON value."""
        stack = [value]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                for key, item in node.items():
                    if is_secret_key(str(key)) and isinstance(item, (str, int, float)) \
                            and not isinstance(item, bool):
                        self.remember(str(item))
                    else:
                        stack.append(item)
            elif isinstance(node, list):
                stack.extend(node)

    def json(self, value: Any) -> Any:
        """The value with sensitive fields' strings replaced (their type kept, so the body
        still validates as it did) and secrets removed from every other string."""
        if isinstance(value, dict):
            return {k: (REDACTED if isinstance(v, str) else v) if is_secret_key(str(k))
                    and not isinstance(v, (dict, list)) else self.json(v)
                    for k, v in value.items()}
        if isinstance(value, list):
            return [self.json(v) for v in value]
        if isinstance(value, str):
            return self.text(value)
        return value

    def form(self, body: str) -> str:
        pairs = parse_qsl(body, keep_blank_values=True)
        for name, value in pairs:
            if is_secret_key(name):
                self.remember(value)
        return self.text(urlencode([(n, REDACTED if is_secret_key(n) else v)
                                    for n, v in pairs], safe="[]"))
