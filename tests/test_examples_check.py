"""The docs' own examples are checked against the backend's schema and their documented type."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel, ValidationError, field_validator
from typer.testing import CliRunner

from schemacheck.cli import app

SPEC = {
    "openapi": "3.1.0", "info": {"title": "t", "version": "1"},
    "paths": {"/notes": {"post": {
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "$ref": "#/components/schemas/NoteIn"}}}},
        "responses": {"201": {"description": "ok", "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Note"}}}}}}}},
    "components": {"schemas": {
        "NoteIn": {"type": "object", "required": ["text", "tags"],
                   "properties": {"text": {"type": "string"},
                                  "tags": {"type": "array", "items": {"type": "string"}}}},
        "Note": {"type": "object", "required": ["id", "text"],
                 "properties": {"id": {"type": "integer"}, "text": {"type": "string"}}}}},
}

DOCS = """# Notes

### POST /notes

```ts
export interface NoteIn { text: string; tags: string[]; }
export interface Note { id: number; text: string; }
```

Request:

```json
{"text": "hello"}
```

Response:

~~~json
{"id": "n-1", "text": "hello"}
~~~

A good one, for contrast:

```json request
{"text": "fine", "tags": ["a"]}
```
"""


def test_examples_are_checked_at_their_lines(tmp_path: Path) -> None:
    (tmp_path / "spec.json").write_text(json.dumps(SPEC))
    (tmp_path / "API.md").write_text(DOCS)
    result = CliRunner().invoke(app, ["diff", "--no-config", "--docs", str(tmp_path / "API.md"),
                                      "--openapi", str(tmp_path / "spec.json"), "--format",
                                      "json"])
    found = [(f["rule"], f["severity"], f["location"], f["docs"]["where"].rsplit(":", 1)[1])
             for f in json.loads(result.stdout)["findings"] if "example" in f["rule"]]
    assert sorted(found) == [
        ("docs-example-breaks-docs", "low", "body.tags", "13"),  # its own type needs tags
        ("docs-example-breaks-docs", "low", "response.id", "19"),
        ("docs-example-rejected", "high", "body.tags", "13"),  # a 422 on the first copy
        ("docs-example-rejected", "medium", "response.id", "19"),
    ]


def test_examples_under_a_heading_with_the_base_path_find_their_operation(
        tmp_path: Path) -> None:
    """The docs write `/api/v1/notes/`, the spec `/notes` under `servers: /api/v1`."""
    (tmp_path / "spec.json").write_text(json.dumps({**SPEC, "servers": [{"url": "/api/v1"}]}))
    (tmp_path / "API.md").write_text(DOCS.replace("### POST /notes", "### POST /api/v1/notes/"))
    result = CliRunner().invoke(app, ["diff", "--no-config", "--docs", str(tmp_path / "API.md"),
                                      "--openapi", str(tmp_path / "spec.json"), "--format",
                                      "json"])
    data = json.loads(result.stdout)
    found = sorted((f["rule"], f["operation"], f["location"]) for f in data["findings"])
    assert found == [("docs-example-breaks-docs", "POST /notes", "body.tags"),
                     ("docs-example-breaks-docs", "POST /notes", "response.id"),
                     ("docs-example-rejected", "POST /notes", "body.tags"),
                     ("docs-example-rejected", "POST /notes", "response.id")]


class Note(BaseModel):  # module level: FastAPI resolves annotations by name
    id: int
    text: str
    tags: list[str]


def test_a_response_example_is_set_beside_the_live_answer(live_app, tmp_path: Path) -> None:  # noqa: ANN001
    api = FastAPI()

    @api.get("/notes/latest", response_model=Note)
    def latest() -> dict[str, object]:
        return {"id": 7, "text": "hi", "tags": ["a"]}

    url = live_app(api)
    docs = tmp_path / "API.md"
    docs.write_text("### GET /notes/latest\n\n```ts\nexport interface Note { id: number; "
                    "text: string; tags: string[]; }\n```\n\nResponse:\n\n```json\n"
                    '{"id": "7", "text": "hi", "tags": ["a"], "author": "ann"}\n```\n')
    result = CliRunner().invoke(app, ["probe", "--no-config", "--docs", str(docs),
                                      "--base-url", url, "--format", "json"])
    stale = [f for f in json.loads(result.stdout)["findings"]
             if f["rule"] == "docs-example-stale"]
    assert len(stale) == 1 and stale[0]["docs"]["where"].endswith("API.md:10")
    assert "response.id: string in the example, number live" in stale[0]["message"]
    assert "response.author: absent from the answer" in stale[0]["message"]


class Memo(BaseModel):
    text: str

    @field_validator("text")
    @classmethod
    def _ok(cls, value: str) -> str:  # a rule no schema states
        if not value.startswith("ok-"):
            raise ValueError("text must start with ok-")
        return value


def test_a_request_example_is_sent_as_written(live_app, tmp_path: Path) -> None:  # noqa: ANN001
    api = FastAPI()
    made: list[str] = []

    @api.post("/memos", status_code=201, openapi_extra={"requestBody": {
        "required": True, "content": {"application/json": {"schema": {
            "type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}}}}})
    async def create(request: Request) -> dict[str, str]:
        try:
            Memo.model_validate(await request.json())
        except ValidationError as exc:
            raise RequestValidationError(
                [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]) from None
        made.append(f"m{len(made) + 1}")
        return {"id": made[-1]}

    @api.delete("/memos/{memo_id}", status_code=204, response_class=Response)
    def delete(memo_id: str) -> None:
        made.remove(memo_id)

    url = live_app(api)
    docs = tmp_path / "API.md"
    docs.write_text("### POST /memos\n\n```ts\nexport interface MemoIn { text: string; }\n```\n\n"
                    'Request:\n\n```json\n{"text": "hello"}\n```\n')
    result = CliRunner().invoke(app, ["probe", "--no-config", "--docs", str(docs),
                                      "--base-url", url, "--allow-writes", "--format", "json"])
    found = [f for f in json.loads(result.stdout)["findings"]
             if f["rule"] == "docs-example-rejected"]
    assert [(f["location"], f["evidence"]["status"]) for f in found] == [("body.text", 422)]
    assert "sent as written, was refused (HTTP 422)" in found[0]["message"]
    assert made == []  # what the probe's own create made is gone
