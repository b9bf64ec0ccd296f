"""Every operation is classified before anything is sent, so the probe never changes or destroys
what it did not create (DESIGN.md, "Probing safely").

- read: GET, HEAD.
- create: POST on a collection path (its last segment is not a parameter) that has a
  `{collection}/{id}` sibling with a DELETE to undo it; the collection may sit under ids of
  objects this run created (`/clients/{clientId}/campaigns`), never under another object's id.
- own update / own delete: PUT, PATCH, DELETE on `{collection}/{id}` of a create collection;
  sent only with the id of an object this run created.
- action: every other write (collection DELETEs, paths naming the caller, bulk and admin
  endpoints, writes under another object's id, creates with nothing to undo them). Sent only
  when `probe.allow_writes` lists it by operation glob.

Paths are compared with trailing slashes removed and parameter names ignored, so `/items/` and
`/items`, `/items/{id}` and `/items/{item_id}` are the same places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from fnmatch import fnmatchcase
from typing import Any

from schemacheck.model import SchemaSet
from schemacheck.probe.defuse import CONSENT_FLAGS, choices, flag, host, later, phone, urls, words
from schemacheck.probe.effects import (
    DESTRUCTIVE,
    SIDE_EFFECT_READS,
    named_effect,
    selected_effect,
)
from schemacheck.probe.values import constraints, fits_string
from schemacheck.sources.openapi import Operation

PARAM = re.compile(r"^\{[^}]+\}$")
# Path segments that name the caller: a write there changes a real user's own account.
CALLER = {"me", "self", "current", "my", "mine", "whoami", "current-user", "current_user",
          "currentuser", "myself", "profile"}
# Words in a path segment that mark an endpoint whose effect reaches past one object, or
# reaches a person (mail, auth), money or production (a payment, a deployment): never a
# create, whatever its siblings.
DANGEROUS = {
    "bulk", "batch", "many", "all", "purge", "reset", "wipe", "truncate", "clear", "flush",
    "drop", "import", "sync", "migrate", "migration", "admin", "recover", "recovery",
    "password", "passwords", "passwd", "email", "emails", "mail", "mails", "notify",
    "notification", "notifications", "invite", "invites", "invitation", "send", "broadcast",
    "login", "logout", "signin", "signout", "token", "tokens", "oauth", "session", "sessions",
    "restore", "seed", "rebuild", "reindex", "cron", "execute", "run", "trigger", "test",
    "message", "sms", "payment", "charge", "transfer", "payout", "refund", "checkout",
    "purchase", "deploy", "deployment", "rollback",
    # a person paged, rung or called (Opsgenie alerts, PagerDuty incidents, Pushbullet pushes,
    # Twilio calls), a delivery made again, trust taken back or handed over
    "alert", "incident", "push", "call", "fax", "dial", "ping", "escalate",
    "escalation", "dispatch", "deliver", "delivery", "redeliver", "publish", "revoke",
    "revocation", "rotate", "rotation", "impersonate", "impersonation", "sudo", "grant",
    "promote", "demote",
    # money moves or a customer hears of it (an order, an invoice, a booking, a subscription)
    "order", "invoice", "booking", "reservation", "subscription", "donation", "bill",
    "billing",
    # paper mail posted the same day (Lob's letters, postcards, mailings): no DELETE recalls it
    "letter", "postcard", "mailing", "outbox",
    # public content goes out the moment it is made (a status federates to every follower's
    # server, a tweet reaches timelines, an announcement every member): its DELETE recalls
    # none of it. `statuses` only: a job's `status` is a state, not a post
    "statuses", "tweet", "toot", "announcement",
    # who may reach the account at all: the first allow-list entry shuts every other client
    # out, the probe itself among them, so its own DELETE never gets through; a second factor
    # or a one-time code is the same for a login
    "allowlist", "whitelist", "blocklist", "blacklist", "denylist", "firewall", "mfa", "2fa",
    "totp", "otp"}
WORD = re.compile(r"[-_.~:]+|(?<=[a-z0-9])(?=[A-Z])")
EMAIL = re.compile(r"(?<![\w.+-])([\w.+-]+)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
# Reserved for documentation (RFC 2606, RFC 6761): mail there reaches nobody.
RESERVED_DOMAINS = ("example.com", "example.net", "example.org")
RESERVED_TLDS = ("example", "test", "invalid", "localhost")


def _words(segment: str) -> set[str]:
    return {w.lower() for w in WORD.split(segment) if w}


def _dangerous(segment: str) -> str | None:
    """The dangerous word a write path segment names, also in the plural (`invitations`,
    `imports`, `batches`, `recoveries`, `admins`): a create there mails or reaches past one
    object as much as the singular does."""
    found = words(segment) & DANGEROUS  # defuse.words: each word and its singular
    return min(found) if found else None


class Kind(str, Enum):
    read = "read"
    create = "create"
    own_update = "own update"
    own_delete = "own delete"
    action = "action"
    unsupported = "not probed"


@dataclass(frozen=True)
class Classified:
    kind: Kind
    reason: str  # why this class, in words for the plan
    collection: str = ""  # normalised collection path of a create / own update / own delete
    id_param: str = ""  # the id's parameter name in the DELETE (or own update) path
    parents: tuple[str, ...] = ()  # normalised collections whose created ids fill the path


def normalise(path: str) -> str:
    """`/items/` -> `/items`; `/items/{item_id}` -> `/items/{}`."""
    segments = [("{}" if PARAM.match(s) else s) for s in path.strip("/").split("/") if s]
    return "/" + "/".join(segments)


def _segments(path: str) -> list[str]:
    return [s for s in path.strip("/").split("/") if s]


def classify_all(ops: list[Operation], schemas: SchemaSet | None = None
                 ) -> dict[str, Classified]:
    """Every operation's class; `schemas` (the backend's) resolve its parameters' refs."""
    deletable = {normalise(op.path): _segments(op.path)[-1][1:-1] for op in ops
                 if op.method == "DELETE" and _segments(op.path)
                 and PARAM.match(_segments(op.path)[-1])}
    first = {op.key: _classify(op, deletable, schemas) for op in ops}
    creates = {c.collection for c in first.values() if c.kind is Kind.create}
    # A nested create stays a create only when every parent collection is itself created here.
    changed = True
    while changed:
        changed = False
        for key, found in first.items():
            if found.kind is Kind.create and any(p not in creates for p in found.parents):
                first[key] = Classified(Kind.action, "a write under the id of an object this run "
                                        "did not create", found.collection, found.id_param,
                                        found.parents)  # what it makes, should it be listed
                creates.discard(found.collection)
                changed = True
    out: dict[str, Classified] = {}
    for key, found in first.items():
        if found.kind in (Kind.own_update, Kind.own_delete) and found.collection not in creates:
            found = Classified(Kind.action, f"{key.split()[0]} of an object this run cannot "
                               "create (no create with a delete in its collection)")
        out[key] = found
    return out


def _classify(op: Operation, deletable: dict[str, str],
              schemas: SchemaSet | None = None) -> Classified:
    method = op.method
    segments = _segments(op.path.partition("?")[0])
    if method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"):
        effect = selected_effect(op, schemas) or named_effect(op)
        if effect:
            return Classified(Kind.action, f"a {method} that does more than its path says "
                              f"({effect})")
    if method in ("GET", "HEAD"):
        # a word that destroys names an effect in a path as much as in a value (`/rpc/nuke_all`)
        named = sorted({w for s in segments if not PARAM.match(s) for w in _words(s)}
                       & (SIDE_EFFECT_READS | DESTRUCTIVE))
        if named:
            return Classified(Kind.action, f"a {method} whose path names a side effect "
                              f"({named[0]})")
        return Classified(Kind.read, "a read")
    if method not in ("POST", "PUT", "PATCH", "DELETE"):
        return Classified(Kind.unsupported, f"{method} is not probed")
    fixed = [s for s in segments if not PARAM.match(s)]
    if any(s.lower() in CALLER for s in fixed):
        return Classified(Kind.action, "the path names the caller: it would change a real "
                          "account")
    word = next(filter(None, map(_dangerous, fixed)), None)
    if word:
        return Classified(Kind.action, "a bulk, admin, auth, messaging, money or access "
                          f"endpoint (its path names {word})")
    if not segments:
        return Classified(Kind.action, "a write on the root path")
    last_is_param = bool(PARAM.match(segments[-1]))
    parents = _parents(segments[:-1] if last_is_param else segments)
    if parents is None:
        return Classified(Kind.action, "a write under another object's id")
    if method == "POST":
        if last_is_param:
            return Classified(Kind.action, "a POST on an object's id")
        collection = normalise(op.path)
        if collection + "/{}" not in deletable:
            return Classified(Kind.action, "a POST under another object's id" if parents
                              else "a create with no DELETE to undo it")
        return Classified(Kind.create, "a create with a DELETE to undo it", collection,
                          deletable[collection + "/{}"], parents)
    if not last_is_param:
        what = "a DELETE on a collection" if method == "DELETE" else f"a {method} of a " \
                                                                     "collection or singleton"
        return Classified(Kind.action, what)
    kind = Kind.own_delete if method == "DELETE" else Kind.own_update
    collection = normalise("/".join(segments[:-1]))
    return Classified(kind, f"a {method} of an object this run created", collection,
                      segments[-1][1:-1], parents)


def _parents(segments: list[str]) -> tuple[str, ...] | None:
    """The collections whose created ids fill the parameters inside `segments`:
    `/clients/{clientId}/campaigns` -> ("/clients",). None when a parameter is not an id of
    the collection right before it (`/{tenant}/items`)."""
    parents: list[str] = []
    for index, segment in enumerate(segments):
        if PARAM.match(segment):
            if index == 0 or PARAM.match(segments[index - 1]):
                return None
            parents.append(normalise("/".join(segments[:index])))
    return tuple(parents)


def untagged_where_refused(value: Any, schema: Any, schemas: SchemaSet, depth: int = 0) -> Any:
    """`value` (reserved already) with the tag taken out of an address whose field's pattern
    (or maxLength) the tagged address breaks: a backend that takes no `+` in an address would
    refuse every create, and the address stays at a reserved domain all the same."""
    if depth > 32 or not isinstance(schema, dict):
        return value
    schema = schemas.deref(schema)[0] if "$ref" in schema else schema
    if isinstance(value, str) and TAG in value:
        plain = value.replace(TAG, "")
        return plain if not fits_string(value, schema) and fits_string(plain, schema) \
            else value
    if isinstance(value, dict):
        props = schema.get("properties") or {}
        return {k: untagged_where_refused(v, props.get(k), schemas, depth + 1)
                for k, v in value.items()}
    if isinstance(value, list):
        return [untagged_where_refused(v, schema.get("items"), schemas, depth + 1)
                for v in value]
    return value


def _tagged(match: re.Match[str]) -> str:
    local, domain = match.group(1), match.group(2)
    local = local if TAG in local else local + TAG
    return f"{local}@{domain if _reserved_domain(domain) else 'example.com'}"


def _reserved_domain(domain: str) -> bool:
    domain = domain.lower().rstrip(".")
    return domain.rpartition(".")[2] in RESERVED_TLDS or any(
        domain == d or domain.endswith("." + d) for d in RESERVED_DOMAINS)


# Put in an address's local part (plus-addressing): the address is then none a backend already
# holds, whatever the docs' example says (a staging database seeds admin@example.com).
TAG = "+schemacheck"


def reserved(value: Any, depth: int = 0, key: str = "", schema: Any = None,
             schemas: SchemaSet | None = None) -> Any:
    """`value` with every e-mail address outside the documentation domains moved to
    example.com and tagged as the probe's (`maria@gmail.com` -> `maria+schemacheck@example.com`,
    `admin@example.com` -> `admin+schemacheck@example.com`), and what else would reach past
    the write made harmless (defuse.py): phone numbers fictional, URLs on a reserved host,
    flags that notify or revoke off. A docs example or a sample sent to a create that mails,
    texts or calls back (a new user, an invitation, a webhook) reaches nobody, and a create or
    a recovery keyed by the address (an upsert, a password reset) reaches no account that was
    there before. `key` is the field the value sits under (a list's items sit under its).

    With the backend's `schema` for `value`, a safe value keeps to the field's constraints: a
    pattern the first fictional number breaks gets another fictional one that fits, and a
    flag that only confirms the write, fixed by the schema (`confirm: Literal[True]`), stays:
    it chooses nothing, the write itself being what was allowed. One fixed to any other
    effect (`replace_current: Literal[True]`) does not. Where no safe value fits, the safe
    one stays: `broken_by_safety` then says why the body is not sent."""
    limits = _limits(schema, schemas)
    if isinstance(value, bool):
        new = flag(key, value) if key else value
        allowed = limits.get("enum")
        fixed = isinstance(allowed, list) and value in allowed and new not in allowed
        return value if fixed and words(key) & CONSENT_FLAGS else new
    if isinstance(value, str):
        text = _safe_text(key, value)
        if text == value or not limits or _fits(text, limits):
            return text
        return next((alt for alt in choices(key, value, text)
                     if _safe_text(key, alt) == alt and _fits(alt, limits)), text)
    if depth > 32:
        return value
    if isinstance(value, dict):
        props = _props(schema, schemas)
        return {k: reserved(v, depth + 1, str(k), props.get(k), schemas)
                for k, v in value.items()}
    if isinstance(value, list):
        items = _items_schema(schema, schemas)
        return [reserved(v, depth + 1, key, items, schemas) for v in value]
    return value


def _safe_text(key: str, value: str) -> str:
    value = urls(host(key, later(key, phone(key, value))))
    return EMAIL.sub(_tagged, value) if "@" in value else value


def _core(schema: Any, schemas: SchemaSet | None) -> dict[str, Any]:
    if not isinstance(schema, dict) or schemas is None:
        return {}
    core, _ = schemas.core(schema)
    return core if isinstance(core, dict) else {}


def _limits(schema: Any, schemas: SchemaSet | None) -> dict[str, Any]:
    core = _core(schema, schemas)
    return constraints(core) if core else {}


def _props(schema: Any, schemas: SchemaSet | None) -> dict[str, Any]:
    props = _core(schema, schemas).get("properties")
    return props if isinstance(props, dict) else {}


def _items_schema(schema: Any, schemas: SchemaSet | None) -> Any:
    return _core(schema, schemas).get("items")


def _fits(text: str, limits: dict[str, Any]) -> bool:
    return fits_string(text, limits) and ("enum" not in limits or text in limits["enum"])


def changed_at(before: Any, after: Any, where: str = "body", depth: int = 0) -> set[str]:
    """The locations (`body.send_at`, `body.phones[]`) where `after` (the sample made safe)
    holds another value than `before` (the sample)."""
    if depth > 32:
        return set()
    if isinstance(before, dict) and isinstance(after, dict):
        return set().union(*(changed_at(before[k], v, f"{where}.{k}", depth + 1)
                             for k, v in after.items() if k in before))
    if isinstance(before, list) and isinstance(after, list):
        return set().union(*(changed_at(a, b, f"{where}[]", depth + 1)
                             for a, b in zip(before, after, strict=False)))
    return set() if before == after else {where}


def broken_by_safety(sampled: Any, sent: Any, schema: Any, schemas: SchemaSet,
                     where: str = "body", depth: int = 0) -> str | None:
    """Where the body as sent breaks the backend's constraints at a value the sample met
    them with: no safe value (fictional, reserved, off) fits there, so the body is not sent,
    rather than send the sample's (it would reach past the write) or blame the backend."""
    if depth > 32:
        return None
    if isinstance(sent, dict) and isinstance(sampled, dict):
        props = _props(schema, schemas)
        return next(filter(None, (broken_by_safety(sampled[k], v, props.get(k), schemas,
                                                   f"{where}.{k}", depth + 1)
                                  for k, v in sent.items() if k in sampled)), None)
    if isinstance(sent, list) and isinstance(sampled, list):
        items = _items_schema(schema, schemas)
        return next(filter(None, (broken_by_safety(a, b, items, schemas, f"{where}[]",
                                                   depth + 1)
                                  for a, b in zip(sampled, sent, strict=False))), None)
    limits = _limits(schema, schemas)
    if sent == sampled or not limits:
        return None
    if isinstance(sent, bool) and isinstance(sampled, bool):
        allowed = limits.get("enum")
        bad = isinstance(allowed, list) and sent not in allowed and sampled in allowed
    elif isinstance(sent, str) and isinstance(sampled, str):
        bad = not _fits(sent, limits) and _fits(sampled, limits)
    else:
        bad = False
    if not bad:
        return None
    shown = {k: limits[k] for k in ("pattern", "format", "minLength", "maxLength", "enum")
             if k in limits}
    return (f"no safe value fits {where} ({', '.join(f'{k} {v!r}' for k, v in shown.items())}"
            f"): the probe's {sent!r} breaks it, and a value that fits would reach past the "
            "write (a real number, host, address or moment); not sent")


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def own_id_keys(params: list[str], collection: str) -> list[str]:
    """The fields of a body that name an object of `collection` as itself, given the id's
    parameter in its DELETE (or own update) path: the parameter's own name (`itemId`,
    `item_id`), the name without the resource's (`project_number` -> `number`), and a plain
    `id`, `uuid` or `_id` only when the parameter names an id (`hook_id`, `pk`) or the
    resource itself (`{customer}`): `{project_number}` is not the project's `id`."""
    names: list[str] = []
    generic = not params
    resource = collection.rstrip("/").rpartition("/")[2].lower()
    nouns = {resource, resource[:-1], resource[:-2], resource[:-3] + "y"} - {""}
    for param in params:
        words = [w.lower() for w in re.split(r"[-_]+|(?<=[a-z0-9])(?=[A-Z])", param) if w]
        rest = [w for w in words if w not in nouns]
        names += [param, _camel(param), _snake(param)]
        if rest and rest != words:
            names.append("_".join(rest))
        generic = generic or not rest or rest[-1] in ("id", "uid", "uuid", "guid", "pk", "oid")
    names += ["id", "uuid", "_id"] if generic else []
    return list(dict.fromkeys(names))


def listed(op: Operation, allowed: bool | list[str]) -> bool:
    """Whether `probe.allow_writes` names this operation by glob ("POST /api/v3/jobs/*")."""
    if isinstance(allowed, bool):
        return False
    key = f"{op.method} {op.path}"
    alternatives = {key, f"{op.method} {op.path.rstrip('/') or '/'}"}
    return any(fnmatchcase(k, " ".join(p.split())) for p in allowed for k in alternatives)
