"""A secret written into a URL (`user:password@host`, `https://TOKEN@host`, `?api_key=...`) is
a configured secret: no console line, report or saved run shows it, errors included."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from schemacheck.cli import app
from schemacheck.secret_names import url_secrets

runner = CliRunner()
PASSWORD, KEY = "pa55-w0rd-x9", "k3y-0f-the-api"
DOCS = "### GET /items\n\n```ts\nexport interface Item { id: string; size: number }\n```\n"


@pytest.mark.parametrize(("url", "expected"), [
    ("https://alice:s3cr3t@example.com/openapi.json", ["s3cr3t"]),
    ("https://ghp_abcdef123456@example.com/x", ["ghp_abcdef123456"]),
    ("https://example.com/x?api_key=abc123&page=2&access_token=t0k3n", ["abc123", "t0k3n"]),
    ("https://al%40ce:p%3Ass@example.com/", ["p:ss"]),
    ("https://example.com/openapi.json?page=2", []),
    ("openapi.yaml", []), ("http://[::1/", []),
])
def test_the_secrets_a_url_carries(url: str, expected: list[str]) -> None:
    assert url_secrets(url) == expected


@pytest.fixture(scope="module")
def backend() -> Iterator[str]:
    from fastapi import FastAPI
    from pydantic import BaseModel

    from schemacheck.serve import serve

    class Item(BaseModel):
        id: str
        name: str

    api = FastAPI()

    @api.get("/items", response_model=Item)
    def item() -> Item:
        return Item(id="1", name="n")

    with serve(api, grace=0) as url:
        yield url


def _no_secret(*texts: str) -> None:
    for text in texts:
        assert PASSWORD not in text and KEY not in text, text


def test_a_spec_url_with_credentials_loads_and_shows_none(tmp_path: Path, backend: str) -> None:
    (tmp_path / "d.md").write_text(DOCS)
    secret_url = backend.replace("http://", f"http://bob:{PASSWORD}@") + \
        f"/openapi.json?api_key={KEY}"
    out = tmp_path / "out"
    result = runner.invoke(app, ["check", "--docs", str(tmp_path / "d.md"), "--openapi",
                                 secret_url, "--base-url", backend, "--out", str(out),
                                 "--report", "md,json,junit,sarif,html,github,console"])
    assert result.exit_code == 1, result.output  # `size` is documented, never sent
    data = json.loads((out / "gap-report.json").read_text())
    assert data["inputs"]["openapi"]["source"].startswith("http://bob:$TOKEN@")
    _no_secret(result.output, *(p.read_text() for p in out.iterdir()))


def test_an_unreachable_url_with_credentials_errs_without_them(tmp_path: Path) -> None:
    (tmp_path / "d.md").write_text(DOCS)
    down = f"http://bob:{PASSWORD}@127.0.0.1:9"
    diff = runner.invoke(app, ["diff", "--docs", str(tmp_path / "d.md"), "--openapi",
                               f"{down}/openapi.json?api_key={KEY}", "--format", "json"])
    probe = runner.invoke(app, ["probe", "--docs", str(tmp_path / "d.md"), "--openapi",
                                f"{down}/openapi.json", "--base-url", down])
    assert diff.exit_code == 3 and probe.exit_code == 3
    assert "http://bob:$TOKEN@127.0.0.1:9" in probe.output, probe.output
    _no_secret(diff.stdout, diff.stderr, probe.stdout, probe.stderr)


def test_a_base_url_with_credentials_probes_and_shows_none(tmp_path: Path,
                                                          backend: str) -> None:
    (tmp_path / "d.md").write_text(DOCS)
    secret_base = backend.replace("http://", f"http://{PASSWORD}@")  # a token as the user
    result = runner.invoke(app, ["probe", "--docs", str(tmp_path / "d.md"), "--openapi",
                                 backend + "/openapi.json", "--base-url", secret_base,
                                 "--format", "json"])
    data = json.loads(result.stdout)
    assert [op["probe"]["http_status"] for op in data["operations"]] == [200]
    assert data["exchanges"][0]["curl"].startswith("curl 'http://$TOKEN@127.0.0.1")
    _no_secret(result.stdout, result.stderr)
