"""A pipe, a device or a directory named as an input is one clear error, at once: never a
run that waits for a writer forever or reads /dev/zero until the memory is gone."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from schemacheck.cli import app

runner = CliRunner()
DOCS = "### GET /a\n\n```ts\nexport interface A { x: string }\n```\n"
SPEC = ('{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": '
        '{"responses": {"200": {"description": "ok"}}}}}}')


@pytest.fixture
def inputs(tmp_path: Path) -> Iterator[dict[str, Path]]:
    (tmp_path / "d.md").write_text(DOCS)
    (tmp_path / "spec.json").write_text(SPEC)
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    (tmp_path / "folder.json").mkdir()
    previous = signal.signal(signal.SIGALRM, _too_long)
    signal.alarm(10)  # a regression hangs here: fail instead
    try:
        yield {"docs": tmp_path / "d.md", "spec": tmp_path / "spec.json", "pipe": tmp_path /
               "pipe.json", "zero": tmp_path / "zero.json", "folder": tmp_path / "folder.json"}
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


class Hung(BaseException):
    """Not an OSError (as TimeoutError is), which the code under test may rightly catch."""


def _too_long(*_: object) -> None:
    raise Hung("the run did not end: it waited on or read a special file")


@pytest.mark.parametrize("special", ["pipe", "zero", "folder"])
@pytest.mark.parametrize("role", ["openapi", "docs", "config", "baseline", "har"])
def test_a_special_file_is_one_clear_error(inputs: dict[str, Path], role: str,
                                           special: str) -> None:
    bad = str(inputs[special])
    docs, spec = str(inputs["docs"]), str(inputs["spec"])
    args = {"openapi": ["diff", "--docs", docs, "--openapi", bad],
            "docs": ["diff", "--docs", bad, "--openapi", spec],
            "config": ["diff", "--config", bad, "--docs", docs, "--openapi", spec],
            "baseline": ["diff", "--docs", docs, "--openapi", spec, "--baseline", bad],
            "har": ["traffic", bad, "--docs", docs, "--openapi", spec]}[role]
    result = runner.invoke(app, args)
    assert result.exit_code in (2, 3), result.output
    if special == "folder" and role == "docs":  # a folder of docs: searched, holds none
        assert "no TypeScript type found" in result.output
        return
    flat = "".join(result.output.split())  # the console wraps long paths, even mid-name
    assert f"{bad}:notaregularfile" in flat or f"{bad}:cannotread(" in flat, result.output
    assert "Traceback" not in result.output
