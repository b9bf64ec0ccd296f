"""Each body goes in its operation's own media type: JSON, form-urlencoded, or multipart with
small generated file parts. What cannot be built is said, and the operation not sent."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from schemacheck.model import Schema, SchemaSet, type_names
from schemacheck.probe.client import FilePart, Files, Form
from schemacheck.probe.defuse import safe_defaults, wide
from schemacheck.probe.safety import broken_by_safety, reserved, untagged_where_refused
from schemacheck.sources.openapi import Operation

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
SAMPLE_FILE = b"schemacheck sample file\n"


def is_json(media: str) -> bool:
    base = media.split(";")[0].strip().lower()
    return base in (JSON, "*/*") or base.endswith("+json")


def request_media(op: Operation) -> tuple[str, Schema] | None:
    """The media type the probe sends and the backend's schema for it: JSON first, then
    form-urlencoded, then multipart; None when the operation takes no body."""
    if not op.request:
        return None
    order = sorted(op.request, key=lambda m: (not is_json(m), m.split(";")[0] != FORM,
                                              m.split(";")[0] != MULTIPART, m))
    media = order[0]
    base = "application/json" if is_json(media) else media.split(";")[0].strip().lower()
    return base, op.request[media]


@dataclass(frozen=True)
class Encoded:
    json_body: Any = None
    form: Form | None = None
    files: Files | None = None


def is_file(schema: Schema, schemas: SchemaSet) -> bool:
    core, _ = schemas.core(schema)
    # a string holding JSON (pydantic's Json[...]) names a media type too, but is no file
    text = is_json(str(core.get("contentMediaType", ""))) or "contentSchema" in core
    return core.get("format") in ("binary", "byte") or core.get("type") == "file" or (
        "contentMediaType" in core and not text)


# Why a body is not sent whose value reaches everyone (defuse.wide).
WIDE = "a write whose body reaches everyone"


def _defaults(backend: Schema, schemas: SchemaSet, keys: dict[str, Any]) -> dict[str, Any]:
    """The backend's own defaults of `keys`' fields (what leaving them out sends)."""
    core, _ = schemas.core(backend)
    found = core.get("properties")
    props: dict[str, Any] = found if isinstance(found, dict) else {}
    return {k: schemas.core(props[k])[0].get("default") for k in keys
            if isinstance(props.get(k), dict)}


def encode(media: str, body: Any, backend: Schema, schemas: SchemaSet,
           omit: frozenset[str] = frozenset()) -> Encoded | str:
    """The request parts for `body` in `media`, or why it cannot be built. Every address in it
    is a reserved one (safety.reserved): no body the probe sends mails a real person. `omit`:
    fields a variant leaves out on purpose (field by field), never filled in again."""
    given = body  # as the caller made it: what the probe's safe values are compared with
    body = untagged_where_refused(reserved(body, schema=backend, schemas=schemas), backend,
                                  schemas)
    if isinstance(body, dict) and isinstance(given, dict):
        # a field the backend defaults to an effect (`notify: true`) is named, off; a
        # variant leaving one out on purpose is not sent
        unsafe = safe_defaults(backend, schemas)
        if unsafe.keys() & omit:
            left = sorted(unsafe.keys() & omit)[0]
            return f"leaving out {left} would have the backend's default ({left}: " \
                   f"{unsafe[left]!r} is sent instead) reach past the write"
        added = {k: v for k, v in unsafe.items() if k not in body}
        body = {**body, **added}
        given = {**_defaults(backend, schemas, added), **given}  # left out: the default
    reach = wide(body)
    if reach:
        return f"{WIDE} ({reach}): the probe sends no value that reaches past one object"
    # a safe value the backend's schema refuses where the given one fitted: the backend
    # would refuse the probe's own change, and be blamed for it
    unfit = broken_by_safety(given, body, backend, schemas)
    if unfit:
        return unfit
    if media == JSON:
        return Encoded(json_body=body)
    if media not in (FORM, MULTIPART):
        return f"the request body is {media}, which the probe cannot build"
    if body is None:
        body = {}
    if not isinstance(body, dict):
        return f"a {media} body must be an object of fields"
    core, _ = schemas.core(backend)
    props = core.get("properties", {}) if isinstance(core.get("properties"), dict) else {}
    form: Form = {}
    files: Files = {}
    for key, value in body.items():
        schema = props.get(key, {})
        if media == MULTIPART and isinstance(schema, dict) and _is_file_array(schema, schemas):
            # one part per file the sample holds (as many as minItems asks), at least one
            count = max(len(value) if isinstance(value, list) else 1, 1)
            files[key] = [_part(key, i) for i in range(count)]
        elif media == MULTIPART and isinstance(schema, dict) and is_file(schema, schemas):
            files[key] = _part(key, 0)
        elif isinstance(value, (bool, str, int, float)):
            form[key] = as_text(value)
        elif value is None:
            continue
        elif isinstance(value, list) and all(
                isinstance(v, (bool, str, int, float)) for v in value):
            if value:  # a list of scalars: the key repeated, as form parsers read lists
                form[key] = [as_text(v) for v in value]
        elif media == FORM and isinstance(value, (dict, list)) and _is_object(schema, schemas):
            # an object field of a urlencoded body: bracketed keys (`metadata[plan]=x`), as
            # Stripe-style specs declare (style deepObject) and Rails, PHP and qs parse
            form.update(_brackets(key, value))
        else:  # a JSON document in a field (multipart's default for an object part)
            form[key] = json.dumps(value, separators=(",", ":"))
    # A required file the sample left empty still needs a part.
    for key in core.get("required", []) if media == MULTIPART else []:
        schema = props.get(key)
        if isinstance(schema, dict) and is_file(schema, schemas) and key not in files \
                and key not in omit:
            files[key] = _part(key, 0)
            form.pop(key, None)
    return Encoded(form=form, files=files or None)


def _is_object(schema: Schema, schemas: SchemaSet) -> bool:
    """An object, or an array of objects (`items[0][price]=...`)."""
    core, _ = schemas.core(schema)
    if "array" in type_names(core) and isinstance(core.get("items"), dict):
        core, _ = schemas.core(core["items"])
    return "object" in type_names(core) or "properties" in core


def _brackets(prefix: str, value: Any, depth: int = 0) -> dict[str, str | list[str]]:
    if depth > 8 or value is None:
        return {}
    if isinstance(value, dict):
        out: dict[str, str | list[str]] = {}
        for key, sub in value.items():
            out.update(_brackets(f"{prefix}[{key}]", sub, depth + 1))
        return out
    if isinstance(value, list):
        out = {}
        for index, sub in enumerate(value):
            out.update(_brackets(f"{prefix}[{index}]", sub, depth + 1))
        return out
    return {prefix: as_text(value)} if isinstance(value, (bool, str, int, float)) else {}


def _part(key: str, index: int) -> FilePart:
    return (f"{key}{index + 1 if index else ''}.txt", SAMPLE_FILE, "text/plain")


def as_text(value: bool | str | int | float) -> str:
    """A value as a form field, query or header carries it (`true`, not `True`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _is_file_array(schema: Schema, schemas: SchemaSet) -> bool:
    core, _ = schemas.core(schema)
    return "array" in type_names(core) and isinstance(core.get("items"), dict) and is_file(
        core["items"], schemas)
