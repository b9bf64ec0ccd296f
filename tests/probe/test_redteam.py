"""The safety promise against backends shaped like real open-source APIs (redteam_app.py),
asserted on each server's own ledger: the probe changes or destroys nothing it did not create,
sends an action only when `probe.allow_writes` lists it, deletes everything it creates (or
reports it as left behind), and says why for every operation it does not send."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from pydantic import BaseModel
from typer.testing import CliRunner

from schemacheck.cli import app
from tests.probe.redteam_app import (
    ACCOUNTS_DOCS,
    PLATFORM_DOCS,
    TOKEN,
    Ledger,
    accounts_app,
    platform_app,
    real_mail,
)

runner = CliRunner()
APPS: dict[str, tuple[Callable[[], FastAPI], str]] = {
    "accounts": (accounts_app, ACCOUNTS_DOCS), "platform": (platform_app, PLATFORM_DOCS)}
# where each table's rows live, for matching what is still there with what is reported
TABLES = {"users": "/api/v1/users/", "items": "/api/v1/items/", "invitations": "/invitations/",
          "projects": "/projects/", "workspaces": "/workspaces/", "channels": "/channels/",
          "reports": "/reports/", "files": "/files/", "uploads": "/uploads/",
          "subscribers": "/subscribers/", "employees": "/employees/", "tags": "/tags/",
          "folders": "/folders/",
          "webhooks": "/webhooks/", "entries": "/collections/", "todos": "/todos/",
          "pages": "/pages/"}
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
# Holes found by this module and not fixed yet: (test, case) -> what goes wrong.
OPEN: dict[str, str] = {
}


def _open(name: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=OPEN[name])


def _probe(live_app: Callable[[Any], str], tmp: Path, name: str, *extra: str,
           config: str | None = None) -> tuple[dict[str, Any], Ledger, FastAPI]:
    make, docs_text = APPS[name]
    backend = make()
    url = live_app(backend)
    docs = tmp / "api.md"
    docs.write_text(docs_text)
    args = ["probe", "--docs", str(docs), "--openapi", url + "/openapi.json", "--base-url", url,
            "--header", f"Authorization: Bearer {TOKEN}", "--timeout", "5", "--format", "json",
            *extra]
    if config:
        (tmp / "schemacheck.yaml").write_text(config)
        args += ["--config", str(tmp / "schemacheck.yaml")]
    result = runner.invoke(app, args)
    assert "Traceback" not in result.output, result.output
    data = json.loads(result.stdout)
    return data, backend.state.ledger, backend


@pytest.fixture(scope="module")
def probed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Any]]:
    """One probe run per backend and flags, each on a fresh backend, shared by the tests
    that read it (read-only): the same run is not made again for every assertion."""
    from schemacheck.serve import serve

    runs: dict[tuple[str, ...], tuple[dict[str, Any], Ledger, FastAPI]] = {}
    with ExitStack() as stack:
        def run(name: str, *extra: str) -> tuple[dict[str, Any], Ledger, FastAPI]:
            if (name, *extra) not in runs:
                runs[(name, *extra)] = _probe(
                    lambda app: stack.enter_context(serve(app, grace=0)),
                    tmp_path_factory.mktemp(name), name, *extra)
            return runs[(name, *extra)]

        yield run


def _template(backend: FastAPI, method: str, path: str) -> str:
    """The operation a request reached: the matching template with most fixed segments."""
    best: tuple[int, str] | None = None
    for template, methods in backend.openapi()["paths"].items():
        if method.lower() not in methods:
            continue
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, path):
            fixed = len([s for s in template.split("/") if s and not s.startswith("{")])
            best = max(best or (fixed, template), (fixed, template))
    assert best is not None, f"{method} {path} matches no operation"
    return f"{method} {best[1]}"


def _assert_promise(data: dict[str, Any], ledger: Ledger, backend: FastAPI,
                    listed: tuple[str, ...] = ()) -> None:
    """The promise, on the server's ledger."""
    assert ledger.changed_seed() == {}, "changed or destroyed what the run did not create"
    assert ledger.effects == [], "reached past the run's own objects"
    left = [f["location"] for f in data.get("findings", []) if f["rule"] == "probe-left-behind"]
    for table, row in ledger.still_there():
        assert any(loc.startswith(TABLES[table]) for loc in left), \
            f"{table} {row} was created, is still there and is not reported"
    statuses = {o["operation"]: o["probe"] for o in data.get("operations", []) if o.get("probe")}
    for method, path in ledger.calls():
        if path == "/openapi.json" or path == "/":
            continue
        key = _template(backend, method, path)
        kind = statuses.get(key, {}).get("class")
        if key in listed:
            continue
        assert kind != "action", f"{method} {path}: an action sent without being listed"
        if method in WRITES:
            assert kind in ("create", "own update", "own delete"), f"{method} {path}: {kind}"
    spec = {f"{m.upper()} {p}" for p, item in backend.openapi()["paths"].items() for m in item}
    assert set(statuses) == spec, "an operation has no probe status"
    for key, status in statuses.items():
        if status["status"] == "skipped":
            assert status.get("reason"), f"{key} was not sent and says not why"


@pytest.mark.parametrize("name", sorted(APPS))
@pytest.mark.parametrize("mode", ["default", "writes", "field-by-field", "promises"])
def test_the_promise_holds(probed, name: str, mode: str,  # noqa: ANN001
                           request: pytest.FixtureRequest) -> None:
    if f"{mode}-{name}" in OPEN:
        request.applymarker(_open(f"{mode}-{name}"))
    extra = {"default": (), "writes": ("--allow-writes",),
             "field-by-field": ("--allow-writes", "--field-by-field"),
             "promises": ("--allow-writes", "--promises")}[mode]
    data, ledger, backend = probed(name, *extra)
    _assert_promise(data, ledger, backend)
    writes = [c for c in ledger.calls() if c[0] in WRITES]
    if not extra:
        assert writes == []  # reads only
    else:
        assert writes  # creates and own updates went out ...
        assert real_mail(ledger) == []  # ... and mailed nobody real


@pytest.mark.parametrize("name", sorted(APPS))
def test_dry_run_sends_nothing_and_says_why(live_app, tmp_path: Path, name: str) -> None:  # noqa: ANN001
    make, docs_text = APPS[name]
    backend = make()
    url = live_app(backend)
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(backend.openapi()))
    docs = tmp_path / "api.md"
    docs.write_text(docs_text)
    ledger: Ledger = backend.state.ledger
    ledger.requests.clear()
    result = runner.invoke(app, ["probe", "--docs", str(docs), "--openapi", str(spec),
                                 "--base-url", url, "--allow-writes", "--dry-run",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    assert ledger.requests == []
    rows = json.loads(result.stdout)["plan"]
    for row in rows:
        assert row["send"] or row["reason"], row
        if row["class"] == "action":
            assert not row["send"], row


def test_listed_actions_only(live_app, tmp_path: Path) -> None:  # noqa: ANN001
    listed = ("POST /api/v1/users/{user_id}/activate",)
    config = ("probe:\n  allow_writes:\n    - POST /api/v1/users/*/activate\n"
              "  path_params:\n    user_id: u-bob\n")
    data, ledger, backend = _probe(live_app, tmp_path, "accounts", config=config)
    assert ("POST", "/api/v1/users/u-bob/activate") in ledger.calls()  # the user's choice
    ledger.seed["users"]["u-bob"]["is_active"] = True
    _assert_promise(data, ledger, backend, listed)
    assert [c for c in ledger.calls() if c[0] in WRITES] == [
        ("POST", "/api/v1/users/u-bob/activate")]


def _left(data: dict[str, Any]) -> dict[str, str]:
    return {f["location"]: f["message"] for f in data["findings"]
            if f["rule"] == "probe-left-behind"}


def test_a_create_is_deleted_by_the_field_its_delete_names(probed) -> None:  # noqa: ANN001
    """GitHub's projects and issues: the create answers a global `id` and a per-account
    `number`, and the DELETE takes the number. Deleting by `id` hit an existing project."""
    data, ledger, _ = probed("platform", "--allow-writes")
    calls = ledger.calls()
    assert ("DELETE", "/projects/2") not in calls  # project number 2 existed before the run
    assert ("DELETE", "/projects/4") in calls  # the one the run made
    assert "4" not in ledger.data["projects"]


def test_created_id_reads_the_delete_parameter_field() -> None:
    from schemacheck.probe.cleanup import created_id
    from schemacheck.probe.client import Answer

    answer = Answer(201, {}, b"", False, None)
    made = {"id": 2, "number": 4}
    assert created_id(answer, made, "/projects", ["project_number"]) == "4"
    assert created_id(answer, {"id": 2}, "/projects", ["project_number"]) is None
    assert created_id(answer, {"id": "cus_1"}, "/v1/customers", ["customer"]) == "cus_1"
    assert created_id(answer, {"id": "i-1"}, "/items", ["item_id"]) == "i-1"
    assert created_id(answer, {"id": "i-1", "itemId": "x"}, "/items", ["item_id"]) == "x"
    assert created_id(answer, {"uuid": "u-1"}, "/users", ["user_uuid"]) == "u-1"
    assert created_id(answer, {"id": 7, "slug": "hello"}, "/pages", ["slug"]) == "hello"
    assert created_id(answer, {"id": 7}, "/pages", ["slug"]) is None
    assert created_id(answer, {"id": "h-1"}, "/webhooks", ["hook_id"]) == "h-1"
    assert created_id(answer, {"id": "m-1"}, "/indexes", ["uid"]) == "m-1"
    assert created_id(answer, {"id": 9, "login": "oc"}, "/users", ["username"]) is None


def test_an_accepted_create_is_not_deleted_by_its_jobs_id(probed) -> None:  # noqa: ANN001
    """202 Accepted: the object is made later; the answer's id is the job's. Deleting by it
    hit an existing report, and the report the run asked for stayed, unreported."""
    data, ledger, _ = probed("platform", "--allow-writes")
    assert not any(m == "DELETE" and p.startswith("/reports/") for m, p in ledger.calls())
    assert ledger.data["reports"]["1"] == ledger.seed["reports"]["1"]
    assert "202 Accepted" in _left(data)["/reports/?"]


def test_get_or_create_answering_200_is_not_deleted(probed) -> None:  # noqa: ANN001
    """A create declared 201 that answers 200 handed back an existing object (Stripe-like
    get-or-create by email): --promises sent it again and deleted the existing subscriber."""
    data, ledger, _ = probed("platform", "--allow-writes", "--promises")
    assert ("DELETE", "/subscribers/sub-1") not in ledger.calls()
    assert "answered 200" in _left(data)["/subscribers/?"]


def test_side_effect_words_in_reads_and_writes() -> None:
    from schemacheck.probe.safety import Kind, classify_all
    from tests.probe.test_safety import _op

    ops = [_op(m, p) for m, p in [
        ("GET", "/jobs/{id}/rerun"), ("GET", "/cache/clear"), ("GET", "/index/rebuild"),
        ("GET", "/invites/{code}/accept"), ("GET", "/feeds/sync"), ("GET", "/runs/{id}"),
        ("GET", "/tokens/refresh"), ("GET", "/newsletter/subscribe"),
        ("POST", "/invitations"), ("DELETE", "/invitations/{id}"),
        ("POST", "/imports"), ("DELETE", "/imports/{id}"),
        ("POST", "/admins"), ("DELETE", "/admins/{id}"),
        ("POST", "/messages"), ("DELETE", "/messages/{id}"),
        ("POST", "/widgets"), ("DELETE", "/widgets/{id}"),
        ("POST", "/payments"), ("DELETE", "/payments/{id}"),
        ("POST", "/v13/deployments"), ("DELETE", "/v13/deployments/{id}"),
    ]]
    kinds = {key: c.kind for key, c in classify_all(ops).items()}
    for key in ("GET /jobs/{id}/rerun", "GET /cache/clear", "GET /index/rebuild",
                "GET /invites/{code}/accept", "GET /feeds/sync", "GET /tokens/refresh",
                "GET /newsletter/subscribe", "POST /invitations", "POST /imports",
                "POST /admins", "POST /messages", "POST /payments", "POST /v13/deployments"):
        assert kinds[key] is Kind.action, key
    assert kinds["GET /runs/{id}"] is Kind.read
    assert kinds["POST /widgets"] is Kind.create


def test_real_addresses_in_payloads_become_reserved() -> None:
    from schemacheck.probe.safety import reserved

    value = {"email": "maria.garcia@gmail.com", "cc": ["bob@acme.io", "qa@example.com"],
             "note": "write to ops@corp.example.org or x@test", "n": 3,
             "nested": {"to": "Jane <jane@acme-corp.com>"}}
    # moved to example.com, and tagged as the probe's: no account a backend holds already
    # (a staging database seeds qa@example.com) is created over, reset or mailed
    assert reserved(value) == {
        "email": "maria.garcia+schemacheck@example.com",
        "cc": ["bob+schemacheck@example.com", "qa+schemacheck@example.com"],
        "note": "write to ops+schemacheck@corp.example.org or x@test", "n": 3,
        "nested": {"to": "Jane <jane+schemacheck@example.com>"}}
    assert reserved(reserved(value)) == reserved(value)
    phones = {"phone": "+1 (415) 868-2671", "mobileNumber": "07911 123456", "tel": "n/a",
              "phone_number": "+1 202 555 0142", "count": "4158682671"}
    assert reserved(phones) == {"phone": "+12025550100", "mobileNumber": "2025550100",
                                "tel": "n/a", "phone_number": "+1 202 555 0142",
                                "count": "4158682671"}


def test_the_docs_example_goes_out_with_a_reserved_address(probed) -> None:  # noqa: ANN001
    """The template mails every new user: the docs' example, sent as written, mailed
    maria.garcia@gmail.com; the invitation example mailed jane.doe@acme-corp.com."""
    data, ledger, _ = probed("accounts", "--allow-writes")
    bodies = [r["body"] for r in ledger.requests if r["method"] == "POST"]
    assert any("maria.garcia+schemacheck@example.com" in b for b in bodies)  # the example ...
    assert not any("gmail.com" in b or "acme-corp.com" in b or "868-2671" in b for b in bodies)
    assert "gmail.com" not in json.dumps(data["exchanges"])


def test_a_child_the_create_made_is_reported_not_deleted(probed) -> None:  # noqa: ANN001
    """Slack-like: a new workspace makes its default channel, which its DELETE leaves
    behind. The probe never learnt of it; after cleanup the channel list says so."""
    data, ledger, _ = probed("platform", "--allow-writes")
    channels = [row for table, row in ledger.still_there() if table == "channels"]
    assert channels  # one per workspace made (the create is sent once more to prove it new)
    for channel in channels:
        message = _left(data)[f"/channels/{channel}"]
        assert "the answer of POST /workspaces named it" in message
    assert not any(m == "DELETE" and p.startswith("/channels/") for m, p in ledger.calls())
    # a read-only run sends no second read
    data, ledger, _ = probed("platform")
    assert ledger.calls().count(("GET", "/channels")) == 1


def test_non_idempotent_writes_are_not_retried(live_app, tmp_path: Path) -> None:  # noqa: ANN001
    """Behind a gateway, a 502 or 504 may come after the backend did the work: a POST sent
    again made a second upload (the first one unreported) and ran a listed job twice."""
    config = "probe:\n  allow_writes:\n    - POST /jobs/*/retry\n"
    data, ledger, _ = _probe(live_app, tmp_path, "platform", "--allow-writes", config=config)
    # listed, it reaches an existing job only by the id the config gives: not the listed one
    assert not any(path.endswith("/retry") for _, path in ledger.calls())
    config += "  path_params:\n    job_id: job-1\n"
    data, ledger, _ = _probe(live_app, tmp_path, "platform", "--allow-writes", config=config)
    assert ledger.calls().count(("POST", "/uploads")) == 1
    assert ledger.calls().count(("POST", "/jobs/job-1/retry")) == 1
    assert ledger.data["jobs"]["job-1"]["runs"] == 2  # listed: sent once
    (upload,) = ledger.still_there_in("uploads")
    assert "504" in _left(data)["/uploads/?"]


def test_a_credential_in_a_path_is_never_harvested(probed) -> None:  # noqa: ANN001
    """A magic link (`GET /join/{token}`) is a read that accepts an invitation: the default
    run filled {token} from another answer (the invitation list) and accepted Carol's."""
    data, ledger, _ = probed("accounts")
    assert not any(p.startswith("/join/") for _, p in ledger.calls())
    assert ledger.data["invitations"]["inv-1"]["accepted"] is False
    status = {o["operation"]: o["probe"] for o in data["operations"]}["GET /join/{token}"]
    assert status["status"] == "skipped" and "credential" in status["reason"]


@pytest.mark.parametrize("mode", [("--allow-writes",), ("--allow-writes", "--field-by-field"),
                                  ("--allow-writes", "--promises")],
                         ids=["writes", "field-by-field", "promises"])
def test_a_body_never_names_another_object_as_its_own(probed,  # noqa: ANN001
                                                      mode: tuple[str, ...]) -> None:
    """Spring's REST tutorial saves the body: POST /employees with the docs' `id: 1` (the
    shared Employee type) overwrote Bilbo, and PUT /employees/{own id} with `id: 1` too."""
    data, ledger, _ = probed("platform", *mode)
    assert ledger.data["employees"]["1"] == ledger.seed["employees"]["1"]
    posts = [json.loads(r["body"]) for r in ledger.requests
             if r["method"] == "POST" and r["path"] == "/employees"]
    assert posts and all("id" not in body for body in posts)
    puts = [(int(r["path"].rsplit("/")[-1]), json.loads(r["body"])) for r in ledger.requests
            if r["method"] == "PUT" and r["path"].startswith("/employees/")]
    assert puts and all(body.get("id", own) == own for own, body in puts)



class Keyed(BaseModel):  # module level: FastAPI resolves annotations by name
    slug: str
    body: str


class Counted(BaseModel):
    id: int
    name: str


KEYED_DOCS = """
### POST /pages
```ts
export interface PageIn { slug: string; body: string; }
```

Request body example:

```json
{"slug": "home", "body": "Welcome!"}
```

### POST /counters
```ts
export interface CounterIn { id: number; name: string; }
```
"""


def test_a_create_that_must_name_its_key_names_its_own(live_app,  # noqa: ANN001
                                                      tmp_path: Path) -> None:
    """A key the backend requires in the body (a CMS page by its slug, a client-chosen id):
    the docs' example named the existing home page, which a saving backend overwrote. A
    string key is the probe's own ("sample-slug"); a number (1 is an existing row's id more
    often than not) waits for a listing."""
    api = FastAPI()
    pages: dict[str, str] = {"home": "the real home page"}
    counters: dict[int, str] = {1: "visits"}

    @api.post("/pages", status_code=201)
    def save_page(body: Keyed) -> dict[str, str]:
        pages[body.slug] = body.body
        return {"slug": body.slug}

    @api.delete("/pages/{slug}", status_code=204)
    def delete_page(slug: str) -> None:
        pages.pop(slug, None)

    @api.post("/counters", status_code=201)
    def save_counter(body: Counted) -> dict[str, int]:
        counters[body.id] = body.name
        return {"id": body.id}

    @api.delete("/counters/{id}", status_code=204)
    def delete_counter(id: int) -> None:  # noqa: A002
        counters.pop(id, None)

    url = live_app(api)
    docs = tmp_path / "api.md"
    docs.write_text(KEYED_DOCS)
    result = runner.invoke(app, ["probe", "--docs", str(docs), "--base-url", url,
                                 "--allow-writes", "--format", "json"])
    data = json.loads(result.stdout)
    status = {o["operation"]: o["probe"] for o in data["operations"]}
    assert pages == {"home": "the real home page"}  # sample-slug was made and deleted
    assert not [f for f in data["findings"] if f["rule"] == "docs-example-rejected"]
    assert status["POST /pages"]["status"] != "skipped"
    assert status["POST /counters"]["status"] == "skipped"
    assert "must name the new object's id (id)" in status["POST /counters"]["reason"]
    assert counters == {1: "visits"}


FLOW = """
## Workflows

```schemacheck
workflows:
  hire:
    - create: POST /employees
      body: {id: 1, name: "Bilbo", role: "hobbit"}
    - fire: DELETE /employees/{{create.id}}
  todo:
    - add: POST /todos
    - done: PATCH /todos/{{add.id}}
      body: {completed: true}
```
"""


def test_a_docs_workflow_obeys_the_same_rules(live_app, tmp_path: Path) -> None:  # noqa: ANN001
    """A workflow in the docs is documentation: its create step's `id: 1` overwrote Bilbo,
    and a step was sent for an operation probe.skip names."""
    APPS["flows"] = (platform_app, PLATFORM_DOCS + FLOW)
    try:
        data, ledger, _ = _probe(live_app, tmp_path, "flows", "--allow-writes",
                                 config="probe:\n  skip:\n    - POST /todos\n")
    finally:
        del APPS["flows"]
    assert ledger.data["employees"]["1"] == ledger.seed["employees"]["1"]
    assert ("POST", "/todos") not in ledger.calls()
    steps = {f["name"]: f["steps"] for f in data["workflows"]}
    assert steps["hire"][0]["result"] == "passed"  # sent, without the id
    assert steps["todo"][0] == {"step": "add", "request": "POST /todos", "result": "not sent",
                                "reason": "skipped by the config (probe.skip)"}


def test_an_object_older_than_the_run_is_not_deleted(probed) -> None:  # noqa: ANN001
    """POST /tags is a get-or-create answering 200 either way: the docs' example
    (`{"name": "urgent"}`) handed back the existing tag, created in 2024, and cleanup
    deleted it. An answer created before the run is not the run's. The docs' name is no
    longer sent (the probe's own is: `sample-name`); tag-2, made in 2024 under that very
    name by another client, is handed back instead, and is not deleted either."""
    data, ledger, _ = probed("platform", "--allow-writes")
    assert ("DELETE", "/tags/tag-1") not in ledger.calls()
    assert ("DELETE", "/tags/tag-2") not in ledger.calls()
    assert "2024-03-01T10:00:00Z, before this run" in _left(data)["/tags/?"]
    made = ledger.still_there_in("tags")
    assert made == []  # the probe's own tag (created now) is deleted
    sent = [json.loads(c["body"]) for c in ledger.requests
            if (c["method"], c["path"]) == ("POST", "/tags") and c["body"]]
    assert sent and not [body for body in sent if body.get("name") == "urgent"]


def test_when_an_answer_says_its_object_was_made() -> None:
    from schemacheck.probe.cleanup import _made_at

    assert _made_at({"created_at": "2024-03-01T10:00:00Z"}) == ("2024-03-01T10:00:00Z",
                                                                1709287200.0)
    assert _made_at({"createdAt": 1709287200000}) == ("1709287200000", 1709287200.0)
    assert _made_at({"created": "2024-03-01 10:00:00"}) == ("2024-03-01 10:00:00", 1709287200.0)
    assert _made_at({"created": 3}) is None  # a count, not a time
    assert _made_at({"created": "yesterday"}) is None
    assert _made_at({"created": True, "id": 1}) is None


def test_a_dot_id_never_shortens_a_path(probed) -> None:  # noqa: ANN001
    """A path segment "." or ".." is removed by every URL parser: the create's id "." made
    the cleanup's DELETE /folders/. a DELETE /folders, which removed every folder."""
    from schemacheck.probe.client import ProbeClient

    data, ledger, _ = probed("platform", "--allow-writes")
    assert ("DELETE", "/folders") not in ledger.calls()
    assert ledger.data["folders"]["dir-1"] == ledger.seed["folders"]["dir-1"]
    assert "/folders/?" in _left(data)
    client = ProbeClient("http://127.0.0.1:9", {}, 1, 0, 1, 1000)
    for value, shown in ((".", "%2E"), ("..", "%2E%2E"), ("a.b", "a.b")):
        assert client.url("/folders/{id}", {"id": value}) == f"http://127.0.0.1:9/folders/{shown}"


def test_a_listed_mail_action_reaches_no_harvested_address(live_app,  # noqa: ANN001
                                                          tmp_path: Path) -> None:
    """Listing POST /password-recovery/{email} chose the operation, not the recipient: the
    probe filled {email} from the user list and mailed Bob. Values the probe picks (from
    answers, examples, samples) are reserved; what the config gives is sent as given."""
    config = ("probe:\n  allow_writes:\n    - POST /api/v1/password-recovery/*\n"
              "    - POST /api/v1/utils/test-email/\n")
    _, ledger, _ = _probe(live_app, tmp_path, "accounts", config=config)
    assert ("POST", "/api/v1/password-recovery/bob+schemacheck@example.com") in ledger.calls()
    assert real_mail(ledger) == []
    config += "  path_params:\n    email: qa@realmail.io\n"
    _, ledger, _ = _probe(live_app, tmp_path, "accounts", config=config)
    assert ("POST", "/api/v1/password-recovery/qa@realmail.io") in ledger.calls()
