"""The static rules: each a check of one FieldFact (see facts.py), its fix and its texts.

The request rules judge what a client sends as the docs say; the response rules judge what a
client reads. A check returns the message, or None; severity comes from the rule's policy.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from schemacheck import fixes
from schemacheck.catalog.registry import Rule as _Rule
from schemacheck.catalog.registry import Texts, register
from schemacheck.facts import FieldFact, Side
from schemacheck.findings import Severity
from schemacheck.model import MAPPED

_FIELD_OPTIONALITY = "Low (field optionality)"
_NULLABILITY = "Low (nullability)"
_TYPE_CHANGE = "Medium (type change)"


def _both(fact: FieldFact) -> bool:
    return fact.docs.present and fact.backend.present


def _name(fact: FieldFact) -> str:
    return f"`{fact.field}`" if fact.field else "the body"


def _types_clash(docs: Side, backend: Side) -> bool:
    if not docs.types or not backend.types:
        return False
    return _clash(docs.types, backend.types)


@cache  # a few dozen distinct pairs, asked 200,000 times on GitHub's API
def _clash(doc_types: tuple[str, ...], backend_types: tuple[str, ...]) -> bool:
    widen = {"integer": {"integer", "number"}, "number": {"number", "integer"}}
    widened = set().union(*(widen.get(t, {t}) for t in doc_types))
    return not widened & set(backend_types)


def _enum_extra(fact: FieldFact, sender: Side, receiver: Side) -> list[object]:
    """Values the sending side may produce that the receiving side does not accept: a literal
    or enum on one side against an enum on the other."""
    if not _both(fact) or sender.enum is None or receiver.enum is None:
        return []
    try:  # a set: GitHub's enums run to hundreds of values, on thousands of fields
        accepted = frozenset(receiver.enum)
        return [v for v in sender.enum if v not in accepted]
    except TypeError:  # a list or object among the values: compared one by one
        return [v for v in sender.enum if v not in receiver.enum]


def _critical_when_required(context: Mapping[str, Any]) -> Severity | None:
    return Severity.critical if context.get("backend_required") else None


def _high_when_closed(context: Mapping[str, Any]) -> Severity | None:
    return Severity.high if context.get("backend_closed") else None


# --- request: the client sends what the docs say -------------------------------------------
def req_required_optional(fact: FieldFact) -> str | None:
    if _both(fact) and fact.field and not fact.docs.required and fact.backend.required \
            and not fact.backend.read_only:
        return (f"{_name(fact)} is optional in the docs but required by the backend: a client "
                "that omits it gets a 422")
    return None


def req_required_undocumented(fact: FieldFact) -> str | None:
    if not fact.docs.present and fact.backend.present and fact.backend.required \
            and not fact.backend.read_only and not fact.docs_open and not fact.renamed \
            and fact.member is None:
        return f"{_name(fact)} is required by the backend but not documented"
    return None


def req_unknown(fact: FieldFact) -> str | None:
    if fact.docs.present and not fact.backend.present and fact.field and not fact.backend_open \
            and not fact.renamed:
        if fact.backend_closed:
            return (f"{_name(fact)} is documented but the backend forbids it: requests that send "
                    "it are rejected")
        return f"{_name(fact)} is documented but unknown to the backend, which drops it"
    return None


def req_optional_required(fact: FieldFact) -> str | None:
    if _both(fact) and fact.field and fact.docs.required and not fact.backend.required:
        return f"{_name(fact)} is required in the docs but optional in the backend"
    return None


def req_null(fact: FieldFact) -> str | None:
    if _both(fact) and fact.docs.nullable and not fact.backend.nullable:
        return f"{_name(fact)} may be null in the docs but the backend rejects null"
    return None


def type_mismatch(fact: FieldFact) -> str | None:
    """The same fact is a mismatch in both directions; only the severity's reason differs."""
    if _both(fact) and _types_clash(fact.docs, fact.backend):
        return (f"{_name(fact)} is {'/'.join(fact.docs.types)} in the docs but "
                f"{'/'.join(fact.backend.types)} in the backend")
    return None


def req_enum(fact: FieldFact) -> str | None:
    extra = _enum_extra(fact, fact.docs, fact.backend)
    if extra:
        return (f"{_name(fact)} allows {', '.join(map(repr, extra))} in the docs but the "
                "backend rejects them")
    return None


def renamed(fact: FieldFact) -> str | None:
    if fact.renamed and fact.docs.present and not fact.backend.present:
        return (f"{_name(fact)} is documented but the backend has `{fact.renamed}` instead: "
                "likely renamed")
    return None


# --- response: the client reads what the docs say -------------------------------------------
def resp_missing(fact: FieldFact) -> str | None:
    if fact.docs.present and fact.docs.required and not fact.backend.present and fact.field \
            and not fact.backend_open and not fact.renamed:
        return f"{_name(fact)} is documented but the backend never sends it"
    return None


def resp_optional_missing(fact: FieldFact) -> str | None:
    if fact.docs.present and not fact.docs.required and not fact.backend.present \
            and fact.field and not fact.backend_open and not fact.renamed:
        return f"{_name(fact)} is documented (optional) but the backend never has it"
    return None


def resp_optional(fact: FieldFact) -> str | None:
    if _both(fact) and fact.field and fact.docs.required and not fact.backend.required \
            and not fact.backend.write_only:
        message = f"{_name(fact)} is required in the docs but the backend may omit it"
        if has_default(fact.backend):
            # openapi-typescript (defaultNonNullable) and FastAPI's output schemas treat a
            # defaulted field as always sent; other backends may still leave it out.
            message += (" (it declares a default, which generated clients such as "
                        "openapi-typescript type as always present)")
        elif is_mapped_tag(fact.backend):
            message += (" (it is the tag a discriminator's mapping gives this type, which "
                        "generated clients such as openapi-typescript type as always present)")
        return message
    return None


def has_default(side: Side) -> bool:
    return isinstance(side.schema, dict) and "default" in side.schema


def is_mapped_tag(side: Side) -> bool:
    """The property is a discriminated union's tag, its value from the mapping
    (sources/discriminator.py)."""
    return isinstance(side.schema, dict) and bool(side.schema.get(MAPPED))


def _low_when_defaulted(context: Mapping[str, Any]) -> Severity | None:
    return Severity.low if context.get("backend_default") or context.get(
        "backend_tag") else None


def resp_null(fact: FieldFact) -> str | None:
    if _both(fact) and fact.backend.nullable and not fact.docs.nullable and fact.docs.types \
            and not fact.backend.null_unsure:
        return f"{_name(fact)} may be null in the backend but not in the docs"
    return None


def resp_enum(fact: FieldFact) -> str | None:
    extra = _enum_extra(fact, fact.backend, fact.docs)
    if extra:
        return (f"{_name(fact)} may be {', '.join(map(repr, extra))} in the backend, which "
                "the docs do not list")
    docs, backend = fact.docs, fact.backend
    if not (_both(fact) and docs.enum is not None and backend.enum is None and backend.types) \
            or _types_clash(docs, backend):
        return None  # a documented literal or enum against a plain backend type, below
    if backend.types == ("boolean",):
        left = [v for v in (False, True) if v not in docs.enum]
        return (f"{_name(fact)} may be {', '.join(map(repr, left))} in the backend; the docs "
                f"allow only {', '.join(map(repr, docs.enum))}") if left else None
    return (f"{_name(fact)} may be any {'/'.join(backend.types)} in the backend; the docs "
            f"allow only {', '.join(map(repr, docs.enum))}")


def _where(fact: FieldFact) -> str:
    return f"`{fact.location}`"


def req_member_rejected(fact: FieldFact) -> str | None:
    if fact.member is not None and fact.docs.present and not fact.backend.present:
        return (f"the docs let clients send `{fact.member}` at {_where(fact)}, which the "
                "backend's union does not accept")
    return None


def resp_member_undocumented(fact: FieldFact) -> str | None:
    if fact.member is not None and fact.backend.present and not fact.docs.present:
        return (f"{_where(fact)} may be `{fact.member}` in the backend, which the docs' union "
                "does not list")
    return None


def resp_undocumented(fact: FieldFact) -> str | None:
    if not fact.docs.present and fact.backend.present and not fact.docs_open \
            and not fact.backend.write_only and not fact.renamed and fact.member is None:
        return f"{_name(fact)} is sent by the backend but not documented"
    return None


def _static(**values: Any) -> _Rule:
    return register(_Rule(**values))


_static(id="request-field-required-but-documented-optional", direction="request",
        severity=Severity.critical,
        summary="The backend requires a field the docs call optional.",
        doc="A client following the docs omits the field and every such request fails "
            "validation (FastAPI answers 422). Make the field optional in the backend, or "
            "required in the docs.",
        check=req_required_optional, fix=fixes.make_optional,
        texts=Texts(marker="optional here, but the backend requires it",
                    impact="every request that follows the docs is rejected with 422",
                    complexity=_FIELD_OPTIONALITY, blocks=True,
                    headline="the backend requires fields the docs call optional",
                    problem="The backend requires {fields}, which the documentation says are "
                            "optional.",
                    example_note="documented as optional"),
        confirmed_by=("rejected-missing",),
        mirror="response-field-optional-but-documented-required")
_static(id="request-field-required-but-undocumented", direction="request",
        severity=Severity.critical,
        summary="The backend requires a field the docs never mention.",
        doc="No client following the docs can send the field, so every request fails "
            "validation.",
        check=req_required_undocumented, fix=fixes.make_optional,
        texts=Texts(marker="not documented, but the backend requires it",
                    impact="every request that follows the docs is rejected with 422",
                    complexity=_FIELD_OPTIONALITY, blocks=True,
                    headline="the backend requires fields the docs omit",
                    problem="The backend requires {fields}, which the documentation never "
                            "mentions.",
                    example_note="not documented"),
        confirmed_by=("rejected-missing",), mirror="response-field-undocumented")
_static(id="request-field-unknown-to-backend", direction="request", severity=Severity.medium,
        summary="The docs tell clients to send a field the backend does not declare.",
        doc="The backend ignores the field (the client's data is silently dropped) or, when it "
            "forbids extra fields, rejects the request (high).",
        policy=_high_when_closed, policy_doc="high when the backend forbids extra fields",
        check=req_unknown, fix=fixes.accept_field,
        texts=Texts(marker="unknown to the backend",
                    impact="The backend ignores the field (the client's data is silently "
                           "dropped) or, when it forbids extra fields, rejects the request "
                           "(high)"),
        confirmed_by=("rejected-extra",), mirror="response-field-missing")
_static(id="request-field-optional-but-documented-required", direction="request",
        severity=Severity.info,
        summary="The docs require a field the backend treats as optional.",
        doc="Harmless for clients (they send more than needed); the docs could say it is "
            "optional.",
        check=req_optional_required,
        texts=Texts(marker="the backend treats it as optional",
                    impact="Harmless for clients (they send more than needed); the docs could "
                           "say it is optional"),
        waiver="its response mirror (documented optional, always sent) harms no client")
_static(id="request-null-rejected", direction="request", severity=Severity.high,
        summary="The docs allow null where the backend rejects it.",
        doc="A client that sends null, as the docs allow, gets a validation error.",
        check=req_null, fix=fixes.accept_null,
        texts=Texts(marker="null allowed here, but the backend rejects null",
                    impact="A client that sends null, as the docs allow, gets a validation "
                           "error", complexity=_NULLABILITY),
        confirmed_by=("rejected-invalid",),
        mirror="response-field-nullable-but-documented-non-null")
_static(id="request-type-mismatch", direction="request", severity=Severity.high,
        summary="The docs and the backend disagree on a request field's type.",
        doc="Values of the documented type fail the backend's validation.",
        check=type_mismatch, fix=fixes.align_type,
        texts=Texts(marker="the backend expects another type",
                    impact="Values of the documented type fail the backend's validation",
                    complexity=_TYPE_CHANGE),
        confirmed_by=("rejected-invalid",), mirror="response-type-mismatch")
_static(id="request-enum-value-rejected", direction="request", severity=Severity.high,
        summary="The docs allow enum values the backend rejects.",
        doc="A client sending one of those documented values gets a validation error. A "
            "documented literal (`locked: false`) counts as a one-value enum.",
        check=req_enum, fix=fixes.align_type,
        texts=Texts(marker="the backend rejects some of these values",
                    impact="A client sending one of those documented values gets a validation "
                           "error"),
        confirmed_by=("rejected-invalid",), mirror="response-enum-value-undocumented",
        at_enum=True)
_static(id="request-field-renamed", direction="request", severity=Severity.high,
        summary="A documented request field is absent, and the backend has a similar name.",
        doc="Likely a rename (case, underscores or a suffix: `isAdmin`/`is_admin`, "
            "`price`/`price_cents`): clients send the old name, which the backend drops, and "
            "never send the new one. One finding names both fields.",
        policy=_critical_when_required,
        policy_doc="critical when the backend requires the new name",
        check=renamed, fix=fixes.rename_field,
        texts=Texts(marker="renamed in the backend",
                    impact="Clients send the old name, which the backend drops"),
        confirmed_by=("rejected-missing",), mirror="response-field-renamed")

_static(id="response-field-missing", direction="response", severity=Severity.high,
        summary="The docs promise a response field the backend does not declare.",
        doc="Client code reading the field gets undefined.",
        check=resp_missing, fix=fixes.send_field,
        texts=Texts(marker="the backend never sends it",
                    impact="Client code reading the field gets undefined"),
        confirmed_by=("response-absent",), mirror="request-field-unknown-to-backend")
_static(id="response-optional-field-missing", direction="response", severity=Severity.low,
        summary="The docs describe an optional response field the backend does not have.",
        doc="Client code waits for a field that never comes (its fallback always runs); often "
            "the field was dropped or renamed in the backend and the docs kept it.",
        check=resp_optional_missing, fix=fixes.drop_field,
        texts=Texts(marker="the backend has no such field",
                    impact="Client code waits for a field that never comes"),
        waiver="request-field-unknown-to-backend covers documented request fields the backend "
               "lacks, optional or not")
_static(id="response-field-optional-but-documented-required", direction="response",
        severity=Severity.high,
        summary="The backend may omit a response field the docs call required.",
        doc="Client code that trusts the docs reads undefined when the field is left out.",
        policy=_low_when_defaulted,
        policy_doc="low when the backend declares a default for the field, or it is the "
                   "tag a discriminator's mapping gives the type: the usual generated-client "
                   "convention, not a drift (high again when a live answer leaves it out)",
        check=resp_optional, fix=fixes.always_send,
        texts=Texts(marker="the backend may leave it out",
                    impact="Client code that trusts the docs reads undefined when the field is "
                           "left out", complexity=_FIELD_OPTIONALITY),
        confirmed_by=("response-absent",),
        mirror="request-field-required-but-documented-optional")
_static(id="response-field-nullable-but-documented-non-null", direction="response",
        severity=Severity.high,
        summary="The backend may send null where the docs promise a value.",
        doc="Client code that trusts the docs fails on null (e.g. `x.length` on null).",
        check=resp_null, fix=fixes.never_null,
        texts=Texts(marker="the backend may send null",
                    impact="Client code that trusts the docs fails on null",
                    complexity=_NULLABILITY),
        confirmed_by=("response-null",), mirror="request-null-rejected")
_static(id="response-type-mismatch", direction="response", severity=Severity.high,
        summary="The docs and the backend disagree on a response field's type.",
        doc="Client code handles a type the backend never sends.",
        check=type_mismatch, fix=fixes.align_type,
        texts=Texts(marker="the backend sends another type",
                    impact="Client code handles a type the backend never sends",
                    complexity=_TYPE_CHANGE),
        confirmed_by=("response-type",), mirror="request-type-mismatch")
_static(id="response-enum-value-undocumented", direction="response", severity=Severity.medium,
        summary="The backend may send enum values the docs do not list.",
        doc="Exhaustive switches in client code miss a case. A documented literal against a "
            "wider backend enum counts too.",
        check=resp_enum, fix=fixes.align_type,
        texts=Texts(marker="the backend sends values not listed",
                    impact="Exhaustive switches in client code miss a case"),
        confirmed_by=("response-enum",), mirror="request-enum-value-rejected", at_enum=True)
_static(id="response-field-undocumented", direction="response", severity=Severity.info,
        summary="The backend sends a field the docs do not mention.",
        doc="Harmless; the docs could describe it.",
        check=resp_undocumented, fix=fixes.document_field, confirmed_by=("response-extra",),
        texts=Texts(marker="sent by the backend, not documented",
                    impact="Harmless; the docs could describe it"),
        mirror="request-field-required-but-undocumented")
_static(id="response-field-renamed", direction="response", severity=Severity.high,
        summary="A documented response field is absent, and the backend sends a similar name.",
        doc="Likely a rename (case, underscores or a suffix: `nextCursor`/`next_cursor`, "
            "`updateAt`/`updatedAt`): client code reads the old name and gets undefined. One "
            "finding names both fields.",
        check=renamed, fix=fixes.rename_field,
        texts=Texts(marker="renamed in the backend",
                    impact="Client code reads the old name and gets undefined"),
        confirmed_by=("response-absent",), mirror="request-field-renamed")

_static(id="operation-removed", direction="operation", severity=Severity.high,
        summary="The docs document an operation the backend does not have.",
        doc="A client calling it as documented gets a 404 or 405: the operation was removed "
            "or moved. Paths compare without parameter names (`/items/{id}` is "
            "`/items/{itemId}`).",
        texts=Texts(marker="the backend has no such operation",
                    impact="A client calling it as documented gets a 404 or 405"),
        waiver="an operation is there or not: no request/response counterpart")

_static(id="request-union-member-rejected", direction="request", severity=Severity.high,
        summary="The docs allow a union member the backend's schema does not accept.",
        doc="Union members are paired by discriminator, then by name (`nullable-X` is `X`), "
            "then by shape; a documented member left over is one a client may send and the "
            "backend rejects.",
        texts=Texts(marker="the backend does not accept this member",
                    impact="A client sending this documented variant gets a validation error"),
        check=req_member_rejected, confirmed_by=("rejected-invalid",),
        mirror="response-union-member-undocumented")
_static(id="response-union-member-undocumented", direction="response", severity=Severity.medium,
        summary="The backend may send a union member the docs do not list.",
        doc="Union members are paired by discriminator, then by name (`nullable-X` is `X`), "
            "then by shape; a backend member left over is a variant client code never "
            "handles (for example a new `enterprise` owner beside `simple-user`).",
        texts=Texts(marker="the backend may send another variant here",
                    impact="Client code never handles a variant the backend sends"),
        check=resp_member_undocumented, confirmed_by=("response-type",),
        mirror="request-union-member-rejected")


def _example_role(context: Mapping[str, Any]) -> Severity | None:
    return Severity.high if context.get("role") == "request" else None


_static(id="docs-example-rejected", direction="docs", severity=Severity.medium,
        policy=_example_role, policy_doc="high for a request example (copying it gives a "
                                         "422), medium for a response example",
        summary="An example in the docs breaks the backend's schema.",
        doc="Each ```json block under an endpoint heading (a request or a response, by its "
            "label or the sentence before it) and each example call's object literal is "
            "validated against the backend's schema; the finding sits at the example's "
            "file:line.",
        texts=Texts(marker="the docs' example breaks the backend's schema here",
                    impact="A developer copying the docs' example gets it refused"),
        confirmed_by=("example-refused",),
        waiver="an example is one place in the docs, checked against both sides at once",
        test="tests/test_examples_check.py")
_static(id="docs-example-breaks-docs", direction="docs", severity=Severity.low,
        summary="An example in the docs does not match its own documented type.",
        doc="The docs contradict themselves: the example and the interface beside it "
            "disagree (a field the type lacks, a wrong type, a missing required field).",
        texts=Texts(marker="the example and the documented type disagree here",
                    impact="Readers cannot tell which of the two is right"),
        waiver="an example is one place in the docs, checked against both sides at once",
        test="tests/test_examples_check.py")
