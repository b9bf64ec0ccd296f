"""The one serialiser of the run result's frozen records, both ways.

`to_json` walks dataclass fields (tuples as lists, nested records through their own fields);
`from_json` reads the same shape back by each field's type hint, strictly: an unknown or a
missing key is an error naming where, so a misspelt field never reads as None. Field metadata:
`key` (the JSON name when it is not a Python name, e.g. "class"), `omit_none` (left out of the
JSON while None, so optional keys stay absent as before), `with` (saved, null included, exactly
when the named field is saved: keys that come and go together) and `json: False` (kept in
memory only).
A record may list `DERIVED` keys its own `to_json` adds (a fingerprint): read back, ignored.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from dataclasses import MISSING, Field, dataclass, field, fields, is_dataclass
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")

NOT_SAVED = {"json": False}  # kept in memory, never written
OMIT_NONE = {"omit_none": True}  # an optional key: absent from the JSON while None


def optional(default: Any = None) -> Any:
    """A field left out of the JSON while None (the key was optional before it was a record)."""
    return field(default=default, metadata=OMIT_NONE)


def named(key: str, default: Any = None) -> Any:
    """An optional field saved under another key (a Python keyword such as `class`)."""
    return field(default=default, metadata={"key": key, "omit_none": True})


def saved_with(companion: str, default: Any = None) -> Any:
    """A field whose key, null or not, is present exactly when `companion`'s is."""
    return field(default=default, metadata={"with": companion})


class RecordError(ValueError):
    """Data that does not have a record's shape: says where (`operations[3].probe.status`)."""


def _key(f: Field[Any]) -> str:
    return str(f.metadata.get("key", f.name))


def to_json(record: Any) -> Any:
    """Dataclass fields in declaration order, tuples as lists, nested records through their
    own fields; a field marked `omit_none` is left out while None."""
    if is_dataclass(record) and not isinstance(record, type):
        out = {}
        for f in fields(record):
            if not f.metadata.get("json", True):
                continue
            value = getattr(record, f.name)
            if value is None and f.metadata.get("omit_none"):
                continue
            if "with" in f.metadata and getattr(record, f.metadata["with"]) is None:
                continue
            out[_key(f)] = to_json(value)
        return out
    if isinstance(record, (list, tuple)):
        return [to_json(item) for item in record]
    if isinstance(record, Mapping):
        return {key: to_json(value) for key, value in record.items()}
    return record


@dataclass(frozen=True)
class _Plan:
    fields: tuple[tuple[str, str, Any, bool], ...]  # (attribute, key, hint, required)
    derived: frozenset[str]


@cache
def _plan(cls: type) -> _Plan:
    hints = typing.get_type_hints(cls)
    rows = tuple((f.name, _key(f), hints[f.name],
                  f.default is MISSING and f.default_factory is MISSING)
                 for f in fields(cls) if f.metadata.get("json", True))
    return _Plan(rows, frozenset(getattr(cls, "DERIVED", ())))


def from_json(cls: type[T], data: Any, where: str = "") -> T:
    """`cls` from what `to_json` wrote; a RecordError says where the shape differs."""
    value: T = _read(cls, data, where or cls.__name__)
    return value


def _read(hint: Any, data: Any, where: str) -> Any:
    if hint is Any:
        return data
    if isinstance(hint, type) and is_dataclass(hint):
        return _record(hint, data, where)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if data is None and type(None) in args:
            return None
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1:
            return _read(rest[0], data, where)
        for choice in rest:  # str | int and the like: the first that fits
            try:
                return _read(choice, data, where)
            except RecordError:
                continue
        raise RecordError(f"{where}: {_shown(data)} is none of {hint}")
    if origin is tuple:
        if not isinstance(data, list):
            raise RecordError(f"{where}: expected a list, got {_shown(data)}")
        item = args[0] if args else Any
        return tuple(_read(item, v, f"{where}[{i}]") for i, v in enumerate(data))
    if origin in (dict, Mapping) or hint is dict:
        if not isinstance(data, dict):
            raise RecordError(f"{where}: expected an object, got {_shown(data)}")
        item = args[1] if len(args) == 2 else Any
        return data if item is Any else {k: _read(item, v, f"{where}.{k}")
                                         for k, v in data.items()}
    if origin is list or hint is list:
        if not isinstance(data, list):
            raise RecordError(f"{where}: expected a list, got {_shown(data)}")
        item = args[0] if args else Any
        return data if item is Any else [_read(item, v, f"{where}[{i}]")
                                         for i, v in enumerate(data)]
    if hint is float and isinstance(data, int) and not isinstance(data, bool):
        return data  # JSON writes 1.0 as 1
    if isinstance(hint, type) and not isinstance(data, hint) or (
            hint is int and isinstance(data, bool)):
        raise RecordError(f"{where}: expected {hint.__name__}, got {_shown(data)}")
    return data


def _record(cls: type, data: Any, where: str) -> Any:
    if not isinstance(data, dict):
        raise RecordError(f"{where}: expected an object, got {_shown(data)}")
    plan = _plan(cls)
    values: dict[str, Any] = {}
    known = set(plan.derived)
    for name, key, hint, required in plan.fields:
        known.add(key)
        if key in data:
            values[name] = _read(hint, data[key], f"{where}.{key}")
        elif required:
            raise RecordError(f"{where}: missing {key!r}")
    unknown = sorted(set(data) - known)
    if unknown:
        raise RecordError(f"{where}: unknown field {unknown[0]!r}")
    return cls(**values)


def _shown(data: Any) -> str:
    text = repr(data)
    return text if len(text) <= 40 else text[:37] + "..."
