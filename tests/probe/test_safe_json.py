"""safe_json reads with orjson where it can: values and errors must stay exactly json's."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schemacheck.probe import safe_json

JSON = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.text()
    | st.integers(min_value=-(2 ** 70), max_value=2 ** 70),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20)


def same(a: object, b: object) -> bool:
    """Equal with the same types (1 is not 1.0) and the same float signs and infinities."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        if math.isnan(a):
            return math.isnan(b)  # type: ignore[arg-type]
        return a == b and math.copysign(1, a) == math.copysign(1, b)  # type: ignore[arg-type]
    if isinstance(a, list):
        return len(a) == len(b) and all(map(same, a, b))  # type: ignore[arg-type]
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)  # type: ignore[index]
    return a == b


@settings(max_examples=120, deadline=None)
@given(JSON)
def test_values_are_jsons(value: object) -> None:
    for text in (json.dumps(value), json.dumps(value, ensure_ascii=False)):
        assert same(safe_json.loads(text), json.loads(text))
        assert same(safe_json.loads(text.encode()), json.loads(text.encode()))


@pytest.mark.parametrize("text", [
    "1e400", "-1e400", "NaN", "-Infinity", '"\\ud800"', '{"a":1,"a":2}', "12345678901234567890",
    "-9223372036854775809", "[1.5e-400, 5e-324]", "0.12345678901234567890123"])
def test_what_orjson_reads_otherwise_is_read_by_json(text: str) -> None:
    assert same(safe_json.loads(text), json.loads(text))


@pytest.mark.parametrize("text", ["", "[1,]", "01", "\ufeff{}", "[]x", '"\x01"', "{'a': 1}"])
def test_bad_json_raises_jsons_error(text: str) -> None:
    with pytest.raises(json.JSONDecodeError) as ours:
        safe_json.loads(text)
    with pytest.raises(json.JSONDecodeError) as theirs:
        json.loads(text)
    assert str(ours.value) == str(theirs.value)


def test_nesting_over_the_limit_is_refused_whatever_reads_it() -> None:
    for depth in (202, 2000, 100_000):  # orjson's own limit is 1024; json's is the stack
        with pytest.raises(ValueError, match="nested deeper than 200"):
            safe_json.loads("[" * depth + "]" * depth)
    assert safe_json.loads("[" * 201 + "]" * 201) is not None  # the innermost at depth 200
    brackets_in_strings = json.dumps(["[{" * 300])
    assert safe_json.loads(brackets_in_strings) == ["[{" * 300]
