"""The safety promise, asserted on the server's own ledger: the probe never changes or destroys
what it did not create, deletes everything it creates, and sends an action only when listed."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from schemacheck.cli import app
from schemacheck.probe.safety import Kind, classify_all, normalise
from schemacheck.sources.openapi import Operation
from tests.probe.dangerous_app import DOCS, JWT, SEED, TOKEN, make_app, pre_existing

runner = CliRunner()
DANGEROUS_CALLS = {
    ("DELETE", "/users/me"), ("PATCH", "/users/me"), ("DELETE", "/items/"),
    ("POST", "/items/bulk-delete"), ("POST", "/admin/reset"), ("POST", "/notes"),
    ("POST", "/login/access-token"),
}


def _run(url: str, tmp: Path, *extra: str, config: str | None = None,
         spec: str | None = None) -> tuple[int, dict[str, Any], str]:
    docs = tmp / "api.md"
    docs.write_text(DOCS)
    args = ["probe", "--docs", str(docs), "--openapi", spec or url + "/openapi.json",
            "--base-url", url, "--header", f"Authorization: Bearer {TOKEN}", "--timeout", "5",
            "--format", "json", *extra]
    if config:
        (tmp / "schemacheck.yaml").write_text(config)
        args += ["--config", str(tmp / "schemacheck.yaml")]
    result = runner.invoke(app, args)
    out = result.stdout
    data = json.loads(out) if out.strip().startswith("{") else {}
    return result.exit_code, data, out + result.stderr


def _calls(backend: Any) -> list[tuple[str, str]]:
    return [(e["method"], e["path"]) for e in backend.state.ledger]


def _assert_safe(backend: Any) -> None:
    state = backend.state.data
    assert pre_existing(state) == SEED  # nothing pre-existing changed
    assert set(state["items"]) == set(SEED["items"])  # every created item is gone
    assert state["tags"] == {}
    assert "mails" not in state and "logged_out" not in state
    calls = set(_calls(backend))
    assert not calls & DANGEROUS_CALLS, calls & DANGEROUS_CALLS
    assert not any(method in ("PATCH", "PUT", "DELETE") and path.endswith(("/u-admin",
                   "/u-bob", "/i-1", "/n-1")) for method, path in calls)


@pytest.mark.parametrize("extra", [("--allow-writes",), ("--allow-writes", "--field-by-field")])
def test_writes_touch_only_what_the_run_created(live_app, tmp_path: Path,  # noqa: ANN001
                                                extra: tuple[str, ...]) -> None:
    backend = make_app()
    url = live_app(backend)
    # path_params as the old skip message suggested: must never aim a PATCH at the admin
    code, data, text = _run(url, tmp_path, *extra,
                            config="probe:\n  path_params:\n    user_id: u-admin\n")
    _assert_safe(backend)
    calls = _calls(backend)
    created = [c for c in calls if c == ("POST", "/items/")]
    assert created  # the create was sent ...
    deletes = {p for m, p in calls if m == "DELETE" and re.fullmatch(r"/items/i-new-\d+", p)}
    made = {f"/items/{i}" for i in backend.state.created if i.startswith("i-")}
    assert deletes == made  # ... and every object it made deleted, once each
    assert ("PUT", "/items/i-new-1") in calls  # own update of the object it created
    assert ("POST", "/items/i-new-1/tags") in calls  # a nested create under its own item
    # a create whose answer shows no creation time is sent once more (a get-or-create would
    # answer the same id): the ids the backend hands out are not fixed
    tag_deletes = [n for n, (m, p) in enumerate(calls) if m == "DELETE"
                   and re.fullmatch(r"/items/i-new-1/tags/t-new-\d+", p)]
    assert tag_deletes and max(tag_deletes) < calls.index(("DELETE", "/items/i-new-1"))
    statuses = {o["operation"]: o["probe"] for o in data["operations"]}
    assert statuses["DELETE /users/me"]["class"] == "action"
    assert "lists" in statuses["DELETE /users/me"]["reason"]
    assert statuses["PATCH /users/{user_id}"]["status"] == "skipped"
    left = [f for f in data["findings"] if f["rule"] == "probe-left-behind"]
    assert [f["operation"] for f in left] == ["POST /labels/"]  # the upsert: said, not deleted
    assert "an existing object, so it is not deleted" in left[0]["message"]
    assert statuses["GET /logout"]["class"] == "action"
    assert "Traceback" not in text


def test_listed_actions_are_sent_and_nothing_else(live_app, tmp_path: Path) -> None:  # noqa: ANN001
    backend = make_app()
    url = live_app(backend)
    config = ("probe:\n  allow_writes:\n    - POST /password-recovery/*\n"
              "  path_params:\n    email: qa@example.com\n")
    _run(url, tmp_path, config=config)
    calls = _calls(backend)
    assert ("POST", "/password-recovery/qa@example.com") in calls
    assert not any(m in ("POST", "PUT", "PATCH", "DELETE") and not p.startswith(
        "/password-recovery/") for m, p in calls)


def test_dry_run_sends_nothing(live_app, tmp_path: Path) -> None:  # noqa: ANN001
    backend = make_app()
    url = live_app(backend)
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(backend.openapi()))
    backend.state.ledger.clear()  # the server's own readiness check
    docs = tmp_path / "api.md"
    docs.write_text(DOCS)
    (tmp_path / "schemacheck.yaml").write_text(
        "auth:\n  login:\n    url: /login/access-token\n    username: admin@example.com\n"
        "    password: admin-pass\n")
    result = runner.invoke(app, ["probe", "--config", str(tmp_path / "schemacheck.yaml"),
                                 "--docs", str(docs), "--openapi", str(spec), "--base-url", url,
                                 "--allow-writes", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert backend.state.ledger == []  # not even the login
    text = result.stdout
    assert "nothing was sent (--dry-run)" in text
    assert "SEND  POST /items/  [create: a create with a DELETE to undo it]" in text
    assert "SKIP  DELETE /users/me  [action: the path names the caller" in text
    assert 'payload (docs): {"title": "sample-title"}' in text
    as_json = runner.invoke(app, ["probe", "--docs", str(docs), "--openapi", str(spec),
                                  "--base-url", url, "--dry-run", "--format", "json"])
    rows = {r["operation"]: r for r in json.loads(as_json.stdout)["plan"]}
    assert rows["POST /admin/reset"]["send"] is False
    assert rows["GET /users/"]["send"] is True
    assert backend.state.ledger == []


def test_left_behind_objects_are_reported(live_app, tmp_path: Path) -> None:  # noqa: ANN001
    backend = make_app(failing_delete=True)
    url = live_app(backend)
    _, data, text = _run(url, tmp_path, "--allow-writes")
    left = [f for f in data["findings"] if f["rule"] == "probe-left-behind"]
    assert left and left[0]["location"] == "/items/i-new-1"
    assert "HTTP 500" in left[0]["message"]
    anonymous = make_app(anonymous_create=True)
    _, data, _ = _run(live_app(anonymous), tmp_path, "--allow-writes")
    left = [f for f in data["findings"] if f["rule"] == "probe-left-behind"]
    assert left and "named no id" in left[0]["message"]
    # without an id nothing is guessed: no DELETE went to any item
    assert not any(m == "DELETE" and p.startswith("/items/") for m, p in _calls(anonymous))


def test_secrets_in_answers_never_reach_a_report(live_app, tmp_path: Path) -> None:  # noqa: ANN001
    backend = make_app()
    url = live_app(backend)
    _, data, text = _run(url, tmp_path, "--header", "X-Trace: abc-trace-1")
    dumped = json.dumps(data)
    for secret in (JWT, "pat-0123456789abcdef", TOKEN):
        assert secret not in dumped and secret not in text
    session = data["exchanges"][next(o["probe"]["exchange"] for o in data["operations"]
                                     if o["operation"] == "GET /session")]
    assert session["response"]["access_token"] == "[redacted]"
    assert session["response"]["profile"] == {"api_token": "[redacted]", "theme": "dark"}
    assert "X-Trace: abc-trace-1" in session["curl"]  # not a secret: shown as given
    assert '"Authorization: Bearer $TOKEN"' in session["curl"]
    saved = tmp_path / "run.json"
    saved.write_text(dumped)
    for fmt in ("md", "junit", "sarif", "github", "console"):
        rendered = runner.invoke(app, ["report", str(saved), "--format", fmt]).stdout
        assert JWT not in rendered and "pat-0123456789abcdef" not in rendered


def _op(method: str, path: str) -> Operation:
    return Operation(method=method, path=path, operation_id=None, tags=[], summary="",
                     parameters=[], request={}, request_required=False, responses={},
                     security=[], pointer="")


def test_classification_of_varied_shapes() -> None:
    ops = [_op(m, p) for m, p in [
        ("GET", "/a"), ("POST", "/widgets/"), ("GET", "/widgets/{wid}"),
        ("DELETE", "/widgets/{widget_id}"), ("PATCH", "/widgets/{widget_id}"),
        ("POST", "/widgets/{wid}/parts"), ("DELETE", "/widgets/{wid}/parts/{pid}"),
        ("POST", "/orders"), ("DELETE", "/orders"), ("POST", "/users/self/avatar"),
        ("POST", "/widgets/batchUpdate"), ("PUT", "/settings"), ("POST", "/{tenant}/things"),
        ("DELETE", "/{tenant}/things/{id}"), ("POST", "/widgets/{wid}/publish"),
        ("OPTIONS", "/a"), ("POST", "/authors"), ("DELETE", "/authors/{id}"),
        ("GET", "/auth/logout"), ("GET", "/email/verify/{token}"), ("GET", "/runs/{id}"),
        ("GET", "/rpc/nuke_all"), ("GET", "/admin/deactivateUser"), ("GET", "/erasures"),
    ]]
    kinds = {key: c.kind for key, c in classify_all(ops).items()}
    assert kinds["GET /a"] is Kind.read
    assert kinds["POST /widgets/"] is Kind.create
    assert kinds["PATCH /widgets/{widget_id}"] is Kind.own_update
    assert kinds["DELETE /widgets/{widget_id}"] is Kind.own_delete
    assert kinds["POST /widgets/{wid}/parts"] is Kind.create  # under an object it created
    assert kinds["POST /orders"] is Kind.action  # no DELETE to undo it
    assert kinds["DELETE /orders"] is Kind.action
    assert kinds["POST /users/self/avatar"] is Kind.action
    assert kinds["POST /widgets/batchUpdate"] is Kind.action
    assert kinds["PUT /settings"] is Kind.action
    assert kinds["POST /{tenant}/things"] is Kind.action  # under an id it cannot create
    assert kinds["POST /widgets/{wid}/publish"] is Kind.action
    assert kinds["OPTIONS /a"] is Kind.unsupported
    assert kinds["POST /authors"] is Kind.create  # "auth" inside a word is not an auth path
    assert kinds["GET /auth/logout"] is Kind.action  # a GET with a side effect
    assert kinds["GET /email/verify/{token}"] is Kind.action
    assert kinds["GET /runs/{id}"] is Kind.read  # "runs" is a collection, not "run"
    assert kinds["GET /rpc/nuke_all"] is Kind.action  # a destroying word in a read's path
    assert kinds["GET /admin/deactivateUser"] is Kind.action
    assert kinds["GET /erasures"] is Kind.read  # a collection of them, read
    assert normalise("/items/") == normalise("/items") == "/items"


def test_ctrl_c_still_cleans_up(live_app, tmp_path: Path) -> None:  # noqa: ANN001
    import signal
    import subprocess
    import sys
    import time

    backend = make_app(slow_update=30)
    url = live_app(backend)
    docs = tmp_path / "api.md"
    docs.write_text(DOCS)
    proc = subprocess.Popen(
        [sys.executable, "-m", "schemacheck", "probe", "--docs", str(docs), "--base-url", url,
         "--header", f"Authorization: Bearer {TOKEN}", "--allow-writes", "--timeout", "60",
         "--format", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while ("PUT", "/items/i-new-1") not in _calls(backend) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ("PUT", "/items/i-new-1") in _calls(backend)  # stuck in the slow own update
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130 and "Traceback" not in stderr, stderr
    assert ("DELETE", "/items/i-new-1") in _calls(backend)
    assert set(backend.state.data["items"]) == set(SEED["items"])


FLOW = """
## Workflow

```schemacheck
workflows:
  item lifecycle:
    - create: POST /items/
    - read: GET /items/{{create.id}}
    - rename: PUT /items/{{create.id}}
      body: {title: "renamed {{create.id}}"}
    - tag: POST /items/{{create.id}}/tags
      expect: 200
    - delete: DELETE /items/{{create.id}}
```
"""


def test_docs_workflow_runs_step_by_step_within_the_write_rules(live_app,  # noqa: ANN001
                                                                tmp_path: Path) -> None:
    backend = make_app()
    url = live_app(backend)
    docs = tmp_path / "api.md"
    docs.write_text(DOCS + FLOW)
    base = ["probe", "--docs", str(docs), "--base-url", url, "--header",
            f"Authorization: Bearer {TOKEN}", "--format", "json"]
    data = json.loads(runner.invoke(app, [*base, "--allow-writes"]).stdout)
    (flow,) = data["workflows"]
    assert flow["where"].endswith("api.md:" + str(DOCS.count("\n") + 4))
    results = [(s["step"], s["result"]) for s in flow["steps"]]
    assert results == [("create", "passed"), ("read", "passed"), ("rename", "passed"),
                       ("tag", "failed"), ("delete", "not run")]
    made = [i for i in backend.state.created if i.startswith("i-")]
    calls = _calls(backend)
    # the value flowed on to the workflow's own create (the last item is the same create
    # sent once more, to show the first was new: it is deleted at once, never renamed)
    assert ("PUT", f"/items/{made[-2]}") in calls
    assert ("DELETE", f"/items/{made[-1]}") in calls and ("PUT", f"/items/{made[-1]}") not in calls
    failed = next(f for f in data["findings"] if f["rule"] == "probe-workflow-step-failed")
    assert "step 'tag': expected 200, got HTTP 201" in failed["message"]
    _assert_safe(backend)  # what the workflow created is gone too
    # Without --allow-writes a workflow from the docs stops before its first write.
    data = json.loads(runner.invoke(app, base).stdout)
    steps = data["workflows"][0]["steps"]
    assert steps[0]["result"] == "not sent" and "allow_writes" in steps[0]["reason"]
    assert all(s["result"] == "not run" for s in steps[1:])


class Draft(BaseModel):  # module level: FastAPI resolves annotations by name
    title: str


def test_workflows_are_built_from_openapi_links(live_app, tmp_path: Path) -> None:  # noqa: ANN001
    from fastapi import FastAPI
    from fastapi.responses import Response

    api = FastAPI()
    rows: dict[str, dict[str, str]] = {}
    link = {"GetDraft": {"operationId": "get_draft",
                         "parameters": {"draft_id": "$response.body#/id"}}}

    @api.post("/drafts", status_code=201, operation_id="create_draft",
              responses={201: {"description": "created", "links": link}})
    def create(body: Draft) -> dict[str, str]:
        rows[f"d{len(rows) + 1}"] = {"id": f"d{len(rows) + 1}", "title": body.title}
        return rows[f"d{len(rows)}"]

    @api.get("/drafts/{draft_id}", operation_id="get_draft")
    def read(draft_id: str) -> dict[str, str]:
        return rows[draft_id]

    @api.delete("/drafts/{draft_id}", status_code=204, operation_id="delete_draft",
                response_class=Response)
    def delete(draft_id: str) -> None:
        rows.pop(draft_id, None)

    url = live_app(api)
    docs = tmp_path / "api.md"
    docs.write_text("### POST /drafts\n```ts\nexport interface DraftIn { title: string; }\n```\n")
    data = json.loads(runner.invoke(app, ["probe", "--docs", str(docs), "--base-url", url,
                                          "--allow-writes", "--format", "json"]).stdout)
    (flow,) = data["workflows"]
    assert flow["declared_in"] == "spec"
    assert flow["name"] == "link GetDraft: POST /drafts -> GET /drafts/{draft_id}"
    assert [(s["step"], s["result"]) for s in flow["steps"]] == [("source", "passed"),
                                                                 ("linked", "passed")]
    assert rows == {}  # the workflow's create was cleaned up too
