"""Fenced blocks in Markdown, each with the heading it stands under and its exact line.

The Markdown is read by markdown-it-py (CommonMark), so fences of any length, tilde fences,
fences inside lists and blockquotes, and setext headings are found as a renderer finds them.
TypeScript blocks are parsed by tree-sitter like any other file; ```json blocks under an
endpoint heading are kept as documented examples (a request or a response).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # markdown-it is imported when a Markdown file is read, not at start
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

TS_LANGS = {"ts": "typescript", "typescript": "typescript", "tsx": "tsx", "mts": "typescript",
            "cts": "typescript"}
JSON_LANGS = ("json", "jsonc", "json5")
# `GET /jobs`, `GET: /jobs`, `GET https://api.example.com/jobs` (the path is what counts)
ENDPOINT = re.compile(r"\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS):?\s+`?"
                      r"(?:https?://[^\s/`]+)?(/[^\s`]*)", re.I)
# Words that say what a JSON example is: in the fence label, the sentence before it, or the
# heading it stands under. The first one found decides.
ROLE_WORDS = re.compile(r"\b(?:(request|req|body|payload|send|sends|input)|"
                        r"(response|res|returns?|returned|responds?|answers?|reply|output|"
                        r"result|[1-5]\d\d))\b",
                        re.I)


@dataclass(frozen=True)
class CodeBlock:
    text: str
    line_offset: int  # lines before the block's first line in the Markdown file
    lang: str  # "typescript" or "tsx"
    heading: str | None  # the nearest heading naming an endpoint, else the nearest heading
    role: str | None = None  # request or response, when the label, text or a heading says


@dataclass(frozen=True)
class JsonBlock:
    """A ```json block under an endpoint heading: what the docs show being sent or answered."""

    text: str
    line: int  # the block's first content line (1-based)
    endpoint: tuple[str, str]  # the nearest enclosing heading that names an endpoint
    role: str | None  # request | response | None (nothing says which)
    label: str  # the fence label, for reports: "json request"


@dataclass(frozen=True)
class MarkdownDoc:
    blocks: list[CodeBlock] = field(default_factory=list)
    json: list[JsonBlock] = field(default_factory=list)


def endpoint_of(heading: str | None) -> tuple[str, str] | None:
    """`### POST /api/v3/jobs` -> ("POST", "/api/v3/jobs")."""
    match = ENDPOINT.search(heading or "")
    return (match.group(1).upper(), match.group(2).rstrip(".,:;)")) if match else None


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def code_blocks(text: str) -> list[CodeBlock]:
    return read_markdown(text).blocks


def read_markdown(text: str) -> MarkdownDoc:
    doc = MarkdownDoc()
    heading: str | None = None
    sections: list[tuple[int, str]] = []  # open headings: (level, text), outermost first
    before = ""  # the text of the paragraph just before, within the current section
    tokens = _parser().parse(text)
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and index + 1 < len(tokens):
            heading = _plain(tokens[index + 1])
            level = int(token.tag[1:])
            sections = [s for s in sections if s[0] < level] + [(level, heading)]
            before = ""
        elif token.type == "inline" and index and tokens[index - 1].type == "paragraph_open":
            before = token.content
        elif token.type == "fence" and token.map is not None:
            info = token.info.strip()
            lang = info.split()[0].lower() if info.split() else ""
            offset = token.map[0] + 1  # the content starts on the line after the fence
            body = token.content.removesuffix("\n")
            if lang in TS_LANGS:
                # `### POST /jobs` then `#### Request`: a block of the endpoint's (a heading
                # that says no part, `### Clients`, starts a section of its own)
                named = heading
                if heading is not None and not endpoint_of(heading) and ROLE_WORDS.search(
                        heading):
                    named = next((h for _, h in reversed(sections) if endpoint_of(h)), heading)
                role = _role(info[len(lang):], before, sections) if endpoint_of(
                    named or "") else None
                doc.blocks.append(CodeBlock(body, offset, TS_LANGS[lang], named, role))
            elif lang in JSON_LANGS:
                endpoint = next((e for _, h in reversed(sections)
                                 if (e := endpoint_of(h)) is not None), None)
                if endpoint is not None:
                    doc.json.append(JsonBlock(body, offset + 1, endpoint,
                                              _role(info[len(lang):], before, sections), info))
            before = ""
    return doc


def _plain(inline: Token) -> str:
    """A heading's text as read: `### [`POST /x`](#x)` -> "POST /x" (links, code, emphasis
    marks dropped)."""
    parts = [c.content for c in inline.children or []  # `<id>` in a path reads as inline HTML
             if c.type in ("text", "code_inline", "html_inline")]
    return ("".join(parts) if parts else inline.content.replace("`", "")).strip()


def _role(label: str, before: str, sections: list[tuple[int, str]]) -> str | None:
    """Request or response: the fence label says, else the sentence before the block, else
    the nearest heading that says."""
    last_sentence = re.split(r"(?<=[.!?])\s+", before.strip())[-1] if before.strip() else ""
    for text in (label, last_sentence, *(h for _, h in reversed(sections))):
        match = ROLE_WORDS.search(text)
        if match:
            return "request" if match.group(1) else "response"
    return None
