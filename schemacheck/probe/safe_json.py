"""JSON from a backend is hostile input: nesting that would exhaust the recursion limit (here,
or in the walks that follow) is refused as a ValueError, like any other bad JSON."""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

MAX_DEPTH = 200
# orjson reads integers past 64 bits as floats: text with a run of 19 digits goes to json
LONG_DIGITS = re.compile(r"[0-9]{19}")
LONG_DIGITS_BYTES = re.compile(rb"[0-9]{19}")


def loads(text: str | bytes) -> Any:
    value = _parse(text)
    if _may_nest(text) and _depth_over(value, MAX_DEPTH):
        raise ValueError(f"JSON nested deeper than {MAX_DEPTH} levels")
    return value


def _parse(text: str | bytes) -> Any:
    """orjson where it reads the text as json would (several times faster); json for all it
    refuses (NaN, 1e400, lone surrogates, bad JSON), so values and errors stay json's."""
    long = LONG_DIGITS.search(text) if isinstance(text, str) else LONG_DIGITS_BYTES.search(text)
    if not long:
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:
            pass
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError(f"JSON nested deeper than {MAX_DEPTH} levels") from None


def _may_nest(text: str | bytes) -> bool:
    """Whether the text opens enough brackets to be nested over MAX_DEPTH at all (brackets
    inside strings only make this say yes more often): most bodies need no walk."""
    if isinstance(text, str):
        return text.count("[") + text.count("{") > MAX_DEPTH
    return text.count(b"[") + text.count(b"{") > MAX_DEPTH


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
