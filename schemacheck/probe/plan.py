"""What the probe sends, in which phase, and what it does not send and why.

Every operation is classified first (safety.py). Phases keep results deterministic under
concurrency and let ids flow: reads, reads by harvested id, creates (parents before children),
listed actions, own updates, own deletes. Cleanup of what was created runs after all of them.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import IntEnum
from fnmatch import fnmatchcase
from typing import Any

from schemacheck.config import ProbeSettings
from schemacheck.contracts import Contract, doc_part_schema
from schemacheck.model import Schema, SchemaSet
from schemacheck.probe.defuse import urls
from schemacheck.probe.effects import picked_effect
from schemacheck.probe.media import Encoded, as_text, encode, request_media
from schemacheck.probe.param_examples import example_value
from schemacheck.probe.payloads import Problems, declared_examples, merge_examples, sample
from schemacheck.probe.safety import (
    EMAIL,
    Classified,
    Kind,
    broken_by_safety,
    changed_at,
    classify_all,
    listed,
    normalise,
    own_id_keys,
    reserved,
    untagged_where_refused,
)
from schemacheck.probe.values import constraints, string_value
from schemacheck.result import Kept
from schemacheck.secret_names import is_secret_header, is_secret_key
from schemacheck.sources.openapi import Operation
from schemacheck.sources.ts_examples import Example

PARAM = re.compile(r"\{([^}]+)\}")
WRITES = ("POST", "PUT", "PATCH")
GENERIC_IDS = {"id", "uuid", "pk", "key", "slug", "name", "_id"}
NO_PATH_VALUE = "no value for path parameter"
LIST_KEYS = ("items", "data", "results", "records", "content", "rows", "entries")


class Phase(IntEnum):
    read = 0
    read_by_id = 1
    create = 2  # + nesting depth: parents are created before their children
    action = 6
    own_update = 7
    own_delete = 8  # + 3 - nesting depth


@dataclass
class Planned:
    op: Operation
    phase: int
    kind: Kind
    why: str  # why this class
    listed: bool = False  # named in probe.allow_writes
    body: Any = None
    body_source: str | None = None  # "docs" or "backend"
    doc_request: str | None = None
    doc_response: str | None = None
    skip: str | None = None
    refused: str | None = None  # why the write rules refuse it, whatever values it gets
    path_params: dict[str, str] = field(default_factory=dict)
    query: dict[str, str | list[str]] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)  # required header/cookie parameters
    media: str | None = None  # the request body's media type
    encoded: Encoded | None = None  # the body as sent (JSON, form fields, file parts)
    unsatisfiable: list[tuple[str, str]] = field(default_factory=list)  # (location, why)
    # where the body holds a safe value instead of the sample's (a fictional number, 2099)
    defused: set[str] = field(default_factory=set)
    collection: str = ""  # normalised collection of a create / own update / own delete
    id_param: str = ""  # the id's parameter name in the collection's DELETE path
    param_examples: dict[str, str] = field(default_factory=dict)  # from the spec and the docs
    parents: tuple[str, ...] = ()
    # the collection of a POST the write rules call an action (no DELETE to undo it, an
    # upsert by its operationId): never sent unless listed (or a config workflow step names
    # it); what it makes is never deleted, and is said (cleanup.record_kept)
    keeps: str = ""
    keeps_why: str = ""  # why what it makes is not deleted


def _phase(op: Operation, found: Classified) -> int:
    if found.kind is Kind.read:
        return Phase.read_by_id if PARAM.search(op.path) else Phase.read
    if found.kind is Kind.create:
        return Phase.create + min(len(found.parents), 3)
    if found.kind is Kind.own_update:
        return Phase.own_update
    if found.kind is Kind.own_delete:  # children before their parents
        return Phase.own_delete + 3 - min(len(found.parents), 3)
    return Phase.action


def _skip_reason(op: Operation, found: Classified, is_listed: bool, creates: bool,
                 settings: ProbeSettings, undo_skipped: bool) -> str | None:
    if any(fnmatchcase(op.key, pattern) for pattern in settings.skip):
        return "skipped by the config (probe.skip)"
    if found.kind is Kind.unsupported:
        return found.reason
    if found.kind is Kind.read or is_listed:
        return None
    if found.kind is Kind.action:
        return f"an action ({found.reason}): sent only when probe.allow_writes lists it"
    if not creates:
        return f"a write ({found.kind.value}): allow it with --allow-writes or probe.allow_writes"
    if found.kind is Kind.create and undo_skipped:
        return "a create whose DELETE is skipped by probe.skip: it could not be undone"
    return None


def plan(ops: list[Operation], contracts: list[Contract], settings: ProbeSettings,
         docs: SchemaSet, backend: SchemaSet,
         examples: dict[tuple[str, str], list[Example]] | None = None,
         creates_allowed: bool = False) -> list[Planned]:
    """Classify and plan every operation; `creates_allowed` is --allow-writes (or
    `probe.allow_writes: true`): creates and own updates/deletes, never an action."""
    creates_allowed = creates_allowed or settings.allow_writes is True
    by_op: dict[tuple[str, str], str] = {(c.operation or "", c.part): c.doc_type
                                         for c in contracts if c.operation}
    # A documented example serves every operation taking the same documented request type.
    by_type: dict[str, Any] = {}
    for op in ops:
        given = (examples or {}).get((op.method, op.path))
        if given and by_op.get((op.key, "request")):
            by_type.setdefault(by_op[(op.key, "request")], given[0].value)
    classes = classify_all(ops, backend)
    skipped_deletes = {normalise(op.path) for op in ops if op.method == "DELETE"
                       and any(fnmatchcase(op.key, p) for p in settings.skip)}
    deletes = {normalise(op.path) for op in ops if op.method == "DELETE"}
    planned: list[Planned] = []
    for op in ops:
        found = classes[op.key]
        is_listed = found.kind not in (Kind.read, Kind.unsupported) and listed(
            op, settings.allow_writes)
        if is_listed and found.kind is Kind.action and op.method == "POST" and found.collection:
            # a create under an object this run did not make, listed: what it makes is
            # recorded and deleted like any create's (it went unrecorded, and stayed)
            found = replace(found, kind=Kind.create, reason="a listed create under an object "
                            "this run did not create")
        item = Planned(op, _phase(op, found), found.kind, found.reason, is_listed,
                       doc_request=by_op.get((op.key, "request")),
                       doc_response=by_op.get((op.key, "response")),
                       collection=found.collection, id_param=found.id_param,
                       parents=found.parents)
        if _makes_object(item):  # an action: what it makes is never deleted, only said
            item.keeps = normalise(op.path)
            item.keeps_why = (
                f"the API has no DELETE for {item.keeps}, so nothing the probe may send can "
                "undo it" if item.keeps + "/{}" not in deletes else
                f"the write rules call {op.key} an action ({found.reason}): its answer may be "
                "an object from before the run, so it is not deleted")
            if is_listed:
                item.why += ("; listed, so sent: what it makes is never deleted, and is "
                             "reported as left in the backend")
        item.skip = item.refused = _skip_reason(op, found, is_listed, creates_allowed,
                                                settings,
                                                found.collection + "/{}" in skipped_deletes)
        calls = [e.value for e in (examples or {}).get((op.method, op.path), [])]
        for name in PARAM.findall(op.path):
            value = example_value(op, name, backend, calls)
            if value is not None:
                item.param_examples[name] = value
        media = request_media(op) if op.method in WRITES else None
        if item.skip is None and media is not None:
            item.media, backend_body = media
            problems = Problems()
            if item.doc_request:
                backend_examples = declared_examples(backend_body, backend)
                item.body = sample(doc_part_schema(item.doc_request), docs, example=(
                    merge_examples(by_type.get(item.doc_request), backend_examples)),
                    backend=(backend_body, backend), problems=problems)
                item.body_source = "docs"
            else:
                item.body = sample(backend_body, backend, problems=problems)
                item.body_source = "backend"
            item.unsatisfiable = problems.found
            # as sent: shown so in the plan and the report
            sampled = item.body
            safe = reserved(item.body, schema=backend_body, schemas=backend)
            item.defused = changed_at(sampled, safe)
            item.body = own_body(item, untagged_where_refused(safe, backend_body, backend),
                                 backend_body, backend)
            unsafe = broken_by_safety(sampled, item.body, backend_body, backend)
            encoded = encode(item.media, item.body, backend_body, backend)
            named, other = own_key_kept(item), other_key_kept(item)
            kept_name = names_kept(item)
            if unsafe:
                item.skip = item.refused = unsafe
            elif kept_name:
                item.skip = item.refused = (
                    f"a listed create whose body names its object with a value the probe "
                    f"cannot make its own ({kept_name}): it may name an existing object, "
                    "which an upsert would overwrite; not sent")
            elif named:
                item.skip = item.refused = (
                    f"a create whose body must name the new object's id ({named}): one that "
                    "exists would be overwritten (a backend that saves the body); sent only "
                    "when probe.allow_writes lists it")
            elif other:
                item.skip = item.refused = (
                    f"a write whose body must name another object ({other}) by a number or a "
                    "reference: a sample's or a docs example's names an existing one (a "
                    "comment on post 1 mails its author); sent only when probe.allow_writes "
                    "lists it")
            elif isinstance(encoded, str):
                item.skip = encoded
            else:
                item.encoded = encoded
        planned.append(item)
    return planned


def _own_keys(item: Planned) -> list[str]:
    return own_id_keys([item.id_param] if item.id_param else [], item.collection)


def own_body(item: Planned, body: Any, schema: Schema | None = None,
             schemas: SchemaSet | None = None, ours: frozenset[str] = frozenset(),
             nth: int = 0) -> Any:
    """A create's or own update's body never names another object as itself: a backend that
    saves the body (Spring's `repository.save`, an upsert) would overwrite the object whose
    id a sample or a docs example gives (`"id": 1`, `"slug": "home"`). An own update's own id
    field (`id`, or the one its path names) names the object it updates. A create's is left
    out, unless the backend (`schema`, the request body's) requires it: then a string is the
    probe's own ("sample-slug"), and a number stays, for `own_key_kept` to refuse. A field
    naming another object (`post_id`, `ownerId`) is treated the same way, also in an own
    update: left out, or the probe's own string, or kept for `other_key_kept` to refuse;
    unless it names an object this run created (`ours`: a docs workflow's `{{post.id}}`).
    Every create, listed or not (and a listed POST no DELETE undoes), names its new object
    with the probe's own value (`_own_names`); the `nth` body of one create sent while the
    first object exists (--promises) with another than the first's (a unique slug, username
    or code answered 409, and the promise went untested)."""
    if not isinstance(body, dict) or not (item.kind in (Kind.create, Kind.own_update)
                                          or _makes_object(item)):
        return body
    core = schemas.core(schema)[0] if schema is not None and schemas is not None else {}
    props = core.get("properties", {}) if isinstance(core.get("properties"), dict) else {}
    body = _own_names(item, body, core, props, schemas, nth)
    if item.listed or item.kind not in (Kind.create, Kind.own_update):
        return body
    own = item.path_params.get(item.id_param) if item.kind is Kind.own_update else None
    fitted = dict(body)
    owns = _own_keys(item)
    others = [k for k in _other_keys(item, fitted) if str(fitted[k]) not in ours]
    for key in [*owns, *others]:
        if key not in fitted:
            continue
        if own is not None and key in owns:
            fitted[key] = int(own) if isinstance(fitted[key], int) and own.isdigit() else own
        elif key not in core.get("required", []):
            del fitted[key]
        elif isinstance(fitted[key], str) and schemas is not None:
            prop = props.get(key)
            value = string_value(constraints(schemas.core(prop)[0]) if isinstance(
                prop, dict) else {}, key)
            if isinstance(value, str):
                fitted[key] = value
            else:  # no value of the probe's own fits: the backend refuses the body
                del fitted[key]
    return fitted


# Fields an upsert may key on besides the id (`slug`, `name`): a docs example's value there
# names an object that may exist ("home", "Acme"), which a create would overwrite.
NAMING_KEYS = ("slug", "name", "handle", "username", "key", "code")


def _naming_keys(item: Planned) -> list[str]:
    return list(dict.fromkeys([*_own_keys(item), *NAMING_KEYS]))


def _makes_object(item: Planned) -> bool:
    """A create, or a POST on a collection the write rules call an action (no DELETE, an
    upsert by its operationId): sent only when listed, it may make an object too."""
    return item.kind is Kind.create or (item.kind is Kind.action and item.op.method == "POST"
                                        and not PARAM.fullmatch(item.op.path.rstrip("/")
                                                                .rpartition("/")[2]))


def _own_names(item: Planned, body: dict[str, Any], core: dict[str, Any],
               props: dict[str, Any], schemas: SchemaSet | None,
               nth: int = 0) -> dict[str, Any]:
    """A create's (or a listed POST's) field that names the new object (its id, `slug`,
    `name`) holds the probe's own value, never a docs example's: a backend that upserts on
    it would overwrite the object the example names. A string takes the probe's own value
    ("sample-slug") when one fits; else the field is left out unless required; a required
    one that cannot be the probe's own stays, for `names_kept` to refuse the create."""
    if not _makes_object(item):
        return body
    fitted = dict(body)
    for key in _naming_keys(item):
        if key not in fitted:
            continue
        prop = props.get(key)
        value = string_value(constraints(schemas.core(prop)[0]) if isinstance(
            prop, dict) and schemas is not None else {}, key, nth)
        if isinstance(fitted[key], str) and isinstance(value, str):
            fitted[key] = value
        elif key not in core.get("required", []):
            del fitted[key]
    return fitted


def names_kept(item: Planned) -> str | None:
    """A naming field a listed create's body still holds as given (a number the backend
    requires: 1 is an existing row's id more often than not): it may name an existing
    object, so the create is not sent. (An unlisted create's id: `own_key_kept`.)"""
    if not _makes_object(item) or not item.listed or not isinstance(item.body, dict):
        return None
    return next((f"{key} = {item.body[key]!r}" for key in _naming_keys(item)
                 if key in item.body and not isinstance(item.body[key], str)), None)


def own_key_kept(item: Planned) -> str | None:
    """The own id field a create's body still names as it was given (a number the backend
    requires: 1 is an existing row's id more often than not): the create is not sent."""
    if item.kind is not Kind.create or item.listed or not isinstance(item.body, dict):
        return None
    return next((key for key in _own_keys(item) if key in item.body
                 and not isinstance(item.body[key], str)), None)


def _other_keys(item: Planned, body: dict[str, Any]) -> list[str]:
    """The body's fields that name another object than the one written: by its id
    (`post_id`), as a reference (`"post": {"id": 1}`, `"tags": [{"id": 3}]`), or a person or
    a container by name (`assignee`, `org`)."""
    owns = set(_own_keys(item))
    return [k for k, v in body.items() if isinstance(k, str) and k not in owns
            and (names_object(k) or names_party(k) and _names(v) or _reference(v))]


def _names(value: Any) -> bool:
    """A name or a list of names (a nested object is the new object's own detail)."""
    return isinstance(value, str) or isinstance(value, list) and bool(value) and all(
        isinstance(v, str) for v in value)


def _reference(value: Any) -> bool:
    """An object (or a list of them) holding an id: a reference to an existing object."""
    items = value if isinstance(value, list) else [value]
    return any(isinstance(v, dict) and any(k in v for k in ("id", "uuid", "_id", "pk"))
               for v in items)


def other_key_kept(item: Planned) -> str | None:
    """A field naming another object that an unlisted create's or own update's body still
    names by a number or a nested reference (the backend requires it): not sent."""
    if item.kind not in (Kind.create, Kind.own_update) or item.listed or not isinstance(
            item.body, dict):
        return None
    return next((k for k in _other_keys(item, item.body) if not isinstance(item.body[k], str)),
                None)


@dataclass
class Created:
    """An object this run created, and how to delete it."""

    collection: str  # normalised: "/clients/{}/campaigns"
    id: str | None  # None when the answer named no id
    by: str  # the operation that created it
    parent_ids: list[str] = field(default_factory=list)  # ids filling the parents, in order
    deleted: bool = False
    note: str = ""  # why it could not be identified or deleted
    # while nothing in its answer shows the object is new (a get-or-create hands back an
    # existing one): the create as sent (item, URL, body), for cleanup.prove to send once
    # more; no own update, delete or child touches it until then
    again: tuple[Planned, str, Encoded | None] | None = None
    answered: str | None = None  # the id the answer named, when not shown to be the run's


@dataclass
class Harvest:
    """Values seen in earlier answers: list items per collection, fields by name, and the
    objects this run created."""

    by_collection: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)
    created: list[Created] = field(default_factory=list)

    seen_ids: set[str] = field(default_factory=set)  # id-like values in any earlier answer
    started: float = field(default_factory=time.time)  # the run's start, epoch seconds
    backend_started: float | None = None  # the same by the backend's clock (its Date header)
    # the ids of the items each collection read listed first (op key -> ids), and the create
    # whose answer named each id: after cleanup, a listed id that was not there before is
    # still reported (census in cleanup.py)
    listings: dict[str, set[str]] = field(default_factory=dict)
    named_by: dict[str, str] = field(default_factory=dict)
    # creates sent and not yet recorded (Ctrl-C, an error): (item, task, answer and body of
    # its result, the request as sent); `recorded` holds the answers already in `created`
    # (compared by identity)
    in_flight: list[tuple[Planned, Any, Any, Any]] = field(default_factory=list)
    recorded: list[Any] = field(default_factory=list)
    # what a POST no DELETE can undo made (cleanup.record_kept), and the answers read for it
    kept: list[Kept] = field(default_factory=list)
    kept_answers: list[Any] = field(default_factory=list)

    def add(self, op: Operation, body: Any) -> None:
        self.seen_ids |= ids_in(body)
        first = _first_item(body)
        if not isinstance(first, dict):
            return
        segments = op.path.rstrip("/").split("/")
        if op.method == "GET" and not PARAM.fullmatch(segments[-1]) and isinstance(
                body, (list, dict)) and first is not body:
            self.by_collection.setdefault(normalise(op.path), first)
            self.listings.setdefault(op.key, item_ids(body))
        for key, value in first.items():
            if isinstance(value, (str, int)) and not isinstance(value, bool) \
                    and key.lower() not in GENERIC_IDS:
                self.by_name.setdefault(key, str(value))

    def param(self, path: str, name: str) -> str | None:
        """A value for `{name}` in `path`: an id from the list answer of the collection the
        parameter indexes (never another resource's `id`), else a same-named field that is
        not a credential."""
        collection = normalise(path.split("{" + name + "}")[0])
        item = self.by_collection.get(collection)
        if item is not None:
            value = item.get(name, item.get("id"))
            if isinstance(value, (str, int)) and not isinstance(value, bool):
                return str(value)
        # a credential (a magic link's {token}) is never carried from one answer to another
        # request: opening the link spends it
        if name.lower() in GENERIC_IDS or is_secret_key(name):
            return None
        return self.by_name.get(name)

    def own(self, collection: str) -> Created | None:
        """The first object this run created in `collection`, shown to be new, not deleted."""
        return next((c for c in self.created if c.collection == collection and c.id
                     and not c.deleted and c.again is None), None)

    def answered(self, collection: str) -> Created | None:
        """The first object a create of this run answered with in `collection`, not deleted,
        shown to be new or not: enough to read it (a read changes nothing)."""
        return next((c for c in self.created if c.collection == collection and c.id
                     and not c.deleted), None)


ID_WORDS = {"id", "ids", "uuid", "uuids", "guid", "guids", "pk", "oid"}


def names_object(name: str) -> bool:
    """Whether a parameter's name says it holds an object's id (`post_id`, `answerId`,
    `userIds`, `uuid`)."""
    words = [w.lower() for w in re.split(r"[-_.\s]+|(?<=[a-z0-9])(?=[A-Z])", name) if w]
    return bool(words) and words[-1] in ID_WORDS


# The last word of a field naming a person (to assign, mention, make owner) or the container
# an object sits in (an org, a parent) by name: a docs example's `"assignee": "octocat"` mailed
# that user, `"org": "acme-corp"` moved the run's own issue into another org.
PARTY_WORDS = {"owner", "assignee", "reviewer", "author", "user", "username", "login",
               "member", "collaborator", "mention", "approver", "watcher", "follower",
               "manager", "moderator", "invitee", "delegate", "org", "organization",
               "organisation", "team", "group", "parent", "workspace", "tenant", "account",
               "project"}


def names_party(name: str) -> bool:
    """Whether a field's name says it names a person or a container (`assignee`,
    `reviewers`, `parentOrg`, `owner_login`)."""
    words = [w.lower() for w in re.split(r"[-_.\s]+|(?<=[a-z0-9])(?=[A-Z])", name) if w]
    last = words[-1] if words else ""
    return bool({last, last[:-1] if last.endswith("s") else last} & PARTY_WORDS)


def ids_in(body: Any, depth: int = 0) -> set[str]:
    """Values under id-like keys (`id`, `itemId`, `item_id`, `uuid`) anywhere in an answer."""
    found: set[str] = set()
    if depth > 12:
        return found
    if isinstance(body, dict):
        for key, value in body.items():
            lowered = str(key).lower()
            if isinstance(value, (str, int)) and not isinstance(value, bool) and (
                    lowered in ("id", "uuid", "_id", "pk") or lowered.endswith(("_id", "id"))):
                found.add(str(value))
            elif isinstance(value, (dict, list)):
                found |= ids_in(value, depth + 1)
    elif isinstance(body, list):
        for item in body[:500]:
            found |= ids_in(item, depth + 1)
    return found


def _items(body: Any) -> list[Any]:
    if isinstance(body, list):
        return body
    if isinstance(body, dict):
        for key in LIST_KEYS:
            if isinstance(body.get(key), list):
                return list(body[key])
    return []


def item_ids(body: Any) -> set[str]:
    """The ids of the items a list answer holds (`id`, `uuid`, `_id` or `pk` of each)."""
    found: set[str] = set()
    for item in _items(body)[:1000]:
        if isinstance(item, dict):
            value = next((item[k] for k in ("id", "uuid", "_id", "pk") if k in item), None)
            if isinstance(value, (str, int)) and not isinstance(value, bool):
                found.add(str(value))
    return found


def _first_item(body: Any) -> Any:
    if isinstance(body, list):
        return body[0] if body else None
    if isinstance(body, dict):
        for key in LIST_KEYS:
            value = body.get(key)
            if isinstance(value, list):
                return value[0] if value else None
        return body
    return None


def resolve_params(item: Planned, settings: ProbeSettings, harvest: Harvest,
                   backend: SchemaSet, configured: frozenset[str] = frozenset()) -> None:
    """Fill path and required query parameters, or say why the request cannot be made.

    Unlisted writes take ids only from objects this run created; listed writes also from the
    config (the user's explicit choice), listed creates their parents from answers too; reads
    from the config, examples and harvested answers. Required
    header and cookie parameters get valid values unless they are credentials, which only
    the user gives; `configured` holds the lowercased names of the headers the user sends."""
    names = PARAM.findall(item.op.path)
    picked = _picked(item.kind is not Kind.read)
    own_only = item.kind in (Kind.create, Kind.own_update, Kind.own_delete) and not item.listed
    if own_only:
        if not _own_ids(item, harvest, names):
            return
        media = request_media(item.op)
        fitted = own_body(item, item.body, media[1] if media else None, backend)
        if fitted != item.body and media is not None:  # an own update names its object
            encoded = encode(media[0], fitted, media[1], backend)
            if isinstance(encoded, Encoded):
                item.body, item.encoded = fitted, encoded
    else:
        # A listed write reaches an object of this run's first, else the one the config
        # names; never one another answer or an example names: that object is not the run's
        # (a listed DELETE /accounts/{id} deleted the account a list had shown). An address
        # it picks goes to a reserved domain, so it reaches nobody. A listed create makes a
        # new object (deleted at the end), under whichever parent it finds.
        write = item.kind not in (Kind.read, Kind.create)
        own = _own_path_ids(item.op.path, harvest) if write else {}
        for name in names:
            found = item.param_examples.get(name) or harvest.param(item.op.path, name)
            if write and not (isinstance(found, str) and EMAIL.fullmatch(found)):
                found = None
            value = item.path_params.get(name) or own.get(name) or settings.path_params.get(
                name) or picked(found)
            if value is None and write:
                item.skip = (f"a listed write takes {{{name}}} only from an object this run "
                             f"created or from probe.path_params.{name}, and there is none")
                return
            if value is None:
                item.skip = (f"{NO_PATH_VALUE} {{{name}}} (set "
                             f"probe.path_params.{name})") if not is_secret_key(name) else (
                    f"path parameter {{{name}}} is a credential: only probe.path_params.{name} "
                    "gives it")
                return
            item.path_params[name] = value
    cookies: list[str] = []
    for param in item.op.parameters:
        if param.location not in ("query", "header", "cookie") or not param.required:
            continue
        given = {"query": param.name in settings.query_params,
                 "header": param.name.lower() in configured,
                 "cookie": "cookie" in configured}[param.location]
        if given and param.location != "query":
            continue  # the user's header (or Cookie header) is sent as configured
        # a credential comes from the user (-H, auth, probe.query_params), never from a sample
        if not given and (is_secret_header if param.location == "header" else is_secret_key)(
                param.name):
            how = "probe.query_params" if param.location == "query" else "--header or auth"
            item.skip = f"required {param.location} {param.name} is a credential: give it " \
                        f"with {how}"
            return
        # like a path's id, an id in a write's query names the object it reaches: a sample
        # (1) or a harvested value is an existing object's (a comment on post p-1 mails
        # its author, a vote changes answer 1)
        if own_only and not given and names_object(param.name):
            how = "probe.query_params" if param.location == "query" else "--header"
            item.skip = (f"a write whose required {param.location} {param.name} names another "
                         f"object: give it with {how}, or list it in probe.allow_writes")
            return
        value = settings.query_params.get(param.name) if param.location == "query" else None
        value = value or picked(harvest.by_name.get(param.name))
        values: list[str] = []  # a query list goes as repeated keys (?state=a&state=b)
        if value is None:
            # the spec's example of the parameter (`?email=jane.doe@gmail.com`, `?url=` an
            # internal host) and a flag (`?notify=true`) made harmless as a body's are
            guessed = picked(sample(param.schema, backend, param.name), param.name)
            if isinstance(guessed, list) and param.location == "query":
                values = [as_text(v) for v in guessed if v not in (None, "")]
            value = None if guessed in (None, "") or (isinstance(guessed, list) and not values) \
                else values[0] if values else as_text(guessed)
        if value is None:
            item.skip = f"no value for required {param.location} parameter {param.name}"
            return
        # a value the probe picked (an answer's, a sample) that selects an effect: an audit
        # log's {"method": "DELETE"} sent as GET /proxy?method=DELETE; the config's is sent
        effect = None if given or item.listed else next(filter(None, (
            picked_effect(param.name, v) for v in values or [value])), None)
        if effect:
            item.skip = (f"the value picked for {param.location} {param.name} ({value}) "
                         f"selects an effect ({effect}): give one with probe.query_params")
            return
        if param.location == "query":
            item.query[param.name] = values or value
        elif param.location == "header":
            item.headers[param.name] = value
        else:
            cookies.append(f"{param.name}={value}")
    if cookies:
        item.headers["Cookie"] = "; ".join(cookies)


def _picked(write: bool) -> Callable[..., Any]:
    """How a value the probe picked for a parameter (a sample, the spec's example, an
    answer's) is made harmless: a write's as its body's (safety.reserved); a read's only its
    URLs (defuse.urls): a read filtering by an address changes nothing, one handed a URL may
    fetch it (a link preview) from inside the backend's network."""
    if write:
        return lambda value, name="": reserved(value, key=name)
    return lambda value, name="": urls(value) if isinstance(value, str) else [
        urls(v) if isinstance(v, str) else v for v in value] if isinstance(value, list) \
        else value


def _own_path_ids(path: str, harvest: Harvest) -> dict[str, str]:
    """The path's parameters an object this run created fills: the deepest `{id}` whose
    collection (the path before it) holds one of the run's objects, with its parents' ids."""
    segments = path.split("/")
    for end in range(len(segments) - 1, 0, -1):
        if not PARAM.fullmatch(segments[end]):
            continue
        names = PARAM.findall("/".join(segments[:end + 1]))
        own = harvest.own(normalise("/".join(segments[:end])))
        if own is not None and own.id is not None and len(own.parent_ids) + 1 == len(names):
            return dict(zip(names, [*own.parent_ids, own.id], strict=True))
    return {}


def _own_ids(item: Planned, harvest: Harvest, names: list[str]) -> bool:
    """Fill every path parameter with ids of objects this run created: a create's parents, or
    an own update's object and the parents it was created under. Say why not otherwise."""
    if item.kind is Kind.create:
        ids: list[str] = []
        for parent in item.parents:
            own = harvest.own(parent)
            if own is None or own.id is None:
                item.skip = f"a create under {parent}, where this run created nothing"
                return False
            ids.append(own.id)
    else:
        own = harvest.own(item.collection)
        if own is None or own.id is None:
            item.skip = (f"{item.op.method} only of an object this run created in "
                         f"{item.collection}, and there is none")
            return False
        ids = [*own.parent_ids, own.id]
    if len(ids) != len(names):  # pragma: no cover - classification guarantees the shape
        item.skip = "the path's parameters do not match the objects this run created"
        return False
    item.path_params.update(zip(names, ids, strict=True))
    return True


def own_reads(items: list[Planned], harvest: Harvest) -> list[Planned]:
    """The reads of one object that found no id to read (`GET /users/{id}` with no list to
    harvest from): once the creates are done, each gets the id of an object this run created
    in its collection (a read, so safe to send), its parents' ids before it."""
    retried: list[Planned] = []
    for item in items:
        if item.kind is not Kind.read or not (item.skip or "").startswith(NO_PATH_VALUE):
            continue
        names = PARAM.findall(item.op.path)
        head, _, tail = item.op.path.rstrip("/").rpartition("/")
        if not PARAM.fullmatch(tail):
            continue  # `/users/{id}/avatar`: not the object itself
        own = harvest.answered(normalise(head))
        if own is None or own.id is None or len(own.parent_ids) + 1 != len(names):
            continue
        item.path_params = dict(zip(names, [*own.parent_ids, own.id], strict=True))
        item.skip = None
        retried.append(item)
    return retried
