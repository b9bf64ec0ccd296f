"""Everything a create made is deleted at the end of the run, also after errors, timeouts and
Ctrl-C; what could not be deleted is reported as left behind, with its id and why."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, TypeVar
from urllib.parse import urlsplit

from schemacheck.probe.client import Answer, ProbeClient
from schemacheck.probe.plan import PARAM, Created, Harvest, Planned, ids_in, item_ids
from schemacheck.probe.redact import Redactor
from schemacheck.probe.safety import Kind, normalise, own_id_keys
from schemacheck.sources.openapi import Spec

GONE = (404, 410)
DOTS = (".", "..")  # not an id: a path segment that names the collection or its parent
# An answer's creation time, under the names ORMs and APIs give it.
CREATED_AT = ("created_at", "createdAt", "created", "creation_date", "creationDate",
              "date_created", "dateCreated", "inserted_at", "insertedAt", "created_on",
              "createdOn", "create_time", "createTime")
SKEW = 600.0  # seconds: the backend's clock may be behind the probe's
GATEWAY = (502, 504)  # the gateway gave up; the backend behind it may still have done the work


@dataclass(frozen=True)
class LeftBehind:
    """An object this run created and could not delete. The pipeline turns each into a
    probe-left-behind finding (its evidence has these four keys), so it is never saved itself."""

    object: str  # collection/id, "?" for an id the probe never learnt
    id: str | None
    created_by: str  # the operation whose answer made it
    reason: str


def created_id(answer: Answer, body: Any, collection: str, id_names: list[str]) -> str | None:
    """The created object's id: a field of the answer named like the DELETE path's parameter
    (`itemId`, `item_id`, `number` for `project_number`), `id` when the parameter is an id,
    else the last segment of a Location inside the collection."""
    if isinstance(body, dict):
        for name in own_id_keys(id_names, collection):
            value = body.get(name)
            if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value):
                return str(value) if str(value) not in DOTS else None
    location = answer.headers.get("location", "")
    if location:
        path = urlsplit(location).path.rstrip("/")
        head, _, last = path.rpartition("/")
        if last and last not in DOTS and normalise(head).endswith(collection.rstrip("/") or "/"):
            return last
    return None


def _delete_path(spec: Spec, collection: str) -> str | None:
    for op in spec.operations:
        if op.method == "DELETE" and normalise(op.path) == collection + "/{}":
            return op.path
    return None


def record_create(harvest: Harvest, item: Planned, answer: Answer, body: Any) -> None:
    """Remember what a create made. A create with no answer may still have made something: it
    is recorded without an id, so the report says so."""
    if any(seen is answer for seen in harvest.recorded):
        return
    harvest.recorded.append(answer)
    parents = [item.path_params[name] for name in PARAM.findall(item.op.path)]
    if answer.status in GATEWAY:
        harvest.created.append(Created(item.collection, None, item.op.key, parents, note=(
            f"the create answered {answer.status} (a gateway's error): the backend may have "
            "made an object the probe cannot identify")))
        return
    if answer.status is not None and not 200 <= answer.status < 300:
        return
    for named in ids_in(body):
        harvest.named_by.setdefault(named, item.op.key)
    if answer.status is None:
        harvest.created.append(Created(item.collection, None, item.op.key, parents, note=(
            f"the create got no answer ({answer.error}); the backend may hold an object the "
            "probe cannot identify")))
        return
    not_made = _not_made(item, answer, body, harvest.started)
    if not_made:
        harvest.created.append(Created(item.collection, None, item.op.key, parents,
                                       note=not_made))
        return
    found = created_id(answer, body if answer.status != 202 else None, item.collection,
                       [item.id_param] if item.id_param else [])
    ours = any(c.id == found and c.collection == item.collection for c in harvest.created)
    if found is not None and found in harvest.seen_ids and not ours:
        # An upsert answering with an object that existed before: never ours to delete.
        # (An id this run created, deleted and was handed again is ours.)
        harvest.created.append(Created(item.collection, None, item.op.key, parents, note=(
            f"the create answered with id {found}, which an earlier answer already held: an "
            "existing object, so it is not deleted")))
        return
    note = "" if found else ("the answer named no id (no id field, no Location header), so "
                             "it cannot be deleted")
    harvest.created.append(Created(item.collection, found, item.op.key, parents, note=note))


def _not_made(item: Planned, answer: Answer, body: Any, started: float) -> str | None:
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
    if answer.status == 202 and created_id(answer, None, item.collection, []) is None:
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
                  result: Callable[[R], tuple[Answer, Any]]) -> R:
    """A create goes out as its own task, shielded: when the run is interrupted (Ctrl-C, an
    error elsewhere) its answer still comes, and `settle` records what it made for cleanup.
    Anything else is simply awaited."""
    if item.kind is not Kind.create:
        return await send
    task = asyncio.ensure_future(send)
    harvest.in_flight.append((item, task, result))
    return await asyncio.shield(task)


async def settle(harvest: Harvest, timeout: float) -> None:
    """Creates still unrecorded when the run stopped (Ctrl-C, an error): each was sent as its
    own task, shielded from the interruption, so its answer still comes (within the timeout)
    and what it made is recorded for deletion; one that never answers is recorded without an
    id, so the report says the backend may hold it."""
    waiting = [task for _, task, _ in harvest.in_flight if not task.done()]
    if waiting:
        await asyncio.wait(waiting, timeout=timeout)
    for item, task, result in harvest.in_flight:
        if task.done() and not task.cancelled() and task.exception() is None:
            answer, body = result(task.result())
            record_create(harvest, item, answer, body)
        else:
            record_create(harvest, item, Answer(None, {}, b"", False,
                                                "interrupted before its answer came"), None)
    harvest.in_flight.clear()


async def cleanup(client: ProbeClient, spec: Spec, harvest: Harvest,
                  redact: Redactor) -> list[LeftBehind]:
    """Delete what this run created, children before parents; list what is left behind."""
    left: list[LeftBehind] = []
    for created in reversed(harvest.created):
        if created.deleted:
            continue
        where = f"{created.collection}/{created.id or '?'}"
        if created.id is None:
            left.append(LeftBehind(object=where, id=None, created_by=created.by,
                                   reason=created.note))
            continue
        path = _delete_path(spec, created.collection)
        if path is None:  # pragma: no cover - a create is only sent when a DELETE exists
            left.append(LeftBehind(object=where, id=created.id, created_by=created.by,
                                   reason="no DELETE operation for its collection"))
            continue
        names = PARAM.findall(path)
        url = client.url(path, dict(zip(names, [*created.parent_ids, created.id], strict=False)),
                         spec.base_path)
        answer = await client.send("DELETE", url)
        if answer.status is not None and (200 <= answer.status < 300 or answer.status in GONE):
            created.deleted = True
            continue
        why = f"HTTP {answer.status}" if answer.status is not None else answer.error
        left.append(LeftBehind(object=where, id=created.id, created_by=created.by,
                               reason=redact(f"DELETE {url} failed: {why}")))
    return left


async def census(client: ProbeClient, spec: Spec, items: list[Planned], harvest: Harvest,
                 redact: Redactor) -> list[LeftBehind]:
    """After cleanup, each collection read once more: an item that was not listed before the
    run and is still there is reported, never deleted. A create may make a child the probe
    never learns of (a workspace's default channel), and a listed action may create (a
    duplicate, an import); nothing proves such an object is the run's (another client may
    have made it), so it is only said."""
    left: list[LeftBehind] = []
    ours = {c.id for c in harvest.created if c.id}
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
