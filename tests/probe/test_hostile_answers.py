"""A backend's answers are hostile input: nothing it sends ends the run with a traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse, Response
from typer.testing import CliRunner

from schemacheck.cli import app

DOCS = "".join(f"### GET /{name}\n```ts\nexport interface R{i} {{ a: string }}\n```\n"
               for i, name in enumerate(["deep", "badutf", "bigint", "null", "wide"])) + (
    "### POST /things\n```ts\nexport interface ThingIn { name: string }\n```\n")


def make_app() -> FastAPI:
    api = FastAPI()

    @api.get("/deep")
    def deep() -> Response:  # nesting that would exhaust the recursion limit
        return Response(b"[" * 200_000 + b"]" * 200_000, media_type="application/json")

    @api.get("/badutf")
    def badutf() -> Response:
        return Response(b'{"a": "\xff\xfe"}', media_type="application/json")

    @api.get("/bigint")
    def bigint() -> Response:  # past Python's int digit limit
        return Response(b'{"a": ' + b"9" * 5000 + b"}", media_type="application/json")

    @api.get("/null")
    def null() -> Response:
        return Response(b"null", media_type="application/json")

    @api.get("/wide")
    def wide() -> Response:
        return JSONResponse({"a": "x", **{f"k{i}": [i] * 3 for i in range(5000)}})

    @api.post("/things", status_code=422)
    def things() -> Any:  # a 422 whose errors have every wrong shape
        return JSONResponse({"detail": [{"loc": [{"x": 1}, None, 3], "type": ["a"],
                                         "msg": {"m": 1}}, "str", 5, None]}, status_code=422)

    @api.delete("/things/{thing_id}", status_code=204)
    def gone(thing_id: str) -> Response:
        return Response(status_code=204)

    return api


def test_hostile_answers_are_findings_not_crashes(live_app, tmp_path: Path) -> None:  # noqa: ANN001
    url = live_app(make_app())
    (tmp_path / "api.md").write_text(DOCS)
    result = CliRunner().invoke(app, ["probe", "--docs", str(tmp_path / "api.md"), "--base-url",
                                      url, "--allow-writes", "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    found = {(f["operation"], f["rule"]): f["message"] for f in data["findings"]}
    assert "nested deeper than 200 levels" in found[("GET /deep", "probe-response-violates-docs")]
    for op in ("GET /badutf", "GET /bigint"):
        assert "is not JSON" in found[(op, "probe-response-violates-docs")]
    assert ("POST /things", "probe-minimal-payload-rejected") in found
    assert data["operations"][-1]["probe"] is not None


def test_each_status_is_checked_against_its_own_schema() -> None:
    """An operation answering 200 (one shape) and then 201 (another) is judged per status: the
    validator of the first answer's schema is not reused for the second."""
    import json

    from schemacheck.findings import Evidence
    from schemacheck.model import SchemaSet
    from schemacheck.probe.client import Answer, Redactor
    from schemacheck.probe.interpret import Interpreter

    interpreter = Interpreter(SchemaSet({}), SchemaSet({}), Redactor(), "no credentials")
    ok = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
    created = {"type": "object", "required": ["job"], "properties": {"job": {"type": "integer"}}}

    def read(status: int, body: object, schema: dict[str, object]) -> list[str]:
        answer = Answer(status, {"content-type": "application/json"},
                        json.dumps(body).encode(), False)
        outcome = interpreter.read("PUT /jobs/{id}", "PUT", answer, Evidence(status=status),
                                   None, None, schema)
        return [f.rule for f in outcome.findings]

    assert read(200, {"id": "a"}, ok) == []
    assert read(201, {"job": 1}, created) == []
    assert read(201, {"job": "one"}, created) == ["probe-response-violates-openapi"]
