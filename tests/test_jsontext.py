"""pretty_json writes what json.dumps(indent=2, sort_keys=True, ensure_ascii=False) writes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from schemacheck.jsontext import pretty_json


@pytest.mark.parametrize("value", [
    {"b": [1, 2.5, None, True], "a": {"z": {}, "y": []}, "é": "ünïcode ✓", "n": -0.0},
    [{"nested": [[[]]], "s": "tab\there \"quoted\" \\ back"}],
    {"big": 2**64},  # past orjson's 64 bits: the standard library writes it
    {"1": "string keys only", "": "empty key"},
    "a string", 3, [],
])
def test_same_text_as_the_standard_library(value: Any) -> None:
    assert pretty_json(value) == json.dumps(value, indent=2, sort_keys=True,
                                            ensure_ascii=False) + "\n"


def test_non_string_keys_fall_back() -> None:
    assert pretty_json({200: "ok"}) == '{\n  "200": "ok"\n}\n'
