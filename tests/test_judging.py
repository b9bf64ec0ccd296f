"""judging.py splits the contracts between this process and a forked child for a large API:
the findings, their order and what counts as compared must be those of one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemacheck import judging
from schemacheck.config import Config
from schemacheck.pipeline import _compare
from schemacheck.records import to_json
from schemacheck.sources.openapi import load_openapi
from schemacheck.sources.typescript import clear_cache, load_docs
from tests.forking import allow_forks

ROOT = Path(__file__).resolve().parent.parent
RULES = sorted(p for p in (ROOT / "tests" / "data" / "rules").iterdir() if p.is_dir())
SHOP = ROOT / "tests" / "data" / "generated" / "shop"
PAIRS = [([str(SHOP / "types.gen.ts")], str(SHOP / "spec.json")),
         ([str(SHOP / "heyapi.types.gen.ts")], str(SHOP / "spec.json")),
         # every rule's fixture at once: many contracts, most of them with findings
         ([str(p / "docs.ts") for p in RULES], str(RULES[0] / "spec.yaml"))]
PAIRS += [([str(p / "docs.ts")], str(p / "spec.yaml")) for p in RULES]


def _compared(docs: list[str], spec: str) -> str:
    clear_cache()
    contracts, found, incomplete = _compare(load_docs(docs), load_openapi(spec), Config())
    return repr(([to_json(f) for f in found], incomplete,
                 [c.to_json() for c in contracts.contracts]))


@pytest.mark.parametrize("docs, spec", PAIRS, ids=lambda v: Path(v[0] if isinstance(v, list)
                                                               else v).parent.name)
def test_split_judging_is_the_one_process_result(docs: list[str], spec: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    alone = _compared(docs, spec)
    monkeypatch.setattr(judging, "MIN_SPLIT_CONTRACTS", 0)
    children = allow_forks(monkeypatch)
    assert _compared(docs, spec) == alone
    assert children
