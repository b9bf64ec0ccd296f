"""Effects a request's parameters select, whatever its path and method say: `GET /items?action=
delete`, `GET /jobs?op=reset`, `POST /items?_method=DELETE` (Rails' and Laravel's method
override), `GET /cache?confirm=true`. The path alone does not tell what such a request does,
so safety.py classifies it as an action.

Values are read from what the spec enumerates or suggests for a parameter (enum, const,
default, examples, an array's items), since those are what a sample, a docs example or a
harvested value would send.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl

from schemacheck.model import Schema, SchemaSet
from schemacheck.sources.openapi import Operation

# A parameter whose name says it picks what the request does: free-form, any value may be a
# destructive one (the docs' `?action=delete`).
SELECTORS = {"action", "act", "op", "operation", "do", "cmd", "command", "verb", "task"}
# Names that override the HTTP method: a GET or POST carrying one may be a DELETE.
OVERRIDES = {"_method", "__method", "x-http-method-override", "x-http-method",
             "x-method-override", "http_method_override"}
# Names whose value is an HTTP method or an operation's name, read only by their values.
METHOD_NAMES = {"method", "http_method", "httpmethod", "rpc", "fn", "function", "mode"}
# Words in a value that destroy or undo, under any parameter name (`?type=purge`).
DESTRUCTIVE = {"delete", "remove", "destroy", "purge", "wipe", "reset", "drop", "truncate",
               "clear", "flush", "revoke", "kill", "erase", "nuke", "logout", "deactivate",
               "disable", "cancel", "archive", "overwrite", "replace"}
# A GET or HEAD whose path names one of these has side effects a read must not have
# (`GET /auth/logout` revokes the probe's own token; `GET /verify/{token}` spends a token).
SIDE_EFFECT_READS = {
    "logout", "signout", "revoke", "unsubscribe", "delete", "remove", "destroy", "purge",
    "wipe", "reset", "drop", "truncate", "send", "trigger", "execute", "run", "cancel",
    "approve", "reject", "confirm", "verify", "activate", "deactivate", "disable", "enable",
    "rerun", "retry", "clear", "flush", "sync", "resync", "seed", "rebuild", "reindex",
    "restore", "migrate", "accept", "decline", "subscribe", "resend", "notify",
    "publish", "unpublish", "restart", "kill", "refresh", "rotate", "regenerate",
    "invalidate", "impersonate", "toggle", "unlock", "ban", "unban", "suspend",
    "undelete", "undo", "archive", "unarchive", "erase", "expire", "reopen", "clone",
    "duplicate"}
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# A flag asking to go through with an effect (`?confirm=true`, `?force=1`, `?dry_run=false`):
# a read has nothing to confirm.
CONFIRMS = {"confirm", "confirmed", "confirmation", "force", "forced", "dry", "dryrun"}
WORD = re.compile(r"[-_.~:/\s]+|(?<=[a-z0-9])(?=[A-Z])")
# A write's query value (or flag) widening it past one object: `DELETE /drafts/{id}?scope=all`,
# `POST /announcements?audience=everyone`.
EVERYTHING = {"all", "everything", "everyone", "everybody", "*"}
# A read's parameter naming whom it tells (`?email_to=`, `?recipients=`, `?notify=`): a read
# that sends mail or a message is no read.
RECIPIENTS = {"recipient", "recipients", "cc", "bcc", "notify", "mailto", "sendto", "emailto"}
MESSAGING = {"email", "mail", "send", "sms", "text", "notify", "message", "forward"}
GRAPHQL_MUTATION = re.compile(r"^\s*mutation\b")


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.split(text) if w}


def _values(schema: Any, schemas: SchemaSet | None, depth: int = 0) -> list[str]:
    """The values a schema enumerates or suggests, as strings."""
    if not isinstance(schema, dict) or depth > 8:
        return []
    if schemas is not None:
        schema = schemas.deref(schema)[0]
    found: list[Any] = [*(schema.get("enum") or [])] if isinstance(schema.get("enum"),
                                                                   list) else []
    for key in ("const", "default", "example"):
        if key in schema:
            found.append(schema[key])
    examples = schema.get("examples")
    if isinstance(examples, list):
        found += examples
    elif isinstance(examples, dict):  # OpenAPI's named examples: {name: {value: ...}}
        found += [e.get("value") for e in examples.values() if isinstance(e, dict)]
    out = [str(v) for v in found if isinstance(v, (str, int)) and not isinstance(v, bool)]
    out += [str(v) for v in found if isinstance(v, list) for v in v if isinstance(v, str)]
    for key in ("items", "anyOf", "oneOf", "allOf"):
        part = schema.get(key)
        for sub in part if isinstance(part, list) else [part]:
            out += _values(sub, schemas, depth + 1)
    return out


def _selects(name: str, values: list[str], in_body: bool) -> str | None:
    """Why a parameter `name` taking `values` selects an effect, or None. In a body only a
    method override or a selector's values count: a body's `events: ["delete"]` (a webhook's)
    or free-form `action` (an analytics event's) is data."""
    lowered = name.lower()
    acts = bool(_words(name) & SELECTORS) or lowered in METHOD_NAMES
    if lowered in OVERRIDES:
        return f"{name} overrides the HTTP method"
    if not in_body and lowered in SELECTORS and not values:
        return f"its {name} parameter picks what it does"
    for value in values:
        said = value.strip()
        if (said in WRITE_METHODS or acts and said.upper() in WRITE_METHODS) and (
                acts or not in_body):
            return f"its {name} parameter selects {said}"
        words = _words(said)
        if (words & DESTRUCTIVE and not in_body) or acts and words & (
                SIDE_EFFECT_READS | DESTRUCTIVE):
            return f"its {name} parameter selects a side effect ({said})"
        if GRAPHQL_MUTATION.match(said):
            return f"its {name} parameter holds a GraphQL mutation"
    return None


def selected_effect(op: Operation, schemas: SchemaSet | None = None) -> str | None:
    """Why the parameters of `op` select an effect its path and method do not name, or None:
    a method override anywhere; a query parameter whose values (or, for a selector like
    `action`, any value) destroy or act; a body property doing the same; and for a GET or
    HEAD, a flag confirming an effect (`confirm`, `force`, `dry_run`)."""
    read = op.method in ("GET", "HEAD")
    path, _, literal = op.path.partition("?")  # a spec that wrote the query into the path
    named: list[tuple[str, list[str], str]] = [(k, [v], "query") for k, v in parse_qsl(
        literal, keep_blank_values=True)]
    named += [(p.name, _values(p.schema, schemas), p.location) for p in op.parameters
              if p.location in ("query", "header", "cookie")]
    for body in op.request.values():  # every media type: a form's `_method` as a JSON's
        core: Schema = schemas.core(body)[0] if schemas is not None else body
        props = core.get("properties") if isinstance(core.get("properties"), dict) else {}
        named += [(str(k), _values(v, schemas), "body") for k, v in (props or {}).items()]
    for name, values, where in named:
        if where == "header" and name.lower() not in OVERRIDES:
            continue
        why = _selects(name, values, in_body=where == "body")
        if why:
            return why
        if read and where == "query" and _words(name) & CONFIRMS:
            return f"its {name} flag confirms an effect"
        words = _words(name)
        if read and where == "query" and (words & RECIPIENTS or "to" in words
                                          and words & MESSAGING):
            return f"its {name} parameter names whom it tells"
        if not read and where == "query":
            wide = [v for v in values if v.strip() == "*" or _words(v) & EVERYTHING]
            if wide or name.lower() in EVERYTHING:
                return f"its {name} parameter reaches past one object ({(wide or [name])[0]})"
    return None


# Verbs an operationId gives a read that has an effect (`flushCache`, `logoutUser`,
# `regenerateKey` on a GET), and a create that reaches past one new object or may overwrite
# one (`batchCreateContacts`, `upsertLabel`, `importUsers`): the id says what the path does not.
# Nouns that are also verbs (`run`, `send` in `getRunById`) are left to the path's words.
NAMED_READ_EFFECTS = DESTRUCTIVE | {
    "logout", "signout", "unsubscribe", "trigger", "execute", "rerun", "retry", "revoke",
    "restart", "rotate", "regenerate", "invalidate", "impersonate", "resend", "reindex",
    "rebuild", "seed", "migrate"}
NAMED_CREATE_EFFECTS = {
    "bulk", "batch", "upsert", "import", "sync", "purge", "wipe", "truncate", "reset",
    "merge", "many", "all", "clear", "flush", "send", "notify", "broadcast", "trigger",
    "execute", "delete", "remove", "destroy"}


def named_effect(op: Operation) -> str | None:
    """Why the operationId of a GET, HEAD or POST names an effect its path does not."""
    words = _words(op.operation_id or "")
    found = words & (NAMED_READ_EFFECTS if op.method in ("GET", "HEAD") else
                     NAMED_CREATE_EFFECTS if op.method == "POST" else set())
    return f"its operationId {op.operation_id} says {sorted(found)[0]}" if found else None


def picked_effect(name: str, value: str) -> str | None:
    """Why a value the probe picked for parameter `name` selects an effect, or None. Text
    (a title, a sentence) is data, whatever words it holds; a single token or a GraphQL
    mutation is read as a selector would be."""
    if len(value.split()) > 1 and not GRAPHQL_MUTATION.match(value):
        return None
    return _selects(name, [value], in_body=False)
