"""fix-docs on the less common shapes: inline enums, `| undefined`, string enums on one line
and on several, CRLF Markdown, and documented types shared by shapes that differ."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Literal

from fastapi import FastAPI
from pydantic import BaseModel
from typer.testing import CliRunner

from schemacheck.cli import app

runner = CliRunner()


class Level(str, enum.Enum):
    low = "low"
    high = "high"


class Thing(BaseModel):
    kind: Literal["a", "c"]
    level: Level
    phase: Literal["draft", "live_now"]


class ThingCreate(BaseModel):
    maybe: str
    size: int


def _spec(tmp_path: Path) -> str:
    api = FastAPI(title="Things")

    @api.get("/things/{thingId}", response_model=Thing)
    def get_thing(thingId: str) -> dict:  # pragma: no cover - never served
        return {}

    @api.post("/things", response_model=Thing)
    def create_thing(body: ThingCreate) -> dict:  # pragma: no cover - never served
        return {}

    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(api.openapi()))
    return str(path)


DOCS = (
    "# Things\r\n\r\nProse stays; so does `kind: \"b\"` in it.\r\n\r\n"
    "### GET /things/{thingId}\r\n\r\n```typescript\r\n"
    "export enum Level { Low = \"low\", Mid = \"mid\" }\r\n\r\n"
    "export enum Phase {\r\n  Draft = 'draft',\r\n  Old = 'old'\r\n}\r\n\r\n"
    "export interface Thing {\r\n  kind: \"a\" | \"b\";\r\n  level: Level;\r\n  phase: Phase;\r\n}"
    "\r\n```\r\n\r\n"
    "### POST /things\r\n\r\n```ts\r\n"
    "export interface ThingCreate {\r\n  maybe: string | undefined;\r\n  size: string;\r\n}\r\n"
    "```\r\n")


def test_edges(tmp_path: Path) -> None:
    spec = _spec(tmp_path)
    docs = tmp_path / "THINGS.md"
    docs.write_bytes(DOCS.encode())
    result = runner.invoke(app, ["fix-docs", "--docs", str(docs), "--openapi", spec, "--write"])
    assert result.exit_code == 0, result.output
    assert docs.read_bytes().decode() == DOCS.replace(
        'Low = "low", Mid = "mid" }', 'Low = "low", High = "high" }').replace(
        "  Old = 'old'\r\n", "  LiveNow = 'live_now',\r\n").replace(
        'kind: "a" | "b";', 'kind: "a" | "c";').replace(
        "maybe: string | undefined;", "maybe: string;").replace(
        "size: string;", "size: number;")
    left = runner.invoke(app, ["diff", "--docs", str(docs), "--openapi", spec,
                               "--format", "json"])
    assert json.loads(left.stdout)["findings"] == []
    again = runner.invoke(app, ["fix-docs", "--docs", str(docs), "--openapi", spec])
    assert (again.exit_code, again.stdout) == (0, "")


class TagIn(BaseModel):
    tag: str
    label: str | None = None


class TagOut(BaseModel):
    tag: str | None
    label: str | None = None


def test_a_type_shared_by_disagreeing_shapes_is_left_stable(tmp_path: Path) -> None:
    api = FastAPI(title="Tags")

    @api.post("/tags", response_model=TagOut)
    def create_tag(body: TagIn) -> dict:  # pragma: no cover - never served
        return {}

    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(api.openapi()))
    docs = tmp_path / "tags.ts"
    source = ("/**\n * @request POST /tags\n * @response POST /tags\n */\n"
              "export interface Tag {\n  tag: string | null;\n  label: string | null;\n}\n")
    docs.write_text(source)
    args = ["fix-docs", "--docs", str(docs), "--openapi", str(spec)]
    first = runner.invoke(app, args)
    # `label` is fixed (optional everywhere); `tag` cannot be both non-null (the request
    # rejects null) and nullable (the response sends it), so it is left as it is.
    assert first.exit_code == 1
    assert "-  label: string | null;\n+  label?: string | null;" in first.stdout
    assert "-  tag" not in first.stdout
    assert "`tag`: not changed (nullable=False)" in first.stderr
    assert runner.invoke(app, [*args, "--write"]).exit_code == 0
    again = runner.invoke(app, args)
    assert (again.exit_code, again.stdout) == (0, "")


class UserIn(BaseModel):
    email: str
    password: str


class UserOut(BaseModel):
    email: str
    id: str


def test_a_field_only_one_shape_has_is_added_only_where_it_helps(tmp_path: Path) -> None:
    api = FastAPI(title="Users")

    @api.post("/users", response_model=UserOut)
    def create_user(body: UserIn) -> dict:  # pragma: no cover - never served
        return {}

    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(api.openapi()))
    docs = tmp_path / "users.ts"
    docs.write_text("/**\n * @request POST /users\n * @response POST /users\n */\n"
                    "export interface User {\n  email: string;\n}\n")
    args = ["fix-docs", "--docs", str(docs), "--openapi", str(spec)]
    assert runner.invoke(app, [*args, "--write"]).exit_code == 0
    # `password` (request only) is added: its critical finding outweighs the high one it
    # makes on the response side; `id` (response only, info) is not: it would add a medium
    # finding on the request side. A second run keeps that choice.
    assert docs.read_text().endswith("  email: string;\n  password: string;\n}\n")
    again = runner.invoke(app, args)
    assert (again.exit_code, again.stdout) == (0, "")
