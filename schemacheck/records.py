"""The one serialiser of the run result's frozen records, both ways.

`to_json` walks dataclass fields (tuples as lists, nested records through their own fields);
`from_json` reads the same shape back by each field's type hint, strictly: an unknown or a
missing key is an error naming where, so a misspelt field never reads as None. Field metadata:
`key` (the JSON name when it is not a Python name, e.g. "class"), `omit_none` (left out of the
JSON while None, so optional keys stay absent as before), `with` (saved, null included, exactly
when the named field is saved: keys that come and go together), `absent` (the field defaults
to ABSENT and is left out while it is: a key that is sometimes null, sometimes not there, and
no other key says which) and `json: False` (kept in memory only).
A record may list `DERIVED` keys its own `to_json` adds (a fingerprint): read back, ignored.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import MISSING, Field, field, fields, is_dataclass
from enum import Enum
from functools import cache
from typing import Any, Final, Literal, TypeVar

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


class Absent(Enum):
    """A key the JSON leaves out, where None is written as null: an answer's status was none
    (null), or the evidence holds no answer (absent). Falsy, so `if record.x:` reads both
    as nothing."""

    ABSENT = "absent"

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Final = Absent.ABSENT


def maybe() -> Any:
    """A field whose key is absent while it is ABSENT, and null while it is None."""
    return field(default=ABSENT, metadata={"absent": True})


def given(value: T | Absent) -> T | None:
    """The value, None for an absent key: for readers that treat both as nothing."""
    return None if value is ABSENT else value


class RecordError(ValueError):
    """Data that does not have a record's shape: says where (`operations[3].probe.status`)."""


def _key(f: Field[Any]) -> str:
    return str(f.metadata.get("key", f.name))


SCALARS = (str, int, float, bool, type(None))


def _is_plain(hint: Any) -> bool:
    """A hint no record can hide in (Any, JSON values, scalars): saved as it is, unwalked."""
    if hint is Any or hint in SCALARS or hint is Absent:
        return True
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType, dict, Mapping, list):
        return all(_is_plain(a) for a in args)
    return False


@cache
def _writer(cls: Any) -> tuple[tuple[str, str, bool, str | None, bool], ...]:
    """Per saved field: (attribute, key, omit while None, companion, plain)."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, _key(f), bool(f.metadata.get("omit_none")), f.metadata.get("with"),
                  _is_plain(hints[f.name])) for f in fields(cls) if f.metadata.get("json", True))


def to_json(record: Any) -> Any:
    """Dataclass fields in declaration order, tuples as lists, nested records through their
    own fields; a field marked `omit_none` is left out while None."""
    kind = type(record)
    if kind in SCALARS:
        return record
    if is_dataclass(record) and not isinstance(record, type):
        out = {}
        for name, key, omit_none, companion, plain in _writer(typing.cast(Any, kind)):
            value = getattr(record, name)
            if value is None and omit_none or value is ABSENT \
                    or companion and getattr(record, companion) is None:
                continue
            out[key] = value if plain else to_json(value)
        return out
    if isinstance(record, (list, tuple)):
        return [to_json(item) for item in record]
    if isinstance(record, Mapping):
        return {key: to_json(value) for key, value in record.items()}
    return record


Reader = typing.Callable[[Any], Any]


def from_json(cls: type[T], data: Any, where: str = "") -> T:
    """`cls` from what `to_json` wrote; a RecordError says where the shape differs."""
    try:
        value: T = _reader(typing.cast(Any, cls))(data)
    except RecordError as exc:
        raise RecordError(f"{where or cls.__name__}{exc}") from None
    return value


def scrubbed(record: T, scrub: Callable[[Any], Any]) -> T:
    """A copy of a record through `scrub` (a JSON value to a JSON value, such as the probe's
    Redactor.scrub): the walk goes over the keys the saved JSON has, nested records included,
    so nothing the JSON would show escapes it."""
    return from_json(type(record), scrub(to_json(record)), type(record).__name__)


def _fail(message: str) -> RecordError:
    return RecordError(f": {message}")


def _step(step: str, exc: RecordError) -> RecordError:
    """Each level adds its step on the way out: no path is built for data that fits."""
    return RecordError(f"{step}{exc}")


@cache
def _reader(hint: Any) -> Reader:  # hint: a type or a typing alias, both hashable
    """A reader for one type hint, built once: records by field, tuples, mappings, unions."""
    if hint is Any:
        return lambda data: data
    if isinstance(hint, type) and is_dataclass(hint):
        return _record_reader(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return _union_reader(hint, args)
    if origin is tuple or origin is list or hint is list:
        return _sequence_reader(args[0] if args else Any, tuple if origin is tuple else list)
    if origin in (dict, Mapping) or hint is dict:
        return _mapping_reader(args[1] if len(args) == 2 else Any)
    if isinstance(hint, type):
        return _scalar_reader(hint)
    return lambda data: data


def _scalar_reader(hint: type) -> Reader:
    def read(data: Any) -> Any:
        if type(data) is hint or hint is float and type(data) is int:
            return data  # JSON writes 1.0 as 1
        if isinstance(data, hint) and not (hint is int and isinstance(data, bool)):
            return data
        raise _fail(f"expected {hint.__name__}, got {_shown(data)}")
    return read


def _union_reader(hint: Any, args: tuple[Any, ...]) -> Reader:
    nullable = type(None) in args
    choices = [_reader(a) for a in args if a is not type(None) and a is not Absent]

    def read(data: Any) -> Any:
        if data is None and nullable:
            return None
        if len(choices) == 1:
            return choices[0](data)
        for choice in choices:  # str | int and the like: the first that fits
            try:
                return choice(data)
            except RecordError:
                continue
        raise _fail(f"{_shown(data)} is none of {hint}")
    return read


def _sequence_reader(item: Any, kind: type) -> Reader:
    read_item = _reader(item)
    plain = _is_plain(item)

    def read(data: Any) -> Any:
        if not isinstance(data, list):
            raise _fail(f"expected a list, got {_shown(data)}")
        if plain and kind is list:
            return data
        out = []
        for index, value in enumerate(data):
            try:
                out.append(read_item(value))
            except RecordError as exc:
                raise _step(f"[{index}]", exc) from None
        return kind(out)
    return read


def _mapping_reader(item: Any) -> Reader:
    read_item = _reader(item)
    plain = item is Any

    def read(data: Any) -> Any:
        if not isinstance(data, dict):
            raise _fail(f"expected an object, got {_shown(data)}")
        if plain:
            return data
        out = {}
        for key, value in data.items():
            try:
                out[key] = read_item(value)
            except RecordError as exc:
                raise _step(f".{key}", exc) from None
        return out
    return read


def _exact_types(hint: Any) -> frozenset[type] | None:
    """The exact Python types of a scalar hint (`str | None`), checked inline by the record
    reader (most fields are scalars: a call each would double the time to load a run)."""
    if hint is Absent:
        return frozenset()  # never in the JSON: a missing key keeps the default
    if hint in SCALARS:
        return frozenset({hint, int} if hint is float else {hint})
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        parts = [_exact_types(a) for a in typing.get_args(hint)]
        if all(p is not None for p in parts):
            return frozenset().union(*(p for p in parts if p is not None))
    return None


Row = tuple[str, str, Reader, bool, "frozenset[type] | None"]


def _record_reader(cls: type) -> Reader:
    # Built on first use, not here: a record may nest itself (RunResult.previous).
    built: list[tuple[tuple[Row, ...], frozenset[str]]] = []

    def read(data: Any) -> Any:
        if not built:
            hints = typing.get_type_hints(cls)
            rows = tuple((f.name, _key(f), _reader(hints[f.name]),
                          f.default is MISSING and f.default_factory is MISSING,
                          _exact_types(hints[f.name]))
                         for f in fields(cls) if f.metadata.get("json", True))
            built.append((rows, frozenset({row[1] for row in rows}
                                          | set(getattr(cls, "DERIVED", ())))))
        plan, known = built[0]
        if not isinstance(data, dict):
            raise _fail(f"expected an object, got {_shown(data)}")
        values: dict[str, Any] = {}
        for name, key, read_value, required, exact in plan:
            if key in data:
                value = data[key]
                if exact is not None and type(value) in exact:
                    values[name] = value
                    continue
                try:
                    values[name] = read_value(value)
                except RecordError as exc:
                    raise _step(f".{key}", exc) from None
            elif required:
                raise _fail(f"missing {key!r}")
        if len(data) > len(values) and not known.issuperset(data):
            unknown = sorted(set(data) - known)
            raise _fail(f"unknown field {unknown[0]!r}")
        try:
            return cls(**values)
        except RecordError:
            raise
        except ValueError as exc:  # a record's own check (a severity that is none)
            raise _fail(str(exc)) from None
    return read


def _shown(data: Any) -> str:
    text = repr(data)
    return text if len(text) <= 40 else text[:37] + "..."
