"""The diff's facts as it keeps them: each pair of named types (docs name, backend name) is
compared once, and its facts sit in one Subtree that every place reaching the pair refers to.

Large APIs reach the same pairs from hundreds of operations (GitHub's `simple-user` from most
of its 1,223); copying a pair's facts into every place would grow with the number of paths
through the types, without bound when reused types nest. Here the records grow with the
distinct pairs and fields only; `gather` and `Diff.facts` lay facts out place by place when a
caller needs them so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from schemacheck.facts import Contract, FieldFact

T = TypeVar("T")


@dataclass(slots=True, eq=False)  # compared and hashed by identity: one per walked pair
class Subtree:
    """The facts below one pair of named types, in walk order, their locations relative to
    where the pair stands (`.id`, `.owner.login`). A fact's `contract` is the first one that
    reached the pair: each place has its own (see `placed`)."""

    entries: list[FieldFact | Nested] = field(default_factory=list)


@dataclass(slots=True, frozen=True)
class Nested:
    """A pair's subtree standing at `at` (relative to the entries that hold it)."""

    at: str
    tree: Subtree


@dataclass(slots=True)
class ContractFacts:
    """One contract's facts: its own (at their full locations) and the subtrees it reaches."""

    contract: Contract
    entries: list[FieldFact | Nested]


def placed(fact: FieldFact, contract: Contract, location: str) -> FieldFact:
    """The same fact under another contract and location. The constructor, not
    dataclasses.replace: this runs for every place of a large API when laid out."""
    return FieldFact(contract, location, fact.field, fact.docs, fact.backend,  # by position
                     fact.docs_open, fact.backend_open, fact.backend_closed, fact.renamed,
                     fact.member)


def _walk(entries: list[FieldFact | Nested], at: str) -> Iterator[tuple[str, FieldFact]]:
    for entry in entries:
        if isinstance(entry, Nested):
            yield from _walk(entry.tree.entries, at + entry.at)
        else:
            yield at + entry.location, entry


def gather(entries: list[FieldFact | Nested], pick: Callable[[FieldFact], list[T]],
           memo: dict[Subtree, list[tuple[str, FieldFact, T]]]
           ) -> list[tuple[str, FieldFact, T]]:
    """(location, fact, value) for every value `pick` gives each fact, in walk order, each
    subtree picked from once (`memo`, kept by the caller across contracts): locations are
    relative to `entries`. Only what `pick` keeps is laid out place by place."""
    out: list[tuple[str, FieldFact, T]] = []
    for entry in entries:
        if isinstance(entry, Nested):
            found = memo.get(entry.tree)
            if found is None:
                found = memo[entry.tree] = gather(entry.tree.entries, pick, memo)
            at = entry.at
            out += [(at + location, fact, value) for location, fact, value in found]
        else:
            out += [(entry.location, entry, value) for value in pick(entry)]
    return out


def _holds(entries: list[FieldFact | Nested], test: Callable[[FieldFact], bool],
           memo: dict[Subtree, bool]) -> bool:
    for entry in entries:
        if isinstance(entry, Nested):
            found = memo.get(entry.tree)
            if found is None:
                found = memo[entry.tree] = _holds(entry.tree.entries, test, memo)
            if found:
                return True
        elif test(entry):
            return True
    return False


@dataclass(slots=True)
class Diff:
    """Every contract's facts, in the order the contracts were given."""

    contracts: list[ContractFacts]

    def facts(self) -> list[FieldFact]:
        """Every fact at every place it shows, contract by contract in walk order."""
        out: list[FieldFact] = []
        for item in self.contracts:
            for location, fact in _walk(item.entries, ""):
                same = fact.contract is item.contract and location == fact.location
                out.append(fact if same else placed(fact, item.contract, location))
        return out

    def contracts_with(self, test: Callable[[FieldFact], bool]) -> set[Contract]:
        """The contracts with a fact that passes `test` (which must not depend on the fact's
        contract or location: each subtree is tested once)."""
        memo: dict[Subtree, bool] = {}
        return {item.contract for item in self.contracts if _holds(item.entries, test, memo)}

    def records(self) -> int:
        """How many fact records the diff holds: each subtree's counted once."""
        seen: set[int] = set()
        count = 0
        stack = [item.entries for item in self.contracts]
        while stack:
            for entry in stack.pop():
                if not isinstance(entry, Nested):
                    count += 1
                elif id(entry.tree) not in seen:
                    seen.add(id(entry.tree))
                    stack.append(entry.tree.entries)
        return count
