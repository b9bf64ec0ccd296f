"""Keeping secrets out of every artifact: the configured ones (shown as `$TOKEN`, so curl lines
still run with the variable set) and the ones a backend returns in its answers (values under
credential-named keys, JWT-shaped strings), shown as a fixed placeholder."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from schemacheck.secret_names import JWT, PLACEHOLDER, is_secret_header, is_secret_key

__all__ = ["PLACEHOLDER", "Redactor", "is_secret_header", "is_secret_key"]


@dataclass
class Redactor:
    """Replaces known secrets in text; learns the secrets a backend returns while scrubbing."""

    secrets: list[str] = field(default_factory=list)
    # the secrets longest first, for len(secrets) of them (the list only ever grows)
    _ordered: tuple[str, ...] = field(default=(), init=False, repr=False)
    _ordered_for: int = field(default=0, init=False, repr=False)

    def __call__(self, text: str) -> str:
        if self._ordered_for != len(self.secrets):
            self._ordered = tuple(sorted({s for s in self.secrets if len(s) >= 4},
                                         key=lambda s: (-len(s), s)))
            self._ordered_for = len(self.secrets)
        for secret in self._ordered:
            text = text.replace(secret, "$TOKEN")
        return JWT.sub(PLACEHOLDER, text) if "eyJ" in text else text  # every JWT starts so

    def learn(self, value: Any) -> None:
        """Remember every string stored under a credential-named key, at any depth."""
        if isinstance(value, dict):
            for key, sub in value.items():
                if is_secret_key(str(key)):
                    self.secrets.extend(s for s in _strings(sub) if len(s) >= 4)
                else:
                    self.learn(sub)
        elif isinstance(value, list):
            for sub in value:
                self.learn(sub)

    def scrub(self, value: Any) -> Any:
        """A copy of a JSON value with credential-named keys' strings replaced by the
        placeholder and known secrets removed from every other string."""
        if isinstance(value, dict):
            return {key: (_blank(sub) if is_secret_key(str(key)) else self.scrub(sub))
                    for key, sub in value.items()}
        if isinstance(value, list):
            return [self.scrub(sub) for sub in value]
        if isinstance(value, str):
            return self(value)
        return value


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for sub in value.values() for s in _strings(sub)]
    if isinstance(value, list):
        return [s for sub in value for s in _strings(sub)]
    return []


def _blank(value: Any) -> Any:
    if isinstance(value, str):
        return PLACEHOLDER if value else value
    if isinstance(value, dict):
        return {key: _blank(sub) for key, sub in value.items()}
    if isinstance(value, list):
        return [_blank(sub) for sub in value]
    return value
