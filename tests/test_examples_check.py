"""The docs' own examples are checked against the backend's schema and their documented type."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi import FastAPI
from pydantic import BaseModel
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
