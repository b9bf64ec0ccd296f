"""A large input's declarations converted on two cores, with the result of one by one.

This process converts the first part of the names in sorted order, exactly as converting them
all one by one begins, then goes on with the rest until a forked child, converting that rest,
hands back its schemas and warnings, merged here. A schema the child made is the one-by-one
result unless making it cut a cycle, whose cut depends on where conversion entered it: the
child then says so (the converter's `order_dependent`) and this process converts the rest
itself, in order."""

from __future__ import annotations

import pickle
from typing import Protocol

from schemacheck import forked
from schemacheck.cache_store import loads
from schemacheck.diagnostics import Diagnostic
from schemacheck.model import Schema
from schemacheck.sources.ts_syntax import Decl

# Below this many bytes of declarations a fork costs more than it saves.
MIN_SPLIT_BYTES = 1 << 20
# This process also reads the child's schemas back: it takes a little less than half of the
# work, as the bytes each declaration holds of its own estimate it.
OWN_SHARE = 0.45


class Converter(Protocol):
    decls: dict[str, list[Decl]]
    schemas: dict[str, Schema]
    diagnostics: list[Diagnostic]
    order_dependent: bool

    def convert_names(self, names: list[str]) -> None: ...


def own_bytes(decls: dict[str, list[Decl]], names: list[str]) -> list[int]:
    """Each name's bytes of source, less those of declarations nested in it (the members of
    openapi-typescript's `components.schemas` are named types of their own): a measure of
    the work its conversion takes."""
    spans = sorted(((d.unit.path, d.unit.line_offset, d.node.start_byte, d.node.end_byte, i)
                    for i, name in enumerate(names) for d in decls[name]),
                   key=lambda s: (s[0], s[1], s[2], -s[3]))
    own = [0] * len(names)
    open_: list[tuple[str, int, int, int]] = []  # the enclosing spans: unit, block, end, index
    for path, block, start, end, index in spans:
        while open_ and (open_[-1][:2] != (path, block) or open_[-1][2] <= start):
            open_.pop()
        own[index] += end - start
        if open_:
            own[open_[-1][3]] -= end - start
        open_.append((path, block, end, index))
    return own


def convert_split(conv: Converter, names: list[str]) -> bool:
    """Convert `names` (sorted) on two cores; False, having done nothing, where it does not
    pay or cannot be done."""
    sizes = own_bytes(conv.decls, names)
    total = sum(sizes)
    if total < MIN_SPLIT_BYTES:
        return False
    cut, running = 0, 0
    while cut < len(names) and running < total * OWN_SHARE:
        running, cut = running + sizes[cut], cut + 1
    mine, theirs = names[:cut], names[cut:]
    start = len(conv.diagnostics)

    def work() -> bytes:
        conv.convert_names(theirs)
        if conv.order_dependent:
            return b""
        return pickle.dumps((conv.schemas, conv.diagnostics[start:]),
                            protocol=pickle.HIGHEST_PROTOCOL)

    child = forked.start(work)
    if child is None:
        return False
    conv.convert_names(mine)
    # Meanwhile the rest here too, in order, until the child is done: where the estimate gave
    # the child more than half, this process does not sit idle (and is never slower than one
    # by one, whose order it keeps).
    for name in theirs:
        if forked.ready(child):
            break
        conv.convert_names([name])
    else:
        forked.abandon(child)
        return True
    payload = forked.collect(child)
    if not payload:  # the child cut a cycle (or failed): the rest here, in order
        conv.convert_names(theirs)
        return True
    schemas, diagnostics = loads(payload)
    for name, schema in schemas.items():
        conv.schemas.setdefault(name, schema)
    seen = set(conv.diagnostics[start:])
    conv.diagnostics += [d for d in diagnostics if d not in seen]
    return True
