"""The console's own story lines, on results built by hand."""

from __future__ import annotations

from schemacheck.catalog import make_finding
from schemacheck.finding_parts import Reproduction
from schemacheck.findings import Evidence, Place
from schemacheck.report.console import console_text
from schemacheck.result import Gate, Inputs, OpenapiInput, OperationResult, RunResult


def _shared(evidence: Evidence) -> RunResult:
    places = (Place(None, "#ItemCreate.priority"), Place("POST /items", "body.priority"),
              Place("PUT /items/{id}", "body.priority"))
    finding = make_finding(
        "request-field-required-but-undocumented", operation=None,
        location="#ItemCreate.priority", message="`priority` is required by the backend",
        affects=places).confirm(evidence)
    return RunResult(generated="2026-01-01", inputs=Inputs((), OpenapiInput("s")),
                     findings=(finding,), gate=Gate("high", 1),
                     operations=(OperationResult("POST /items", "items"),
                                 OperationResult("PUT /items/{id}", "items")))


def test_a_shared_finding_is_confirmed_only_where_it_was_seen() -> None:
    """The PUT was never sent (the create failed): only the POST proved it."""
    text = console_text(_shared(Evidence(operation="POST /items", status=422)))
    story = text.split("confirmed live (1):", 1)[1]
    assert "POST /items: body.priority" in story and "PUT /items/{id}" not in story
    both = console_text(_shared(Evidence(operation="POST /items", status=422, more=(
        Reproduction("PUT /items/{id}", 422),))))
    assert "PUT /items/{id}: body.priority" in both.split("confirmed live (1):", 1)[1]
