"""`--field-by-field`: the minimal payload with each documented-optional field added alone and
each documented-required field removed alone, to observe the backend's real required set."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from schemacheck.model import Schema, SchemaSet
from schemacheck.probe.payloads import sample, sub_schema
from schemacheck.probe.retry import SAMPLE_ERRORS
from schemacheck.result import FieldByField

MAX_VARIANTS = 60


@dataclass(frozen=True)
class Variant:
    kind: str  # "add" (a documented-optional field) or "remove" (a documented-required one)
    location: str  # "body.context.userId"
    payload: Any


def variants(schema: Schema, schemas: SchemaSet, payload: Any,
             backend: tuple[Schema, SchemaSet] | None = None) -> list[Variant]:
    """`backend`: the backend's schema of the body; an added field's value must fit it too,
    or the backend seems to refuse the field when it refuses only the probe's value."""
    found: list[Variant] = []
    _walk(schema, schemas, payload, [], payload, found, backend)
    return found[:MAX_VARIANTS]


def _walk(schema: Schema, schemas: SchemaSet, here: Any, path: list[str], root: Any,
          found: list[Variant], backend: tuple[Schema, SchemaSet] | None = None) -> None:
    core, _ = schemas.core(schema)
    if not isinstance(here, dict) or len(path) > 16:
        return
    for name, sub in core.get("properties", {}).items():
        location = "body." + ".".join([*path, name])
        if name in here:
            removed = copy.deepcopy(root)
            del at_path(removed, path)[name]
            found.append(Variant("remove", location, removed))
            _walk(sub, schemas, here[name], [*path, name], root, found,
                  sub_schema(backend, name))
        else:
            added = copy.deepcopy(root)
            at_path(added, path)[name] = sample(sub, schemas, name,
                                                backend=sub_schema(backend, name))
            found.append(Variant("add", location, added))


def at_path(payload: Any, path: list[str]) -> Any:
    for key in path:
        payload = payload[key]
    return payload


def observe(minimal_missing: set[str],
            answers: list[tuple[Variant, int | None, dict[str, str]]]) -> FieldByField:
    """Fold the answers into what the backend really requires.

    `answers` holds (variant, HTTP status, {location: error type} from a 422)."""
    required = set(minimal_missing)
    accepted_without: set[str] = set()
    rejected_when_added: set[str] = set()
    for variant, status, errors in answers:
        required |= {loc for loc, kind in errors.items() if kind == "missing"}
        if variant.kind == "remove" and status is not None and 200 <= status < 300:
            accepted_without.add(variant.location)
        elif variant.kind == "add" and variant.location in errors and \
                errors[variant.location] not in SAMPLE_ERRORS:  # its value, not the field
            rejected_when_added.add(variant.location)
    required -= accepted_without
    documented = sorted(v.location for v, _, _ in answers if v.kind == "remove")
    return FieldByField(required=tuple(sorted(required)), documented_required=tuple(documented),
                        accepted_without=tuple(sorted(accepted_without)),
                        rejected_when_added=tuple(sorted(rejected_when_added)),
                        requests=len(answers))
