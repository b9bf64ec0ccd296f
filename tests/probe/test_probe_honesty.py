"""The probe's honesty, on the backend's own ledger: every request it sent is counted, the
same number in the console and the JSON; what it could not undo is said; a docs example it
did not send says so."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
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


def _flat(text: str) -> str:
    """Without whitespace: the console wraps long lines anywhere a path allows."""
    return "".join(text.split())


def _console_sent(console: str) -> int:
    found = re.findall(r"^(\d+) requests? sent", console, re.M)
    assert len(found) == 1, console
    return int(found[0])


def test_every_request_sent_is_counted_the_same_everywhere(live_app, tmp_path: Path) -> None:  # noqa: ANN001, E501
    """POST /items answers no creation time: the probe sends it once more (the proof) and
    deletes the second item at once; those, a retry after a 503 and the census' reads
    reach the backend too. The count the JSON, the console and the Markdown give is the ledger's."""
    backend = ledger_app.make_app()
    url = live_app(backend)
    backend.state.ledger.clear()  # serve's own readiness check
    data, console, _ = _check(backend, url, tmp_path, "probe: {}\n", "--allow-writes")
    ledger = backend.state.ledger
    posts = [call for call in ledger if call == ("POST", "/items")]
    assert len(posts) == 2  # the create and its proof
    assert ledger.count(("GET", "/status")) == 2  # a 503, then the retry's answer
    [status] = [e for e in data["exchanges"] if e["operation"] == "GET /status"]
    assert status["attempts"] == 2 and status["status"] == 200
    run = data["probe_run"]
    assert run["sent"] == len(ledger) == _console_sent(console)
    assert sum(run["requests"].values()) == run["sent"]
    assert run["requests"]["proof"] == 2  # the second create and its DELETE
    deletes = [call for call in ledger if call[0] == "DELETE"]
    assert len(deletes) == 2  # the proof's, and the probe's own DELETE of the first item
    markdown = (tmp_path / "out" / "gap-report.md").read_text()
    assert f"**Requests:** {run['sent']} requests sent" in markdown
    assert set(backend.state.items) == {"it-0"}  # both items the run made are gone


def test_a_listed_post_no_delete_can_undo_says_what_it_left(live_app, tmp_path: Path) -> None:  # noqa: ANN001, E501
    """POST /jobs answers 201 with an id, and the API has no DELETE /jobs/{job_id}: listed,
    it was sent (its probe and the docs' example) and the jobs stayed without a word. Every
    job the run made is now said, with its address and why, in the JSON, the console and
    the Markdown; never as the backend's finding."""
    backend = ledger_app.make_app()
    url = live_app(backend)
    data, console, code = _check(backend, url, tmp_path,
                                 'probe:\n  allow_writes: ["POST /jobs"]\n')
    jobs = sorted(backend.state.jobs)
    assert len(jobs) == 2  # the probe's and the docs example's
    assert len([c for c in backend.state.ledger if c == ("POST", "/jobs")]) == len(jobs)
    kept = data["probe_run"]["kept"]
    assert sorted(k["id"] for k in kept) == jobs
    for entry in kept:
        assert entry["object"] == f"/jobs/{entry['id']}"
        assert entry["created_by"] == "POST /jobs"
        assert "no DELETE for /jobs" in entry["reason"] and "201" in entry["reason"]
        assert _flat(f"/jobs/{entry['id']} (created by POST /jobs)") in _flat(console)
    assert "left in the backend, never deleted (2):" in console
    markdown = (tmp_path / "out" / "gap-report.md").read_text()
    assert "**Left in the backend, never deleted** (a listed write" in markdown
    assert all(f"`/jobs/{job}`" in markdown for job in jobs)
    assert not [f for f in data["findings"] if f["rule"] == "probe-left-behind"]
    assert code == 0  # the user listed the write: what it left is said, the gate holds
    assert set(backend.state.items) == {"it-0"}  # what can be deleted still is


def test_a_docs_example_the_probe_does_not_send_says_not_verified(live_app, tmp_path: Path) -> None:  # noqa: ANN001, E501
    """Unlisted, POST /jobs is an action the probe never sends: its request example and its
    response example went unchecked with no word. Each is said as not verified, with why."""
    backend = ledger_app.make_app()
    url = live_app(backend)
    data, console, _ = _check(backend, url, tmp_path, "probe: {}\n", "--allow-writes")
    assert not backend.state.jobs and ("POST", "/jobs") not in backend.state.ledger
    missed = {(e["role"], e["operation"]): e for e in data["probe_run"]["examples_not_verified"]}
    assert set(missed) == {("request", "POST /jobs"), ("response", "POST /jobs"),
                           ("request", "POST /labels")}  # an upsert by its operationId
    assert "its operationId upsert_label says upsert" in missed[("request", "POST /labels")][
        "reason"]
    lines = ledger_app.DOCS.splitlines()
    for role in ("request", "response"):
        line = lines.index(f"```json {role}") + 2  # the block's first line, as file:line
        entry = missed[(role, "POST /jobs")]
        assert entry["example"].endswith(f"api.md:{line}"), entry
        assert entry["reason"].startswith("not sent: an action (a create with no DELETE to "
                                          "undo it"), entry
        assert _flat(f"{entry['example']} ({role} of POST /jobs)") in _flat(console)
    assert "docs examples not verified (3):" in console
    assert _flat("2 × not sent: an action (a create with no DELETE to undo it)") in _flat(
        console)
    markdown = (tmp_path / "out" / "gap-report.md").read_text()
    assert "**Docs examples not verified live:**" in markdown
    assert "(request of `POST /jobs`): not verified: not sent: an action" in markdown


@pytest.mark.parametrize("says_upsert", [True, False])
def test_a_listed_upsert_never_gets_the_docs_example_slug(
        live_app, tmp_path: Path, says_upsert: bool) -> None:  # noqa: ANN001
    """POST /labels replaces the label with the same slug. Listed (a create, or an action
    whose operationId says upsert), its docs example was sent as the docs give it:
    `"slug": "home"` overwrote the existing home label. A field naming the new object (id,
    slug, name) now holds the probe's own value."""
    backend = ledger_app.make_app(says_upsert)
    url = live_app(backend)
    data, console, _ = _check(
        backend, url, tmp_path,
        'probe:\n  allow_writes: ["POST /labels", "DELETE /labels/{label_id}"]\n')
    labels = backend.state.labels
    assert labels.pop("lab-0") == {"id": "lab-0", "slug": "home",
                                   "title": "Home page (there before)"}
    assert [row["slug"] for row in labels.values()] == ["sample-slug"]  # the probe's own
    posts = [call for call in backend.state.ledger if call == ("POST", "/labels")]
    assert len(posts) >= 2  # the probe's and the docs example's, both under its own slug
    # what stays (the upsert handed the probe's own label back: not shown new) is said
    said = [k["object"] for k in data["probe_run"]["kept"]] + [
        f["location"] for f in data["findings"] if f["rule"] == "probe-left-behind"]
    assert said and all(o.endswith(("/lab-1", "/?")) for o in said), said
