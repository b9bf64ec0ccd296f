"""judging.py splits the contracts between this process and a forked child for a large API:
the findings, their order and what counts as compared must be those of one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemacheck import judging
from schemacheck.config import Config
from schemacheck.pipeline import _compare
from schemacheck.records import to_json
from schemacheck.sources.openapi import Spec, build_spec, load_openapi
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


def _spec_of(tags: list[str]) -> Spec:
    paths = {f"/r{i}": {"get": {"tags": [tag], "operationId": f"op{i}", "responses": {
        "200": {"description": "ok"}}}} for i, tag in enumerate(tags)}
    return build_spec({"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
                       "paths": paths}, "spec.json")


@pytest.mark.parametrize("tags", [
    ["a"] * 6 + ["b"] * 5 + ["c"] * 4 + ["d"] * 3 + ["e"] * 2,  # resources of many sizes
    ["only"] * 40,  # one tag for the whole API: dealt in quarters, not all to one side
    ["big"] * 30 + [f"t{i}" for i in range(10)],
])
def test_each_resource_stays_on_one_side_and_the_sides_are_even(tags: list[str]) -> None:
    from schemacheck.facts import Contract

    spec = _spec_of(tags)
    contracts = [Contract(operation=f"GET /r{i}", part="response", doc_type=f"T{i}",
                          backend=f"#/paths/~1r{i}", how="name", direction="response")
                 for i in range(len(tags))]
    sides = judging._sides(contracts, spec)
    assert abs(sides.count(0) - sides.count(1)) <= len(tags) // 4
    quarter = len(tags) // 4
    for tag in set(tags):
        on = {side for side, t in zip(sides, tags, strict=True) if t == tag}
        assert len(on) == 1 or tags.count(tag) > quarter  # only a resource too large is cut
    assert judging._sides(contracts, spec) == sides  # the same every run
