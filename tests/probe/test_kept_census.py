"""What a listed POST with no DELETE keeps is said once, as allowed: the census, which reads
every listed collection again after cleanup, does not report it a second time as a
probe-left-behind finding that fails the gate (ledger_app, with a list of its jobs)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from schemacheck.cli import app
from tests.probe import ledger_app

runner = CliRunner()
LIST_DOCS = "\n### GET /jobs\n\n```typescript\nexport type JobList = Job[];\n```\n"


def test_what_a_listed_write_kept_is_no_left_behind_finding(live_app, tmp_path: Path) -> None:  # noqa: ANN001, E501
    """GET /jobs listed a job there before the run, then the two the listed POST /jobs made:
    each was said under "left in the backend" and again as a HIGH probe-left-behind, and the
    gate failed on what the user had allowed."""
    backend = ledger_app.make_app()
    backend.state.jobs["seed"] = {"id": "seed", "name": "there before"}

    @backend.get("/jobs")
    def list_jobs() -> list[dict[str, Any]]:
        return list(backend.state.jobs.values())

    backend.openapi_schema = None  # the list route is part of the spec
    url = live_app(backend)
    (tmp_path / "api.md").write_text(ledger_app.DOCS + LIST_DOCS)
    (tmp_path / "openapi.json").write_text(json.dumps(backend.openapi()))
    (tmp_path / "schemacheck.yaml").write_text('probe:\n  allow_writes: ["POST /jobs"]\n')
    result = runner.invoke(app, ["check", "--config", str(tmp_path / "schemacheck.yaml"),
                                 "--docs", str(tmp_path / "api.md"), "--base-url", url,
                                 "--openapi", str(tmp_path / "openapi.json"),
                                 "--out", str(tmp_path / "out"), "--report", "json",
                                 "--timeout", "5"])
    assert "Traceback" not in result.output, result.output
    data = json.loads((tmp_path / "out" / "gap-report.json").read_text())
    made = sorted(set(backend.state.jobs) - {"seed"})
    assert made and sorted(k["id"] for k in data["probe_run"]["kept"]) == made
    assert ("GET", "/jobs") in backend.state.ledger  # the census read the list again
    assert not [f for f in data["findings"] if f["rule"] == "probe-left-behind"]
    assert result.exit_code == 0
