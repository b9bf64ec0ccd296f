"""A drifted copy of a .d.ts, so the diff has findings to report: every Nth property line is
deleted, renamed, made optional or required, retyped or made nullable, and every Mth union of
named types loses a member. Deterministic: the same input gives the same copy.
"""

from __future__ import annotations

import re
from pathlib import Path

PROPERTY = re.compile(r"^(\s+)(readonly )?(\"[^\"]+\"|[A-Za-z_$][\w$]*)(\??): (.+);$")
UNION = re.compile(r"^(.*\S) \| (components\[\"schemas\"\]\[\"[^\"]+\"\]);$")
MEMBER = re.compile(r"^\s+\| components\[\"schemas\"\]\[\"[^\"]+\"\]$")  # not the last


def _renamed(name: str) -> str:
    bare = name.strip('"')
    return f'"{bare}_renamed"' if name.startswith('"') else f"{bare}_renamed"


def _retyped(kind: str) -> str:
    if kind.startswith("string"):
        return "number" + kind[len("string"):]
    if kind.startswith("number"):
        return "string" + kind[len("number"):]
    if kind == "boolean":
        return '"yes" | "no"'
    return kind + " | null"


def mutate(text: str, every: int = 37, unions: int = 11) -> str:
    out: list[str] = []
    properties = members = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\n")
        found = PROPERTY.match(body)
        if found:
            properties += 1
            if properties % every == 0:
                indent, readonly, name, optional, kind = found.groups()
                step = properties // every % 6
                if step == 0:
                    continue  # deleted
                if step == 1:
                    name = _renamed(name)
                elif step == 2:
                    optional = "" if optional else "?"
                elif step == 3:
                    kind = _retyped(kind)
                elif step == 4:
                    kind = kind + " | null" if "null" not in kind else kind
                else:
                    name = name.strip('"') + "Extra" if not name.startswith('"') else name
                out.append(f"{indent}{readonly or ''}{name}{optional}: {kind};\n")
                continue
        if MEMBER.match(body):
            members += 1
            if members % unions == 0:
                continue  # a member of a union written one to a line
        union = UNION.match(body)
        if union:
            members += 1
            if members % unions == 0:
                out.append(union.group(1) + ";\n")
                continue
        out.append(line)
    return "".join(out)


def write_mutated(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    text = mutate(source.read_text(encoding="utf-8"))
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return target
