"""What the TypeScript loader reads from varied docs, pinned byte for byte: `types --format
json` and the endpoints, headings and examples the diff pairs by. The loader is tuned for
speed (one JSDoc parse per distinct comment, literal texts read once, ...); this says such
work changed nothing. Regenerate on purpose only: UPDATE_GOLDEN=1 python -m pytest tests/sources
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from schemacheck.jsontext import pretty_json
from schemacheck.report.types_view import types_json
from schemacheck.sources.typescript import clear_cache, load_docs

ROOT = Path(__file__).resolve().parents[2]
VARIED = "tests/data/types-varied"  # imports and barrels, generics, unions, intersections,
# utility and mapped types, enums, classes, namespaces, JSDoc tags, a syntax error, TSX, and
# Markdown with many TypeScript and JSON blocks
GOLDEN = ROOT / "tests" / "golden" / "types-varied.json"


def read_back(paths: list[str]) -> str:
    clear_cache()
    docs = load_docs(paths)
    extra = {"types": {k: dataclasses.asdict(v) for k, v in docs.types.items()},
             "examples": [[list(k), [e.to_json() for e in v]] for k, v in docs.examples.items()],
             "files": docs.files}
    return types_json(docs) + pretty_json(extra)


def test_varied_docs_read_as_pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # reports name files relative to the working directory
    got = read_back([VARIED])
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(got, encoding="utf-8")
    assert got == GOLDEN.read_text(encoding="utf-8")
