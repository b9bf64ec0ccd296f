"""A large input's declarations are converted on two cores (ts_split.py): whatever the input,
the schemas and warnings must be those of converting them one by one, in sorted order."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from schemacheck import forked
from schemacheck.jsontext import pretty_json
from schemacheck.report.types_view import types_json
from schemacheck.sources import ts_split
from schemacheck.sources.typescript import clear_cache, load_docs
from tests.forking import allow_forks

ROOT = Path(__file__).resolve().parents[2]

# Cycles whose cut depends on where conversion enters them (extends and utility types through
# each other, a recursive generic), plain recursion through $ref, unknown names (warnings),
# and enough declarations on both sides of any cut.
CYCLIC = """
export interface A extends Omit<B, "x"> { a: string }
export interface B extends Partial<A> { b: number; x: C }
export type Tree<T> = { value: T; children: Tree<T>[]; up?: Wrap<Tree<T>> };
export type Wrap<T> = { inner: T; again: Wrap<T> };
export interface C { tree: Tree<string>; c: Missing }
""" + "".join(f"export interface N{i} {{ id: number; next?: N{i + 1}; u: Unknown{i % 3} }}\n"
              for i in range(60))

# A cycle that the parent's part enters first, at Z2; the child enters it at Z1 (through Y1),
# and so would build Y1 from another cut of it than one by one: the parent converts that part.
ENTERED = ("export interface A0 extends Z2 { a: string }\n"
           + "".join(f"export interface F{i:03} {{ f: string; g: number[] }}\n" for i in range(100))
           + "export interface Y1 extends Z1 { y: string }\n"
           "export interface Z1 extends Z2 { z1: string }\n"
           "export interface Z2 extends Z1 { z2: number; w: Gone }\n")

PLAIN = "".join(
    f"/** Item {i} */\nexport interface Item{i} {{ id: string; tags: string[]; "
    f"owner: Item{(i * 7) % 50}; kind: 'a' | 'b'; extra?: Record<string, Nope> }}\n"
    for i in range(50))


def _both(paths: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[str, str, list[int]]:
    """types --format json of `paths` one by one, and split on two cores; the children forked."""
    monkeypatch.setattr(ts_split, "MIN_SPLIT_BYTES", 1 << 40)
    clear_cache()
    alone = pretty_json(types_json(load_docs(paths)))
    monkeypatch.setattr(ts_split, "MIN_SPLIT_BYTES", 0)
    children = allow_forks(monkeypatch)
    # this process waits for the child's part rather than converting it too: the merge
    monkeypatch.setattr(forked, "ready", lambda child: True)
    clear_cache()
    split = pretty_json(types_json(load_docs(paths)))
    return alone, split, children


@pytest.mark.parametrize("paths", [
    ["tests/data/types-varied"],
    ["tests/data/generated/shop/types.gen.ts"],
    ["tests/data/generated/shop/heyapi.types.gen.ts"],
    ["fixtures"],
])
def test_split_conversion_is_the_one_by_one_result(paths: list[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    alone, split, children = _both(paths, monkeypatch)
    assert children, "no child was forked"
    assert split == alone


@pytest.mark.parametrize("text", [CYCLIC, PLAIN, CYCLIC + PLAIN, PLAIN + CYCLIC, ENTERED])
def test_cycles_and_warnings_on_either_side_of_the_cut(text: str, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "types.ts"
    source.write_text(text)
    alone, split, children = _both([str(source)], monkeypatch)
    assert children
    assert split == alone
    assert "treated as any" in alone  # the warnings were made, and merged once each


def test_this_process_may_convert_the_childs_part_itself(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "types.ts"
    source.write_text(CYCLIC + PLAIN)
    monkeypatch.setattr(ts_split, "MIN_SPLIT_BYTES", 1 << 40)
    clear_cache()
    alone = pretty_json(types_json(load_docs([str(source)])))
    monkeypatch.setattr(ts_split, "MIN_SPLIT_BYTES", 0)
    children = allow_forks(monkeypatch)
    monkeypatch.setattr(forked, "ready", lambda child: False)  # the child never done first
    clear_cache()
    assert pretty_json(types_json(load_docs([str(source)]))) == alone
    assert children
    with pytest.raises(ChildProcessError):  # abandoned: stopped and reaped
        os.waitpid(children[0], 0)


def test_no_fork_where_another_thread_runs(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "types.ts"
    source.write_text(PLAIN)
    monkeypatch.setattr(ts_split, "MIN_SPLIT_BYTES", 0)
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    monkeypatch.setattr(forked.os, "fork", lambda: pytest.fail("forked beside a thread"))
    clear_cache()
    assert len(load_docs([str(source)]).types) == 50
