"""Login (OAuth2 password flow), RFC 7807 field errors, and credentials kept to one origin."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs

import httpx
from fastapi import FastAPI, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from typer.testing import CliRunner

from schemacheck.cli import app
from schemacheck.probe.client import Answer
from schemacheck.probe.interpret import location_of, validation_errors

runner = CliRunner()


class Profile(BaseModel):
    name: str


def login_app() -> FastAPI:
    api = FastAPI()

    @api.post("/token", include_in_schema=False)
    async def token(request: Request) -> dict[str, str]:
        # Parsed by hand: FastAPI's Form() needs python-multipart, which we do not install.
        form = {k: v[0] for k, v in parse_qs((await request.body()).decode()).items()}
        if (form.get("username"), form.get("password")) != ("ada", "pw-from-env"):
            return JSONResponse({"detail": "bad credentials"}, status_code=401)  # type: ignore
        return {"access_token": "issued-tok-123", "token_type": "bearer"}

    @api.get("/me", response_model=Profile)
    def me(authorization: str = Header("")) -> dict[str, str]:
        if authorization != "Bearer issued-tok-123":
            return JSONResponse({"detail": "no"}, status_code=401)  # type: ignore
        return {"name": "Ada"}

    return api


def test_oauth2_password_login(live_app, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    url = live_app(login_app())
    monkeypatch.setenv("SC_USER", "ada")
    monkeypatch.setenv("SC_PASS", "pw-from-env")
    (tmp_path / "d.ts").write_text("/** @response GET /me */\nexport interface Profile "
                                   "{ name: string; }\n")
    (tmp_path / "schemacheck.yaml").write_text(
        f"docs: [d.ts]\nbase_url: {url}\nauth:\n  login:\n    url: /token\n"
        "    username: ${SC_USER}\n    password: ${SC_PASS}\n")
    result = runner.invoke(app, ["probe", "--config", str(tmp_path / "schemacheck.yaml"),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["operations"][0]["probe"]["status"] == "passed"
    text = result.stdout + result.stderr
    assert "issued-tok-123" not in text and "pw-from-env" not in text


def test_rfc7807_field_errors_are_mapped() -> None:
    body = {"type": "about:blank", "title": "Invalid", "status": 422,
            "errors": [{"pointer": "#/context/userId", "detail": "is required"}]}
    answer = Answer(422, {"content-type": "application/problem+json"},
                    json.dumps(body).encode(), False)
    [(loc, message, _)] = validation_errors(answer)
    assert location_of(loc) == "body.context.userId" and message == "is required"


def test_fastapi_locations() -> None:
    assert location_of(["body", "items", 0, "name"]) == "body.items[].name"
    assert location_of(["query", "page"]) == "query.page"
    assert location_of(["path", "id"]) == "path.id"


def test_credentials_not_sent_to_another_origin(live_app, tmp_path: Path) -> None:  # noqa: ANN001
    seen: list[str] = []
    spec_host = FastAPI()

    @spec_host.get("/spec.json")
    def spec(request: Request) -> dict:
        seen.append(request.headers.get("authorization", ""))
        return login_app().openapi()

    spec_url = live_app(spec_host)
    backend = live_app(login_app())
    (tmp_path / "d.ts").write_text("export interface Profile { name: string; }\n")
    backend_local = backend.replace("127.0.0.1", "localhost")
    result = runner.invoke(app, ["diff", "--docs", str(tmp_path / "d.ts"), "--openapi",
                                 spec_url + "/spec.json", "--header",
                                 "Authorization: Bearer secret-xyz", "--format", "json"])
    assert result.exit_code == 0
    assert seen == ["Bearer secret-xyz"]  # no base URL given: the spec's origin is the one
    config = tmp_path / "schemacheck.yaml"
    config.write_text(f"docs: [d.ts]\nopenapi: {spec_url}/spec.json\nbase_url: {backend_local}\n"
                      "headers:\n  Authorization: Bearer secret-xyz\n")
    result = runner.invoke(app, ["diff", "--config", str(config), "--format", "json"])
    assert result.exit_code == 0
    assert seen[-1] == ""
    assert httpx.get(backend + "/me").status_code == 401


class Item(BaseModel):
    id: str
    name: str


def test_2xx_bodies_are_validated_against_docs_and_openapi(live_app, tmp_path: Path) -> None:  # noqa: ANN001
    api = FastAPI()

    @api.get("/items/latest", response_model=None, responses={200: {"model": Item}})
    def latest() -> JSONResponse:
        # What a drifted backend sends: an integer id, no name, and an undocumented field.
        return JSONResponse({"id": 5, "extra": True})

    url = live_app(api)
    (tmp_path / "d.md").write_text("### GET /items/latest\n\n```ts\nexport interface "
                                   "LatestResponse { id: string; name: string; tags?: "
                                   "string[]; }\n```\n")
    result = runner.invoke(app, ["probe", "--docs", str(tmp_path / "d.md"), "--base-url", url,
                                 "--format", "json"])
    data = json.loads(result.stdout)
    found = sorted((f["rule"], f["location"], f["severity"]) for f in data["findings"]
                   if f["rule"].startswith("probe-"))
    assert found == [  # a missing required field is located at the field itself
        ("probe-response-violates-docs", "response.id", "high"),
        ("probe-response-violates-docs", "response.name", "high"),
        ("probe-response-violates-openapi", "response.id", "medium"),
        ("probe-response-violates-openapi", "response.name", "medium"),
    ]
    by_key = {(f["rule"], f["location"]): f for f in data["findings"]}
    missing = by_key[("probe-response-violates-docs", "response.name")]
    assert "'name' is a required property at $" in missing["message"]
    wrong = by_key[("probe-response-violates-docs", "response.id")]
    assert wrong["evidence"]["violations"][0] == {"path": "$.id", "kind": "type",
                                                  "message": "5 is not of type 'string'"}
    assert result.exit_code == 1


def test_server_base_path_prefixes_probe_urls(live_app, tmp_path: Path) -> None:  # noqa: ANN001
    sub = FastAPI()

    @sub.get("/items", response_model=list[Item])
    def items() -> list[dict[str, str]]:
        return [{"id": "a", "name": "A"}]

    main = FastAPI()
    main.mount("/v1", sub)  # the sub-app's OpenAPI says servers: [{url: /v1}]
    url = live_app(main)
    (tmp_path / "d.ts").write_text("export interface Item { id: string; name: string; }\n")
    for base in (url, url + "/v1"):
        result = runner.invoke(app, ["probe", "--docs", str(tmp_path / "d.ts"), "--openapi",
                                     url + "/v1/openapi.json", "--base-url", base,
                                     "--format", "json"])
        data = json.loads(result.stdout)
        assert data["operations"][0]["probe"]["status"] == "passed", data["operations"]
        assert data["exchanges"][0]["url"] == url + "/v1/items"


class NoteBody(BaseModel):  # module level: FastAPI resolves annotations by name
    note: str  # required and never null


def test_a_422_confirms_only_the_static_finding_it_explains(live_app, tmp_path: Path) -> None:  # noqa: ANN001
    api = FastAPI()

    @api.post("/notes", status_code=204)
    def create(body: NoteBody) -> None:
        return None

    url = live_app(api)
    # The backend's model is NoteBody, the docs' Body: the JSDoc tag pairs them.
    (tmp_path / "d.ts").write_text("/** @request POST /notes */\nexport interface Body "
                                   "{ note?: string | null; }\n")
    # A POST with no DELETE to undo it is an action: sent only because the config lists it.
    (tmp_path / "schemacheck.yaml").write_text("probe:\n  allow_writes: [POST /notes]\n")
    result = runner.invoke(app, ["probe", "--config", str(tmp_path / "schemacheck.yaml"),
                                 "--docs", str(tmp_path / "d.ts"), "--base-url", url,
                                 "--format", "json"])
    findings = {f["rule"]: f for f in json.loads(result.stdout)["findings"]}
    assert set(findings) == {"request-field-required-but-documented-optional",
                             "request-null-rejected"}
    assert findings["request-field-required-but-documented-optional"]["confirmed"] is True
    assert findings["request-null-rejected"]["confirmed"] is False  # the payload sent no null
