"""A 422 about a value the probe chose (a format, pattern, length or range of its own sample)
is the probe's problem, not the docs': the value is corrected from the error and sent once
more. What still fails is reported as "could not build a valid value", never as a docs gap."""

from __future__ import annotations

import copy
from typing import Any

from schemacheck.model import SchemaSet
from schemacheck.probe.safety import reserved
from schemacheck.probe.values import Unsatisfiable, constraints, number_value, string_value

# pydantic v2 error types that judge a value's shape, not its presence or its documented type.
SAMPLE_ERRORS = {
    "string_pattern_mismatch", "string_too_short", "string_too_long", "too_short", "too_long",
    "greater_than", "greater_than_equal", "less_than", "less_than_equal", "multiple_of",
    "uuid_parsing", "uuid_type", "uuid_version", "date_parsing", "date_from_datetime_parsing",
    "date_from_datetime_inexact", "datetime_parsing", "datetime_from_date_parsing",
    "time_parsing", "time_delta_parsing", "value_error", "url_parsing", "url_scheme",
    "url_too_long", "url_syntax_violation", "ip_v4_address", "ip_v6_address", "ip_any_address",
    "ip_v4_network", "ip_v6_network", "ip_any_network", "ip_v4_interface", "ip_v6_interface",
    "decimal_max_digits", "decimal_max_places", "decimal_whole_digits", "timezone_aware",
    "timezone_naive", "date_past", "date_future", "datetime_past", "datetime_future",
    "bytes_too_short", "bytes_too_long", "string_not_ascii", "assertion_error",
    # a string the spec allows that is no decimal (Decimal is `number | string`), and a string
    # that is no JSON document (Json[...] is a string with contentMediaType application/json)
    "decimal_parsing", "json_invalid", "base64_decode",
}
FORMATS = {"uuid": "uuid", "date_": "date", "datetime": "date-time", "time_parsing": "time",
           "url": "uri", "ip_v4": "ipv4", "ip_v6": "ipv6", "ip_any": "ipv4"}
# what the error asks of a datetime or date the probe sent: (as a datetime, as a date)
MOMENTS = {"timezone_naive": ("2025-01-01T00:00:00", "2025-01-01T00:00:00"),
           "timezone_aware": ("2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z"),
           "datetime_future": ("2999-01-01T00:00:00Z", "2999-01-01"),
           "date_future": ("2999-01-01", "2999-01-01"),
           "datetime_past": ("2000-01-01T00:00:00Z", "2000-01-01"),
           "date_past": ("2000-01-01", "2000-01-01")}
CTX_LIMITS = {"pattern": "pattern", "min_length": "minLength", "max_length": "maxLength",
              "gt": "exclusiveMinimum", "ge": "minimum", "lt": "exclusiveMaximum",
              "le": "maximum", "multiple_of": "multipleOf"}


def is_sample_error(raw: Any) -> bool:
    """Whether a 422 error judges a value the probe chose. Besides the shape errors above:
    any error but `missing` about a path, query, header or cookie value, since those values
    are the probe's (or the user's), never the documented body's."""
    if not isinstance(raw, dict):
        return False
    kind = str(raw.get("type", ""))
    loc = raw.get("loc")
    where = loc[0] if isinstance(loc, list) and loc else None
    return kind in SAMPLE_ERRORS or (
        where in ("path", "query", "header", "cookie") and kind not in ("missing", ""))


def _limits(raw: dict[str, Any]) -> dict[str, Any]:
    kind = str(raw.get("type", ""))
    limits: dict[str, Any] = {}
    for prefix, fmt in FORMATS.items():
        if kind.startswith(prefix):
            limits["format"] = fmt
            break
    if kind == "value_error" and "email" in str(raw.get("msg", "")).lower():
        limits["format"] = "email"
    found = raw.get("ctx")
    ctx: dict[str, Any] = found if isinstance(found, dict) else {}
    for key, target in CTX_LIMITS.items():
        if key in ctx and isinstance(ctx[key], (int, float, str)):
            limits[target] = ctx[key]
    return limits


def corrected(body: Any, errors: list[tuple[list[Any], Any]], schema: Any = None,
              schemas: SchemaSet | None = None) -> Any | None:
    """A copy of `body` with each rejected value rebuilt from its error; None when nothing
    could be corrected. `errors` holds (loc, raw error) pairs from the 422. With the backend's
    `schema` of the body, a value is rebuilt within its field's own constraints too (an error
    stating none, a validator's `value_error`, got "sample-send_at" for a datetime), and made
    safe as every value sent is: one that comes out as the value refused is not sent again."""
    fixed = copy.deepcopy(body)
    changed = False
    for loc, raw in errors:
        path = [p for p in loc[1:]] if loc and loc[0] == "body" else list(loc)
        holder = _holder(fixed, path)
        if holder is None:
            continue
        container, key = holder
        old = container[key]
        field = _field(schema, schemas, path)
        limits = {**_own_limits(field, schemas), **_limits(raw)}
        if isinstance(old, bool) or not isinstance(old, (str, int, float)):
            continue  # a list or an object is never rebuilt as a string
        kind = str(raw.get("type", ""))
        if kind in MOMENTS and isinstance(old, str):
            new: Any = MOMENTS[kind][len(old) <= 10]  # a date stays a date
        elif isinstance(old, (int, float)):
            new = number_value(limits, isinstance(old, int))
        elif str(raw.get("type", "")).startswith("decimal"):  # a decimal spelled as a string
            found = number_value(limits, False)
            new = found if isinstance(found, Unsatisfiable) else str(found)
        else:
            new = string_value(limits, str(key))
        if isinstance(new, Unsatisfiable):
            continue
        new = reserved(new, key=str(key), schema=field, schemas=schemas)
        if new == old:
            continue
        container[key] = new
        changed = True
    return fixed if changed else None


def _holder(body: Any, path: list[Any]) -> tuple[Any, Any] | None:
    here = body
    for index, part in enumerate(path):
        last = index == len(path) - 1
        if isinstance(here, dict) and part in here:
            if last:
                return here, part
            here = here[part]
        elif isinstance(here, list) and isinstance(part, int) and 0 <= part < len(here):
            if last:
                return here, part
            here = here[part]
        else:
            return None
    return None


def _own_limits(field: Any, schemas: SchemaSet | None) -> dict[str, Any]:
    if not isinstance(field, dict) or schemas is None:
        return {}
    core, _ = schemas.core(field)
    return constraints(core) if isinstance(core, dict) else {}


def _field(schema: Any, schemas: SchemaSet | None, path: list[Any]) -> Any:
    """The backend's schema at `path` in the body, or None."""
    here = schema
    for part in path:
        if not isinstance(here, dict) or schemas is None:
            return None
        core, _ = schemas.core(here)
        if isinstance(part, int):
            here = core.get("items")
        else:
            props = core.get("properties")
            here = props.get(part) if isinstance(props, dict) else None
    return here
