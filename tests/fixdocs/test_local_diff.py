"""fix-docs' unified diff of a large file (ts_edit: over LOCAL_DIFF_LINES lines) is built change
by change instead of by difflib's whole-file matcher, which took minutes on GitHub's types:
whatever the edits, the patch must turn the old text into the new one, and a small file's
diff stays difflib's own."""

from __future__ import annotations

import random
import re

import pytest

from schemacheck import ts_edit

HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def _patched(old: list[str], diff: str) -> list[str]:
    """`old` with the unified diff applied, hunk by hunk (checking every context line)."""
    lines = diff.splitlines(keepends=True)
    assert lines[0].startswith("--- a/") and lines[1].startswith("+++ b/")
    out: list[str] = []
    at, index = 0, 2
    while index < len(lines):
        found = HUNK.match(lines[index])
        assert found, lines[index]
        index += 1
        start, count = int(found.group(1)), int(found.group(2) or 1)
        begin = start - 1 if count else start
        assert begin >= at
        out += old[at:begin]
        at = begin
        while index < len(lines) and not lines[index].startswith("@@"):
            line = lines[index]
            index += 1
            if line[0] in " -":
                assert old[at] == line[1:], (at, line)
                at += 1
            if line[0] in " +":
                out.append(line[1:])
    return out + old[at:]


def _edited(rng: random.Random, lines: list[str]) -> list[str]:
    new = list(lines)
    for _ in range(rng.randint(1, 40)):
        where = rng.randrange(len(new) + 1)  # the end too
        roll = rng.random()
        if roll < 0.4:
            new[where:where + 1] = [f"  changed{where}: unknown;\n"]
        elif roll < 0.7:
            new[where:where] = ["  added?: string | null;\n"] * rng.randint(1, 4)
        else:
            del new[where:where + rng.randint(1, 5)]
    return new


def _file(rng: random.Random, size: int) -> list[str]:
    # many repeated lines, as generated types have: the resync must not jump ahead wrongly
    return [rng.choice(["  id: string;\n", "}\n", "  name?: string;\n",
                        f"export interface T{i} {{\n"]) for i in range(size)]


@pytest.mark.parametrize("seed", range(25))
def test_the_local_diff_turns_the_old_file_into_the_new(seed: int,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    old = _file(rng, rng.choice([5, 300, 3000]))
    new = _edited(rng, old)
    monkeypatch.setattr(ts_edit, "LOCAL_DIFF_LINES", 0)
    diff = ts_edit.unified("docs/types.ts", "".join(old).encode(), "".join(new).encode())
    assert _patched(old, diff) == new


def test_a_large_file_is_diffed_change_by_change() -> None:
    rng = random.Random(7)
    old = _file(rng, ts_edit.LOCAL_DIFF_LINES + 5_000)
    new = _edited(rng, old)
    diff = ts_edit.unified("types.d.ts", "".join(old).encode(), "".join(new).encode())
    assert _patched(old, diff) == new


def test_a_small_file_keeps_difflibs_diff() -> None:
    import difflib

    old = ["a\n", "b\n", "c\n", "d\n"]
    new = ["a\n", "x\n", "c\n", "d\n", "e\n"]
    assert ts_edit.unified("t.ts", "".join(old).encode(), "".join(new).encode()) == "".join(
        difflib.unified_diff(old, new, "a/t.ts", "b/t.ts"))
