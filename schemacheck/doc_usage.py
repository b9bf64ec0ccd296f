"""TypeScript files found under a docs directory that the comparison did not use.

Pointed at a whole generated client (its runtime `client/`, `core/`, `sdk.gen.ts`) or at a
frontend's `src/`, the loader also reads code and types that are no part of the API. Listing
each of their types as "matching nothing", and each construct the converter cannot express
there, buries what matters. A file named on its own, and any Markdown, is the user's docs and
keeps every detail; a TypeScript file only found under a directory (or by a glob), none of
whose types the comparison reached, is summed up in one warning instead."""

from __future__ import annotations

import os

from schemacheck.contracts import ContractSet, reachable
from schemacheck.diagnostics import Diagnostic
from schemacheck.sources.doc_files import TS_SUFFIXES
from schemacheck.sources.typescript import DocSet

SHOWN = 5  # files named in the warning


def file_of(where: str) -> str:
    path, _, line = where.rpartition(":")
    return path if line.isdigit() else where


def _declared(name: str, docs: DocSet) -> str:
    """The declaration a contract's documented type lives in: itself, or for a part of one
    (`operations.listOrders.query`, `GetOrderData.body`) the longest dotted head declared."""
    name = name.removesuffix("[]")
    head = name
    while head not in docs.types and "." in head:
        head = head.rpartition(".")[0]
    return head if head in docs.types else name


def unused_files(docs: DocSet, contracts: ContractSet) -> set[str]:
    if not docs.found:  # every file named on its own: nothing to set aside
        return set()
    used = reachable({_declared(c.doc_type, docs) for c in contracts.contracts},
                     docs.schemas.schemas)
    used_files = {file_of(docs.types[name].source) for name in used if name in docs.types}
    # a route method paired as the model it names (`this.request<Account>`) uses its file too
    operations = {c.operation for c in contracts.contracts}
    used_files |= {file_of(t.source) for t in docs.types.values() if t.route and any(
        f"{method} {path}" in operations for method, path, _ in t.endpoints)}
    declaring = {file_of(t.source) for t in docs.types.values()}
    return {f for f in docs.found & declaring
            if f.endswith(TS_SUFFIXES) and f not in used_files}


def set_aside(docs: DocSet, contracts: ContractSet, notes: tuple[Diagnostic, ...]
              ) -> tuple[list[str], tuple[Diagnostic, ...]]:
    """The unmatched types and the docs' diagnostics without those of unused files, and one
    warning naming the files; errors (a file that does not parse) are always kept."""
    unused = unused_files(docs, contracts)
    if not unused:
        return list(contracts.unmatched), notes
    unmatched = [name for name in contracts.unmatched
                 if name not in docs.types or file_of(docs.types[name].source) not in unused]
    kept = tuple(d for d in notes if d.level == "error" or file_of(d.where) not in unused)
    names = sorted(unused)
    home = os.path.commonpath(names) if len(names) > 1 else os.path.dirname(names[0]) or "."
    shown = [os.path.relpath(name, home) for name in names[:SHOWN]]
    more = f" and {len(names) - SHOWN} more" if len(names) > SHOWN else ""
    types = sum(1 for t in docs.types.values() if file_of(t.source) in unused)
    plural = len(names) != 1
    summary = Diagnostic(
        "warning", f"{len(names)} TypeScript file{'s' if plural else ''} here "
        f"declare{'' if plural else 's'} no type the API uses ({types} "
        f"type{'s' if types != 1 else ''}: runtime code or unrelated types), not compared: "
        f"{', '.join(shown)}{more}", home)
    return unmatched, tuple(sorted((*kept, summary)))
