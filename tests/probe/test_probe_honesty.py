"""The probe's honesty, on the backend's own ledger: every request it sent is counted, the
same number in the console and the JSON; what it could not undo is said; a docs example it
did not send says so."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from typer.testing import CliRunner

from schemacheck.cli import app
from tests.probe import ledger_app

runner = CliRunner()


def _check(backend: FastAPI, url: str, tmp: Path, config: str,
           *extra: str) -> tuple[dict[str, Any], str, int]:
    """`check`: the console on stdout and the JSON report of the same run. The spec is read
    from a file, so the ledger holds only what the probe sent."""
    (tmp / "api.md").write_text(ledger_app.DOCS)
    (tmp / "openapi.json").write_text(json.dumps(backend.openapi()))
    (tmp / "schemacheck.yaml").write_text(config)
    result = runner.invoke(app, ["check", "--config", str(tmp / "schemacheck.yaml"),
                                 "--docs", str(tmp / "api.md"), "--base-url", url,
                                 "--openapi", str(tmp / "openapi.json"),
                                 "--out", str(tmp / "out"), "--report", "md,json",
                                 "--timeout", "5", *extra])
    assert "Traceback" not in result.output, result.output
    data: dict[str, Any] = json.loads((tmp / "out" / "gap-report.json").read_text())
    return data, result.stdout, result.exit_code


def _console_sent(console: str) -> int:
    found = re.findall(r"^(\d+) requests? sent", console, re.M)
    assert len(found) == 1, console
    return int(found[0])


def test_every_request_sent_is_counted_the_same_everywhere(live_app, tmp_path: Path) -> None:  # noqa: ANN001, E501
    """POST /items answers no creation time: the probe sends it once more (the proof) and
    deletes the second item at once; those, the cleanup DELETE and the census' reads reach
    the backend too. The count the JSON, the console and the Markdown give is the ledger's."""
    backend = ledger_app.make_app()
    url = live_app(backend)
    backend.state.ledger.clear()  # serve's own readiness check
    data, console, _ = _check(backend, url, tmp_path, "probe: {}\n", "--allow-writes")
    ledger = backend.state.ledger
    posts = [call for call in ledger if call == ("POST", "/items")]
    assert len(posts) == 2  # the create and its proof
    run = data["probe_run"]
    assert run["sent"] == len(ledger) == _console_sent(console)
    assert sum(run["requests"].values()) == run["sent"]
    assert run["requests"]["proof"] == 2  # the second create and its DELETE
    deletes = [call for call in ledger if call[0] == "DELETE"]
    assert len(deletes) == 2  # the proof's, and the probe's own DELETE of the first item
    markdown = (tmp_path / "out" / "gap-report.md").read_text()
    assert f"**Requests:** {run['sent']} requests sent" in markdown
    assert set(backend.state.items) == {"it-0"}  # both items the run made are gone
