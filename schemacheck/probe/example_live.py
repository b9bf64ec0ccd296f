"""A response example in the docs next to the live answer of the same operation: a field the
example shows that the answer no longer carries, or carries as another JSON type, means the
example no longer looks like the real answer. Fields only the answer has are fine: examples
are often partial."""

from __future__ import annotations

from typing import Any

MAX_DEPTH = 12


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object" if isinstance(value, dict) else "value"


def stale_fields(example: Any, live: Any, where: str = "response",
                 depth: int = 0) -> list[str]:
    """`response.x: absent from the answer` / `response.y: a string in the example, a number
    live`, for every place the example and the live answer part ways."""
    if depth > MAX_DEPTH:
        return []
    if isinstance(example, dict) and isinstance(live, dict):
        out: list[str] = []
        for key, value in example.items():
            if key not in live:
                out.append(f"{where}.{key}: absent from the answer")
            else:
                out += stale_fields(value, live[key], f"{where}.{key}", depth + 1)
        return out
    if isinstance(example, list) and isinstance(live, list):
        if example and live:
            return stale_fields(example[0], live[0], where + "[]", depth + 1)
        return []
    kinds = {_kind(example), _kind(live)}
    if len(kinds) > 1 and "null" not in kinds:  # null is one value, not a changed type
        return [f"{where}: {_kind(example)} in the example, {_kind(live)} live"]
    return []
