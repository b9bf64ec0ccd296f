"""Fix suggestions for a static finding: the Pydantic line that makes the backend match the
docs, and the TypeScript line that makes the docs match the backend."""

from __future__ import annotations

import json

from schemacheck.facts import FieldFact, Side, model_name
from schemacheck.finding_parts import BackendLine, DocsLine, Fix
from schemacheck.model import Schema, declared_name, ref_name, split_null, type_names

PY_TYPES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool",
            "object": "dict", "array": "list", "null": "None"}
TS_TYPES = {"string": "string", "integer": "number", "number": "number", "boolean": "boolean",
            "object": "object", "null": "null"}


def py_type(schema: Schema | None) -> str:
    if not schema:
        return "Any"
    core, _ = split_null(schema)
    name = ref_name(core)
    if name:
        return model_name(name)
    if "enum" in core:
        return "Literal[" + ", ".join(json.dumps(v) for v in core["enum"]) + "]"
    if isinstance(core.get("items"), dict):
        return f"List[{py_type(core['items'])}]"
    members = core.get("anyOf") or core.get("oneOf")
    if members:
        return "Union[" + ", ".join(py_type(m) for m in members) + "]"
    kinds = sorted(type_names(core))
    return PY_TYPES.get(kinds[0], "Any") if len(kinds) == 1 else "Any"


def ts_type(schema: Schema | None, nullable: bool | None = None) -> str:
    if not schema:
        return "unknown"
    core, is_null = split_null(schema)
    name = ref_name(core)
    if name:
        text = model_name(name)
    elif "enum" in core:
        text = " | ".join(json.dumps(v) for v in core["enum"])
    elif isinstance(core.get("items"), dict):
        inner = ts_type(core["items"])
        text = f"({inner})[]" if "|" in inner else f"{inner}[]"
    elif core.get("anyOf") or core.get("oneOf"):
        text = " | ".join(ts_type(m) for m in core.get("anyOf") or core.get("oneOf") or [])
    else:
        kinds = sorted(type_names(core))
        text = " | ".join(TS_TYPES.get(k, "unknown") for k in kinds) if kinds else "unknown"
    if nullable if nullable is not None else is_null:
        text += " | null"
    return text


def _py(field: str, side: Side, *, optional: bool, nullable: bool | None = None,
        comment: str) -> BackendLine:
    base = py_type(side.schema)
    is_null = side.nullable if nullable is None else nullable
    annotation = f"Optional[{base}]" if (optional or is_null) else base
    default = " = None" if optional else ""
    return BackendLine(_model(side), field, f"{field}: {annotation}{default}  # ← {comment}")


def _model(side: Side) -> str:
    return model_name(declared_name(side.owner or ""))


def _ts(field: str, side: Side, *, optional: bool, nullable: bool | None = None,
        comment: str, remove: bool = False) -> DocsLine:
    mark = "?" if optional else ""
    line = f"// remove `{field}`  // ← {comment}" if remove else (
        f"{field}{mark}: {ts_type(side.schema, nullable)};  // ← {comment}")
    return DocsLine(_ts_name(side.owner or ""), field, line)


def _ts_name(owner: str) -> str:
    """`UserBase@recipe.ts` -> `UserBase /* recipe.ts */`: valid TypeScript that still says
    which of the same-named declarations to edit."""
    name = declared_name(owner)
    return name if name == owner else f"{name} /* {owner[len(name) + 1:]} */"


def _field(fact: FieldFact) -> str | None:
    """The property a fix names; the body itself, array items and map values have no line."""
    return None if not fact.field or fact.field.startswith(("[", "{")) else fact.field


def make_optional(fact: FieldFact) -> Fix | None:
    """The backend requires what the docs call optional (or never mention)."""
    f = _field(fact)
    if f is None:
        return None
    return Fix(backend=_py(f, fact.backend, optional=True, comment="make optional"),
               docs=_ts(f, fact.backend, optional=False, nullable=False,
                        comment="required by the backend"))


def accept_field(fact: FieldFact) -> Fix | None:
    f, docs = _field(fact), fact.docs
    if f is None:
        return None
    return Fix(backend=_py(f, docs, optional=not docs.required, comment="accept this field"),
               docs=_ts(f, docs, optional=False, comment="unknown to the backend", remove=True))


def accept_null(fact: FieldFact) -> Fix | None:
    f, docs, backend = _field(fact), fact.docs, fact.backend
    if f is None:
        return None
    return Fix(backend=_py(f, backend, optional=not backend.required, nullable=True,
                           comment="accept null"),
               docs=_ts(f, docs, optional=not docs.required, nullable=False,
                        comment="null is rejected"))


def align_type(fact: FieldFact) -> Fix | None:
    f, docs, backend = _field(fact), fact.docs, fact.backend
    if f is None:
        return None
    return Fix(backend=_py(f, docs, optional=not backend.required, comment="the docs' type"),
               docs=_ts(f, backend, optional=not docs.required, comment="the backend's type"))


def send_field(fact: FieldFact) -> Fix | None:
    f = _field(fact)
    if f is None:
        return None
    return Fix(backend=_py(f, fact.docs, optional=False, comment="send this field"),
               docs=_ts(f, fact.docs, optional=True, comment="never sent by the backend"))


def drop_field(fact: FieldFact) -> Fix | None:
    """A documented optional response field the backend never has: remove it from the docs."""
    f = _field(fact)
    if f is None:
        return None
    return Fix(backend=_py(f, fact.docs, optional=True, comment="send this field"),
               docs=_ts(f, fact.docs, optional=True, comment="never sent by the backend",
                        remove=True))


def always_send(fact: FieldFact) -> Fix | None:
    f = _field(fact)
    if f is None:
        return None
    return Fix(backend=_py(f, fact.backend, optional=False, comment="always send it"),
               docs=_ts(f, fact.docs, optional=True, comment="the backend may omit it"))


def never_null(fact: FieldFact) -> Fix | None:
    f, docs = _field(fact), fact.docs
    if f is None:
        return None
    return Fix(backend=_py(f, fact.backend, optional=False, nullable=False,
                           comment="never send null"),
               docs=_ts(f, docs, optional=not docs.required, nullable=True,
                        comment="the backend may send null"))


def document_field(fact: FieldFact) -> Fix | None:
    f, backend = _field(fact), fact.backend
    if f is None:
        return None
    return Fix(docs=_ts(f, backend, optional=not backend.required, comment="sent by the backend"))


def rename_field(fact: FieldFact) -> Fix | None:
    """A likely rename: the docs take the backend's name (or the backend the documented one)."""
    f, other = _field(fact), fact.renamed
    if not f or not other:
        return None
    docs_line = f"{other}{'' if fact.backend.required else '?'}: {ts_type(fact.backend.schema)};"
    return Fix(backend=BackendLine(_model(fact.backend), other,
                                   f"{f}: {py_type(fact.backend.schema)} = Field(alias={other!r})"
                                   "  # ← the documented name"),
               docs=DocsLine(_ts_name(fact.docs.owner or ""), f,
                             f"{docs_line}  // ← was `{f}`: renamed in the backend"))
