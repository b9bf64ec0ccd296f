"""`--promises`: send what the docs promise the backend accepts, one promise at a time: every
documented field (the full payload), null once for each documented-nullable field, each
documented enum value once (but one reaching everyone or setting an effect going, such as a
campaign's `sending`: defuse.reaches), and the full payload without each documented-optional
field. A 5xx, or a 422 that blames the promised field, is a broken promise."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from schemacheck.model import Schema, SchemaSet
from schemacheck.probe.defuse import reaches
from schemacheck.probe.fields import at_path
from schemacheck.probe.payloads import sample

MAX_PROMISES = 40


@dataclass(frozen=True)
class Promise:
    location: str  # "body.title"
    what: str  # "may be null", "accepts 'draft'", "may be omitted", "accepts every field"
    payload: Any


def promises(schema: Schema, schemas: SchemaSet, backend: tuple[Schema, SchemaSet] | None
             ) -> list[Promise]:
    full = sample(schema, schemas, minimal=False, backend=backend)
    if not isinstance(full, dict):
        return []
    found = [Promise("body", "accepts every documented field", full)]
    _walk(schema, schemas, full, [], full, found)
    return found[:MAX_PROMISES]


def _walk(schema: Schema, schemas: SchemaSet, here: Any, path: list[str], root: Any,
          found: list[Promise]) -> None:
    core, _ = schemas.core(schema)
    if not isinstance(here, dict) or len(path) > 8:
        return
    required = set(core.get("required", []))
    for name, sub in core.get("properties", {}).items():
        if name not in here:
            continue
        location = "body." + ".".join([*path, name])
        field_core, nullable = schemas.core(sub)
        if nullable and here[name] is not None:
            found.append(Promise(location, "may be null", _with(root, [*path, name], None)))
        # a value that reaches everyone or sets an effect going (a campaign made `sending`)
        # is no promise the probe tests: it would send it
        for value in [v for v in field_core.get("enum", []) if v is not None
                      and not reaches(v)][:8]:
            if value != here[name]:
                found.append(Promise(location, f"accepts {value!r}",
                                     _with(root, [*path, name], value)))
        if name not in required:
            found.append(Promise(location, "may be omitted", _without(root, [*path, name])))
        _walk(sub, schemas, here[name], [*path, name], root, found)


def _with(root: Any, path: list[str], value: Any) -> Any:
    copied = copy.deepcopy(root)
    at_path(copied, path[:-1])[path[-1]] = value
    return copied


def _without(root: Any, path: list[str]) -> Any:
    copied = copy.deepcopy(root)
    del at_path(copied, path[:-1])[path[-1]]
    return copied
