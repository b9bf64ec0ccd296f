"""Whether the harmless values defuse.py puts in a body still fit the backend's schema.

A value made to reach nobody that the backend's schema refuses (`confirm: false` where only
`true` is allowed, `example.invalid` for a `server` enumerated as "eu" | "us", a fictional
number against a pattern) would have the backend refuse the body for the probe's own change:
a finding the tool caused, put on the backend. Such a body is not sent (the value it would
need reaches past the write), and the reason names the field."""

from __future__ import annotations

from typing import Any

from schemacheck.model import Schema, SchemaSet
from schemacheck.probe.defuse import (
    FAR_LEAP_YEAR,
    FAR_YEAR,
    FICTIONAL_PHONE,
    SAFE_HOST,
    WHEN_WORDS,
    flag,
    words,
)
from schemacheck.probe.values import fits_string

# What defuse.host puts for an IP address (RFC 5737, 3849).
SAFE_IPS = ("192.0.2.1", "2001:db8::1", "192.0.2.1/32", "2001:db8::1/128")


def _forced(key: str, value: Any) -> bool:
    """Whether `value` under `key` is one defuse puts there whatever was given."""
    if isinstance(value, bool):
        return flag(key, True) == flag(key, False) == value
    if not isinstance(value, str):
        return False
    return (value in (FICTIONAL_PHONE, FICTIONAL_PHONE[2:], *SAFE_IPS) or SAFE_HOST in value
            or bool(words(key) & WHEN_WORDS) and value[:4] in (FAR_YEAR, FAR_LEAP_YEAR))


def _fits(value: Any, core: Schema) -> bool:
    """Whether the backend's schema (its const, enum and string limits) allows `value`."""
    if "const" in core and core["const"] != value:
        return False
    if isinstance(core.get("enum"), list) and value not in core["enum"]:
        return False
    return not isinstance(value, str) or isinstance(value, bool) or fits_string(value, core)


def unfit_defused(value: Any, schema: Any, schemas: SchemaSet, where: str = "body",
                  key: str = "", depth: int = 0) -> str | None:
    """The first place (`body.confirm`, with the value) where a value defuse forces is one the
    backend's schema refuses, or None."""
    if depth > 32 or not isinstance(schema, dict):
        return None
    core, _ = schemas.core(schema)
    if isinstance(value, dict):
        found = core.get("properties")
        props: dict[str, Any] = found if isinstance(found, dict) else {}
        return next(filter(None, (unfit_defused(v, props.get(k), schemas, f"{where}.{k}",
                                                str(k), depth + 1)
                                  for k, v in value.items())), None)
    if isinstance(value, list):
        return next(filter(None, (unfit_defused(v, core.get("items"), schemas, f"{where}[]",
                                                key, depth + 1) for v in value)), None)
    if key and _forced(key, value) and not _fits(value, core):
        return f"{where} = {value!r}"
    return None
