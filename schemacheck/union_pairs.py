"""Pairing the members of two unions (`A | B`, oneOf, anyOf) so the diff can compare them one
by one: by discriminator value first, then by referenced name (`nullable-X` is `X`), then by
shape. What stays unpaired on either side is a member the other side does not know.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from schemacheck.facts import model_name
from schemacheck.model import Schema, SchemaSet, ref_name, type_names

MIN_SHAPE = 0.5  # share of property names two object members must have in common


@dataclass(frozen=True)
class Member:
    schema: Schema  # as written (maybe a $ref)
    core: Schema  # dereferenced
    name: str | None  # the referenced name, if any
    tagged: bool = False  # `core` carries its union's discriminator (see `tagged`)

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        if "enum" in self.core:
            return " | ".join(repr(v) for v in self.core["enum"])
        props = self.core.get("properties")
        if isinstance(props, dict) and props:  # an inline object: `{kind: 'dog', bark}`
            shown = [f"{k}: {_tag(self, k)!r}" if _tag(self, k) is not None else k
                     for k in list(props)[:4]]
            return "{" + ", ".join(shown) + (", …" if len(props) > 4 else "") + "}"
        return "/".join(sorted(type_names(self.core))) or "any"


def members(schema: Schema, schemas: SchemaSet) -> list[Member]:
    """The non-null members of a union; a schema that is no union is its own one member."""
    raw = schema.get("anyOf") or schema.get("oneOf")
    items = raw if isinstance(raw, list) else [schema]
    out = []
    named: set[str] = set()
    for item in items:
        core, name = schemas.deref(item)
        if core.get("type") == "null" or core == {"type": "null"}:
            continue
        member = Member(item, core, ref_name(item) or name)
        if member.name is not None:
            if member.name in named:
                continue  # `oneOf: [$ref X, $ref X]` (titled apart) is one member, X
            named.add(member.name)
        out.append(member)
    return out


PREFIXES = ("#/components/schemas/", "#/definitions/")


def tagged(backend: list[Member], union: Schema) -> list[Member]:
    """The members as a discriminated union promises them: each carries the discriminator
    property, required, with its mapped value (or, unmapped, its schema's name). A member's
    own schema may leave it out or optional (`kind: Literal["cat"] = "cat"` in pydantic, a
    discriminator declared a level up); generated clients add it (hey-api writes
    `{kind: 'cat'} & Cat`), and the backend dispatches on it."""
    declared = union.get("discriminator")
    prop = declared.get("propertyName") if isinstance(declared, dict) else None
    if not isinstance(prop, str):
        return backend
    mapping = declared.get("mapping") if isinstance(declared, dict) else None
    values: dict[str, list[Any]] = {}
    for value, target in (mapping.items() if isinstance(mapping, dict) else ()):
        if isinstance(target, str):
            name = next((target[len(p):] for p in PREFIXES if target.startswith(p)), target)
            values.setdefault(name.replace("~1", "/").replace("~0", "~"), []).append(value)
    out = []
    for member in backend:
        props = member.core.get("properties")
        required = member.core.get("required") or []
        if member.name is None or not isinstance(props, dict) or prop in required:
            out.append(member)
            continue
        tag = props.get(prop) or {"type": "string", "enum": values.get(member.name) or [
            member.name], "x-pointer": f"{union.get('x-pointer', '')}/discriminator"}
        core = {**member.core, "properties": {**props, prop: tag},
                "required": [*required, prop]}
        out.append(Member(member.schema, core, member.name, tagged=True))
    return out


def _base(name: str) -> str:
    """`nullable-simple-user`, `SimpleUser-Output`, `simple_user` -> `simpleuser`."""
    low = model_name(name).lower().removeprefix("nullable-")
    return "".join(ch for ch in low if ch.isalnum())


def _tag(member: Member, prop: str) -> Any:
    value = member.core.get("properties", {}).get(prop, {})
    if "const" in value:
        return value["const"]
    enum = value.get("enum")
    return enum[0] if isinstance(enum, list) and len(enum) == 1 else None


def discriminator(docs: list[Member], backend: list[Member], union: Schema) -> str | None:
    """The property that tells members apart: OpenAPI's `discriminator`, else a property every
    member on both sides fixes to one value."""
    declared = union.get("discriminator")
    if isinstance(declared, dict) and isinstance(declared.get("propertyName"), str):
        return str(declared["propertyName"])
    everyone = [*docs, *backend]
    common = set.intersection(*(set(m.core.get("properties", {})) for m in everyone))
    for prop in sorted(common):
        if all(_tag(m, prop) is not None for m in everyone):
            return prop
    return None


def _kinds(member: Member) -> frozenset[str]:
    kinds = type_names(member.core)
    return kinds | {"number"} if "integer" in kinds else kinds


def shape_score(a: Member, b: Member) -> float:
    """1.0 for the same shape; objects by the share of property names they have in common."""
    pa, pb = set(a.core.get("properties", {})), set(b.core.get("properties", {}))
    if pa or pb:
        return len(pa & pb) / len(pa | pb)
    ka, kb = _kinds(a), _kinds(b)
    return 1.0 if ka and kb and ka & kb else 0.0


def pair(docs: list[Member], backend: list[Member], union: Schema
         ) -> tuple[list[tuple[Member, Member]], list[Member], list[Member]]:
    """(paired members, docs members left, backend members left)."""
    left_d, left_b = list(docs), list(backend)
    pairs: list[tuple[Member, Member]] = []

    def take(match: Any) -> None:
        for d in list(left_d):
            found = next((b for b in left_b if match(d, b)), None)
            if found is not None:
                pairs.append((d, found))
                left_d.remove(d)
                left_b.remove(found)

    prop = discriminator(docs, backend, union)
    if prop:
        take(lambda d, b: _tag(d, prop) is not None and _tag(d, prop) == _tag(b, prop))
    take(lambda d, b: bool(d.name and b.name and _base(d.name) == _base(b.name)))
    scored = sorted(((shape_score(d, b), i, j) for i, d in enumerate(left_d)
                     for j, b in enumerate(left_b)), key=lambda t: (-t[0], t[1], t[2]))
    used_d: set[int] = set()
    used_b: set[int] = set()
    for score, i, j in scored:
        lone = len(left_d) - len(used_d) == 1 and len(left_b) - len(used_b) == 1
        if i in used_d or j in used_b or not (score >= MIN_SHAPE or (lone and score > 0)):
            continue
        pairs.append((left_d[i], left_b[j]))
        used_d.add(i)
        used_b.add(j)
    rest_d = [m for i, m in enumerate(left_d) if i not in used_d and not covered(m, backend)]
    rest_b = [m for j, m in enumerate(left_b) if j not in used_b and not covered(m, docs)]
    return pairs, rest_d, rest_b


def covered(member: Member, others: list[Member]) -> bool:
    """A plain value the other side's members already admit, although spelled as another
    member: `'a' | 'b'` covers oneOf [enum a, enum b]; `number` covers integer and number."""
    if member.core.get("properties"):
        return False
    values = member.core.get("enum")
    for other in others:
        if other.core.get("properties") or not _kinds(member) & _kinds(other):
            continue
        enum = other.core.get("enum")
        if enum is None or (isinstance(values, list) and all(v in enum for v in values)):
            return True
    return False
