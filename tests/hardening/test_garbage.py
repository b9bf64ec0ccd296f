"""Generated garbage into every loader: random bytes, truncated JSON and YAML, deep nesting, huge
strings, odd unicode and wrong types at every level. Each loader either loads or raises one
SchemacheckError whose message is one line per problem; nothing else ever escapes.

Bounded on purpose (max_examples, no deadline, small sizes) so the module runs in seconds."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemacheck.config import Config, load_config
from schemacheck.errors import SchemacheckError
from schemacheck.pipeline import run_static
from schemacheck.sources.openapi import load_openapi
from schemacheck.sources.typescript import load_docs
from schemacheck.yamlsafe import load_yaml

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests/data/openapi"
SPEC_TEXT = (DATA / "v30.yaml").read_text()
SPEC_31 = (DATA / "v31.json").read_text()
CONFIG_TEXT = (ROOT / "fixtures/v3/schemacheck.yaml").read_text()
DOCS_TEXT = (ROOT / "fixtures/v3/docs/V3_BACKEND_RESPONSES.md").read_text()[:6000]
TS_TEXT = (ROOT / "tests/data/octokit-excerpt.d.ts").read_text()[:6000]
BOUNDED = settings(max_examples=40, deadline=None, database=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture,
                                          HealthCheck.too_slow])

# Odd unicode: controls, combining marks, bidi overrides, BOMs, astral planes, lone surrogates.
ODD = st.text(st.characters(codec="utf-8") | st.sampled_from(
    ["\u0000", "\u202e", "\ufeff", "\u0301", "\U0001f600", "\r", "\t", "\u2028", "\x85"]),
    max_size=200)
JSON_LEAF = st.none() | st.booleans() | st.integers() | st.floats() | ODD
JSON_ANY = st.recursive(JSON_LEAF, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    ODD, inner, max_size=4), max_leaves=20)


def _garbage_bytes() -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.binary(max_size=2000),
        ODD.map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.integers(1, 5000).map(lambda n: b"a: " + b"[" * n),           # deep, unclosed
        st.integers(1, 3000).map(lambda n: b"[" * n + b"]" * n),         # deep JSON
        st.integers(1, 400).map(lambda n: "".join("  " * i + "k:\n" for i in range(n)).encode()),
        st.integers(1, 200_000).map(lambda n: b"x: " + b"A" * n),          # huge string
        st.sampled_from([b"\xff\xfe\x00", b"\xef\xbb\xbf{", b"---\n...\n---\n", b"&a [*a]",
                         b"!!python/object:os.system x", b"{: }", b"? [a]\n: b", b"~", b"0"]),
    )


def _truncated(text: str) -> st.SearchStrategy[bytes]:
    data = text.encode()
    return st.integers(0, len(data)).map(lambda n: data[:n])


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a JSON value, so a wrong type can be put at any level."""
    out = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            out += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out += _paths(child, (*prefix, index))
    return out


def _replaced(document: Any) -> st.SearchStrategy[Any]:
    paths = _paths(document)

    def put(args: tuple[tuple[Any, ...], Any]) -> Any:
        path, value = args
        if not path:
            return value
        copied = copy.deepcopy(document)
        target = copied
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        return copied

    return st.tuples(st.sampled_from(paths), JSON_ANY).map(put)


def _one_line_each(exc: SchemacheckError) -> None:
    assert str(exc).strip(), "an error says what was wrong"
    assert "Traceback" not in str(exc)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- YAML ------------------------------------------------------------------------------------

@BOUNDED
@given(data=_garbage_bytes() | _truncated(SPEC_TEXT) | _truncated(CONFIG_TEXT))
def test_yaml_loader(data: bytes) -> None:
    try:
        load_yaml(data, "garbage.yaml")
    except SchemacheckError as exc:
        _one_line_each(exc)
        assert "\n" not in str(exc)


# --- OpenAPI ---------------------------------------------------------------------------------

def _openapi(path: Path) -> None:
    try:
        load_openapi(str(path))
    except SchemacheckError as exc:
        _one_line_each(exc)


@BOUNDED
@given(data=_garbage_bytes() | _truncated(SPEC_TEXT) | _truncated(SPEC_31))
def test_openapi_loader_bytes(tmp_path_factory, data: bytes) -> None:  # noqa: ANN001
    folder = tmp_path_factory.mktemp("spec")
    _openapi(_write(folder, "spec.yaml", data))


PET_DOCS = ("export interface Pet { id: number; name: string; tag?: string | null }\n"
            "export interface NewPet { name: string; tag?: string }\n")


def _diff(folder: Path, document: Any) -> None:
    """Load and diff: a wrong type the loader lets through must not crash the diff either."""
    spec = _write(folder, "spec.json", json.dumps(document).encode())
    docs = _write(folder, "docs.ts", PET_DOCS.encode())
    try:
        run_static(Config(docs=[str(docs)], openapi=str(spec)))
    except SchemacheckError as exc:
        _one_line_each(exc)


@settings(BOUNDED, max_examples=120)
@given(document=_replaced(yaml.safe_load(SPEC_TEXT)) | _replaced(json.loads(SPEC_31)))
def test_openapi_loader_and_diff_wrong_types(tmp_path_factory, document: Any) -> None:  # noqa: ANN001
    _diff(tmp_path_factory.mktemp("spec"), document)


# Shapes hypothesis found, kept as plain examples: each one crashed before.
def _at(path: tuple[Any, ...], value: Any) -> Any:
    document = yaml.safe_load(SPEC_TEXT)
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return document


@pytest.mark.parametrize("document", [
    _at(("components", "schemas", "NewPet", "properties", "name", "type"), ["string", None]),
    _at(("components",), [None]),
    _at(("paths", "/pets", "get", "responses"), ["200"]),
], ids=["type-null-member", "components-list", "responses-list"])
def test_found_shapes_are_clean(tmp_path: Path, document: Any) -> None:
    _diff(tmp_path, document)


# --- config ----------------------------------------------------------------------------------

def _config(path: Path) -> None:
    try:
        load_config(path, {})
    except SchemacheckError as exc:
        _one_line_each(exc)


@BOUNDED
@given(data=_garbage_bytes() | _truncated(CONFIG_TEXT))
def test_config_loader_bytes(tmp_path_factory, data: bytes) -> None:  # noqa: ANN001
    folder = tmp_path_factory.mktemp("cfg")
    _config(_write(folder, "schemacheck.yaml", data))


FULL_CONFIG = {"docs": ["d.md"], "openapi": "o.json", "base_url": "http://h", "headers": {
    "X-A": "b"}, "auth": {"bearer": "t", "login": {"url": "/t", "username": "u",
                                                   "password": "p"}},
    "contracts": {"GET /x": {"request": "A", "response": "B"}},
    "ignore": [{"rule": "response-field-missing", "operation": "GET /*", "reason": "r"}],
    "probe": {"allow_writes": ["POST /x"], "path_params": {"id": "1"}, "concurrency": 2,
              "timeout": 1, "retries": 0, "skip": ["GET /y"], "field_by_field": True,
              "max_body_bytes": 2048}, "fail_on": "low", "baseline": "b.json",
    "allow_remote_refs": False, "timeout": 5, "verify_tls": True}


@BOUNDED
@given(document=_replaced(FULL_CONFIG))
def test_config_loader_wrong_types(tmp_path_factory, document: Any) -> None:  # noqa: ANN001
    folder = tmp_path_factory.mktemp("cfg")
    _config(_write(folder, "schemacheck.yaml", json.dumps(document).encode()))


@BOUNDED
@given(data=_garbage_bytes().map(lambda b: b"[tool.schemacheck]\n" + b) | _garbage_bytes()
       | st.sampled_from([b"tool = 5\n", b"[tool]\nschemacheck = [1]\n", b"tool.schemacheck.x=1"])
       | _truncated('[tool.schemacheck]\ndocs = ["a"]\n[tool.schemacheck.probe]\n'
                    'concurrency = 2\n[[tool.schemacheck.ignore]]\nreason = "x"\n'))
def test_pyproject_loader(tmp_path_factory, data: bytes) -> None:  # noqa: ANN001
    folder = tmp_path_factory.mktemp("pyproject")
    _config(_write(folder, "pyproject.toml", data))


# --- docs (TypeScript and Markdown) ----------------------------------------------------------

@BOUNDED
@given(data=_garbage_bytes() | _truncated(TS_TEXT) | _truncated(DOCS_TEXT)
       | st.integers(1, 3000).map(lambda n: ("export type T = " + "{a: " * n).encode()),
       name=st.sampled_from(["docs.ts", "docs.d.ts", "docs.md", "docs.tsx"]))
def test_docs_loader(tmp_path_factory, data: bytes, name: str) -> None:  # noqa: ANN001
    folder = tmp_path_factory.mktemp("docs")
    path = _write(folder, name, data)
    try:
        docs = load_docs([str(path)])
    except SchemacheckError as exc:
        _one_line_each(exc)
    else:
        assert all(d.message for d in docs.diagnostics)
