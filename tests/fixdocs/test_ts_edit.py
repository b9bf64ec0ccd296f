"""The byte-range helpers fix-docs builds its edits from."""

from __future__ import annotations

import pytest

from schemacheck.sources.ts_syntax import Unit, parse
from schemacheck.ts_edit import Edit, FileText, apply, member_span, unified, union_member_span
from schemacheck.ts_nodes import annotation_type, prop_name, union_members, walk


def _prop(source: str, name: str) -> tuple[FileText, Unit, object]:
    data = source.encode()
    unit = Unit("x.ts", 0, None, parse(data).root_node)
    node = next(n for n in walk(unit.root) if n.type == "property_signature"
                and prop_name(n) == name)
    return FileText(data), unit, node


@pytest.mark.parametrize(("source", "name", "expected"), [
    ("type A = { debug?: boolean; a: string }", "debug", "type A = { a: string }"),
    ("type A = { a: string; debug?: boolean; b: number }", "debug",
     "type A = { a: string; b: number }"),
    ("type A = { a: string; debug?: boolean }", "debug", "type A = { a: string }"),
    ("interface A {\n  a: string;\n  /** old */\n  debug: boolean; // gone\n  b: 1;\n}\n",
     "debug", "interface A {\n  a: string;\n  b: 1;\n}\n"),
    ("interface A {\n  a: string,\n  debug: boolean\n}\n", "debug",
     "interface A {\n  a: string,\n}\n"),
])
def test_removing_a_member_keeps_the_rest_as_written(source: str, name: str,
                                                     expected: str) -> None:
    ftext, unit, node = _prop(source, name)
    start, end = member_span(ftext, unit, node)  # type: ignore[arg-type]
    assert apply(ftext.data, [Edit(start, end, b"")])[0].decode() == expected


@pytest.mark.parametrize(("source", "drop", "expected"), [
    ("type A = { a: string | null }", "null", "type A = { a: string }"),
    ("type A = { a: null | string }", "null", "type A = { a: string }"),
    ("type A = { a:\n  | 'x'\n  | null\n  | 'y' }", "null", "type A = { a:\n  | 'x'\n  | 'y' }"),
])
def test_dropping_a_union_member(source: str, drop: str, expected: str) -> None:
    ftext, unit, node = _prop(source, "a")
    type_node = annotation_type(node)  # type: ignore[arg-type]
    assert type_node is not None
    members = union_members(type_node)
    member = next(m for m in members if (m.text or b"").decode() == drop)
    span = union_member_span(ftext, unit, members, member)
    assert span is not None
    assert apply(ftext.data, [Edit(*span, b"")])[0].decode() == expected


def test_markdown_block_positions_map_to_file_bytes() -> None:
    data = b"# T\r\n\r\n  ```ts\r\n  interface A { b: string }\r\n  ```\r\n"
    block = b"  interface A { b: string }"
    unit = Unit("x.md", 3, None, parse(block).root_node)
    node = next(n for n in walk(unit.root) if n.type == "property_signature")
    start, end = FileText(data).span(unit, node)
    assert data[start:end] == b"b: string"


def test_overlapping_edits_are_skipped_and_duplicates_collapse() -> None:
    edits = [Edit(0, 3, b"x"), Edit(0, 3, b"x"), Edit(2, 4, b"y"), Edit(5, 5, b"!")]
    new, skipped = apply(b"abcdefg", edits)
    assert new == b"xde!fg" and skipped == [Edit(2, 4, b"y")]


def test_unified_diff_has_git_prefixes() -> None:
    assert unified("/tmp/a.ts", b"a\n", b"b\n").splitlines()[:2] == ["--- a/tmp/a.ts",
                                                                    "+++ b/tmp/a.ts"]
