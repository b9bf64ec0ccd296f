"""Byte-exact edits to TypeScript declarations found by tree-sitter, in .ts files and in the
fenced blocks of Markdown files. Everything outside the edited ranges stays as written."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from tree_sitter import Node

from schemacheck.sources.ts_syntax import Unit, text


@dataclass(frozen=True, order=True)
class Edit:
    """Replace bytes [start, end) of one file with `new`."""

    start: int
    end: int
    new: bytes
    why: str = ""


MARKERS = b" \t>"  # what may stand before a block's text on a Markdown line (lists, quotes)


class FileText:
    """One file's bytes, with node positions mapped to byte offsets. A Markdown block's rows
    are the file's rows shifted by the block's line offset; its columns are the file's shifted
    by what the Markdown reader stripped from each line (list indentation, `> ` markers)."""

    def __init__(self, data: bytes, markdown: bool = False) -> None:
        self.data = data
        self.markdown = markdown
        # Rows as the readers count them: tree-sitter by "\n"; markdown-it (CommonMark) also
        # ends a line at a lone "\r".
        breaks = re.compile(b"\r\n|\r|\n" if markdown else b"\n")
        self.line_starts = [0] + [m.end() for m in breaks.finditer(data)]
        self.newline = "\r\n" if b"\r\n" in data else "\n"  # new lines match the file's
        self._shifts: dict[tuple[str, int], list[int]] = {}

    def _shift(self, unit: Unit, row: int) -> int:
        if not self.markdown:
            return 0
        key = (unit.path, unit.line_offset)
        if key not in self._shifts:
            shifts = []
            for index, line in enumerate((unit.root.text or b"").split(b"\n")):
                at = unit.line_offset + index
                whole = self.data[self.line_starts[at]:self.line_starts[at + 1]] if (
                    at + 1 < len(self.line_starts)) else self.data[self.line_starts[-1]:]
                whole = whole.rstrip(b"\r\n")
                cut = len(whole) - len(line)
                shifts.append(cut if cut >= 0 and whole.endswith(line) and not whole[
                    :cut].strip(MARKERS) else 0)
            self._shifts[key] = shifts
        shifts = self._shifts[key]
        return shifts[row] if row < len(shifts) else 0

    def offset(self, unit: Unit, point: tuple[int, int]) -> int:
        return self.line_starts[unit.line_offset + point[0]] + self._shift(unit, point[0]) + \
            point[1]

    def span(self, unit: Unit, node: Node) -> tuple[int, int]:
        return self.offset(unit, node.start_point), self.offset(unit, node.end_point)

    def matches(self, unit: Unit, node: Node) -> bool:
        """Whether the node's text is where its position says, line by line."""
        for index, line in enumerate((node.text or b"").split(b"\n")):
            column = node.start_point[1] if index == 0 else 0
            start = self.offset(unit, (node.start_point[0] + index, column))
            if self.data[start:start + len(line)] != line:
                return False
        return True

    def line_span(self, offset: int) -> tuple[int, int]:
        """[start of the line holding offset, start of the next line)."""
        start = self.data.rfind(b"\n", 0, offset) + 1
        end = self.data.find(b"\n", offset)
        return start, len(self.data) if end < 0 else end + 1

    def indent_at(self, offset: int) -> bytes:
        """What comes before the text at offset on its line: its indentation, with a Markdown
        container's markers (`> `) when the line holds them."""
        start, _ = self.line_span(offset)
        line = self.data[start:offset]
        if self.markdown and not line.strip(MARKERS):
            return line
        return line[: len(line) - len(line.lstrip())]

    def blank_before(self, offset: int) -> bool:
        start, _ = self.line_span(offset)
        return not self.data[start:offset].strip(MARKERS if self.markdown else b" \t")


def apply(data: bytes, edits: list[Edit]) -> tuple[bytes, list[Edit]]:
    """Apply non-overlapping edits (identical duplicates collapse); returns the new bytes and
    the edits skipped because they overlap one applied before them."""
    chosen: list[Edit] = []
    skipped: list[Edit] = []
    deleted = [(e.start, e.end) for e in edits if not e.new and e.end > e.start]
    for edit in sorted(set(edits), key=lambda e: (e.start, e.end, e.new)):
        if edit.start == edit.end and any(a < edit.start < b for a, b in deleted):
            continue  # text inserted into a span being removed goes with it
        last = chosen[-1] if chosen else None
        overlaps = last is not None and (edit.start < last.end or (
            edit.start == edit.end == last.start == last.end))
        if overlaps:
            skipped.append(edit)
        else:
            chosen.append(edit)
    out = bytearray(data)
    for edit in reversed(chosen):
        out[edit.start:edit.end] = edit.new
    return bytes(out), skipped


# Above this many lines difflib's matcher takes minutes (GitHub's 5 MB types: 2 of 3 minutes of
# a fix-docs run); the edits are local, so the files are resynchronised after each change.
LOCAL_DIFF_LINES = 20_000
RESYNC_WINDOW = 400  # lines searched ahead on each side for the text to agree again
RESYNC_RUN = 3  # lines that must agree for it to count


def unified(path: str, old: bytes, new: bytes) -> str:
    a = old.decode("utf-8", "replace").splitlines(keepends=True)
    b = new.decode("utf-8", "replace").splitlines(keepends=True)
    shown = path.lstrip("/")  # git's a/ b/ prefixes, for `git apply` and `patch -p1`
    if max(len(a), len(b)) > LOCAL_DIFF_LINES:
        lines = list(_unified(a, b, f"a/{shown}", f"b/{shown}", _local_opcodes(a, b)))
    else:
        lines = list(difflib.unified_diff(a, b, f"a/{shown}", f"b/{shown}"))
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in lines)


Opcode = tuple[str, int, int, int, int]


def _local_opcodes(a: list[str], b: list[str]) -> list[Opcode]:
    """difflib-style opcodes turning `a` into `b`: equal runs walked in step, each change
    diffed by difflib on its own once the two sides agree again for a few lines (the whole
    rest when they never do within the window)."""
    codes: list[Opcode] = []
    i = j = 0
    while i < len(a) or j < len(b):
        start_i, start_j = i, j
        while i < len(a) and j < len(b) and a[i] == b[j]:
            i, j = i + 1, j + 1
        if i > start_i:
            codes.append(("equal", start_i, i, start_j, j))
        if i >= len(a) and j >= len(b):
            break
        end_i, end_j = _resync(a, b, i, j)
        matcher = difflib.SequenceMatcher(None, a[i:end_i], b[j:end_j], autojunk=False)
        codes += [(tag, i + i1, i + i2, j + j1, j + j2)
                  for tag, i1, i2, j1, j2 in matcher.get_opcodes()]
        i, j = end_i, end_j
    merged: list[Opcode] = []  # neighbouring equal runs as one, as difflib gives them
    for code in codes:
        if merged and code[0] == merged[-1][0] == "equal":
            tag, i1, _, j1, _ = merged[-1]
            merged[-1] = (tag, i1, code[2], j1, code[4])
        else:
            merged.append(code)
    return merged


def _resync(a: list[str], b: list[str], i: int, j: int) -> tuple[int, int]:
    """The nearest (i', j') past a change where RESYNC_RUN lines agree; the ends if none."""
    ahead: dict[str, list[int]] = {}
    for y in range(j, min(len(b), j + RESYNC_WINDOW)):
        ahead.setdefault(b[y], []).append(y)
    best: tuple[int, int, int] | None = None
    for x in range(i, min(len(a), i + RESYNC_WINDOW)):
        if best is not None and x - i >= best[0]:
            break
        for y in ahead.get(a[x], []):
            if a[x:x + RESYNC_RUN] == b[y:y + RESYNC_RUN] and (
                    best is None or (x - i) + (y - j) < best[0]):
                best = ((x - i) + (y - j), x, y)
    return (best[1], best[2]) if best is not None else (len(a), len(b))


def _unified(a: list[str], b: list[str], fromfile: str, tofile: str,
             codes: list[Opcode], n: int = 3) -> Iterator[str]:
    """difflib.unified_diff's text for opcodes made elsewhere."""
    matcher: difflib.SequenceMatcher[str] = difflib.SequenceMatcher(None, [], [])
    matcher.opcodes = codes  # type: ignore[attr-defined]  # get_grouped_opcodes reads them
    started = False
    for group in matcher.get_grouped_opcodes(n):
        if not started:
            started = True
            yield f"--- {fromfile}\n"
            yield f"+++ {tofile}\n"
        first, last = group[0], group[-1]
        file1 = difflib._format_range_unified(first[1], last[2])  # type: ignore[attr-defined]
        file2 = difflib._format_range_unified(first[3], last[4])  # type: ignore[attr-defined]
        yield f"@@ -{file1} +{file2} @@\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                yield from (" " + line for line in a[i1:i2])
                continue
            if tag in ("replace", "delete"):
                yield from ("-" + line for line in a[i1:i2])
            if tag in ("replace", "insert"):
                yield from ("+" + line for line in b[j1:j2])


# --- spans of the things an edit removes -------------------------------------------------
def member_span(ftext: FileText, unit: Unit, node: Node) -> tuple[int, int]:
    """A property with its separator, its trailing comment and its JSDoc; whole lines when it
    stands on lines of its own, else just it (`a; b }` -> `a }`)."""
    last: Node = node
    nxt = node.next_sibling
    if nxt is not None and nxt.type in (";", ","):
        last, nxt = nxt, nxt.next_sibling
    if nxt is not None and nxt.type == "comment" and nxt.start_point[0] == last.end_point[0]:
        last = nxt
    first: Node = node
    prev = node.prev_sibling
    if prev is not None and prev.type == "comment" and text(prev).startswith("/**") and \
            prev.end_point[0] == node.start_point[0] - 1:
        first = prev
    start = ftext.offset(unit, first.start_point)
    end = ftext.offset(unit, last.end_point)
    line_start, _ = ftext.line_span(start)
    _, line_end = ftext.line_span(end)
    if ftext.blank_before(start) and not ftext.data[end:line_end].strip():
        return line_start, line_end
    if nxt is not None and nxt.type not in ("}", ";", ","):  # members follow on the line
        return start, ftext.offset(unit, nxt.start_point)
    before = first.prev_sibling
    if before is not None and before.type in (";", ","):
        start = ftext.offset(unit, before.start_point)
    return start, end


def union_member_span(ftext: FileText, unit: Unit, members: list[Node],
                      member: Node) -> tuple[int, int] | None:
    """One member of a union with its `|`, so the others stay as written."""
    index = members.index(member)
    if len(members) == 1:
        return None
    if index > 0:
        return ftext.span(unit, members[index - 1])[1], ftext.span(unit, member)[1]
    return ftext.span(unit, member)[0], ftext.span(unit, members[1])[0]


def comment_gap(ftext: FileText, unit: Unit, node: Node) -> tuple[int, int] | None:
    """The blank run between a member (and its separator) and its trailing `// comment`."""
    last = node
    nxt = last.next_sibling
    if nxt is not None and nxt.type in (";", ","):
        last, nxt = nxt, nxt.next_sibling
    if nxt is None or nxt.type != "comment" or nxt.start_point[0] != last.end_point[0]:
        return None
    return ftext.offset(unit, last.end_point), ftext.offset(unit, nxt.start_point)


def insertions(ftext: FileText, unit: Unit, body: Node, lines: list[str],
               sep: str) -> list[tuple[int, int, str]]:
    """New members at the end of an object body, in its own layout: on the same line for
    `{ a: string }`, else one per line at the last member's indentation; a separator is added
    after a last member that lacks one."""
    close = body.children[-1]
    close_at = ftext.offset(unit, close.start_point)
    members = list(body.named_children)
    if body.start_point[0] == body.end_point[0]:
        at = close_at
        while at > 0 and ftext.data[at - 1:at] in (b" ", b"\t"):
            at -= 1
        lead = "" if ftext.data[at - 1:at] in (b";", b",", b"{") else (sep or ";")
        return [(at, at, lead + " " + f"{sep or ';'} ".join(lines))]
    if members:
        indent = ftext.indent_at(ftext.offset(unit, members[-1].start_point)).decode()
    else:
        indent = ftext.indent_at(close_at).decode() + "  "
    out: list[tuple[int, int, str]] = []
    tail = body.children[-2] if len(body.children) > 2 else body.children[0]
    fix_sep = "" if tail.type in (";", ",", "{", "comment") or not sep else sep
    if tail.type == "comment":  # a trailing comment ends the last member's line
        prev = tail.prev_sibling
        if prev is not None and prev.type not in (";", ",", "{") and sep:
            at = ftext.offset(unit, prev.end_point)
            out.append((at, at, sep))
    tail_end = ftext.offset(unit, tail.end_point)
    if tail.end_point[0] == close.start_point[0]:  # `  last: T }`: new lines before `}`
        return [*out, (tail_end, tail_end, fix_sep + "".join(
            f"{ftext.newline}{indent}{line}{sep}" for line in lines))]
    if fix_sep:
        out.append((tail_end, tail_end, fix_sep))
    _, line_end = ftext.line_span(tail_end)
    return [*out, (line_end, line_end, "".join(
        f"{indent}{line}{sep}{ftext.newline}" for line in lines))]
