"""Fenced TypeScript blocks in Markdown, each with the nearest heading above it.

This reads Markdown structure (fences and ATX headings) line by line; the TypeScript inside a
block is parsed by tree-sitter like any other file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TS_LANGS = {"ts": "typescript", "typescript": "typescript", "tsx": "tsx", "mts": "typescript",
            "cts": "typescript"}
ENDPOINT = re.compile(r"\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+`?(/[^\s`]*)", re.I)


@dataclass(frozen=True)
class CodeBlock:
    text: str
    line_offset: int  # lines before the block's first line in the Markdown file
    lang: str  # "typescript" or "tsx"
    heading: str | None


def endpoint_of(heading: str | None) -> tuple[str, str] | None:
    """`### POST /api/v3/jobs` -> ("POST", "/api/v3/jobs")."""
    match = ENDPOINT.search(heading or "")
    return (match.group(1).upper(), match.group(2).rstrip(".,:;)")) if match else None


def code_blocks(text: str) -> list[CodeBlock]:
    blocks: list[CodeBlock] = []
    heading: str | None = None
    fence: str | None = None
    lang: str | None = None
    body: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines()):
        stripped = line.strip()
        if fence is None:
            if stripped.startswith(("```", "~~~")):
                fence = stripped[:3]
                info = stripped[3:].strip().split()
                lang = TS_LANGS.get(info[0].lower()) if info else None
                body, start = [], number + 1
            elif stripped.startswith("#") and stripped.lstrip("#")[:1] in (" ", ""):
                heading = stripped.lstrip("#").strip().rstrip("#").strip().replace("`", "")
        elif stripped.startswith(fence) and not stripped[3:].strip():
            if lang:
                blocks.append(CodeBlock("\n".join(body), start, lang, heading))
            fence = None
        else:
            body.append(line)
    return blocks
