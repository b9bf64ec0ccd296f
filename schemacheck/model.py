"""The neutral schema model: JSON Schema (draft 2020-12 subset) as plain dicts.

Both sources normalise into this shape, so everything after loading is blind to where a schema
came from. Conventions every producer follows:
- named schemas live in a `dict[name, schema]` and are referenced as `{"$ref": "#/$defs/Name"}`;
  a documented name declared in several files is keyed `Name@file.ts` (`declared_name` undoes
  it) and its `title` stays `Name`;
- nullability is `"type": [T, "null"]` for a plain type, else `anyOf: [X, {"type": "null"}]`;
- `x-null-unsure` marks a null read from an ambiguous `nullable` (3.0's on an enum that does not
  list null; 3.1, which has no such keyword; the `x-nullable` extension): generators differ on
  it, so either reading is the spec's;
- `x-source` ("file:line") and `x-pointer` (a JSON pointer into the OpenAPI document) say where a
  schema was declared; they are ignored by validators.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Schema = dict[str, Any]
DEFS = "#/$defs/"
MAPPED = "x-mapped"  # a property whose value a discriminator's mapping gives its type
QUALIFIER = "@"  # `Name@file.ts`: a documented name that several files declare (see below)
NULL: Schema = {"type": "null"}
# Keys that describe a schema rather than constrain it; they stay on the outer schema.
META_KEYS = frozenset({"description", "x-source", "x-pointer", "title", "deprecated", "default",
                       "examples", "readOnly", "writeOnly", "x-nullable-doc",
                       "x-null-unsure", MAPPED})


def qualified_name(name: str, where: str) -> str:
    """The `$defs` key of a name declared in several files: `UserBase@recipe.ts`."""
    return f"{name}{QUALIFIER}{where}"


def declared_name(key: str) -> str:
    """The name as declared, for code and prose: `UserBase@recipe.ts` -> `UserBase`."""
    name, mark, _ = key.partition(QUALIFIER)
    return name if mark and name else key


def ref(name: str) -> Schema:
    return {"$ref": DEFS + name.replace("~", "~0").replace("/", "~1")}


def ref_name(schema: Schema) -> str | None:
    target = schema.get("$ref")
    if isinstance(target, str) and target.startswith(DEFS):
        return target[len(DEFS):].replace("~1", "/").replace("~0", "~")
    return None


def make_nullable(schema: Schema) -> Schema:
    """The same schema, also accepting null (idempotent)."""
    core, is_null = split_null(schema)
    if is_null:
        return schema
    kind = core.get("type")
    if isinstance(kind, str) and "anyOf" not in core and "$ref" not in core:
        out = dict(core, type=[kind, "null"])
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
        return out
    if kind is None and "enum" in core and "$ref" not in core and "anyOf" not in core:
        return dict(core, enum=[*core["enum"], None])
    if not core:
        return core  # unconstrained already accepts null
    meta = {k: v for k, v in core.items() if k in META_KEYS}
    inner = {k: v for k, v in core.items() if k not in META_KEYS}
    return {**meta, "anyOf": [inner, dict(NULL)]}


def split_null(schema: Schema) -> tuple[Schema, bool]:
    """(the schema without its null alternative, whether null is allowed)."""
    kind = schema.get("type")
    if kind.__class__ is str and kind != "null" and "anyOf" not in schema \
            and "oneOf" not in schema:
        return schema, False  # most fields: one type, no union (the diff asks 80,000 times)
    if kind == "null":
        return {k: v for k, v in schema.items() if k != "type"}, True
    if isinstance(kind, list) and "null" in kind:
        rest = [k for k in kind if k != "null"]
        out = dict(schema, type=rest[0] if len(rest) == 1 else rest)
        if not rest:
            del out["type"]
        if "enum" in out:
            out["enum"] = [v for v in out["enum"] if v is not None]
        return out, True
    if "enum" in schema and None in schema["enum"] and kind is None:
        return dict(schema, enum=[v for v in schema["enum"] if v is not None]), True
    for key in ("anyOf", "oneOf"):
        members = schema.get(key)
        if isinstance(members, list) and any(_is_null(m) for m in members):
            rest = [m for m in members if not _is_null(m)]
            outer = {k: v for k, v in schema.items() if k != key}
            if len(rest) == 1:
                return {**rest[0], **outer}, True
            return ({**outer, key: rest} if rest else outer), True
    return schema, False


def _is_null(member: Any) -> bool:
    return isinstance(member, dict) and member.get("type") == "null" and len(
        [k for k in member if k not in META_KEYS]) == 1


def type_names(schema: Schema) -> frozenset[str]:
    """The JSON types a (null-stripped, dereferenced) schema admits; empty means any."""
    kind = schema.get("type")
    if isinstance(kind, str):
        return frozenset({kind})
    if isinstance(kind, list):
        return frozenset(kind)
    if "properties" in schema or "additionalProperties" in schema:
        return frozenset({"object"})
    if "items" in schema or "prefixItems" in schema:
        return frozenset({"array"})
    if "enum" in schema:
        return frozenset(json_type(v) for v in schema["enum"])
    if "const" in schema:
        return frozenset({json_type(schema["const"])})
    return frozenset()


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def merge_objects(parts: list[Schema]) -> Schema:
    """Intersection of object schemas: properties merged (later wins), required lists united."""
    props: dict[str, Schema] = {}
    required: list[str] = []
    out: Schema = {"type": "object"}
    for part in parts:
        props.update(part.get("properties", {}))
        for name in part.get("required", []):
            if name not in required:
                required.append(name)
        if "additionalProperties" in part:
            out["additionalProperties"] = part["additionalProperties"]
    out["properties"] = props
    if required:
        out["required"] = required
    return out


@dataclass
class SchemaSet:
    """Named schemas plus the ability to follow `$ref`s into them."""

    schemas: dict[str, Schema] = field(default_factory=dict)

    def deref(self, schema: Schema, limit: int = 64) -> tuple[Schema, str | None]:
        """Follow refs to a concrete schema; returns it and the last name passed through."""
        name = None
        for _ in range(limit):
            target = ref_name(schema)
            if target is None or target not in self.schemas:
                break
            name = target
            # Annotations at the reference site win, but not its location: a dereferenced
            # schema says where the target was declared.
            outer = {k: v for k, v in schema.items() if k not in ("$ref", "x-pointer",
                                                                  "x-source")}
            schema = {**self.schemas[target], **outer} if outer else self.schemas[target]
        return schema, name

    def core(self, schema: Schema) -> tuple[Schema, bool]:
        """The concrete schema of a value with references followed and `null` split off:
        (schema, whether null is allowed)."""
        resolved, _ = self.deref(schema)
        core, nullable = split_null(resolved)
        core, _ = self.deref(core)
        return core, nullable

    def validator_schema(self, schema: Schema) -> Schema:
        """A self-contained document jsonschema can validate against."""
        return {"$schema": "https://json-schema.org/draft/2020-12/schema",
                "$defs": self.schemas, **schema}


def refs(schema: object) -> set[str]:
    """The names every `$ref` below `schema` points at."""
    found: set[str] = set()
    stack = [schema]
    pop, push = stack.pop, stack.extend  # a third of make_contracts on GitHub: kept tight
    while stack:
        node = pop()
        if isinstance(node, dict):
            if "$ref" in node:
                name = ref_name(node)
                if name:
                    found.add(name)
            push(node.values())
        elif isinstance(node, list):
            push(node)
    return found


def reachable(names: set[str], schemas: dict[str, Schema],
              direct: dict[str, set[str]] | None = None) -> set[str]:
    """Every named schema reachable from `names` through references. `direct` memoises each
    schema's own references when the same schemas are asked about many times."""
    memo = {} if direct is None else direct
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop().removesuffix("[]")
        if name in seen or name not in schemas:
            continue
        seen.add(name)
        if name not in memo:
            memo[name] = refs(schemas[name])
        todo.extend(memo[name])
    return seen
