"""The HTML report: self-contained, escaped, and rendered in a real headless Chromium (Debian's
package, installed by .ci/run): a screenshot, and the DOM after the inline JS ran."""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from schemacheck.cli import app

runner = CliRunner()
HOSTILE = "</script><script>alert(1)</script><img src=http://example.invalid/x.png>"


def _project(tmp: Path) -> tuple[Path, Path]:
    obj = {"type": "object"}
    spec = {"openapi": "3.1.0", "info": {"title": HOSTILE, "version": "1"}, "paths": {
        "/api/items": {"get": {"tags": ["items"], "responses": {"200": {
            "description": "ok", "content": {"application/json": {"schema": {
                "$ref": "#/components/schemas/Item"}}}}}}},
        "/api/users": {"get": {"tags": ["users"], "responses": {"200": {
            "description": "ok", "content": {"application/json": {"schema": {
                "$ref": "#/components/schemas/User"}}}}}}},
        "/api/users/{id}": {"get": {"tags": ["users"], "parameters": [
            {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "ok", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/User"}}}}}}}},
        "components": {"schemas": {
            "Item": {**obj, "required": ["id"], "properties": {"id": {"type": "integer"}}},
            "User": {**obj, "required": ["id", "email"], "properties": {
                "id": {"type": "string"}, "email": {"type": ["string", "null"]}}}}}}
    docs = tmp / "API.md"
    docs.write_text("# API\n\n```ts\nexport interface Item { id: string; label: string; }\n"
                    "export interface User { id: string; email: string; }\n```\n")
    path = tmp / "openapi.json"
    path.write_text(json.dumps(spec))
    return docs, path


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("html")
    docs, spec = _project(tmp)
    out = tmp / "reports"
    result = runner.invoke(app, ["check", "--docs", str(docs), "--openapi", str(spec),
                                 "--out", str(out), "--report", "html,json", "--date",
                                 "2026-01-02", "-q"])
    assert result.exit_code == 1, result.output
    return out / "gap-report.html"


def _chromium() -> str:
    found = shutil.which("chromium")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: .ci/run installs Debian's package")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return found


def _headless(profile: Path, *args: str) -> subprocess.Popen[str]:
    """A headless Chromium started with `args`, with a profile of its own."""
    return subprocess.Popen(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={profile}", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finished(*browsers: subprocess.Popen[str]) -> list[str]:
    """Their stdout, once each has exited successfully; none is left running."""
    try:
        outputs = []
        for browser in browsers:
            stdout, stderr = browser.communicate(timeout=90)
            assert browser.returncode == 0, stderr
            outputs.append(stdout)
        return outputs
    finally:
        for browser in browsers:
            if browser.poll() is None:
                browser.kill()
                browser.wait()


def test_self_contained_and_escaped(page: Path) -> None:
    text = page.read_text()
    assert "<script>alert(1)" not in text and "<img src=http" not in text
    assert "&lt;/script&gt;" in text  # the hostile title is shown, as text
    # nothing is loaded from anywhere: no src/href attribute, no <link>, a CSP forbids it
    assert not re.search(r"<[^>]*\s(src|href)=", text) and "<link" not in text
    assert "default-src 'none'" in text
    data = json.loads(re.search(r'id="findings-data">(.*?)</script>', text, re.S)[1])
    saved = json.loads((page.parent / "gap-report.json").read_text())
    assert len(data) == len(saved["findings"]) >= 3
    assert re.search(rf"{len(data)} findings \(\d+ root causes?\): ", text)
    # the Markdown report's sections are all there
    for heading in ("Gap Summary", "Action Items", "Status"):
        assert heading in text


def test_same_bytes_twice(page: Path, tmp_path: Path) -> None:
    again = runner.invoke(app, ["report", str(page.parent / "gap-report.json"), "--format",
                                "html"])
    assert again.stdout == page.read_text()


def _png_size_and_colours(png: bytes) -> tuple[int, int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    pos, idat = 8, b""
    while pos < len(png):
        length = struct.unpack(">I", png[pos:pos + 4])[0]
        kind = png[pos + 4:pos + 8]
        if kind == b"IDAT":
            idat += png[pos + 8:pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(idat)
    return width, height, len(set(raw[: 4 * width * 400]))


def test_rendered_in_chromium(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "page.png"
    # One browser takes the screenshot and prints the DOM (a second one cost ~1.5 s of CPU).
    browser = _headless(tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,2000",
                        "--dump-dom", page.as_uri())
    (dom,) = _finished(browser)
    width, height, distinct = _png_size_and_colours(shot.read_bytes())
    assert (width, height) == (1280, 2000)
    assert shot.stat().st_size > 20_000 and distinct > 50  # text, bars and badges drawn
    assert 'data-ready="true"' in dom  # the inline script ran to its end
    rows = re.findall(r'<tr data-severity="(\w+)"', dom)
    data = json.loads((page.parent / "gap-report.json").read_text())["findings"]
    assert rows == [f["severity"] for f in data]
    assert f"{len(rows)} of {len(rows)} findings shown" in dom
    options = re.findall(r'<option value="(\w+)">', dom)
    assert options == list(dict.fromkeys(rows))
    assert dom.count('class="passing"') == 2  # one bar per resource: items, users
