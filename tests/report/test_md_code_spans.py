"""What the backend names (a kept object's id) is printed in the Markdown as one code span,
whatever characters it holds: a backtick in an id closed the span and the rest read as
Markdown."""

from __future__ import annotations

from markdown_it import MarkdownIt

from schemacheck.report.markdown import code_span, render_markdown
from schemacheck.result import Inputs, Kept, OpenapiInput, ProbeRun, RunResult

HOSTILE = ["job-1", "a`b", "``x", "`lead", "trail`", "two\nlines", "*em* [l](x)", ""]


def _code(markdown: str) -> list[str]:
    tokens = MarkdownIt().parseInline(markdown)[0].children or []
    return [t.content for t in tokens if t.type == "code_inline"]


def test_a_code_span_holds_any_text() -> None:
    for text in HOSTILE:
        assert _code(code_span(text)) == [" ".join(text.splitlines()) or " "], text


def test_kept_ids_with_backticks_stay_in_their_span() -> None:
    kept = tuple(Kept(object=f"/jobs/{i}", id=i, created_by="POST /jobs", reason="kept")
                 for i in HOSTILE[:5])
    result = RunResult(generated="2026-01-01", inputs=Inputs((), OpenapiInput("s")),
                       probe_run=ProbeRun(sent=5, requests={"probe": 5}, kept=kept))
    lines = [line for line in render_markdown(result).splitlines()
             if "(created by" in line]
    assert len(lines) == 5
    for line, item in zip(lines, kept, strict=True):
        assert _code(line.removeprefix("- "))[0] == item.object
