"""Everything a create made is deleted at the end of the run, also after errors, timeouts and
Ctrl-C; what could not be deleted is reported as left behind, with its id and why."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, TypeVar
from urllib.parse import unquote, urljoin, urlsplit

from schemacheck.probe.client import Answer, ProbeClient, purpose
from schemacheck.probe.media import Encoded
from schemacheck.probe.plan import PARAM, Created, Harvest, Planned, ids_in, item_ids
from schemacheck.probe.redact import Redactor
from schemacheck.probe.safety import Kind, normalise, own_id_keys
from schemacheck.result import Kept
from schemacheck.sources.openapi import Spec

GONE = (404, 410)
DOTS = (".", "..")  # not an id: a path segment that names the collection or its parent
# An answer's creation time, under the names ORMs and APIs give it.
CREATED_AT = ("created_at", "createdAt", "created", "creation_date", "creationDate",
              "date_created", "dateCreated", "inserted_at", "insertedAt", "created_on",
              "createdOn", "create_time", "createTime")
SKEW = 600.0  # seconds: the backend's clock may be behind the probe's
GATEWAY = (502, 504)  # the gateway gave up; the backend behind it may still have done the work
# Post/Redirect/Get: the create is done and the answer points at what it made (a 307 or 308
# asks for the request again elsewhere: nothing was made)
SEE_OTHER = (301, 302, 303)


def _made(status: int) -> bool:
    return 200 <= status < 300 or status in SEE_OTHER


@dataclass(frozen=True)
class LeftBehind:
    """An object this run created and could not delete. The pipeline turns each into a
    probe-left-behind finding (its evidence has these four keys), so it is never saved itself."""

    object: str  # collection/id, "?" for an id the probe never learnt
    id: str | None
    created_by: str  # the operation whose answer made it
    reason: str


def created_id(answer: Answer, body: Any, collection: str, id_names: list[str],
               url: str = "") -> str | None:
    """The created object's id: a field of the answer named like the DELETE path's parameter
    (`itemId`, `item_id`, `number` for `project_number`), `id` when the parameter is an id,
    else the last segment of a Location right inside `url`, the collection the create was
    sent to (no Location is read without it)."""
    if isinstance(body, dict):
        for name in own_id_keys(id_names, collection):
            value = body.get(name)
            if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value):
                return str(value) if str(value) not in DOTS else None
    return located_id(answer.headers.get("location", ""), url)


def located_id(location: str, url: str) -> str | None:
    """The id a Location names as a new object right inside the collection at `url`: on its
    origin and under its path (`/v2/items/7` or another host's `/items/7` names an object of
    another API, whose id may be an existing object's here)."""
    if not location or not url:
        return None
    target, base = urlsplit(urljoin(url, location.strip())), urlsplit(url)
    if (target.scheme, target.hostname, target.port) != (base.scheme, base.hostname,
                                                          base.port):
        return None
    head, _, last = target.path.rstrip("/").rpartition("/")
    last = unquote(last)
    if not last or last in DOTS or head != base.path.rstrip("/"):
        return None
    return last


def _delete_path(spec: Spec, collection: str) -> str | None:
    for op in spec.operations:
        if op.method == "DELETE" and normalise(op.path) == collection + "/{}":
            return op.path
    return None


Sent = tuple[str, Encoded | None]  # a create's URL and body, as sent


def record_create(harvest: Harvest, item: Planned, answer: Answer, body: Any,
                  sent: Sent | None = None) -> None:
    """Remember what a create made. A create with no answer may still have made something: it
    is recorded without an id, so the report says so. An id is the run's to update and
    delete only when something shows the object is new (`_shown_new`); until then `prove`
    holds the create as `sent`, to send it once more; with nothing to send again it is left."""
    if any(seen is answer for seen in harvest.recorded):
        return
    harvest.recorded.append(answer)
    parents = [item.path_params[name] for name in PARAM.findall(item.op.path)]
    if answer.status in GATEWAY:
        harvest.created.append(Created(item.collection, None, item.op.key, parents, note=(
            f"the create answered {answer.status} (a gateway's error): the backend may have "
            "made an object the probe cannot identify")))
        return
    if answer.status is not None and not _made(answer.status):
        return
    for named in ids_in(body):
        harvest.named_by.setdefault(named, item.op.key)
    if answer.status is None:
        harvest.created.append(Created(item.collection, None, item.op.key, parents, note=(
            f"the create got no answer ({answer.error}); the backend may hold an object the "
            "probe cannot identify")))
        return
    url = sent[0] if sent else ""
    not_made = _not_made(item, answer, body, harvest.started, url)
    if not_made:
        harvest.created.append(Created(item.collection, None, item.op.key, parents,
                                       note=not_made))
        return
    found = created_id(answer, body if answer.status != 202 else None, item.collection,
                       [item.id_param] if item.id_param else [], url)
    ours = any(c.id == found and c.collection == item.collection and c.again is None
               for c in harvest.created)
    if found is not None and found in harvest.seen_ids and not ours:
        # An upsert answering with an object that existed before: never ours to delete.
        # (An id this run created, deleted and was handed again is ours.)
        harvest.created.append(Created(item.collection, None, item.op.key, parents, note=(
            f"the create answered with id {found}, which an earlier answer already held: an "
            "existing object, so it is not deleted"), answered=found))
        return
    if found is None:
        harvest.created.append(Created(item.collection, None, item.op.key, parents, note=(
            "the answer named no id (no id field, no Location header inside the collection), "
            "so it cannot be deleted" if answer.status not in SEE_OTHER else
            f"the create answered {answer.status}, pointing at no object inside the "
            "collection: the backend may hold one the probe cannot identify")))
    elif ours or _shown_new(item, answer, body, harvest, found, sent):
        harvest.created.append(Created(item.collection, found, item.op.key, parents))
    elif sent is not None:
        harvest.created.append(Created(item.collection, found, item.op.key, parents,
                                       again=(item, *sent)))
    else:
        harvest.created.append(Created(item.collection, None, item.op.key, parents, note=(
            f"the create answered id {found} with nothing to show the object is new (no "
            "creation time in the answer): a get-or-create may have handed back an existing "
            "one, so it is not deleted"), answered=found))


def _shown_new(item: Planned, answer: Answer, body: Any, harvest: Harvest, found: str,
               sent: Sent | None) -> bool:
    """Whether the answer itself shows its object was made in this run: created at or after
    the run's start by the backend's own clock (its Date header; the Date's second counts);
    201 from an operation that also declares 200 (the backend tells new from existing); or
    an id that is the probe's own value of a key the body had to name ("sample-slug")."""
    made = _made_at(body)
    if made is not None and harvest.backend_started is not None \
            and made[1] >= harvest.backend_started:
        return True
    if answer.status == 201 and "200" in item.op.responses:
        return True
    given = sent[1] if sent else None
    fields = given.json_body if given is not None and given.form is None else (
        given.form if given is not None else None)
    if not isinstance(fields, dict):
        return False
    keys = own_id_keys([item.id_param] if item.id_param else [], item.collection)
    # a listed create's body is sent as the docs give it: its key is the probe's own only
    # when the probe made it up (values.py's `sample-<name>`), never a docs example's
    return any(isinstance(fields.get(k), str) and fields[k] == found and (
        not item.listed or found.startswith("sample-")) for k in keys)


def record_write(harvest: Harvest, item: Planned, answer: Answer, body: Any,
                 sent: Sent | None = None) -> None:
    """What a sent write made: a create's object, for cleanup; one a POST no DELETE can undo
    made, to be said."""
    if item.kind is Kind.create:
        record_create(harvest, item, answer, body, sent)
    elif item.keeps:
        record_kept(harvest, item, answer, body, sent[0] if sent else "")


def record_kept(harvest: Harvest, item: Planned, answer: Answer, body: Any, url: str) -> None:
    """A POST the write rules call an action (sent because the user listed it, or a config
    workflow names it) whose answer says it made an object: 201 Created, or a Location inside
    the collection. With no DELETE nothing can undo it; an upsert's answer may be an object
    from before the run: never deleted, it is said, with its id and address, never left
    silently. (A 200 without a Location, an estimate or a search, made nothing it says.)"""
    if answer.status is None or not 200 <= answer.status < 300 or any(
            seen is answer for seen in harvest.kept_answers):
        return
    located = located_id(answer.headers.get("location", ""), url)
    if answer.status != 201 and located is None:
        return
    harvest.kept_answers.append(answer)
    found = located or created_id(answer, body, item.keeps, [], url)
    base = urlsplit(url).path.rstrip("/") if url else item.keeps
    if found is not None and any(k.object == f"{base}/{found}" for k in harvest.kept):
        return  # handed back again (an upsert): said once
    harvest.kept.append(Kept(
        object=f"{base}/{found or '?'}", id=found or "?", created_by=item.op.key,
        reason=f"answered HTTP {answer.status}" + (f" with id {found}" if found else
                                                   ", naming no id")
        + f"; {item.keeps_why}: it stays in the backend"))


DUPLICATE = ("already", "exists", "duplicate", "taken", "unique", "conflict", "in use")
NOT_FOUND = ("not exist", "n't exist", "no such", "not found", "unknown")


async def prove(client: ProbeClient, spec: Spec, harvest: Harvest) -> None:
    """Each create whose answer did not show its object is new, sent once more as it was: a
    get-or-create or an upsert answers the same id again (the object may have been there
    before the run: it is left, and said), a real create answers a new id (both objects are
    the run's) or refuses a duplicate (409, or a 400/422 saying so: then the first answer
    was no existing object handed back). The second object is deleted at once: it is no
    parent of anything, and a child left for cleanup would outlive its parent's own delete."""
    with purpose("proof"):
        await _prove(client, spec, harvest)


async def _prove(client: ProbeClient, spec: Spec, harvest: Harvest) -> None:
    for created in list(harvest.created):
        if created.again is None:
            continue
        item, url, encoded = created.again
        created.again = None
        answer = await guarded(harvest, item, deliver(client, item, url, encoded),
                               lambda done: (done, json_or_none(done)), _given((url, encoded)))
        body = json_or_none(answer)
        made = len(harvest.created)
        why = _again(harvest, created, item, answer, body, url, encoded)
        harvest.recorded.append(answer)
        harvest.seen_ids |= ids_in(body)
        for named in ids_in(body):
            harvest.named_by.setdefault(named, item.op.key)
        for second in harvest.created[made:]:
            if second.id is not None:
                await _delete(client, spec, second)
        if why is not None:
            created.answered, created.id = created.id, None
            created.note = (f"the create answered id {created.answered} with nothing to show "
                            f"the object is new (no creation time), and the same create sent "
                            f"once more {why}: a get-or-create may have handed back an "
                            "existing object, so it is not deleted")


def _given(sent: Sent) -> Callable[[], Sent]:
    return lambda: sent


def _again(harvest: Harvest, created: Created, item: Planned, answer: Answer, body: Any,
           url: str, encoded: Encoded | None) -> str | None:
    """What the second answer says of the first object: None when it shows it new, else in
    words why it does not. What the second create made is recorded too."""
    status = answer.status
    if status is None or status in GATEWAY:
        record_create(harvest, item, answer, body, (url, encoded))  # it may have made one
        return f"got {'no answer' if status is None else f'HTTP {status}'}"
    text = answer.body.decode("utf-8", "replace").lower()
    if status == 409 or status in (400, 422) and any(w in text for w in DUPLICATE) and not any(
            w in text for w in NOT_FOUND):
        return None
    if not _made(status):
        return f"answered HTTP {status}"
    found = created_id(answer, body, item.collection, [item.id_param] if item.id_param
                       else [], url)
    if found == created.id:
        return f"answered the same id ({found})"
    if found is None:
        harvest.created.append(Created(item.collection, None, item.op.key, created.parent_ids,
                                       note="the answer named no id, so it cannot be deleted"))
        return "answered no id"
    # an id an object of this run had (deleted since: a database may hand it out again) is
    # no sign of an object from before the run
    ours = any(c.id == found and c.collection == item.collection for c in harvest.created
               if c is not created)
    if found in harvest.seen_ids and not ours:
        return f"answered id {found}, which an earlier answer already held"
    harvest.created.append(Created(item.collection, found, item.op.key, created.parent_ids))
    return None


def json_or_none(answer: Answer) -> Any:
    """The answer's JSON body, None when it has none or it is not JSON."""
    try:
        return answer.json() if answer.body else None
    except ValueError:
        return None


async def deliver(client: ProbeClient, item: Planned, url: str, encoded: Encoded | None
                  ) -> Answer:
    """One request of `item` in the operation's own media type."""
    if encoded is None:
        return await client.send(item.op.method, url, params=item.query or None,
                                 headers=item.headers or None)
    return await client.send(item.op.method, url, params=item.query or None,
                             json_body=encoded.json_body, form=encoded.form,
                             files=encoded.files, headers=item.headers or None)


def _not_made(item: Planned, answer: Answer, body: Any, started: float,
              url: str = "") -> str | None:
    """Why a 2xx create answer does not name an object this run made, or None when it may.

    200 where the spec declares 201 Created, or an answer created before the run (its
    `created_at`, ten minutes' clock skew allowed): a get-or-create handing back an object
    that existed before. 202 Accepted: the object is made later, and the answer's id is the
    job's (only a Location inside the collection names it)."""
    if answer.status == 200 and "201" in item.op.responses:
        return ("the create answered 200 where the spec declares 201 Created: an existing "
                "object handed back (get-or-create), so it is not deleted")
    made = _made_at(body)
    if made is not None and made[1] < started - SKEW:
        return (f"the create answered an object created at {made[0]}, before this run: an "
                "existing object handed back (get-or-create), so it is not deleted")
    if answer.status == 202 and created_id(answer, None, item.collection, [], url) is None:
        return ("the create answered 202 Accepted: the object is made later, and the answer "
                "names no Location for it (its id may be a job's), so it cannot be deleted")
    return None


def _made_at(body: Any) -> tuple[str, float] | None:
    """When the answer says its object was created: (as written, epoch seconds)."""
    if not isinstance(body, dict):
        return None
    for key in CREATED_AT:
        value = body.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            seconds = value / 1000 if value > 1e11 else float(value)  # epoch ms or s
            if seconds > 1e8:  # a small number is a count, not a time
                return str(value), seconds
        elif isinstance(value, str):
            try:
                when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
            except ValueError:
                continue
            when = when if when.tzinfo else when.replace(tzinfo=timezone.utc)
            return value, when.timestamp()
    return None


def mark_deleted(harvest: Harvest, item: Planned, answer: Answer) -> None:
    if answer.status is None or not (200 <= answer.status < 300 or answer.status in GONE):
        return
    target = list(item.path_params.values())[-1:]
    for created in harvest.created:
        if created.collection == item.collection and [created.id] == target:
            created.deleted = True


R = TypeVar("R")


async def guarded(harvest: Harvest, item: Planned, send: Awaitable[R],
                  result: Callable[[R], tuple[Answer, Any]],
                  sent: Callable[[], Sent] | None = None) -> R:
    """A create goes out as its own task, shielded: when the run is interrupted (Ctrl-C, an
    error elsewhere) its answer still comes, and `settle` records what it made for cleanup.
    Anything else is simply awaited."""
    if item.kind is not Kind.create:
        return await send
    task = asyncio.ensure_future(send)
    harvest.in_flight.append((item, task, result, sent))
    return await asyncio.shield(task)


async def settle(harvest: Harvest, timeout: float) -> None:
    """Creates still unrecorded when the run stopped (Ctrl-C, an error): each was sent as its
    own task, shielded from the interruption, so its answer still comes (within the timeout)
    and what it made is recorded for deletion; one that never answers is recorded without an
    id, so the report says the backend may hold it."""
    waiting = [task for _, task, _, _ in harvest.in_flight if not task.done()]
    if waiting:
        await asyncio.wait(waiting, timeout=timeout)
    for item, task, result, sent in harvest.in_flight:
        if task.done() and not task.cancelled() and task.exception() is None:
            answer, body = result(task.result())
            record_create(harvest, item, answer, body, sent() if sent else None)
        else:
            record_create(harvest, item, Answer(None, {}, b"", False,
                                                "interrupted before its answer came"), None)
    harvest.in_flight.clear()


async def cleanup(client: ProbeClient, spec: Spec, harvest: Harvest,
                  redact: Redactor) -> list[LeftBehind]:
    """Delete what this run created, children before parents; list what is left behind.
    A create not yet shown to have made a new object is sent once more first (`prove`)."""
    await prove(client, spec, harvest)
    with purpose("cleanup"):
        return await _cleanup(client, spec, harvest, redact)


async def _cleanup(client: ProbeClient, spec: Spec, harvest: Harvest,
                   redact: Redactor) -> list[LeftBehind]:
    left: list[LeftBehind] = []
    for created in reversed(harvest.created):
        if created.deleted:
            continue
        where = f"{created.collection}/{created.id or '?'}"
        if created.id is None:
            left.append(LeftBehind(object=where, id=None, created_by=created.by,
                                   reason=redact(created.note)))
            continue
        sent = await _delete(client, spec, created)
        if sent is None:  # pragma: no cover - a create is only sent when a DELETE exists
            left.append(LeftBehind(object=where, id=created.id, created_by=created.by,
                                   reason="no DELETE operation for its collection"))
            continue
        url, answer = sent
        if created.deleted:
            continue
        why = f"HTTP {answer.status}" if answer.status is not None else answer.error
        left.append(LeftBehind(object=where, id=created.id, created_by=created.by,
                               reason=redact(f"DELETE {url} failed: {why}")))
    return left


async def _delete(client: ProbeClient, spec: Spec, created: Created
                  ) -> tuple[str, Answer] | None:
    """DELETE one object this run created (marked deleted when it is gone); None without a
    DELETE operation for its collection."""
    path = _delete_path(spec, created.collection)
    if path is None or created.id is None:
        return None
    names = PARAM.findall(path)
    url = client.url(path, dict(zip(names, [*created.parent_ids, created.id], strict=False)),
                     spec.base_path)
    answer = await client.send("DELETE", url)
    if answer.status is not None and (200 <= answer.status < 300 or answer.status in GONE):
        created.deleted = True
    return url, answer


async def census(client: ProbeClient, spec: Spec, items: list[Planned], harvest: Harvest,
                 redact: Redactor) -> list[LeftBehind]:
    """After cleanup, each collection read once more: an item that was not listed before the
    run and is still there is reported, never deleted. A create may make a child the probe
    never learns of (a workspace's default channel), and a listed action may create (a
    duplicate, an import); nothing proves such an object is the run's (another client may
    have made it), so it is only said."""
    with purpose("census"):
        return await _census(client, spec, items, harvest, redact)


async def _census(client: ProbeClient, spec: Spec, items: list[Planned], harvest: Harvest,
                  redact: Redactor) -> list[LeftBehind]:
    left: list[LeftBehind] = []
    ours = {c.id or c.answered for c in harvest.created if c.id or c.answered}
    # what a listed write kept is said already (probe_run.kept), as allowed: no finding too
    ours |= {kept.id for kept in harvest.kept if kept.id != "?"}
    for item in items:
        before = harvest.listings.get(item.op.key)
        if before is None or item.kind is not Kind.read or item.skip is not None:
            continue
        url = client.url(item.op.path, item.path_params, spec.base_path)
        answer = await client.send("GET", url, params=item.query or None,
                                   headers=item.headers or None)
        if answer.status is None or not 200 <= answer.status < 300:
            continue
        try:
            after = item_ids(answer.json())
        except ValueError:
            continue
        for new in sorted(after - before - ours):
            by = harvest.named_by.get(new)
            left.append(LeftBehind(
                object=f"{normalise(item.op.path)}/{new}", id=new,
                created_by=by or "a write of this run, or another client",
                reason=redact(f"{item.op.key} did not list it before the run and still does "
                              "after cleanup" + (f"; the answer of {by} named it" if by else "")
                              + ": not deleted, since nothing proves it is the run's")))
    return left
