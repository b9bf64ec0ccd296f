"""OpenAPI schema objects (2.0, 3.0, 3.1) -> neutral schemas (model.py).

Every nullable spelling becomes the model's one form: 3.0 `nullable: true`, 2.0 `x-nullable`,
3.1 `type: [T, "null"]`, and `anyOf`/`oneOf` with a null member. `allOf` is intersected into
one schema where that is exact (sources/intersect.py).
Component references stay references, so a recursive schema is never expanded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from schemacheck.model import Schema, make_nullable, ref, ref_name
from schemacheck.sources.intersect import intersect
from schemacheck.sources.shapes import well_shaped

COPIED = ("type", "format", "enum", "const", "default", "description", "title", "readOnly",
          "writeOnly", "deprecated", "pattern", "minLength", "maxLength", "minimum", "maximum",
          "multipleOf", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties",
          "discriminator", "examples", "contentMediaType")
_COPIED = frozenset(COPIED)
_ORDER = {key: index for index, key in enumerate(COPIED)}


class SchemaNormaliser:
    """Normalises schema objects; `resolve_ref(ref, pointer)` returns (name, None) for a
    component or (None, (node, pointer)) for anything to inline."""

    def __init__(self, resolve_ref: Callable[[str, str], tuple[str | None, Any]],
                 components: Callable[[str], Schema | None], version: str) -> None:
        self.resolve_ref = resolve_ref
        self.components = components
        self.v2 = version.startswith("2")
        self.v31 = version.startswith("3.1")
        self.legacy_nullable: list[str] = []  # 3.1 documents that still write `nullable`
        self._inline: dict[str, Schema] = {}
        self._busy: set[str] = set()

    def schema(self, node: Any, pointer: str) -> Schema:
        if node is True or node is None:
            return {}
        if node is False:
            return {"not": {}}
        if not isinstance(node, dict):
            return {}
        if "$ref" in node:
            return self._reference(node, pointer)
        # the few keywords a node has, in COPIED's order (not all of COPIED asked of 50,000)
        copied = _COPIED.intersection(node)
        out: Schema = {k: node[k] for k in (sorted(copied, key=_ORDER.__getitem__)
                                            if len(copied) > 1 else copied)
                       if well_shaped(k, node[k])}
        if "example" in node and "examples" not in out:
            out["examples"] = [node["example"]]
        kind = out.get("type")
        if self.v2 and kind == "file":
            out.update(type="string", format="binary")
        if isinstance(kind, list) and len(kind) == 1:
            out["type"] = kind[0]
        for key in ("exclusiveMinimum", "exclusiveMaximum"):
            value = node.get(key)
            if isinstance(value, bool):  # draft-4 style (2.0/3.0): a flag on minimum/maximum
                bound = "minimum" if key == "exclusiveMinimum" else "maximum"
                if value and bound in out:
                    out[key] = out.pop(bound)
            elif value is not None and well_shaped(key, value):
                out[key] = value
        props = node.get("properties")
        if isinstance(props, dict):
            out["properties"] = {name: self.schema(sub, f"{pointer}/properties/{_esc(name)}")
                                 for name, sub in props.items()}
        if isinstance(node.get("required"), list):
            out["required"] = [r for r in node["required"] if isinstance(r, str)]
        extra = node.get("additionalProperties")
        if isinstance(extra, bool):
            out["additionalProperties"] = extra
        elif isinstance(extra, dict):
            out["additionalProperties"] = self.schema(extra, pointer + "/additionalProperties")
        items = node.get("items")
        if isinstance(items, list):
            out["prefixItems"] = [self.schema(s, f"{pointer}/items/{i}")
                                  for i, s in enumerate(items)]
        elif items is not None:
            out["items"] = self.schema(items, pointer + "/items")
        if isinstance(node.get("prefixItems"), list):
            out["prefixItems"] = [self.schema(s, f"{pointer}/prefixItems/{i}")
                                  for i, s in enumerate(node["prefixItems"])]
        for key in ("anyOf", "oneOf"):
            if isinstance(node.get(key), list):
                out[key] = [self.schema(s, f"{pointer}/{key}/{i}")
                            for i, s in enumerate(node[key])]
        if isinstance(node.get("not"), dict):
            out["not"] = self.schema(node["not"], pointer + "/not")
        if isinstance(node.get("contentSchema"), dict):  # a JSON document inside a string
            out["contentSchema"] = self.schema(node["contentSchema"], pointer + "/contentSchema")
        if isinstance(node.get("allOf"), list):
            out = self._all_of(out, node["allOf"], pointer)
        if node.get("nullable") is True or node.get("x-nullable") is True:
            unsure = self._unsure_null(node, out, pointer)
            out = make_nullable(out)
            if unsure:
                out["x-null-unsure"] = True
        out["x-pointer"] = pointer
        return out

    def _unsure_null(self, node: dict[str, Any], schema: Schema, pointer: str) -> bool:
        """Whether the null `nullable` adds is one generators disagree on: `x-nullable` is a
        vendor extension (hey-api reads it, openapi-typescript 5 does not), and so is
        `nullable` in 2.0; 3.1 has no such keyword (hey-api ignores it, openapi-typescript
        reads it); 3.0.3 keeps an enum's values, so an enum not listing null stays without it
        (hey-api) or gains it (openapi-typescript, and most authors' intent)."""
        if self.v2 or node.get("nullable") is not True:
            return True
        if self.v31:
            self.legacy_nullable.append(pointer)
            return True
        values = schema.get("enum")
        return isinstance(values, list) and None not in values

    def _reference(self, node: dict[str, Any], pointer: str) -> Schema:
        name, inline = self.resolve_ref(str(node["$ref"]), pointer)
        meta: Schema = {k: node[k] for k in ("description", "title", "readOnly", "writeOnly",
                                     "deprecated", "default") if k in node}
        if name is not None:  # keep where the reference stands, not only where it points
            out: Schema = {**ref(name), **meta, "x-pointer": pointer}
        else:
            target, target_pointer = inline
            if target_pointer in self._busy:
                return {"x-pointer": target_pointer}  # a cycle outside components: stop here
            if target_pointer not in self._inline:
                self._busy.add(target_pointer)
                try:
                    self._inline[target_pointer] = self.schema(target, target_pointer)
                finally:
                    self._busy.discard(target_pointer)
            out = {**self._inline[target_pointer], **meta}
        if node.get("nullable") is True or node.get("x-nullable") is True:
            unsure = self._unsure_null(node, out, pointer)
            out = make_nullable(out)
            if unsure:
                out["x-null-unsure"] = True
        return out

    def _all_of(self, out: Schema, members: list[Any], pointer: str) -> Schema:
        parts = [self.schema(s, f"{pointer}/allOf/{i}") for i, s in enumerate(members)]
        own = {k: v for k, v in out.items() if k in ("properties", "required", "type",
                                                       "additionalProperties")}
        meta = {k: v for k, v in out.items() if k not in own}
        if len(parts) == 1 and not own.get("properties") and not own.get("required") and (
                ref_name(parts[0])):
            return {**parts[0], **meta}  # `allOf: [$ref]` is how 3.0 adds a description
        merged = intersect([*parts, own] if own else parts, self._component_of)
        if "allOf" in merged:  # not exactly one schema (unions, conflicts): keep it as written
            return {**out, "allOf": parts}
        return {**meta, **merged}

    def _component_of(self, schema: Schema) -> Schema:
        name = ref_name(schema)
        found = self.components(name) if name else None
        return found if found is not None else schema


def _esc(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")
