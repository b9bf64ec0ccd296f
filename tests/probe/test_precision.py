"""The probe's own values never become the backend's fault: formats behind TS aliases, patterns,
ranges, form and multipart bodies, a 422 about a sample retried, credentials noise collapsed."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import uuid
from pathlib import Path
from typing import Any, Literal

from fastapi import FastAPI, File, Form, Header, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field, ValidationError, field_validator
from typer.testing import CliRunner

from schemacheck.cli import app

runner = CliRunner()


class ContactCreate(BaseModel):
    ref: uuid.UUID
    born: dt.date
    seen_at: dt.datetime
    code: str = Field(pattern=r"^[A-Z]{3}-\d{4}$")
    age: int = Field(ge=18, le=99, multiple_of=3)
    nick: str = Field(min_length=3, max_length=8)
    site: str = Field(json_schema_extra={"format": "uri"}, pattern=r"^https?://")


class Pin(BaseModel):  # module level: FastAPI resolves annotations by name
    pin: str = Field(min_length=4, max_length=4, pattern=r"^\d+$")


class StrictCode(BaseModel):
    code: str = Field(pattern=r"^Q\d{3}$")


class Picky(BaseModel):
    name: str

    @field_validator("name")
    @classmethod
    def _ok(cls, value: str) -> str:  # a rule no schema states
        if not value.startswith("ok-"):
            raise ValueError("name must start with ok-")
        return value


DOCS = """
# Precision API

### POST /contacts
```typescript
type UUID = string;
type ISODate = string;
export interface ContactCreate {
  ref: UUID; born: ISODate; seen_at: string; code: string; age: number; nick: string;
  site: string;
}
```

### POST /upload
```typescript
export interface UploadForm { title: string; file: Blob; }
```

### POST /codes
```typescript
export interface CodeIn { code: string; }
```

### POST /picky
```typescript
export interface PickyIn { name: string; }
```
"""


def make_app() -> FastAPI:
    api = FastAPI()
    made: dict[str, Any] = {}
    api.state.seen = seen = []

    @api.middleware("http")
    async def record(request: Request, call_next):  # noqa: ANN001, ANN202
        seen.append((request.method, request.url.path, request.headers.get("content-type", "")))
        return await call_next(request)

    @api.post("/contacts", status_code=201)
    def create(body: ContactCreate) -> Any:
        made["c1"] = body
        return {"id": "c1"}

    @api.delete("/contacts/{contact_id}", status_code=204)
    def delete(contact_id: str) -> Response:
        made.pop(contact_id, None)
        return Response(status_code=204)

    @api.post("/token")
    def token(username: str = Form(...), password: str = Form(...)) -> Any:
        return JSONResponse({"detail": "Incorrect username or password"}, status_code=400)

    @api.post("/upload")
    async def upload(title: str = Form(...), file: UploadFile = File(...)) -> Any:
        return {"title": title, "size": len(await file.read())}

    # The spec says any string; the handler is stricter, and says so in the error's ctx.
    @api.post("/codes", openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": {"type": "object", "required": ["code"],
                                        "properties": {"code": {"type": "string"}}}}}}})
    async def codes(request: Request) -> Any:
        try:
            StrictCode.model_validate(await request.json())
        except ValidationError as exc:
            raise RequestValidationError(
                [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]) from None
        return {"ok": True}

    @api.post("/picky", openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": {"type": "object", "required": ["name"],
                                        "properties": {"name": {"type": "string"}}}}}}})
    async def picky(request: Request) -> Any:
        try:
            Picky.model_validate(await request.json())
        except ValidationError as exc:
            raise RequestValidationError(
                [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]) from None
        return {"ok": True}

    return api


def _run(url: str, tmp: Path, docs: str, config: str, *extra: str) -> dict[str, Any]:
    (tmp / "api.md").write_text(docs)
    (tmp / "schemacheck.yaml").write_text(config)
    result = runner.invoke(app, ["probe", "--config", str(tmp / "schemacheck.yaml"),
                                 "--docs", str(tmp / "api.md"), "--base-url", url,
                                 "--format", "json", "--timeout", "5", *extra])
    assert "Traceback" not in result.output
    return json.loads(result.stdout)


def _by_op(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {o["operation"]: o["probe"] for o in data["operations"]}


def test_samples_fit_the_backend_and_bodies_use_their_media_type(live_app, tmp_path: Path) -> None:  # noqa: ANN001, E501
    backend = make_app()
    url = live_app(backend)
    data = _run(url, tmp_path, DOCS, "probe:\n  allow_writes: [POST /contacts, POST /token, "
                "POST /upload, POST /codes, POST /picky]\n")
    status = _by_op(data)
    rules = {(f["operation"], f["rule"]) for f in data["findings"]}
    assert status["POST /contacts"]["status"] == "passed", data["exchanges"]
    sent = data["exchanges"][status["POST /contacts"]["exchange"]]["request_body"]
    assert re.fullmatch(r"[A-Z]{3}-\d{4}", sent["code"])  # made from the pattern
    assert sent["age"] % 3 == 0 and 18 <= sent["age"] <= 99
    assert 3 <= len(sent["nick"]) <= 8
    uuid.UUID(sent["ref"])
    dt.date.fromisoformat(sent["born"])
    # a form-encoded login and a multipart upload, each in its own media type
    token = data["exchanges"][status["POST /token"]["exchange"]]
    assert token["media_type"] == "application/x-www-form-urlencoded"
    assert token["status"] == 400 and "--data-urlencode" in token["curl"]
    assert status["POST /upload"]["status"] == "passed"
    kinds = {(m, p): c for m, p, c in backend.state.seen}
    assert kinds[("POST", "/upload")].startswith("multipart/form-data")
    # a 422 about the probe's own value: corrected from the error's ctx and sent again
    assert status["POST /codes"]["status"] == "passed"
    codes = data["exchanges"][status["POST /codes"]["exchange"]]
    assert codes["retried"]["corrected"] == ["body.code"]
    # ... and when no correction helps: info, never a critical docs finding
    assert ("POST /picky", "probe-invalid-sample") in rules
    assert not any(r == "probe-minimal-payload-rejected" for _, r in rules), rules
    picky = next(f for f in data["findings"] if f["rule"] == "probe-invalid-sample")
    assert picky["severity"] == "info" and picky["location"] == "body.name"


def test_unsatisfiable_field_is_its_own_finding(live_app, tmp_path: Path) -> None:  # noqa: ANN001
    api = FastAPI()

    @api.post("/pins", status_code=201)
    def pins(body: Pin) -> Any:
        return {"id": "p1"}

    @api.delete("/pins/{pin_id}", status_code=204)
    def unpin(pin_id: str) -> Response:
        return Response(status_code=204)

    url = live_app(api)
    docs = "### POST /pins\n```ts\nexport interface PinIn { pin: 'a' | 'b'; }\n```\n"
    data = _run(url, tmp_path, docs, "probe:\n  allow_writes: true\n")
    found = [f for f in data["findings"] if f["rule"] == "probe-unsatisfiable"]
    assert [f["location"] for f in found] == ["body.pin"]
    assert not any(f["rule"] == "probe-minimal-payload-rejected" for f in data["findings"])


def test_401s_without_credentials_are_one_finding(live_app, tmp_path: Path) -> None:  # noqa: ANN001
    api = FastAPI()

    def guard(authorization: str | None) -> None | JSONResponse:
        return None if authorization else JSONResponse({"detail": "Not authenticated"}, 401)

    for name in ("a", "b", "c", "d"):
        @api.get(f"/{name}")
        def read(authorization: str | None = Header(None)) -> Any:
            return guard(authorization) or {"ok": True}

    @api.get("/reports")
    def reports(authorization: str | None = Header(None)) -> Any:
        return guard(authorization) or JSONResponse(
            {"detail": "Reports are only available on the Pro plan"}, 403)

    url = live_app(api)
    docs = "### GET /a\n```ts\nexport interface A { ok: boolean; }\n```\n"
    data = _run(url, tmp_path, docs, "{}\n")
    found = [f for f in data["findings"] if f["rule"].startswith("probe-")]
    assert [f["rule"] for f in found] == ["probe-credentials-required"]
    assert found[0]["message"].startswith("5 operations require credentials")
    with_token = _run(url, tmp_path, docs, "{}\n", "--header", "Authorization: Bearer x1234")
    assert not [f for f in with_token["findings"] if f["rule"].startswith("probe-auth")]
    assert _by_op(with_token)["GET /reports"]["reason"].startswith("forbidden for these")


class Order(BaseModel):
    id: str
    status: Literal["open", "closed", "void"]
    total: int = 0
    coupon: str | None = None
    legacy_code: str


class OrderPage(BaseModel):
    items: list[Order]


def test_live_bodies_confirm_and_refute_static_findings_field_by_field(
        live_app, tmp_path: Path) -> None:  # noqa: ANN001
    api = FastAPI(separate_input_output_schemas=False)  # defaulted fields: optional in the spec
    rows = [{"id": f"o{i}", "status": "open", "total": i, "coupon": "c", "legacy_code": "L"}
            for i in range(11)]
    rows.append({"id": "o11", "status": "void", "total": 3, "coupon": None, "legacy_code": "L"})

    @api.get("/orders", response_model=OrderPage)
    def orders() -> Any:
        return {"items": rows}

    url = live_app(api)
    docs = ("### GET /orders\n```ts\nexport interface Order { id: string; name: string; "
            "status: 'open' | 'closed'; total: number; coupon: string; }\n"
            "export interface OrderPage { items: Order[]; }\n```\n")
    data = _run(url, tmp_path, docs, "{}\n")
    found = {(f["rule"], f["location"]): f for f in data["findings"]}
    at = "response.items[]."
    # a required field the backend lacks: proven at the field, in every item
    assert found[("response-field-missing", at + "name")]["confirmed"] is True
    assert ("probe-response-violates-docs", at + "name") not in found  # one finding, not two
    # a null in the twelfth item proves the nullable rule; the extra value the enum rule
    assert found[("response-field-nullable-but-documented-non-null", at + "coupon")]["confirmed"]
    assert found[("response-enum-value-undocumented", at + "status")]["confirmed"] is True
    # a key the docs lack, seen live
    assert found[("response-field-undocumented", at + "legacy_code")]["confirmed"] is True
    # the spec lets the backend omit `total` (low: it declares a default), but all 12 answers
    # carried it: one step lower
    total = found[("response-field-optional-but-documented-required", at + "total")]
    assert total["severity"] == "info" and total["confirmed"] is False
    assert "the backend sent it in all 12 answers" in total["message"]
    confirmed = [f for f in data["findings"] if f["confirmed"]]
    assert all(f["evidence"]["url"].endswith("/orders") for f in confirmed)  # the exchange
    # the gap report shows the refuted field three ways: docs | spec | observed
    saved = tmp_path / "run.json"
    saved.write_text(json.dumps(data))
    report = runner.invoke(app, ["report", str(saved), "--format", "md"]).stdout
    assert ("| `response.items[].total` (GET /orders) | required | may be omitted | present in "
            "12 of 12 answers |") in report


class ItemIn(BaseModel):
    title: str | None = None
    status: Literal["draft"] = "draft"


def test_promises_find_the_null_the_docs_allow(live_app, tmp_path: Path) -> None:  # noqa: ANN001
    api = FastAPI()
    items: dict[str, Any] = {}
    # ids are never handed out twice (a count of the rows would hand a deleted row's id to
    # the next create, which then looks like a get-or-create answering an existing object)
    made = itertools.count(1)

    @api.post("/items", status_code=201)
    def create(body: ItemIn) -> Any:
        key = f"i{next(made)}"
        items[key] = body
        return {"id": key}

    @api.put("/items/{item_id}")
    def update(item_id: str, body: ItemIn) -> Any:
        return {"title": body.title.upper()}  # type: ignore[union-attr]  # the real bug: 500 on null

    @api.delete("/items/{item_id}", status_code=204)
    def delete(item_id: str) -> Response:
        items.pop(item_id, None)
        return Response(status_code=204)

    url = live_app(api)
    docs = ("### PUT /items/{item_id}\n```ts\nexport interface ItemUpdate { title?: string | null;"
            " status?: 'draft' | 'live'; }\n```\n### POST /items\n```ts\nexport interface "
            "ItemCreate { title?: string | null; }\n```\n")
    plain = _run(url, tmp_path, docs, "{}\n", "--allow-writes")
    assert not [f for f in plain["findings"] if f["rule"] == "probe-promise-broken"]
    data = _run(url, tmp_path, docs, "{}\n", "--allow-writes", "--promises")
    broken = {(f["operation"], f["location"], f["message"].split(";")[0])
              for f in data["findings"] if f["rule"] == "probe-promise-broken"}
    assert ("PUT /items/{item_id}", "body.title",
            "the docs promise body.title may be null") in broken
    assert ("PUT /items/{item_id}", "body.status",
            "the docs promise body.status accepts 'live'") in broken
    assert items == {}  # every object the promises created is gone


def test_path_parameters_come_from_the_specs_examples(live_app, tmp_path: Path) -> None:  # noqa: ANN001
    from fastapi import Path as PathParam

    api = FastAPI()

    @api.get("/repos/{owner}")
    def repo(owner: str = PathParam(..., examples=["octocat"])) -> Any:
        return {"owner": owner}

    url = live_app(api)
    docs = "### GET /repos/{owner}\n```ts\nexport interface Repo { owner: string; }\n```\n"
    data = _run(url, tmp_path, docs, "{}\n")
    status = _by_op(data)["GET /repos/{owner}"]
    assert status["status"] == "passed"
    assert data["exchanges"][status["exchange"]]["url"].endswith("/repos/octocat")


class Setting(BaseModel):
    key: str
    enabled: bool = False


class SettingPage(BaseModel):
    items: list[Setting]


def test_a_defaulted_field_left_out_live_is_high_again(live_app, tmp_path: Path) -> None:  # noqa: ANN001
    """Low statically (a declared default), but the backend really leaves it out: confirmed,
    the drift is the rule's own severity."""
    api = FastAPI(separate_input_output_schemas=False)

    @api.get("/settings", response_model=SettingPage, response_model_exclude_defaults=True)
    def settings() -> Any:
        return {"items": [{"key": "a"}, {"key": "b", "enabled": True}]}

    url = live_app(api)
    docs = ("### GET /settings\n```ts\nexport interface Setting { key: string; "
            "enabled: boolean; }\nexport interface SettingPage { items: Setting[]; }\n```\n")
    data = _run(url, tmp_path, docs, "{}\n")
    found = {(f["rule"], f["location"]): f for f in data["findings"]}
    at = "response.items[].enabled"
    enabled = found[("response-field-optional-but-documented-required", at)]
    assert enabled["confirmed"] is True and enabled["severity"] == "high"


def test_field_by_field_leaves_a_required_file_out_when_it_tries_without(
        live_app, tmp_path: Path) -> None:  # noqa: ANN001
    """The multipart encoder fills in a required file the sample left empty; the variant
    that removes the file on purpose must go without it, or the backend seems not to need it."""
    url = live_app(make_app())
    data = _run(url, tmp_path, DOCS, "probe:\n  allow_writes: [POST /upload]\n",
                "--field-by-field")
    seen = _by_op(data)["POST /upload"]["field_by_field"]
    assert seen["required"] == ["body.file", "body.title"]
    assert seen["accepted_without"] == []
