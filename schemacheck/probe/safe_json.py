"""JSON from a backend is hostile input: nesting that would exhaust the recursion limit (here,
or in the walks that follow) is refused as a ValueError, like any other bad JSON."""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 200


def loads(text: str | bytes) -> Any:
    try:
        value = json.loads(text)
    except RecursionError:
        raise ValueError(f"JSON nested deeper than {MAX_DEPTH} levels") from None
    if _depth_over(value, MAX_DEPTH):
        raise ValueError(f"JSON nested deeper than {MAX_DEPTH} levels")
    return value


def _depth_over(value: Any, limit: int) -> bool:
    stack = [(value, 0)]
    while stack:
        here, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(here, dict):
            stack.extend((v, depth + 1) for v in here.values() if isinstance(v, (dict, list)))
        elif isinstance(here, list):
            stack.extend((v, depth + 1) for v in here if isinstance(v, (dict, list)))
    return False
