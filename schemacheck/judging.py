"""The diff and the static rules' verdicts on it, contract by contract; for a large API on two
cores. A contract's facts and findings never depend on the other contracts (the diff shares
only the subtrees of pairs it walked completely, the rules' memos only spare judging a shared
pair twice), so the contracts are split between this process and a forked child and the
findings put back in contract order: the same as one by one."""

from __future__ import annotations

import pickle
from dataclasses import dataclass

from schemacheck import forked
from schemacheck.cache_store import loads
from schemacheck.completeness import compares_something, is_unconstrained
from schemacheck.diff import compare_all
from schemacheck.facts import Contract
from schemacheck.findings import Finding
from schemacheck.result import resource_of
from schemacheck.rules import evaluate_each
from schemacheck.sources.openapi import Spec
from schemacheck.sources.typescript import DocSet

# Below this many contracts a fork costs more than it saves.
MIN_SPLIT_CONTRACTS = 400


@dataclass(frozen=True)
class Judged:
    findings: list[Finding]  # in contract order
    compared: frozenset[Contract]  # contracts with a fact that compares something
    unconstrained: frozenset[Contract]  # contracts with a body the backend leaves as any


def judge(contracts: list[Contract], docs: DocSet, spec: Spec) -> Judged:
    split = _split(contracts, docs, spec) if len(contracts) >= MIN_SPLIT_CONTRACTS else None
    if split is not None:
        return split
    return _assembled([_part(contracts, docs, spec)], [list(range(len(contracts)))])


def _split(contracts: list[Contract], docs: DocSet, spec: Spec) -> Judged | None:
    """The contracts judged here and in a forked child; None if no child could be forked."""
    sides = _sides(contracts, spec)
    mine = [i for i, side in enumerate(sides) if side == 0]
    theirs = [i for i, side in enumerate(sides) if side == 1]
    child = forked.start(lambda: pickle.dumps(
        _part([contracts[i] for i in theirs], docs, spec), protocol=pickle.HIGHEST_PROTOCOL))
    if child is None:
        return None
    own = _part([contracts[i] for i in mine], docs, spec)
    payload = forked.collect(child)
    other = loads(payload) if payload else _part([contracts[i] for i in theirs], docs, spec)
    return _assembled([own, other], [mine, theirs])


def _sides(contracts: list[Contract], spec: Spec) -> list[int]:
    """Which side judges each contract. One resource's operations share the most types (what
    both sides walk is walked twice: GitHub's halves walked 0.07 s of shared subtrees twice
    when operations were spread by a digest of their names), so each resource goes to one
    side, the largest first to the side with fewer contracts. A resource of more than a
    quarter of them is dealt in quarters, so that one large tag cannot leave a side idle."""
    groups: dict[str, list[int]] = {}
    for index, contract in enumerate(contracts):
        op = spec.operation(contract.operation) if contract.operation else None
        key = resource_of(op.path, op.tags) if op else "#" + contract.doc_type
        groups.setdefault(key, []).append(index)
    quarter = max(1, len(contracts) // 4)
    chunks = [members[start:start + quarter] for members in groups.values()
              for start in range(0, len(members), quarter)]
    sides, counts = [0] * len(contracts), [0, 0]
    for chunk in sorted(chunks, key=lambda c: (-len(c), c[0])):  # c[0]: in contract order
        side = 0 if counts[0] <= counts[1] else 1
        for index in chunk:
            sides[index] = side
        counts[side] += len(chunk)
    return sides


Part = tuple[list[list[Finding]], set[Contract], set[Contract]]


def _part(contracts: list[Contract], docs: DocSet, spec: Spec) -> Part:
    diff = compare_all(contracts, docs, spec)
    return (evaluate_each(diff), diff.contracts_with(compares_something),
            diff.contracts_with(is_unconstrained))


def _assembled(parts: list[Part], indices: list[list[int]]) -> Judged:
    by_index: dict[int, list[Finding]] = {}
    compared: set[Contract] = set()
    unconstrained: set[Contract] = set()
    for (found, part_compared, part_unconstrained), where in zip(parts, indices, strict=True):
        by_index.update(zip(where, found, strict=True))
        compared |= part_compared
        unconstrained |= part_unconstrained
    return Judged([f for i in sorted(by_index) for f in by_index[i]], frozenset(compared),
                  frozenset(unconstrained))
