"""Which operation of the spec a recorded `METHOD URL` is: path templates matched segment by
segment after the deployment's prefixes (the base URL's path, the spec's base path)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from schemacheck.sources.openapi import Operation

PARAM = re.compile(r"\{[^/{}]+\}")


@dataclass(frozen=True)
class Route:
    op: Operation
    pattern: re.Pattern[str]
    literals: int  # literal segments: the most specific template wins (`/jobs/dry-run`)


def _template(path: str) -> tuple[re.Pattern[str], int]:
    segments = _segments(path)
    parts = []
    literals = 0
    for segment in segments:
        pieces = PARAM.split(segment)
        parts.append("[^/]+".join(re.escape(p) for p in pieces))
        literals += len(pieces) == 1
    return re.compile("/" + "/".join(parts) + r"\Z"), literals


def _segments(path: str) -> list[str]:
    return [s for s in path.strip("/").split("/") if s]


class Router:
    def __init__(self, operations: list[Operation], prefixes: list[str]) -> None:
        self.routes = []
        for op in operations:
            pattern, literals = _template(op.path)
            self.routes.append(Route(op, pattern, literals))
        # longest prefix first; "" (no prefix) always last
        self.prefixes = sorted({p.rstrip("/") for p in prefixes if p.strip("/")},
                               key=len, reverse=True) + [""]

    def candidates(self, url: str) -> list[str]:
        path = "/" + "/".join(unquote(s) for s in _segments(urlsplit(url).path))
        out = []
        for prefix in self.prefixes:
            if not prefix:
                out.append(path)
            elif path == prefix or path.startswith(prefix + "/"):
                out.append(path[len(prefix):] or "/")
        return list(dict.fromkeys(out))

    def match(self, method: str, url: str) -> tuple[Operation | None, bool]:
        """(the operation, or None; whether the path matched some template at all)."""
        path_known = False
        for path in self.candidates(url):
            found = [r for r in self.routes if r.pattern.match(path)]
            if not found:
                continue
            path_known = True
            same = [r for r in found if r.op.method == method]
            if same:
                return max(same, key=lambda r: (r.literals, -len(r.op.path))).op, True
        return None, path_known
