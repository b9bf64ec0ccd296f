"""Scalar sample values valid for both sides: the documented type, narrowed by what the
backend's schema for the same field demands (format, pattern, length, range, enum, const).

Patterns are solved with rstr (a small, well-kept regex-to-string generator) seeded per field,
so payloads are the same on every run.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import ipaddress
import math
import random
import re
import uuid
from dataclasses import dataclass
from typing import Any

import rstr

from schemacheck.probe.defuse import reaches

FORMAT_SAMPLES = {
    "date-time": "2025-01-01T00:00:00Z", "date": "2025-01-01", "time": "12:00:00",
    "email": "user@example.com", "idn-email": "user@example.com",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "uri": "https://example.com/", "url": "https://example.com/", "iri": "https://example.com/",
    "uri-reference": "https://example.com/", "hostname": "example.com",
    "idn-hostname": "example.com", "ipv4": "192.0.2.1", "ipv6": "2001:db8::1",
    "duration": "P1D", "byte": "", "binary": "", "password": "sample-password-1",
    "int32": "1", "int64": "1", "regex": ".*", "json-pointer": "/a",
    # pydantic's own formats: UUID1..UUID5, IPvAny*/IPv4*/IPv6* networks and interfaces
    "base64": "c2FtcGxl", "base64url": "c2FtcGxl",  # "sample", padded either way
    "uuid1": "a8098c1a-f86e-11da-bd1a-00112444be1e",
    "uuid3": "6fa459ea-ee8a-3ca4-894e-db77e160355e",
    "uuid4": "00000000-0000-4000-8000-000000000000",
    "uuid5": "886313e1-3b8a-5372-9b90-0c9aee199e5d",
    "ipvanyaddress": "192.0.2.1", "ipvanynetwork": "192.0.2.0/24",
    "ipvanyinterface": "192.0.2.1/24", "ipv4network": "192.0.2.0/24",
    "ipv6network": "2001:db8::/32", "ipv4interface": "192.0.2.1/24",
    "ipv6interface": "2001:db8::1/64",
}
# A moment named as the end of a range (`end_date`, `validUntil`, `expires_at`) gets a later
# value than every other, so a backend rule "end after start" holds for the samples.
LATER = {"date-time": "2025-12-31T23:59:59Z", "date": "2025-12-31", "time": "23:00:00"}
LATER_WORDS = frozenset({"end", "ends", "ending", "until", "till", "to", "finish", "finishes",
                         "stop", "expires", "expiry", "expiration", "deadline", "close",
                         "closes", "checkout"})
NAMED_FORMATS = frozenset({"email", "uri", "url", "uuid", "date", "time", "hostname", "ipv4",
                           "ipv6"})
UUID_VERSION = re.compile(r"uuid([1-8])")
# Unicode property classes (Rust's and ECMAScript's regex read them; Python's re does not):
# each becomes an ASCII subset of itself, so what is made or accepted with it is in the class.
UNICODE_CLASSES = {"L": "a-zA-Z", "Letter": "a-zA-Z", "Lu": "A-Z", "Ll": "a-z",
                   "N": "0-9", "Nd": "0-9", "Alphabetic": "a-zA-Z"}
PROPERTY = re.compile(r"\\p\{([A-Za-z_]+)\}|\\p([LN])")
HOSTNAME = re.compile(r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                      r"(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*")


@dataclass(frozen=True)
class Unsatisfiable:
    """No value meets both the docs and the backend for this field."""

    reason: str


def constraints(*cores: dict[str, Any]) -> dict[str, Any]:
    """The narrowest constraints of several schemas of one value (docs first)."""
    out: dict[str, Any] = {}
    for core in cores:
        for key in ("format", "pattern"):
            if isinstance(core.get(key), str):
                out.setdefault(key, core[key])
                if key == "pattern" and out[key] != core[key]:
                    out.setdefault("patterns", []).append(core[key])
        for key, pick in (("minLength", max), ("minimum", max), ("exclusiveMinimum", max),
                          ("minItems", max), ("maxLength", min), ("maximum", min),
                          ("exclusiveMaximum", min), ("maxItems", min)):
            value = core.get(key)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                out[key] = pick(out[key], value) if key in out else value
        if isinstance(core.get("multipleOf"), (int, float)) and core["multipleOf"] > 0:
            out["multipleOf"] = core["multipleOf"]  # the backend's wins: it is checked last
        if "const" in core:
            out["enum"] = _meet(out.get("enum"), [core["const"]])
        elif isinstance(core.get("enum"), list):
            out["enum"] = _meet(out.get("enum"), [v for v in core["enum"] if v is not None])
    return out


def _meet(first: list[Any] | None, second: list[Any]) -> list[Any]:
    return list(second) if first is None else [v for v in first if v in second]


def python_pattern(pattern: str) -> str:
    """`pattern` in Python's dialect: unicode property classes become ASCII subsets of
    themselves (inside a character class or alone); one it cannot narrow stays as it is."""
    out: list[str] = []
    depth = 0  # inside [...]
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            found = PROPERTY.match(pattern, index)
            if found and (found.group(1) or found.group(2)) in UNICODE_CLASSES:
                ascii_set = UNICODE_CLASSES[found.group(1) or found.group(2)]
                out.append(ascii_set if depth else f"[{ascii_set}]")
                index = found.end()
                continue
            out.append(pattern[index:index + 2])
            index += 2
            continue
        if char == "[" and not depth:
            depth = 1
        elif char == "]" and depth:
            depth = 0
        out.append(char)
        index += 1
    return "".join(out)


def bounded(pattern: str) -> str:
    """`pattern` with each unbounded repeat (`+`, `*`, `{n,}`) held to a few repeats: what it
    makes still matches `pattern`, and fits a maxLength far more often (rstr repeats up to
    100 times)."""
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index:index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern[index + 1:index + 2] == "]":  # `[]...]`: the first ] is a member
                out.append("[]")
                index += 2
                continue
        elif char in "+*" and out and out[-1] not in ("(", "|"):
            out.append("{1,3}" if char == "+" else "{0,3}")
            index += 1
            continue
        elif char == "{":
            found = re.match(r"\{(\d+),\}", pattern[index:])
            if found:
                low = int(found.group(1))
                out.append(f"{{{low},{low + 2}}}")
                index += found.end()
                continue
        out.append(char)
        index += 1
    return "".join(out)


def string_value(limits: dict[str, Any], name: str, nth: int = 0) -> str | Unsatisfiable:
    """A string for `name` meeting `limits`. `nth` > 0 asks for another one than the first
    (a value a backend may hold unique, sent again while the first object exists): the
    readable one ends in the number, kept when a short maxLength cuts the rest
    ("sample-slug-2", "sam-2")."""
    if "enum" in limits:
        found = [v for v in limits["enum"] if isinstance(v, str) and fits_string(v, limits)]
        # a value reaching everyone or setting an effect going (`"everyone"`, `"sending"`) last
        found.sort(key=reaches)
        return found[0] if found else Unsatisfiable(
            "no documented value is one the backend accepts" if limits["enum"] else
            "the documented values and the backend's enum have nothing in common")
    low, high = int(limits.get("minLength", 0)), limits.get("maxLength")
    if high is not None and low > high:
        return Unsatisfiable(f"minLength {low} is over maxLength {high}")
    candidates: list[str] = []
    fmt = limits.get("format")
    words = set(re.split(r"[^a-z0-9]+", re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()))
    if fmt in LATER and words & LATER_WORDS:
        candidates.append(LATER[fmt])  # the end of a range after its start, as rules check
    if fmt in FORMAT_SAMPLES:
        candidates.append(FORMAT_SAMPLES[fmt])
    base = f"sample-{name}" if name else "sample"
    suffix = f"-{nth + 1}" if nth else ""
    # a readable value first when it already fits: random pattern text (control characters,
    # quotes) meets the pattern but trips rules no schema states
    cut = high - len(suffix) if isinstance(high, int) else None
    candidates.append(_fit_length(base, max(low - len(suffix), 0), cut) + suffix)
    # a pattern-only field named like a format (`email`, `site_url`): its usual value first
    candidates += [FORMAT_SAMPLES[word] for word in sorted(words & NAMED_FORMATS)]
    if "pattern" in limits:
        generator = rstr.Rstr(random.Random(f"{name}|{limits['pattern']}"
                                            + (f"|{nth}" if nth else "")))
        readable = python_pattern(limits["pattern"])
        for pattern in dict.fromkeys([bounded(readable), readable]):  # the short ones first
            for _ in range(10):
                try:
                    text = generator.xeger(pattern)
                except (re.error, ValueError, IndexError, TypeError, OverflowError, KeyError,
                        RecursionError):
                    break  # a construct rstr cannot make (KeyError: a possessive repeat)
                candidates.append(_fit_length(text, low, high))
    for text in candidates:
        if fits_string(text, limits):
            return text
    return Unsatisfiable(_why_not(limits))


def _fit_length(text: str, low: int, high: Any) -> str:
    if len(text) < low:
        text += "x" * (low - len(text))
    return text[: int(high)] if isinstance(high, int) else text


def _why_not(limits: dict[str, Any]) -> str:
    parts = [f"{k} {limits[k]!r}" for k in ("format", "pattern", "minLength", "maxLength")
             if k in limits]
    return "no string meets " + ", ".join(parts) if parts else "no string fits"


def fits_string(text: str, limits: dict[str, Any]) -> bool:
    if len(text) < int(limits.get("minLength", 0)):
        return False
    if isinstance(limits.get("maxLength"), int) and len(text) > limits["maxLength"]:
        return False
    for pattern in [limits.get("pattern"), *limits.get("patterns", [])]:
        if pattern is None:
            continue
        try:
            if re.search(python_pattern(pattern), text) is None:
                return False
        except re.error:
            continue  # a pattern Python cannot read is not held against the value
    return format_ok(text, limits.get("format"))


def format_ok(text: str, fmt: Any) -> bool:
    try:
        if fmt == "date":
            dt.date.fromisoformat(text)
        elif fmt == "date-time":
            dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            return "T" in text or " " in text
        elif fmt == "time":
            dt.time.fromisoformat(text.replace("Z", "+00:00"))
        elif fmt == "uuid":
            uuid.UUID(text)
        elif isinstance(fmt, str) and UUID_VERSION.fullmatch(fmt):
            return uuid.UUID(text).version == int(fmt[4:])
        elif fmt in ("ipvanynetwork", "ipv4network", "ipv6network"):
            family = {"ipv4network": ".", "ipv6network": ":"}.get(fmt, "")
            return family in str(ipaddress.ip_network(text, strict=False).network_address)
        elif fmt in ("base64", "base64url"):
            base64.b64decode(text.replace("-", "+").replace("_", "/"), validate=True)
        elif fmt in ("email", "idn-email"):
            return re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text) is not None
        elif fmt in ("uri", "url", "iri"):
            return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://\S+$", text) is not None
        elif fmt == "ipv4":
            ipaddress.IPv4Address(text)
        elif fmt == "ipv6":
            ipaddress.IPv6Address(text)
        elif fmt in ("hostname", "idn-hostname"):
            return HOSTNAME.fullmatch(text) is not None
    except (ValueError, binascii.Error):
        return False
    return True


def number_value(limits: dict[str, Any], integer: bool) -> int | float | Unsatisfiable:
    if "enum" in limits:
        found = [v for v in limits["enum"] if isinstance(v, (int, float))
                 and not isinstance(v, bool) and fits_number(v, limits, integer)]
        return found[0] if found else Unsatisfiable(
            "the documented values and the backend's allowed values have nothing in common")
    low = max(limits.get("minimum", -math.inf), limits.get("exclusiveMinimum", -math.inf))
    high = min(limits.get("maximum", math.inf), limits.get("exclusiveMaximum", math.inf))
    step = limits.get("multipleOf")
    finite = [b for b in (low, high) if math.isfinite(b)]
    candidates: list[float] = [1, 0, *[f(b) for b in finite for f in (math.ceil, math.floor)],
                               *[b + d for b in finite for d in (1, -1)]]
    if len(finite) == 2:
        candidates.append((low + high) / 2)
    if step:
        candidates = [math.ceil(c / step) * step for c in candidates]
    for value in candidates:
        # the shortest decimal that still fits: 0.15, not 0.15000000000000002, which a
        # Decimal with decimal_places (absent from every schema) refuses
        for short in [*(round(value, places) for places in range(7)), value]:
            if fits_number(short, limits, integer):
                return int(short) if integer or float(short).is_integer() else short
    return Unsatisfiable(f"no {'integer' if integer else 'number'} lies between {low:g} and "
                         f"{high:g}" + (f" in steps of {step:g}" if step else ""))


def fits_number(value: float, limits: dict[str, Any], integer: bool) -> bool:
    if integer and not float(value).is_integer():
        return False
    if "minimum" in limits and value < limits["minimum"]:
        return False
    if "maximum" in limits and value > limits["maximum"]:
        return False
    if "exclusiveMinimum" in limits and value <= limits["exclusiveMinimum"]:
        return False
    if "exclusiveMaximum" in limits and value >= limits["exclusiveMaximum"]:
        return False
    step = limits.get("multipleOf")
    return not step or abs(value / step - round(value / step)) < 1e-9
