"""openapi-typescript `--read-write-markers` wraps a readOnly property's type in `$Read<T>`
(`type $Read<T> = { readonly $read: T }`) and a writeOnly's in `$Write<T>`: the marker is
the keyword on T, not an object with a `$read` field. data/read-write-markers: see its
README."""

from __future__ import annotations

from pathlib import Path

from tests.realworld.conftest import Pair, found

DATA = Path(__file__).parent / "data" / "read-write-markers"
SPEC = (DATA / "spec.json").read_text(encoding="utf-8")
TYPES = (DATA / "types.d.ts").read_text(encoding="utf-8")


def test_markers_are_the_keywords(pair: Pair) -> None:
    data = pair.diff(TYPES, SPEC, name="types.d.ts")
    assert found(data) == [] and data["unmatched"] == [] and data["uncovered"] == []
    # its helper types (`Readable<T>`, conditional) stay unexpressed, and are said to be
    assert all("conditional type" in d["message"] for d in data["diagnostics"])


def test_a_drifted_marked_type_is_found(pair: Pair) -> None:
    assert TYPES.count("id: $Read<string>;") == 1
    docs = TYPES.replace("id: $Read<string>;", "id: $Read<number>;")
    data = pair.diff(docs, SPEC, name="types.d.ts", exit_code=None)
    assert found(data) == [("request-type-mismatch", "POST /items", "body.id"),
                           ("response-type-mismatch", "POST /items", "response.id")]


def test_a_generic_of_another_shape_is_no_marker(pair: Pair) -> None:
    """A one-parameter alias of one `$read` property that is not readonly is an object."""
    docs = TYPES.replace("readonly $read: T;", "$read: T;")
    data = pair.diff(docs, SPEC, name="types.d.ts", exit_code=None)
    assert ("response-type-mismatch", "POST /items", "response.id") in found(data)
