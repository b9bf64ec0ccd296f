"""The second red team (redteam2_app.py), asserted on the server's ledger: the probe deletes
only what it can show this run made, trusts no Location outside the base URL, and sends no
read whose query picks a side effect."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.responses import Response
from pydantic import BaseModel
from typer.testing import CliRunner

from schemacheck.cli import app
from tests.probe.redteam2_app import DOCS, TOKEN, make_app
from tests.probe.redteam_app import Ledger

runner = CliRunner()
Run = tuple[dict[str, Any], Ledger, FastAPI]


def _probe(url: str, backend: FastAPI, tmp: Path, *extra: str) -> Run:
    docs = tmp / "api.md"
    docs.write_text(DOCS)
    result = runner.invoke(app, [
        "probe", "--docs", str(docs), "--openapi", url + "/openapi.json", "--base-url", url,
        "--header", f"Authorization: Bearer {TOKEN}", "--timeout", "5", "--format", "json",
        *extra])
    assert "Traceback" not in result.output, result.output
    return json.loads(result.stdout), backend.state.ledger, backend


@pytest.fixture(scope="module")
def probed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Run]]:
    from schemacheck.serve import serve

    runs: dict[tuple[str, ...], Run] = {}
    with ExitStack() as stack:
        def run(*extra: str) -> Run:
            if extra not in runs:
                backend = make_app()
                url = stack.enter_context(serve(backend, grace=0))
                runs[extra] = _probe(url, backend, tmp_path_factory.mktemp("rt2"), *extra)
            return runs[extra]

        yield run


def _left(data: dict[str, Any]) -> dict[str, str]:
    return {f["location"]: f["message"] for f in data["findings"]
            if f["rule"] == "probe-left-behind"}


def _status(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {o["operation"]: o["probe"] for o in data["operations"] if o.get("probe")}


MODES = [(), ("--allow-writes",), ("--allow-writes", "--field-by-field"),
         ("--allow-writes", "--promises")]


@pytest.mark.parametrize("mode", MODES, ids=["default", "writes", "field-by-field", "promises"])
def test_the_promise_holds(probed, mode: tuple[str, ...]) -> None:  # noqa: ANN001
    data, ledger, _ = probed(*mode)
    assert ledger.changed_seed() == {}, "changed or destroyed what the run did not create"
    left = _left(data)
    for table, row in ledger.still_there():
        assert any(loc.startswith(f"/{table}/") for loc in left), (table, row)
    for key, status in _status(data).items():
        assert status["status"] != "skipped" or status.get("reason"), key


READS = {"/digest": "email_to", "/items": "action", "/jobs": "op", "/records": "do",
         "/documents": "_method", "/entries": "method", "/cache": "confirm", "/graphql": "query"}


def test_a_read_whose_query_picks_an_effect_is_not_sent(probed) -> None:  # noqa: ANN001
    """`GET /items?action=delete`, `?op=reset`, `?do=purge`, Rails' `_method=DELETE`,
    `?method=DELETE`, `?confirm=true`, a GraphQL mutation over GET: each went out as a read
    and emptied or reset a table; `GET /digest?email_to=` mailed the sample's address."""
    data, ledger, _ = probed()
    sent = {p for m, p in ledger.calls() if m == "GET"}
    assert not sent & set(READS), sent & set(READS)
    assert "/health" in sent  # reads still go out
    assert ledger.effects == []
    status = _status(data)
    for path, param in READS.items():
        assert status[f"GET {path}"]["class"] == "action", path
        assert param in status[f"GET {path}"]["reason"], status[f"GET {path}"]


def test_a_get_or_create_without_a_creation_time_is_not_deleted(probed) -> None:  # noqa: ANN001
    """POST /labels answers 201 for the existing label the docs' example names, and POST
    /namespaces 200 (an "ensure"): no created_at, no list to see them first. Cleanup deleted
    both. The same create sent once more answers the same id: nothing shows the object is
    new, so it is left and said; a real create (a new id each time, or a duplicate refused
    with 409) is still deleted."""
    for mode in MODES[1:]:
        data, ledger, _ = probed(*mode)
        calls = ledger.calls()
        assert ("DELETE", "/labels/lab-1") not in calls
        assert ("DELETE", "/namespaces/ns-1") not in calls
        assert ("PUT", "/labels/lab-1") not in calls
        left = _left(data)
        assert "answered the same id" in left["/labels/?"], left
        assert "answered the same id" in left["/namespaces/?"], left
        assert ledger.still_there_in("notes") == []  # each call made a new note: deleted
        assert ledger.still_there_in("handles") == []  # a second was refused: deleted
        assert any(m == "DELETE" and p.startswith("/notes/") for m, p in calls)


def test_a_location_outside_the_base_url_is_not_trusted(probed) -> None:  # noqa: ANN001
    """201 with `Location: https://cdn.replica.example/attachments/a-1` (another origin) or
    `/v2/exports/x-1` (another base path): the probe took the last segment as the new
    object's id and deleted this API's own a-1 and x-1."""
    for mode in MODES[1:]:
        data, ledger, _ = probed(*mode)
        calls = ledger.calls()
        assert not any(m == "DELETE" and p.startswith(("/attachments/", "/exports/"))
                       for m, p in calls), calls
        left = _left(data)
        assert "/attachments/?" in left and "/exports/?" in left


def test_a_location_names_an_id_only_right_inside_the_collection_it_was_sent_to() -> None:
    from schemacheck.probe.cleanup import located_id

    url = "http://127.0.0.1:8000/api/v1/files/"
    assert located_id("/api/v1/files/f-9", url) == "f-9"
    assert located_id("http://127.0.0.1:8000/api/v1/files/f-9/", url) == "f-9"
    assert located_id("f-9", url) == "f-9"  # relative to the collection
    assert located_id("/api/v1/files/a%20b", url) == "a b"
    for elsewhere in ("https://127.0.0.1:8000/api/v1/files/f-9",  # another scheme
                      "http://127.0.0.1:8001/api/v1/files/f-9",  # another port
                      "http://cdn.example/api/v1/files/f-9",  # another host
                      "//cdn.example/api/v1/files/f-9",  # scheme-relative
                      "/api/v2/files/f-9", "/files/f-9",  # another base path
                      "/api/v1/files/f-9/versions/3",  # deeper: not the new object
                      "/api/v1/files/..", "/api/v1/files/", "", "/api/v1/other/f-9"):
        assert located_id(elsewhere, url) is None, elsewhere
    assert located_id("/api/v1/files/f-9", "") is None  # no URL sent to: nothing trusted


def _param(name: str, schema: dict[str, Any], where: str = "query") -> Any:
    from schemacheck.sources.openapi import Parameter

    return Parameter(name=name, location=where, required=True, schema=schema, pointer="")


def test_parameters_that_select_an_effect_make_an_action() -> None:
    from dataclasses import replace

    from schemacheck.model import SchemaSet
    from schemacheck.probe.safety import Kind, classify_all
    from tests.probe.test_safety import _op

    schemas = SchemaSet({"Verb": {"type": "string", "enum": ["list", "hard-delete"]}})
    cases = {
        "GET /a": [_param("action", {"type": "string"})],
        "GET /b": [_param("op", {"type": "string", "enum": ["status", "reset"]})],
        "GET /c": [_param("mode", {"$ref": "#/$defs/Verb"})],
        "GET /d": [_param("_method", {"type": "string"})],
        "GET /e": [_param("X-HTTP-Method-Override", {"type": "string"}, "header")],
        "GET /f": [_param("force", {"type": "boolean"})],
        "GET /g": [_param("dryRun", {"type": "boolean"})],
        "GET /h": [_param("q", {"type": "string", "examples": ["mutation { wipe }"]})],
        "GET /i": [_param("type", {"type": "array", "items": {"enum": ["a", "purge"]}})],
        "GET /j": [_param("http_method", {"type": "string", "enum": ["get", "delete"]})],
        "POST /k": [_param("action", {"type": "string", "default": "delete"})],
    }
    quiet = {
        "GET /l": [_param("limit", {"type": "integer"}),
                   _param("status", {"enum": ["active", "deleted", "disabled"]})],
        "GET /m": [_param("X-Request-Id", {"type": "string"}, "header")],
        "GET /n": [_param("sort", {"type": "string", "default": "created"})],
        "POST /k": [],
    }
    ops = []
    for key, params in {**quiet, **cases}.items():
        method, path = key.split()
        ops.append(replace(_op(method, path), parameters=params))
    ops += [_op("DELETE", "/k/{id}"), _op("GET", "/o:cancel"), _op("GET", "/p/{id}:undelete"),
            _op("GET", "/items?action=delete")]
    hook = replace(_op("POST", "/hooks"), request={"application/json": {
        "type": "object", "properties": {"events": {"type": "array", "items": {
            "enum": ["push", "delete"]}}, "action": {"type": "string"}}}})
    rpc = replace(_op("POST", "/jobs"), request={"application/json": {"type": "object"},
                                                  "application/x-www-form-urlencoded": {
        "type": "object", "properties": {"_method": {"type": "string"}}}})
    ops += [hook, _op("DELETE", "/hooks/{id}"), rpc, _op("DELETE", "/jobs/{id}")]
    kinds = {key: c for key, c in classify_all(ops, schemas).items()}
    for key in [*cases, "GET /o:cancel", "GET /p/{id}:undelete", "GET /items?action=delete",
                "POST /jobs"]:
        assert kinds[key].kind is Kind.action, (key, kinds[key])
    for key in ("GET /l", "GET /m", "GET /n"):
        assert kinds[key].kind is Kind.read, (key, kinds[key])
    # a webhook subscribing to "delete" events, and an event's free-form action, are data
    assert kinds["POST /hooks"].kind is Kind.create


def test_a_write_names_no_other_object_in_its_query(probed) -> None:  # noqa: ANN001
    """`POST /comments?post_id=` (required) took `p-1` from the comment list and mailed the
    post's author; `POST /votes?answer_id=` took the spec's example 1 and voted on an
    existing answer. A write's required id-like query parameter comes from the config only
    (probe.query_params), like a path's id; otherwise the write is not sent, and says why."""
    for mode in MODES[1:]:
        data, ledger, _ = probed(*mode)
        assert not any(m == "POST" and p in ("/comments", "/votes") for m, p in ledger.calls())
        assert ledger.effects == []
        status = _status(data)
        for key, name in (("POST /comments", "post_id"), ("POST /votes", "answer_id")):
            assert status[key]["status"] == "skipped", status[key]
            assert name in status[key]["reason"] and "probe.query_params" in status[key]["reason"]


def test_a_write_names_no_other_object_in_its_body(probed) -> None:  # noqa: ANN001
    """The docs' examples name existing objects: `{"thread_id": 1}` mailed thread 1's
    subscriber, `{"message_id": "m-1"}` counted a reaction on m-1, `{"assignee_id":
    "u-bob"}` mailed Bob, `{"post": {"id": "p-1"}}` mailed p-1's author, `{"folder": {"id":
    "fold-1"}}` grew that folder. A field naming another object is treated like the body's own id:
    left out when optional, the probe's own string when required, and a required number
    refuses the write (sent only when listed)."""
    for mode in MODES[1:]:
        data, ledger, _ = probed(*mode)
        assert ledger.effects == [] and ledger.changed_seed() == {}
        bodies = [json.loads(r["body"]) for r in ledger.requests
                  if r["method"] == "POST" and r["path"] in ("/reactions", "/tasks")]
        assert bodies and all(b.get("message_id", "sample-message_id") == "sample-message_id"
                              and "assignee_id" not in b for b in bodies), bodies
        assert ("POST", "/replies") not in ledger.calls()
        reply = _status(data)["POST /replies"]
        assert reply["status"] == "skipped" and "thread_id" in reply["reason"]
        # by a nested reference: {"post": {"id": "p-1"}} refuses the share, an optional
        # {"folder": {"id": "fold-1"}} is left out of the bookmark
        assert ("POST", "/shares") not in ledger.calls()
        marks = [json.loads(r["body"]) for r in ledger.requests
                 if r["method"] == "POST" and r["path"] == "/bookmarks"]
        assert marks and all("folder" not in b for b in marks), marks


def test_a_create_answering_see_other_is_deleted(probed) -> None:  # noqa: ANN001
    """Post/Redirect/Get: POST /forms made the form and answered 303 with its Location. Not
    a 2xx, so the probe recorded nothing: the form stayed, and no report said so."""
    for mode in MODES[1:]:
        data, ledger, _ = probed(*mode)
        assert ("POST", "/forms") in ledger.calls()
        assert ledger.still_there_in("forms") == []
        assert any(m == "DELETE" and p.startswith("/forms/") for m, p in ledger.calls())


def test_a_create_that_reaches_a_person_is_an_action(probed) -> None:  # noqa: ANN001
    """POST /alerts (Opsgenie: pages the on-call), /pushes (Pushbullet: rings every device),
    /calls (Twilio: dials), /revocations (a certificate distrusted at once), /orders,
    /invoices, /bookings, /subscriptions, /donations (money moves, a customer is mailed),
    each with a DELETE for its record: classified as creates, sent, and the effect was done."""
    data, ledger, _ = probed("--allow-writes")
    status = _status(data)
    for table in ("alerts", "pushes", "calls", "revocations", "orders", "invoices", "bookings",
                  "subscriptions", "donations"):
        assert ("POST", f"/{table}") not in ledger.calls()
        assert status[f"POST /{table}"]["class"] == "action", status[f"POST /{table}"]
    assert ledger.effects == []


def test_a_write_whose_query_reaches_everything_is_an_action(probed) -> None:  # noqa: ANN001
    """`DELETE /drafts/{id}?scope=all` (its own draft's id, but every draft went) and `POST
    /announcements?audience=all` (mailed every user): the sample took the enum's first
    value."""
    data, ledger, _ = probed("--allow-writes")
    assert ledger.effects == [] and ledger.changed_seed() == {}
    status = _status(data)
    for key in ("DELETE /drafts/{draft_id}", "POST /announcements"):
        assert status[key]["class"] == "action" and "all" in status[key]["reason"], status[key]


def test_the_backend_clock_at_the_start_counts_a_caches_age() -> None:
    from schemacheck.probe.client import Answer
    from schemacheck.probe.probes import _date

    def answer(headers: dict[str, str]) -> Answer:
        return Answer(200, headers, b"", False)

    date = "Wed, 02 Dec 2026 12:00:00 GMT"
    assert _date(answer({"date": date})) == 1796212800.0
    assert _date(answer({"date": date, "age": "600"})) == 1796212800.0 + 600
    assert _date(answer({"date": date, "age": "soon"})) == 1796212800.0
    assert _date(answer({"date": "yesterday"})) is None and _date(answer({})) is None


def test_what_only_the_operation_id_says_is_an_action(probed) -> None:  # noqa: ANN001
    """`POST /contacts` (operationId upsertContact) renamed the existing contact; `GET
    /sessions/current` (invalidateSessions) ended the caller's sessions."""
    data, ledger, _ = probed("--allow-writes")
    assert ("POST", "/contacts") not in ledger.calls()
    assert ("GET", "/sessions/current") not in ledger.calls()
    status = _status(data)
    assert "upsert" in status["POST /contacts"]["reason"]
    assert "invalidate" in status["GET /sessions/current"]["reason"]


class Topic(BaseModel):  # module level: FastAPI resolves annotations by name
    title: str


class TopicReply(BaseModel):
    topic_id: str
    text: str


CHAIN = """
### POST /topics
```ts
export interface TopicCreate { title: string; }
export interface TopicOut { id: string; title: string; }
```

### POST /topic-replies
```ts
export interface TopicReplyCreate { topic_id: string; text: string; }
```

Request body example:

```json
{"topic_id": "tp-1", "text": "+1"}
```

## Workflows

```schemacheck
workflows:
  discuss:
    - open: POST /topics
    - answer: POST /topic-replies
      body: {topic_id: "{{open.id}}", text: "thanks"}
```
"""


def test_a_docs_workflow_may_name_an_object_the_run_created(live_app,  # noqa: ANN001
                                                           tmp_path: Path) -> None:
    """A field naming another object is the probe's own value unless it names an object
    this run created: the workflow's reply goes to its own topic, the docs' example (tp-1,
    an existing topic) to none."""
    api = FastAPI()
    topics: dict[str, dict[str, str]] = {"tp-1": {"id": "tp-1", "title": "seeded"}}
    replies: dict[str, str] = {}
    made: list[str] = []  # the topics created, in order
    replied_to: list[str] = []  # each reply's topic

    @api.post("/topics", status_code=201)
    def open_topic(body: Topic) -> Any:
        made.append(f"tp-{len(made) + 100}")
        topics[made[-1]] = {"id": made[-1], "title": body.title}
        return topics[made[-1]]

    @api.delete("/topics/{topic_id}", status_code=204)
    def close_topic(topic_id: str) -> Response:
        topics.pop(topic_id, None)
        return Response(status_code=204)

    @api.post("/topic-replies", status_code=201)
    def reply(body: TopicReply) -> Any:
        replied_to.append(body.topic_id)
        key = f"r-{len(replied_to)}"
        replies[key] = body.topic_id
        return {"id": key, "topic_id": body.topic_id}

    @api.delete("/topic-replies/{reply_id}", status_code=204)
    def delete_reply(reply_id: str) -> Response:
        replies.pop(reply_id, None)
        return Response(status_code=204)

    url = live_app(api)
    (tmp_path / "api.md").write_text(CHAIN)
    result = runner.invoke(app, ["probe", "--docs", str(tmp_path / "api.md"), "--base-url", url,
                                 "--allow-writes", "--format", "json"])
    data = json.loads(result.stdout)
    steps = {f["name"]: f["steps"] for f in data["workflows"]}["discuss"]
    assert [s["result"] for s in steps] == ["passed", "passed"], steps
    assert replied_to and "tp-1" not in replied_to  # the docs' example: an existing topic
    assert set(replied_to) & set(made)  # the workflow's reply went to its own topic
    assert topics == {"tp-1": {"id": "tp-1", "title": "seeded"}} and replies == {}


def test_a_value_picked_from_another_answer_selects_no_effect(probed) -> None:  # noqa: ANN001
    """GET /audit/{event_id}/preview?method= took `DELETE` from the audit log's first entry
    and did it; a picked value that selects an effect is not sent (the config's is)."""
    data, ledger, _ = probed()
    assert ("GET", "/audit") in ledger.calls()
    assert not any(p.endswith("/preview") for _, p in ledger.calls())
    status = _status(data)["GET /audit/{event_id}/preview"]
    assert status["status"] == "skipped" and "DELETE" in status["reason"], status


def test_what_a_second_create_says_of_the_first() -> None:
    from schemacheck.probe.cleanup import _again
    from schemacheck.probe.client import Answer
    from schemacheck.probe.plan import Created, Harvest, Planned
    from schemacheck.probe.safety import Kind
    from tests.probe.test_safety import _op

    item = Planned(_op("POST", "/things"), 2, Kind.create, "", collection="/things",
                   id_param="thing_id")

    def said(status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> Any:
        harvest = Harvest(seen_ids={"t-1", "t-0"})
        first = Created("/things", "t-1", "POST /things")
        answer = Answer(status, headers or {}, body, False)
        try:
            parsed = json.loads(body) if body else None
        except ValueError:
            parsed = None
        return _again(harvest, first, item, answer, parsed, "http://h/things", None), harvest

    assert said(201, b'{"id": "t-2"}')[0] is None  # a new object each time
    assert said(201, b'{"id": "t-2"}')[1].created[-1].id == "t-2"  # the second is recorded
    assert said(303, headers={"location": "/things/t-2"})[0] is None
    assert said(409)[0] is None  # a duplicate refused: no get-or-create
    assert said(400, b'{"detail": "name already exists"}')[0] is None
    assert "the same id" in said(200, b'{"id": "t-1"}')[0]  # a get-or-create
    assert "already held" in said(201, b'{"id": "t-0"}')[0]
    assert "HTTP 400" in said(400, b'{"detail": "parent does not exist"}')[0]
    assert "HTTP 429" in said(429)[0] and "HTTP 502" in said(502)[0]
    # a second create the gateway gave up on may have made an object: it is said, not lost
    (maybe,) = said(502)[1].created
    assert maybe.id is None and "502" in maybe.note
    assert "no id" in said(201, b"{}")[0]


def test_shapes_real_apis_have_are_classified() -> None:
    """AIP `:verb` methods, bulk deletes, a collection PATCH, GraphQL and JSON-RPC POSTs, a
    webhook's test delivery, logout and token rotation: actions, beside a plain create."""
    from schemacheck.probe.safety import Kind, classify_all
    from tests.probe.test_safety import _op

    ops = [_op(m, p) for m, p in [
        ("POST", "/v1/items"), ("DELETE", "/v1/items/{id}"), ("POST", "/v1/items:batchDelete"),
        ("POST", "/v1/items/{id}:cancel"), ("POST", "/users/bulk-delete"), ("PATCH", "/v1/items"),
        ("POST", "/graphql"), ("POST", "/rpc"), ("POST", "/webhooks/{id}/test"),
        ("POST", "/auth/logout"), ("POST", "/sessions/revoke"), ("POST", "/tokens/rotate"),
        ("POST", "/incidents"), ("DELETE", "/incidents/{id}")]]
    kinds = {key: c.kind for key, c in classify_all(ops).items()}
    assert kinds.pop("POST /v1/items") is Kind.create
    assert kinds.pop("DELETE /v1/items/{id}") is Kind.own_delete
    assert all(kind is Kind.action for kind in kinds.values()), kinds


def test_a_second_create_the_gateway_gave_up_on_is_said_at_cleanup() -> None:
    """The second create of an unproven object answered 502: the backend may have made a
    second object. Cleanup recorded the answer before reading it, so that object went
    unsaid; now each of the two is a left-behind entry."""
    import asyncio

    from schemacheck.probe import cleanup
    from schemacheck.probe.client import Answer
    from schemacheck.probe.media import Encoded
    from schemacheck.probe.plan import Harvest, Planned
    from schemacheck.probe.safety import Kind
    from schemacheck.sources.openapi import Spec
    from tests.probe.test_safety import _op

    create, delete = _op("POST", "/items"), _op("DELETE", "/items/{itemId}")
    item = Planned(create, 2, Kind.create, "", collection="/items", id_param="itemId")
    harvest = Harvest()
    cleanup.record_create(harvest, item, Answer(201, {}, b'{"id": "7"}', False),
                          {"id": "7"}, ("http://h/items", Encoded(json_body={"name": "x"})))

    class Gateway:  # answers the second create 502; nothing else is asked of it
        headers: dict[str, str] = {}
        sent: list[str] = []

        async def send(self, method: str, url: str, **_: object) -> Answer:
            self.sent.append(method)
            return Answer(502, {}, b"", False)

    client = Gateway()
    left = asyncio.run(cleanup.cleanup(client, Spec("s", "3.1", "t", operations=[create, delete]),  # type: ignore[arg-type]
                                       harvest, lambda text: text))
    assert client.sent == ["POST"]
    assert len(left) == 2 and any("502" in entry.reason for entry in left), left


def test_a_listed_write_takes_no_id_an_answer_or_example_named() -> None:
    """A listed action POST to a collection (a payout under an account) took the account's
    id from an example; a listed DELETE /users/{username} sent `@jack` as if an address."""
    from schemacheck.config import ProbeSettings
    from schemacheck.model import SchemaSet
    from schemacheck.probe.plan import Harvest, Planned, plan, resolve_params
    from schemacheck.probe.safety import Kind
    from tests.probe.test_safety import _op

    ops = [_op("POST", "/accounts/{accountId}/payouts"),
           _op("GET", "/accounts/{accountId}/payouts/{payoutId}")]
    settings = ProbeSettings(allow_writes=["POST /accounts/{accountId}/payouts"])
    (payout,) = [i for i in plan(ops, [], settings, SchemaSet(), SchemaSet(),
                                 creates_allowed=True) if i.op.method == "POST"]
    assert payout.kind is Kind.action and payout.listed
    payout.param_examples = {"accountId": "acct_REAL"}
    resolve_params(payout, settings, Harvest(), SchemaSet())
    assert payout.path_params == {} and "probe.path_params.accountId" in (payout.skip or "")
    delete = _op("DELETE", "/users/{username}")
    for value, sent in [("@jack", None), ("@types/node", None), ("jack", None),
                        ("jack@corp.io", "jack+schemacheck@example.com")]:
        item = Planned(delete, 0, Kind.action, "", listed=True,
                       param_examples={"username": value})
        resolve_params(item, ProbeSettings(), Harvest(), SchemaSet())
        assert item.path_params.get("username") == sent, (value, item.path_params)
