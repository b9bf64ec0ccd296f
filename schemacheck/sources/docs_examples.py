"""Documented JSON examples: the ```json blocks shown under an endpoint heading, read as
values with their role (request or response) and exact file:line, so they can be validated
against both the documented types and the backend's schema."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from schemacheck.diagnostics import Diagnostic
from schemacheck.sources.markdown import JsonBlock

LINE_COMMENT = re.compile(r"^\s*//.*$", re.M)


@dataclass(frozen=True)
class DocsExample:
    method: str
    path: str
    role: str | None  # request | response | None when neither the label nor the text says
    value: Any  # the block as JSON
    where: str  # file:line of the block's first line
    label: str  # the fence label as written: "json", "json response"

    def to_json(self) -> dict[str, Any]:
        return {"operation": f"{self.method} {self.path}", "role": self.role,
                "where": self.where, "label": self.label, "value": self.value}


def json_examples(blocks: tuple[JsonBlock, ...], shown: str,
                  diagnostics: list[Diagnostic]) -> list[DocsExample]:
    """Each block as a value; one that is not JSON (`...` placeholders) is a warning."""
    found: list[DocsExample] = []
    for block in blocks:
        text = LINE_COMMENT.sub("", block.text) if block.label.lower().startswith(
            ("jsonc", "json5")) else block.text
        if not text.strip():
            continue
        try:
            value = json.loads(text)
        except ValueError as exc:
            line = block.line + getattr(exc, "lineno", 1) - 1
            diagnostics.append(Diagnostic(
                "warning", f"```{block.label} example is not valid JSON "
                f"({getattr(exc, 'msg', str(exc))}); not used as an example", f"{shown}:{line}"))
            continue
        except RecursionError:
            diagnostics.append(Diagnostic("warning", "JSON example nests too deeply; not used",
                                          f"{shown}:{block.line}"))
            continue
        found.append(DocsExample(*block.endpoint, block.role, value, f"{shown}:{block.line}",
                                 block.label))
    return found
