"""What live 2xx bodies show, field by field, against the documented response type: which keys
were present, absent or null in how many answers, and which keys the docs lack. Locations are
the diff's (`response.items[].clientId`), so live facts meet the static findings they prove."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from schemacheck.model import Schema, SchemaSet

MAX_ITEMS = 200  # items of one list answer looked at
MAX_DEPTH = 24


@dataclass
class Seen:
    present: int = 0
    absent: int = 0
    null: int = 0
    values: list[Any] = field(default_factory=list)  # a few distinct scalar values

    def to_json(self) -> dict[str, Any]:
        return {"present": self.present, "absent": self.absent, "null": self.null}


@dataclass
class Observed:
    fields: dict[str, Seen] = field(default_factory=dict)
    undocumented: dict[str, Any] = field(default_factory=dict)  # location -> a sample value

    def walk(self, body: Any, schema: Schema, schemas: SchemaSet, where: str = "response",
             depth: int = 0) -> None:
        if depth > MAX_DEPTH or not isinstance(body, (list, dict)):
            return  # a scalar holds no fields: no schema to resolve
        core = _object_core(schema, schemas)
        if isinstance(body, list):
            items = core.get("items") if core is not None else None
            if isinstance(items, dict):
                for item in body[:MAX_ITEMS]:
                    self.walk(item, items, schemas, where + "[]", depth + 1)
            return
        if not isinstance(body, dict) or core is None:
            return
        props = core.get("properties")
        if not isinstance(props, dict):
            return
        for name, sub in props.items():
            seen = self.fields.setdefault(f"{where}.{name}", Seen())
            if name not in body:
                seen.absent += 1
                continue
            seen.present += 1
            value = body[name]
            if value is None:
                seen.null += 1
            elif isinstance(value, (str, int, float, bool)) and len(seen.values) < 8 \
                    and value not in seen.values:
                seen.values.append(value)
            if isinstance(sub, dict):
                self.walk(value, sub, schemas, f"{where}.{name}", depth + 1)
        if core.get("additionalProperties") in (None, False) and "patternProperties" not in core:
            for name in body:
                if name not in props:
                    self.undocumented.setdefault(f"{where}.{name}", body[name])


def _object_core(schema: Schema, schemas: SchemaSet) -> Schema | None:
    core, _ = schemas.core(schema)
    if "allOf" in core and "properties" not in core:
        merged: dict[str, Any] = {"properties": {}}
        for part in core["allOf"]:
            part_core = _object_core(part, schemas) or {}
            merged["properties"].update(part_core.get("properties", {}))
        return merged
    return core
