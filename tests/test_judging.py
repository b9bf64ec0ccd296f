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


def _static(docs: list[str], spec: str) -> str:
    from schemacheck import cache
    from schemacheck.pipeline import finish, run_static

    clear_cache()
    cache.bypass()
    try:
        loaded = run_static(Config(docs=docs, openapi=spec), "2026-01-01")
        finish(loaded)
        return loaded.result.dumps()
    finally:
        cache.bypass(False)


@pytest.mark.parametrize("docs, spec", PAIRS[:3], ids=["openapi-typescript", "hey-api",
                                                       "every-rule"])
def test_a_child_started_from_the_specs_bytes_judges_as_one_process(
        docs: list[str], spec: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The spec's child hands its bytes over; a child started from them reads the spec,
    pairs and judges its side before this process has read the spec: one process's result,
    with no third child forked for the judging."""
    from schemacheck import cache

    alone = _static(docs, spec)
    children = allow_forks(monkeypatch)
    monkeypatch.setattr(cache, "MIN_PREFETCH", 0)
    monkeypatch.setattr(judging, "MIN_SPLIT_CONTRACTS", 0)
    started: list[int] = []
    real_start = judging.start_early
    monkeypatch.setattr("schemacheck.pipeline.start_early", lambda *args: started.append(1) or
                        real_start(*args))
    assert _static(docs, spec) == alone
    assert started and len(children) == 2  # the spec's child and the early one: no other


def test_an_early_child_that_paired_otherwise_is_judged_here(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Should the child's contracts ever differ from this process's, its verdicts are not
    used: the side is judged here."""
    from schemacheck import cache, contracts

    docs, spec = PAIRS[0]
    alone = _static(docs, spec)
    allow_forks(monkeypatch)
    monkeypatch.setattr(cache, "MIN_PREFETCH", 0)
    monkeypatch.setattr(judging, "MIN_SPLIT_CONTRACTS", 0)
    real = contracts.make_contracts
    parent = __import__("os").getpid()

    def differently(*args: object, **kwargs: object) -> contracts.ContractSet:
        made = real(*args, **kwargs)  # type: ignore[arg-type]
        if __import__("os").getpid() != parent:  # in the child: one contract fewer
            made.contracts = made.contracts[1:]
        return made

    monkeypatch.setattr(contracts, "make_contracts", differently)
    assert _static(docs, spec) == alone


def test_an_early_child_is_stopped_when_the_comparison_is_cached(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from schemacheck import cache, forked
    from schemacheck.pipeline import run_static

    monkeypatch.setenv("SCHEMACHECK_CACHE_DIR", str(tmp_path))
    docs, spec = PAIRS[0]
    run_static(Config(docs=docs, openapi=spec), "2026-01-01")  # fills the cache
    monkeypatch.setattr("schemacheck.cache.entry_path", lambda key: tmp_path / "none")
    allow_forks(monkeypatch)
    monkeypatch.setattr(cache, "MIN_PREFETCH", 0)
    stopped: list[int] = []
    real_abandon = forked.abandon
    monkeypatch.setattr(forked, "abandon", lambda child: stopped.append(child.pid) or
                        real_abandon(child))
    run_static(Config(docs=docs, openapi=spec), "2026-01-01")
    assert stopped and all(_gone(pid) for pid in stopped)


def _gone(pid: int) -> bool:
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False
