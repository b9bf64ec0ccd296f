"""Path, header and cookie parameters the probe must fill without being told: a value that is
no identifier (a bounded year, a date) comes from the schema; a required header or cookie gets
a valid sample unless the user configured it or it is a credential (never invented)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any

from fastapi import Cookie, FastAPI, Header, Request
from fastapi import Path as PathParam
from typer.testing import CliRunner

from schemacheck.cli import app

runner = CliRunner()
DOCS = ("### GET /reports/{year}\n```ts\nexport interface Report { year: number; tenant: string;"
        " region: string; }\n```\n### GET /keys/{day}\n```ts\nexport interface Key "
        "{ day: string; }\n```\n")


def _api(seen: list[dict[str, Any]]) -> FastAPI:
    api = FastAPI()

    @api.middleware("http")
    async def ledger(request: Request, call_next):  # noqa: ANN001, ANN202
        seen.append({"path": request.url.path, "headers": dict(request.headers)})
        return await call_next(request)

    @api.get("/reports/{year}")
    def report(year: Annotated[int, PathParam(ge=2000, le=2100)],
               x_tenant: Annotated[str, Header(pattern=r"^t-[0-9]{3}$")],
               region: Annotated[str, Cookie(pattern=r"^(eu|us)$")]) -> dict[str, Any]:
        return {"year": year, "tenant": x_tenant, "region": region}

    @api.get("/keys/{day}")
    def key(day: dt.date, x_api_key: Annotated[str, Header()]) -> dict[str, Any]:
        return {"day": day.isoformat()}

    @api.get("/feed")
    def feed(access_token: str) -> dict[str, Any]:  # a credential in the query
        return {"day": "x"}

    return api


def _probe(url: str, tmp: Path, *extra: str) -> dict[str, Any]:
    (tmp / "api.md").write_text(DOCS)
    result = runner.invoke(app, ["probe", "--no-config", "--docs", str(tmp / "api.md"),
                                 "--base-url", url, "--format", "json", *extra])
    assert "Traceback" not in result.output, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_values_from_the_schema_and_credentials_never_invented(live_app, tmp_path) -> None:  # noqa: ANN001
    seen: list[dict[str, Any]] = []
    data = _probe(live_app(_api(seen)), tmp_path)
    probes = {o["operation"]: o["probe"] for o in data["operations"]}
    assert probes["GET /reports/{year}"]["status"] == "passed"
    assert data["findings"] == []
    [sent] = [s for s in seen if s["path"].startswith("/reports/")]
    assert 2000 <= int(sent["path"].rsplit("/", 1)[1]) <= 2100
    assert sent["headers"]["x-tenant"].startswith("t-")
    assert sent["headers"]["cookie"] in ("region=eu", "region=us")
    # the date makes a path, but the API key is a credential: not sent, and said why
    assert probes["GET /keys/{day}"]["status"] == "skipped"
    assert "x-api-key is a credential" in probes["GET /keys/{day}"]["reason"]
    assert not [s for s in seen if s["path"].startswith("/keys/")]
    assert "query access_token is a credential" in probes["GET /feed"]["reason"]
    assert not [s for s in seen if s["path"] == "/feed"]


def test_a_configured_header_is_sent_as_configured(live_app, tmp_path) -> None:  # noqa: ANN001
    seen: list[dict[str, Any]] = []
    data = _probe(live_app(_api(seen)), tmp_path, "-H", "X-Tenant: t-777",
                  "-H", "X-API-Key: k1")
    probes = {o["operation"]: o["probe"] for o in data["operations"]}
    assert probes["GET /keys/{day}"]["status"] == "passed"
    [sent] = [s for s in seen if s["path"].startswith("/reports/")]
    assert sent["headers"]["x-tenant"] == "t-777"
    [key] = [s for s in seen if s["path"].startswith("/keys/")]
    assert dt.date.fromisoformat(key["path"].rsplit("/", 1)[1])
    assert key["headers"]["x-api-key"] == "k1"


def test_a_configured_cookie_header_carries_a_credential_cookie(live_app, tmp_path) -> None:  # noqa: ANN001
    """A required cookie named like a credential is never invented, but the user's own
    Cookie header is what it is for."""
    api = FastAPI()
    seen: list[str] = []

    @api.get("/me/settings")
    def settings(session_id: Annotated[str, Cookie()]) -> dict[str, Any]:
        seen.append(session_id)
        return {"ok": True}

    url = live_app(api)
    (tmp_path / "api.md").write_text("### GET /me/settings\n```ts\nexport interface S "
                                     "{ ok: boolean; }\n```\n")
    args = ["probe", "--no-config", "--docs", str(tmp_path / "api.md"), "--base-url", url,
            "--format", "json"]
    alone = json.loads(runner.invoke(app, args).stdout)
    assert "cookie session_id is a credential" in alone["operations"][0]["probe"]["reason"]
    given = json.loads(runner.invoke(app, [*args, "-H", "Cookie: session_id=s3"]).stdout)
    assert given["operations"][0]["probe"]["status"] == "passed" and seen == ["s3"]
