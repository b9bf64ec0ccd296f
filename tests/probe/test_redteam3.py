"""The third red team (redteam3_app.py), asserted on the server's ledger: a create the probe
may send carries no value that reaches past the object it makes: no flag that mails or
revokes, no real phone number under any key, no URL outside the reserved names for the
backend to call, no enum value reaching everyone; --field-by-field and --promises obey the
same rules; physical mail and an IP allow-list are actions."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from typer.testing import CliRunner

from schemacheck.cli import app
from tests.probe.redteam3_app import DOCS, make_app
from tests.probe.redteam_app import TOKEN, Ledger

runner = CliRunner()
Run = tuple[dict[str, Any], Ledger, FastAPI]
MODES = [(), ("--allow-writes",), ("--allow-writes", "--field-by-field"),
         ("--allow-writes", "--promises")]


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
                runs[extra] = _probe(url, backend, tmp_path_factory.mktemp("rt3"), *extra)
            return runs[extra]

        yield run


def _status(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {o["operation"]: o["probe"] for o in data["operations"] if o.get("probe")}


@pytest.mark.parametrize("mode", MODES, ids=["default", "writes", "field-by-field", "promises"])
def test_the_promise_holds(probed, mode: tuple[str, ...]) -> None:  # noqa: ANN001
    data, ledger, _ = probed(*mode)
    assert ledger.effects == [], ledger.effects
    assert ledger.changed_seed() == {}
    assert ledger.still_there() == []
    for key, status in _status(data).items():
        assert status["status"] != "skipped" or status.get("reason"), key


def _sent(ledger: Ledger, path: str) -> list[Any]:
    """The bodies of the POSTs `path` received, as JSON."""
    return [json.loads(r["body"]) for r in ledger.requests
            if r["method"] == "POST" and r["path"] == path and r["body"]]


def test_a_flag_that_reaches_others_goes_out_off(probed) -> None:  # noqa: ANN001
    """A create's boolean was sampled `true`: the required `announce` of POST /releases mailed
    every watcher; --field-by-field added `notify_followers: true` to POST /posts; --promises'
    full payload sent `revoke_others: true` to POST /api-keys, revoking the probe's own key.
    A flag named for an effect goes out off, and the field is still observed."""
    _, ledger, _ = probed("--allow-writes")
    assert _sent(ledger, "/releases") and all(b["announce"] is False
                                              for b in _sent(ledger, "/releases"))
    _, ledger, _ = probed("--allow-writes", "--field-by-field")
    added = [b for b in _sent(ledger, "/posts") if "notify_followers" in b]
    assert added and all(b["notify_followers"] is False for b in added)
    _, ledger, _ = probed("--allow-writes", "--promises")
    full = [b for b in _sent(ledger, "/api-keys") if "revoke_others" in b]
    assert full and all(b["revoke_others"] is False for b in full)


def test_a_phone_number_under_any_key_is_a_fictional_one(probed) -> None:  # noqa: ANN001
    """Only a key saying `phone` had its number replaced: the docs' `"to": "+14155552671"`
    (a reminder) and `"phones": ["+44 20 7946 0958"]` (a plural, in a list) were texted."""
    _, ledger, _ = probed("--allow-writes")
    reminders, groups = _sent(ledger, "/reminders"), _sent(ledger, "/groups")
    assert {"text": "Standup at 10", "to": "+12025550100"} in reminders
    assert ["+12025550100"] in [b["phones"] for b in groups]  # the docs' example's


def test_a_url_the_backend_calls_is_on_a_reserved_host(probed) -> None:  # noqa: ANN001
    """A new webhook is pinged (GitHub), an avatar fetched from its `source_url`: the docs'
    examples had the backend call a partner's server and the cloud's metadata service (SSRF).
    The path stays; the host is `example.invalid`."""
    _, ledger, _ = probed("--allow-writes")
    assert {"url": "https://example.invalid/incoming", "events": ["push"]} in _sent(
        ledger, "/webhooks")
    assert {"source_url": "http://example.invalid/latest/meta-data/iam/security-credentials/"
            } in _sent(ledger, "/avatars")
    assert not any("partner-crm" in r["body"] or "169.254" in r["body"]
                   for r in ledger.requests)


def test_a_value_reaching_everyone_is_not_sent(probed) -> None:  # noqa: ANN001
    """`audience: "everyone" | "team"` was sampled as its first value and mailed everyone, and
    `audience: "everyone"` (the only value the docs allow) did the same. The other value is
    picked; a body that can only reach everyone is not sent, and the report says why."""
    data, ledger, _ = probed("--allow-writes", "--promises")
    polls = _sent(ledger, "/polls")
    assert polls and all(b["audience"] == "team" for b in polls)
    assert _sent(ledger, "/surveys") == []
    reason = _status(data)["POST /surveys"]["reason"]
    assert "reaches everyone" in reason and "audience: everyone" in reason
    # the docs' example `"audience": "everyone"` is not sent either, and the report says why
    (example,) = [e for e in data["probe_run"]["examples_not_verified"]
                  if e["operation"] == "POST /polls"]
    assert "reaches everyone (audience: everyone)" in example["reason"]


def test_paper_mail_and_an_allow_list_are_actions(probed) -> None:  # noqa: ANN001
    """POST /letters (Lob) posts a letter that no DELETE recalls; the first entry of POST
    /ip-allowlist shut out every client but 203.0.113.0/24, the probe too, so every request
    after it (its own DELETEs) got 403 and everything the run made stayed."""
    data, ledger, _ = probed("--allow-writes")
    calls = ledger.calls()
    assert ("POST", "/letters") not in calls and ("POST", "/ip-allowlist") not in calls
    status = _status(data)
    for key, word in (("POST /letters", "letter"), ("POST /ip-allowlist", "allowlist")):
        assert status[key]["class"] == "action"
        assert "allow_writes" in status[key]["reason"]
        assert f"its path names {word}" in status[key]["reason"]  # the reason, said


def test_defusing_values() -> None:
    from schemacheck.probe.defuse import flag, phone, urls, wide
    from schemacheck.probe.safety import reserved

    assert phone("to", "+1 (415) 555-2671") == "+12025550100"
    assert phone("mobiles", "(415) 555-2671") == "2025550100"
    assert phone("to_date", "2025-01-01") == "2025-01-01"
    assert phone("note", "+442079460958") == "+12025550100"  # international, any key
    assert phone("note", "4155552671") == "4155552671"  # a national one only under its key
    assert phone("amount", "+5") == "+5" and phone("offset", "+05:30") == "+05:30"
    assert phone("to", "+12025550142") == "+12025550142"  # fictional already
    assert urls("https://user:pw@hooks.slack.com:8443/T0/B0?x=1") == \
        "https://example.invalid/T0/B0?x=1"
    assert urls("see http://localhost:8080/admin and http://[::1]/") == \
        "see http://example.invalid/admin and http://example.invalid/"
    assert urls("https://api.example.com/cb") == "https://api.example.com/cb"
    assert urls("https://x.test/cb") == "https://x.test/cb"
    assert flag("notifyFollowers", True) is False and flag("send_email", True) is False
    assert flag("overwrite", True) is False and flag("revoke_others", True) is False
    assert flag("dry_run", False) is True and flag("skip_notifications", False) is True
    assert flag("is_active", True) is True and flag("private", False) is False
    assert wide({"audience": "everyone"}) == "audience: everyone"
    assert wide({"target": {"scope": "*"}}) == "scope: *"
    assert wide({"events": ["*"], "filter": "all"}) is None  # reaches nobody
    assert reserved({"announce": True, "contacts": [{"mobile": "+14155552671"}],
                     "silent": False}) == {
        "announce": False, "contacts": [{"mobile": "+12025550100"}], "silent": True}
    assert reserved([True, "x"]) == [True, "x"]  # a bare value names no flag


def test_words_that_name_paper_mail_and_access_make_actions() -> None:
    from schemacheck.probe.safety import Kind, classify_all
    from tests.probe.test_safety import _op

    pairs = [(c, f"{c}/{{id}}") for c in (
        "/letters", "/postcards", "/mailings", "/ip-allowlist", "/ipWhitelist",
        "/firewall-rules", "/mfa-factors", "/otp-codes", "/widgets")]
    ops = [_op(m, p) for c, d in pairs for m, p in (("POST", c), ("DELETE", d))]
    kinds = {key: c.kind for key, c in classify_all(ops).items()}
    assert kinds.pop("POST /widgets") is Kind.create
    assert all(kinds[f"POST {c}"] is Kind.action for c, _ in pairs[:-1]), kinds


def test_a_required_query_flag_goes_out_off(probed) -> None:  # noqa: ANN001
    """POST /articles?notify= (a required boolean) was sampled `true` and mailed every
    follower: a flag in the query is defused as one in the body."""
    _, ledger, _ = probed("--allow-writes")
    queries = [r["query"] for r in ledger.requests if r["path"] == "/articles"]
    assert queries and all(q == "notify=false" for q in queries), queries


def test_a_person_or_an_org_a_docs_example_names_is_left_out(probed) -> None:  # noqa: ANN001
    """The docs' schema gives `@example "octocat"` for an issue's assignee and `"acme-corp"`
    for its org: --field-by-field and --promises sent them, GitHub-like, mailing octocat and
    moving the run's own issue into another org. A field naming a person or a container by
    name is treated like one naming it by id: left out, unless the backend requires it."""
    for mode in (("--allow-writes", "--field-by-field"), ("--allow-writes", "--promises")):
        _, ledger, _ = probed(*mode)
        bodies = [r["body"] for r in ledger.requests if r["path"].startswith("/issues")
                  and r["method"] in ("POST", "PATCH")]
        assert bodies and not any("octocat" in b or "acme-corp" in b for b in bodies), bodies


def test_fields_naming_a_party() -> None:
    from schemacheck.model import SchemaSet
    from schemacheck.probe.plan import Planned, names_party, other_key_kept, own_body
    from schemacheck.probe.safety import Kind
    from tests.probe.test_safety import _op

    assert all(names_party(n) for n in ("assignee", "reviewers", "parentOrg", "owner_login",
                                        "team", "workspace"))
    assert not any(names_party(n) for n in ("team_size", "title", "user_agent", "groups_count"))
    item = Planned(_op("POST", "/issues"), 2, Kind.create, "", collection="/issues",
                   id_param="item_id")
    schema = {"type": "object", "required": ["org"],
              "properties": {"org": {"type": "string"}, "assignees": {"type": "array"}}}
    body = own_body(item, {"title": "t", "org": "acme-corp", "assignees": ["octocat"],
                           "account": {"plan": "free"}}, schema, SchemaSet({}))
    assert body == {"title": "t", "org": "sample-org", "account": {"plan": "free"}}
    item.body = {"title": "t", "reviewers": ["octocat"]}
    assert other_key_kept(item) == "reviewers"  # required and not the probe's own: refused


def test_a_parameter_the_spec_gives_an_example_of_is_made_harmless(probed) -> None:  # noqa: ANN001
    """The spec's own examples of required query parameters went out as given: POST
    /shares?email=jane.doe@gmail.com mailed Jane, and GET /unfurl?url=http://10.0.0.7/... (a
    link preview, a read) had the backend fetch a host inside its own network, in the
    default, read-only mode too. A write's picked values are reserved like its body's; a
    read's URLs are moved to example.invalid."""
    _, ledger, _ = probed()
    assert [r["query"] for r in ledger.requests if r["path"] == "/unfurl"] == [
        "url=http%3A%2F%2Fexample.invalid%2Fadmin%2Fexport"]
    _, ledger, _ = probed("--allow-writes")
    shares = [r["query"] for r in ledger.requests if r["path"] == "/shares"]
    assert shares and all(q == "email=jane.doe%2Bschemacheck%40example.com" for q in shares)


def test_a_state_that_sets_an_effect_going_is_not_picked(probed) -> None:  # noqa: ANN001
    """`status: "published" | "draft" | "sending"`: the sample took the first value and
    --promises sent each; a campaign made `published` or `sending` went out to the list. The
    sample picks `draft`; --promises tests no value that sets an effect going."""
    for mode in (("--allow-writes",), ("--allow-writes", "--promises")):
        _, ledger, _ = probed(*mode)
        campaigns = _sent(ledger, "/campaigns")
        assert campaigns and all(b["status"] == "draft" for b in campaigns), campaigns


def test_values_that_reach_or_start_an_effect() -> None:
    from schemacheck.probe.defuse import reaches
    from schemacheck.probe.values import string_value

    assert all(reaches(v) for v in ("everyone", "ALL", "*", "sending", "published",
                                    "auto-send", "captured"))
    assert not any(reaches(v) for v in ("draft", "team", "private", "pending", 3, None))
    assert string_value({"enum": ["all", "sent", "mine"]}, "scope") == "mine"
    assert string_value({"enum": ["all"]}, "scope") == "all"  # the only one: wide() refuses


def test_a_host_the_backend_connects_to_is_a_reserved_one(probed) -> None:  # noqa: ANN001
    """Metabase tests a new database connection at once, an uptime monitor pings its target:
    the docs' `"host": "prod-db.internal.acme-corp.com"` and `"target_ip": "10.20.0.1"` had the
    backend reach into a production network. A host under a key naming one is
    `example.invalid`, an address one for documentation (192.0.2.1)."""
    _, ledger, _ = probed("--allow-writes")
    assert ("example.invalid", 5432) in [(b["host"], b["port"]) for b in _sent(
        ledger, "/connections")]  # the docs' example's port
    assert all(b["target_ip"] == "192.0.2.1" for b in _sent(ledger, "/monitors"))
    assert not any("acme-corp" in r["body"] or "10.20." in r["body"] for r in ledger.requests)


def test_defusing_hosts() -> None:
    from schemacheck.probe.defuse import host

    assert host("host", "db.internal.acme-corp.com") == "example.invalid"
    assert host("smtpServer", "mail.acme-corp.com:587") == "example.invalid:587"
    assert host("target_ip", "10.20.0.1") == "192.0.2.1"
    assert host("server", "[::1]") == "2001:db8::1"
    assert host("subnet_ip", "10.0.0.0/8") == "192.0.2.1/32"
    assert host("ip", "192.0.2.7") == "192.0.2.7" and host("ip", "203.0.113.0/24") == \
        "203.0.113.0/24"  # documentation networks already
    assert host("host", "api.example.com") == "api.example.com"
    assert host("name", "prod-db.acme.com") == "prod-db.acme.com"  # no host key
    assert host("host", "not a host!") == "not a host!"


def test_a_new_object_is_never_made_the_one_of_its_kind(probed) -> None:  # noqa: ANN001
    """There is one owner of a team and one default address: the sample's first role,
    `owner`, demoted Alice (Slack's primary owner), and --field-by-field's and --promises'
    `is_default: true` took the customer's own default away; deleting the run's objects
    gave neither back. Such a flag goes out off; such a value is picked last, never
    promised."""
    for mode in MODES[1:]:
        _, ledger, _ = probed(*mode)
        assert ledger.data["owners"] == ledger.seed["owners"]
        assert ledger.data["addresses"]["ad-1"]["is_default"] is True
        assert all(b.get("role") != "owner" for b in _sent(ledger, "/team-members"))
    from schemacheck.probe.defuse import flag, reaches

    assert flag("is_default", True) is False and flag("makePrimary", True) is False
    assert reaches("owner") and reaches("primary") and not reaches("default")


def test_a_moment_an_effect_happens_at_is_far_ahead(probed) -> None:  # noqa: ANN001
    """POST /scheduled-posts {publish_at}: the sample's 2025-01-01 had gone by, so the post
    went out to every follower at once (Buffer-like). A moment under a key naming when an
    effect happens is moved to 2099; others (`start_date`) stay."""
    _, ledger, _ = probed("--allow-writes")
    sent = _sent(ledger, "/scheduled-posts")
    assert sent and all(b["publish_at"].startswith("2099-") for b in sent), sent
    from schemacheck.probe.defuse import later

    assert later("send_at", "2024-06-01T09:00:00Z") == "2099-06-01T09:00:00Z"
    assert later("scheduledFor", "2025-01-01") == "2099-01-01"
    assert later("start_date", "2025-01-01") == "2025-01-01"
    assert later("publish_at", "tomorrow") == "tomorrow"


def test_a_default_that_reaches_past_the_write_is_named_off(probed) -> None:  # noqa: ANN001
    """The backend defaults `notify_attendees` to true and `audience` to "everyone": the
    minimal body left both out, and every create mailed the followers; --field-by-field's
    variants did the same. The probe names such a field with the value that reaches nobody;
    a variant leaving one out on purpose is not sent."""
    for mode in MODES[1:]:
        _, ledger, _ = probed(*mode)
        events = _sent(ledger, "/events")
        assert events and all(b.get("notify_attendees") is False
                              and b.get("audience") == "invited" for b in events), events


def test_safe_defaults() -> None:
    from schemacheck.model import SchemaSet
    from schemacheck.probe.defuse import safe_defaults
    from schemacheck.probe.media import encode

    schema = {"type": "object", "properties": {
        "notify": {"type": "boolean", "default": True},
        "is_active": {"type": "boolean", "default": True},
        "dry_run": {"type": "boolean", "default": False},
        "audience": {"enum": ["all", "mine"], "default": "all"},
        "scope": {"enum": ["all"], "default": "all"}}}
    schemas = SchemaSet({})
    assert safe_defaults(schema, schemas) == {"notify": False, "dry_run": True,
                                              "audience": "mine"}
    sent = encode("application/json", {"title": "t"}, schema, schemas)
    assert not isinstance(sent, str)
    assert sent.json_body == {"title": "t", "notify": False, "dry_run": True,
                              "audience": "mine"}
    refused = encode("application/json", {"title": "t"}, schema, schemas,
                     omit=frozenset({"notify"}))
    assert isinstance(refused, str) and "notify" in refused


def test_a_create_keyed_by_name_never_takes_an_examples_name(probed) -> None:  # noqa: ANN001
    """Realm roles are keyed by name (Keycloak): the backend's own example `"name": "admin"`
    went out with `permissions: []`, overwriting the admin role, and the admin was locked
    out. A create's natural key (`name`, `slug`, `login`...) is the probe's own string."""
    for mode in MODES[1:]:
        _, ledger, _ = probed(*mode)
        assert ledger.data["roles"]["admin"] == ledger.seed["roles"]["admin"]
        assert all(b.get("name") != "admin" for b in _sent(ledger, "/roles"))


def test_the_dry_run_shows_the_bodies_as_sent(probed, tmp_path: Path) -> None:  # noqa: ANN001
    """The plan's payload of each write is the body the backend then received: with the
    defaults that reach nobody filled in (`notify_attendees: false`), not the body before."""
    _, ledger, _ = probed("--allow-writes")
    from schemacheck.serve import serve

    backend = make_app()
    with serve(backend, grace=0) as url:
        docs = tmp_path / "api.md"
        docs.write_text(DOCS)
        result = runner.invoke(app, [
            "probe", "--docs", str(docs), "--openapi", url + "/openapi.json", "--base-url", url,
            "--header", f"Authorization: Bearer {TOKEN}", "--allow-writes", "--dry-run",
            "--format", "json"])
    rows = json.loads(result.stdout)["plan"]
    first: dict[str, Any] = {}
    for request in ledger.requests:
        if request["method"] == "POST" and request["body"]:
            first.setdefault(request["path"], json.loads(request["body"]))
    compared = 0
    for row in rows:
        method, _, path = row["operation"].partition(" ")
        if row["send"] and method == "POST" and path in first and isinstance(
                row["payload"], dict):
            assert row["payload"] == first[path], row["operation"]
            compared += 1
    assert compared >= 5, compared
