"""A pair of named types is compared once however many places reach it: the diff's records
stay bounded by the distinct pairs and fields, and the findings are those of judging every
place one by one, in the same order."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemacheck.completeness import compares_something, incomplete_reasons, is_unconstrained
from schemacheck.contracts import make_contracts
from schemacheck.diff import compare_all, diff_all
from schemacheck.fact_tree import placed
from schemacheck.rootcause import by_declaration
from schemacheck.rules import RULES, evaluate, evaluate_diff
from schemacheck.sources.openapi import Spec, build_spec, load_openapi
from schemacheck.sources.typescript import DocSet, load_docs

CASES = Path(__file__).parent / "data" / "rules"


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _chain(tmp_path: Path, depth: int, operations: int, drift: bool = False
           ) -> tuple[DocSet, Spec]:
    """Levels L0..L{depth}: each holds the next twice (`a`, `b`) and a number, so a place
    reaches the last level along 2**depth paths; every operation reads L0 and sends it (paired
    by name). Fox, a member only the backend's union has with `drift`, is always declared."""
    last = depth
    schemas: dict[str, dict] = {f"L{i}": {
        "type": "object", "required": ["a", "b", "n"],
        "properties": {"a": _ref(f"L{i + 1}"), "b": _ref(f"L{i + 1}"), "n": {"type": "number"}}}
        for i in range(last)}
    schemas[f"L{last}"] = {"type": "object", "required": ["n", "s"], "properties": {
        "n": {"type": "number"}, "s": {"type": "string"}, "u": {"oneOf": [
            _ref("Cat"), _ref("Dog"), *([_ref("Fox")] if drift else [])]}}}
    for pet in ("Cat", "Dog", "Fox"):
        schemas[pet] = {"type": "object", "required": ["name"],
                        "properties": {"name": {"type": "string"}}}
    ok = {"description": "ok", "content": {"application/json": {"schema": _ref("L0")}}}
    paths = {f"/r{k}": {"get": {"responses": {"200": ok}},
                        "post": {"requestBody": {"content": ok["content"]},
                                 "responses": {"204": {"description": "done"}}}}
             for k in range(operations)}
    spec = build_spec({"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                       "paths": paths, "components": {"schemas": schemas}}, "inline")
    lines = [f"export interface L{i} {{ a: L{i + 1}; b: L{i + 1}; n: number; }}"
              for i in range(last)]
    kind = "number" if drift else "string"  # the drift: `s` at the deepest level, shared
    lines += [f"export interface L{last} {{ n: number; s: {kind}; u?: Cat | Dog; }}",
              "export interface Cat { name: string; }", "export interface Dog { name: string; }",
              "export interface Fox { name: string; }"]
    (tmp_path / "d.ts").write_text("\n".join(lines) + "\n")
    return load_docs([str(tmp_path / "d.ts")]), spec


def test_nested_reused_types_keep_the_records_bounded(tmp_path: Path) -> None:
    depth, operations = 30, 40  # 2**30 paths to the last level under each of 80 contracts
    docs, spec = _chain(tmp_path, depth, operations)
    contracts = make_contracts(docs, spec).contracts
    assert len(contracts) == 2 * operations + 1  # and Fox, a component of its own
    diff = compare_all(contracts, docs, spec)
    # one body fact per contract, a, b and n per level, n, s and u at the last, and the name
    # of Cat, Dog and Fox: what one walk of each pair finds, not 2**30 copies of it
    assert diff.records() == len(contracts) + 3 * depth + 3 + 3
    assert evaluate_diff(diff) == []
    assert incomplete_reasons(doc_types=docs.types, doc_errors=[], contracts=contracts,
                              operations=[op.key for op in spec.operations],
                              compared=diff.contracts_with(compares_something),
                              unconstrained=diff.contracts_with(is_unconstrained),
                              configured={}) == []


def test_a_shared_drift_shows_at_every_place_in_order(tmp_path: Path) -> None:
    depth, operations = 3, 2
    docs, spec = _chain(tmp_path, depth, operations, drift=True)
    contracts = make_contracts(docs, spec).contracts
    shared = evaluate_diff(compare_all(contracts, docs, spec))
    assert shared == evaluate(diff_all(contracts, docs, spec))
    places = 2 ** depth * 2 * operations  # the components paired by name have no L3
    assert sorted({f.rule for f in shared}) == [
        "request-type-mismatch", "response-type-mismatch", "response-union-member-undocumented"]
    assert len(shared) == places + places // 2  # the member only in responses
    member = [f for f in shared if f.rule == "response-union-member-undocumented"]
    assert member[0].location == "response.a.a.a.u"
    assert all(f.message.startswith(f"`{f.location}` may be `Fox`") for f in member)
    merged = {(f.rule, f.location): len(f.affects) - 1 for f in by_declaration(shared)}
    assert merged[("request-type-mismatch", "#L3.s")] == places // 2
    assert merged[("response-type-mismatch", "#L3.s")] == places // 2


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir()))
def test_judging_once_is_judging_each_place(case: str) -> None:
    """Each fixture pair of the catalog: the same findings, and every check's verdict stays
    when its fact stands elsewhere (what lets a shared subtree be judged once)."""
    docs = load_docs([str(CASES / case / "docs.ts")])
    spec = load_openapi(str(CASES / case / "spec.yaml"))
    contracts = make_contracts(docs, spec).contracts
    facts = diff_all(contracts, docs, spec)
    assert evaluate_diff(compare_all(contracts, docs, spec)) == evaluate(facts)
    checks = [r.check for r in RULES.values() if r.check is not None]
    for fact in facts:
        moved = placed(fact, fact.contract, "elsewhere.deeper" + fact.location)
        assert [c(fact) is None for c in checks] == [c(moved) is None for c in checks]
