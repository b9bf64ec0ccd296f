"""What the diff records, without judgement: one contract (which documented type is which part
of which operation) and, per field, what each side declares. A leaf: the rule catalog, the fix
builders and the reporters read these without loading the sources or the diff."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from schemacheck.finding_parts import Declared
from schemacheck.model import Schema

SPLIT_SUFFIXES = ("-Input", "-Output")


def model_name(component: str) -> str:
    """FastAPI splits a model used both ways into `X-Input` and `X-Output`; its authors (and
    the docs) know it as `X`. The one place that spelling is undone outside the loader."""
    for suffix in SPLIT_SUFFIXES:
        if component.endswith(suffix):
            return component[: -len(suffix)]
    return component


@dataclass(frozen=True, kw_only=True)
class Contract:
    operation: str | None  # "POST /api/v3/jobs", None for a component paired by name
    part: str  # request | query | response | component
    doc_type: str  # documented type name (or "Name[]")
    backend: str  # component name, or a JSON pointer for inline schemas
    how: str  # config | jsdoc | heading | operation-id | client-data | name | shape
    direction: str  # request | response

    def to_json(self) -> dict[str, str | None]:
        return {"operation": self.operation, "part": self.part, "docs": self.doc_type,
                "backend": self.backend, "how": self.how, "direction": self.direction}


@dataclass(slots=True)  # not frozen (3x slower to build, 80,000 on GitHub): never assigned to,
class Side:  # changed copies come from dataclasses.replace; one Side may serve many places
    """What one side declares for one field. Thirteen values: written by name, but for the
    diff's one call, which passes them in this order (a third of the time by name)."""

    present: bool
    required: bool = False
    nullable: bool = False
    null_unsure: bool = False  # the backend's null is one reading of an ambiguous `nullable`
    types: tuple[str, ...] = ()
    enum: tuple[Any, ...] | None = None
    format: str | None = None
    read_only: bool = False
    write_only: bool = False
    owner: str | None = None  # the named type holding the field
    where: str | None = None  # file:line (docs) or JSON pointer (backend)
    enum_where: str | None = None  # where a named type (`type Color = ...`) declares the enum
    schema: Schema | None = None  # the field's schema, for messages and fixes

    def declared(self) -> Declared:
        """What a finding says this side declares: the shape only when it has the field."""
        if not self.present:
            return Declared(False, self.where, type_name=self.owner)
        return Declared(True, self.where, required=self.required, nullable=self.nullable,
                        types=self.types, enum=self.enum, format=self.format or None,
                        type_name=self.owner)


@dataclass(slots=True)  # not frozen: built 200,000 times on GitHub, frozen is 5x slower
class FieldFact:
    contract: Contract
    location: str
    field: str  # the property name, "" for the body itself
    docs: Side
    backend: Side
    # the flags below are passed by name (six booleans in a row read as noise), but for the
    # diff's and the layout's hot calls: by name, a call costs three times as much
    docs_open: bool  # the documented parent declares no properties (a map or `any`)
    backend_open: bool  # the backend parent declares no properties
    backend_closed: bool  # the backend parent forbids extra properties
    renamed: str | None = None  # an undocumented backend field this one likely became
    member: str | None = None  # a union member only one side has (its name or type)


