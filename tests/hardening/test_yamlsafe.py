"""Hostile YAML, from real files: every shape ends in one clean error line or a JSON-shaped value,
in bounded time and memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemacheck.errors import ConfigError, SourceError
from schemacheck.sources.openapi import load_openapi
from schemacheck.yamlsafe import load_yaml


def _read(tmp_path: Path, text: str) -> object:
    path = tmp_path / "doc.yaml"
    path.write_text(text, encoding="utf-8")
    return load_yaml(path.read_bytes(), str(path))


@pytest.mark.parametrize(("text", "line"), [
    ("a: &a [*a]\n", 1),                       # a list holding itself
    ("a: &a {b: *a}\n", 1),                    # a mapping holding itself
    ("top:\n  a: &a\n    b:\n      c: [1, *a]\n", 2),  # the alias deep inside its own anchor
    ("a: &a {<<: *a}\n", 1),                   # a merge key that merges itself
    ("a: &a\n  - &b\n    - *a\n", 1),          # two anchors in a ring
])
def test_self_referencing_anchor_is_refused(tmp_path: Path, text: str, line: int) -> None:
    with pytest.raises(SourceError, match=r"anchor refers to itself") as caught:
        _read(tmp_path, text)
    assert f"doc.yaml:{line}:" in str(caught.value)


def test_shared_anchor_that_is_not_a_cycle_still_loads(tmp_path: Path) -> None:
    data = _read(tmp_path, "base: &b {x: 1}\none: *b\ntwo: {<<: *b, y: 2}\n")
    assert data == {"base": {"x": 1}, "one": {"x": 1}, "two": {"x": 1, "y": 2}}


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    rows = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    rows += [f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]" for p, c in zip("abcdefgh", "bcdefghi",
                                                                         strict=True)]
    with pytest.raises(SourceError, match="expand to more than"):
        _read(tmp_path, "\n".join(rows) + "\n")


def test_non_string_keys_become_the_text_written(tmp_path: Path) -> None:
    data = _read(tmp_path, "{1: a, 2.5: b, true: c, ~: d, 2024-01-01: e, 0x1F: f}\n")
    assert data == {"1": "a", "2.5": "b", "true": "c", "~": "d", "2024-01-01": "e", "0x1F": "f"}


def test_keys_equal_as_strings_are_duplicates(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"doc.yaml:2: duplicate key '1'"):
        _read(tmp_path, "1: a\n'1': b\n")


def test_a_key_that_is_a_list_is_an_error_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"doc.yaml:2: a mapping key must be a plain value"):
        _read(tmp_path, "ok: 1\n? [a, b]\n: c\n")


def test_non_json_scalars_keep_their_text(tmp_path: Path) -> None:
    data = _read(tmp_path, "when: 2024-01-01\nat: 2024-01-01T10:00:00Z\nraw: !!binary aGk=\n"
                           "set: !!set {a, b}\nomap: !!omap [a: 1, b: 2]\n")
    assert data == {"when": "2024-01-01", "at": "2024-01-01T10:00:00Z", "raw": "aGk=",
                    "set": {"a": None, "b": None}, "omap": [{"a": 1}, {"b": 2}]}


@pytest.mark.parametrize(("text", "message"), [
    ("x: !!python/object/apply:os.system [echo hi]\n", "could not determine a constructor"),
    ("x: !custom 1\n", "could not determine a constructor for the tag '!custom'"),
    ("a: 1\n---\nb: 2\n", "another document"),
    ("a: " + "[" * 1200 + "]" * 1200 + "\n", "nesting depth"),
    ("".join("  " * i + "-\n" for i in range(1500)), "nesting depth"),
    ("a: [1, 2\n", "invalid YAML"),
    ("\tkey: value\n", "invalid YAML"),
])
def test_hostile_shapes_are_one_clean_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(SourceError) as caught:
        _read(tmp_path, text)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_nesting_just_inside_the_limit_loads(tmp_path: Path) -> None:
    data = _read(tmp_path, "a: " + "[" * 900 + "]" * 900 + "\n")
    assert isinstance(data, dict)


def test_the_error_type_is_the_callers(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("a: &a [*a]\n")
    with pytest.raises(ConfigError):
        load_yaml(path.read_text(), str(path), ConfigError)


def test_openapi_with_integer_keys_loads(tmp_path: Path) -> None:
    # Unquoted status codes and numeric property names used to crash the normaliser.
    spec = tmp_path / "spec.yaml"
    spec.write_text("""openapi: 3.0.3
info: {title: t, version: 1}
paths:
  /items:
    get:
      responses:
        200:
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  1: {type: string}
                  true: {type: integer}
""")
    loaded = load_openapi(str(spec))
    [op] = loaded.operations
    assert op.key == "GET /items"


def test_openapi_with_recursive_alias_is_a_source_error(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: &p\n  /x: *p\n")
    with pytest.raises(SourceError, match=r"spec.yaml:3: a YAML anchor refers to itself"):
        load_openapi(str(spec))
