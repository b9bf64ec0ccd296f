"""The rule catalog: every finding kind, its id, direction, default severity and docs.

Static rules are functions of one FieldFact (diff.py); probe rules are emitted by probe/.
`schemacheck rules` and the generated rule reference both come from RULES.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from schemacheck.diff import FieldFact, Side
from schemacheck.findings import Finding, Severity
from schemacheck.fixes import fix_for

Check = Callable[[FieldFact], "tuple[str, Severity | None] | None"]


@dataclass(frozen=True)
class Rule:
    id: str
    direction: str  # request | response | probe
    severity: Severity
    summary: str
    doc: str
    check: Check | None = None
    mirror: str | None = None  # the rule of the other direction, or why there is none


RULES: dict[str, Rule] = {}


def rule(id: str, direction: str, severity: Severity, summary: str, doc: str,
         mirror: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        RULES[id] = Rule(id, direction, severity, summary, doc, check, mirror)
        return check
    return register


def probe_rule(id: str, severity: Severity, summary: str, doc: str) -> None:
    RULES[id] = Rule(id, "probe", severity, summary, doc, None, "live evidence")


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
    """Enum values the sending side may produce that the receiving side does not accept."""
    if not _both(fact) or sender.enum is None or receiver.enum is None:
        return []
    return [v for v in sender.enum if v not in receiver.enum]


# --- request: the client sends what the docs say -------------------------------------------
@rule("request-field-required-but-documented-optional", "request", Severity.critical,
      "The backend requires a field the docs call optional.",
      "A client following the docs omits the field and every such request fails validation "
      "(FastAPI answers 422). Make the field optional in the backend, or required in the docs.",
      mirror="response-field-optional-but-documented-required")
def _req_required_optional(fact: FieldFact) -> tuple[str, None] | None:
    if _both(fact) and fact.field and not fact.docs.required and fact.backend.required \
            and not fact.backend.read_only:
        return (f"{_name(fact)} is optional in the docs but required by the backend: a client "
                "that omits it gets a 422", None)
    return None


@rule("request-field-required-but-undocumented", "request", Severity.critical,
      "The backend requires a field the docs never mention.",
      "No client following the docs can send the field, so every request fails validation.",
      mirror="response-field-undocumented")
def _req_required_undocumented(fact: FieldFact) -> tuple[str, None] | None:
    if not fact.docs.present and fact.backend.present and fact.backend.required \
            and not fact.backend.read_only and not fact.docs_open:
        return f"{_name(fact)} is required by the backend but not documented", None
    return None


@rule("request-field-unknown-to-backend", "request", Severity.medium,
      "The docs tell clients to send a field the backend does not declare.",
      "The backend ignores the field (the client's data is silently dropped) or, when it "
      "forbids extra fields, rejects the request (high).",
      mirror="response-field-missing")
def _req_unknown(fact: FieldFact) -> tuple[str, Severity | None] | None:
    if fact.docs.present and not fact.backend.present and fact.field and not fact.backend_open:
        if fact.backend_closed:
            return (f"{_name(fact)} is documented but the backend forbids it: requests that send "
                    "it are rejected", Severity.high)
        return f"{_name(fact)} is documented but unknown to the backend, which drops it", None
    return None


@rule("request-field-optional-but-documented-required", "request", Severity.info,
      "The docs require a field the backend treats as optional.",
      "Harmless for clients (they send more than needed); the docs could say it is optional.",
      mirror="response-field-optional-but-documented-required")
def _req_optional_required(fact: FieldFact) -> tuple[str, None] | None:
    if _both(fact) and fact.field and fact.docs.required and not fact.backend.required:
        return f"{_name(fact)} is required in the docs but optional in the backend", None
    return None


@rule("request-null-rejected", "request", Severity.high,
      "The docs allow null where the backend rejects it.",
      "A client that sends null, as the docs allow, gets a validation error.",
      mirror="response-field-nullable-but-documented-non-null")
def _req_null(fact: FieldFact) -> tuple[str, None] | None:
    if _both(fact) and fact.docs.nullable and not fact.backend.nullable:
        return f"{_name(fact)} may be null in the docs but the backend rejects null", None
    return None


@rule("request-type-mismatch", "request", Severity.high,
      "The docs and the backend disagree on a request field's type.",
      "Values of the documented type fail the backend's validation.",
      mirror="response-type-mismatch")
def _type_mismatch(fact: FieldFact) -> tuple[str, None] | None:
    """The same fact is a mismatch in both directions; only the severity's reason differs."""
    if _both(fact) and _types_clash(fact.docs, fact.backend):
        return (f"{_name(fact)} is {'/'.join(fact.docs.types)} in the docs but "
                f"{'/'.join(fact.backend.types)} in the backend", None)
    return None


@rule("request-enum-value-rejected", "request", Severity.high,
      "The docs allow enum values the backend rejects.",
      "A client sending one of those documented values gets a validation error.",
      mirror="response-enum-value-undocumented")
def _req_enum(fact: FieldFact) -> tuple[str, None] | None:
    extra = _enum_extra(fact, fact.docs, fact.backend)
    if extra:
        return (f"{_name(fact)} allows {', '.join(map(repr, extra))} in the docs but the "
                "backend rejects them", None)
    return None


# --- response: the client reads what the docs say -------------------------------------------
@rule("response-field-missing", "response", Severity.high,
      "The docs promise a response field the backend does not declare.",
      "Client code reading the field gets undefined.",
      mirror="request-field-unknown-to-backend")
def _resp_missing(fact: FieldFact) -> tuple[str, None] | None:
    if fact.docs.present and fact.docs.required and not fact.backend.present and fact.field \
            and not fact.backend_open:
        return f"{_name(fact)} is documented but the backend never sends it", None
    return None


@rule("response-field-optional-but-documented-required", "response", Severity.high,
      "The backend may omit a response field the docs call required.",
      "Client code that trusts the docs reads undefined when the field is left out.",
      mirror="request-field-required-but-documented-optional")
def _resp_optional(fact: FieldFact) -> tuple[str, None] | None:
    if _both(fact) and fact.field and fact.docs.required and not fact.backend.required \
            and not fact.backend.write_only:
        return f"{_name(fact)} is required in the docs but the backend may omit it", None
    return None


@rule("response-field-nullable-but-documented-non-null", "response", Severity.high,
      "The backend may send null where the docs promise a value.",
      "Client code that trusts the docs fails on null (e.g. `x.length` on null).",
      mirror="request-null-rejected")
def _resp_null(fact: FieldFact) -> tuple[str, None] | None:
    if _both(fact) and fact.backend.nullable and not fact.docs.nullable and fact.docs.types:
        return f"{_name(fact)} may be null in the backend but not in the docs", None
    return None


rule("response-type-mismatch", "response", Severity.high,
     "The docs and the backend disagree on a response field's type.",
     "Client code handles a type the backend never sends.",
     mirror="request-type-mismatch")(_type_mismatch)


@rule("response-enum-value-undocumented", "response", Severity.medium,
      "The backend may send enum values the docs do not list.",
      "Exhaustive switches in client code miss a case.",
      mirror="request-enum-value-rejected")
def _resp_enum(fact: FieldFact) -> tuple[str, None] | None:
    extra = _enum_extra(fact, fact.backend, fact.docs)
    if extra:
        return (f"{_name(fact)} may be {', '.join(map(repr, extra))} in the backend, which "
                "the docs do not list", None)
    return None


@rule("response-field-undocumented", "response", Severity.info,
      "The backend sends a field the docs do not mention.",
      "Harmless; the docs could describe it.",
      mirror="request-field-required-but-undocumented")
def _resp_undocumented(fact: FieldFact) -> tuple[str, None] | None:
    if not fact.docs.present and fact.backend.present and not fact.docs_open \
            and not fact.backend.write_only:
        return f"{_name(fact)} is sent by the backend but not documented", None
    return None


probe_rule("probe-minimal-payload-rejected", Severity.critical,
           "The backend rejects a payload holding exactly the documented required fields.",
           "The probe sent what the docs call the minimal valid request; each validation error "
           "is mapped to the documented field it names.")
probe_rule("probe-server-error", Severity.critical,
           "The backend answers a documented request with a 5xx error.",
           "Critical on a read (GET/HEAD), high otherwise. Pydantic validation text in the body "
           "is parsed into model, field and input.")
probe_rule("probe-response-violates-docs", Severity.high,
           "A 2xx response body breaks the documented type.",
           "The live body was validated against the documented response type.")
probe_rule("probe-response-violates-openapi", Severity.medium,
           "A 2xx response body breaks the backend's own OpenAPI schema.",
           "The backend's document does not describe what it really sends.")
probe_rule("probe-unreachable", Severity.high,
           "The backend could not be reached (connection refused, timeout, TLS error).",
           "Reported as a finding, never a crash.")
probe_rule("probe-auth-rejected", Severity.high,
           "The backend answered 401/403 to the configured credentials.",
           "The finding names which credential was used, never its value.")
probe_rule("probe-invalid-sample", Severity.info,
           "The probe could not build a value the backend accepts for a field.",
           "A 422 blamed a value the probe chose (a format, pattern, length or range); the "
           "value was corrected from the error and sent once more, and was still refused. It is "
           "the probe's problem, never a docs finding.")
probe_rule("probe-unsatisfiable", Severity.medium,
           "No value meets both the docs and the backend for a field.",
           "The documented type and the backend's constraints (length, range, pattern, format) "
           "exclude each other: a client following the docs can never send a valid value.")
probe_rule("probe-credentials-required", Severity.medium,
           "Operations answered 401/403 and no credentials were configured.",
           "One finding for every such operation: pass --header or set `auth` to probe them.")
probe_rule("probe-timeout", Severity.high,
           "No complete answer: the deadline passed or the server closed the connection.",
           "Reported for the operation with what happened and the exchange; the request was "
           "sent, so it is never called a refused connection.")
probe_rule("probe-promise-broken", Severity.high,
           "The backend refuses something the docs promise it accepts.",
           "With --promises, each documented promise is sent once: every field, null for each "
           "nullable field, each enum value, each optional field left out. A 5xx, or a 422 "
           "blaming the promised field, breaks it.")
probe_rule("probe-workflow-step-failed", Severity.high,
           "A step of a declared workflow did not get the answer it expects.",
           "Workflows (config `workflows:` or a ```schemacheck block in the docs) run step by "
           "step with values flowing from one answer into the next; the first failing step is "
           "reported with its exchange and stops its workflow.")
probe_rule("probe-left-behind", Severity.high,
           "An object the probe created could not be deleted at the end of the run.",
           "Every object a create made is deleted through its collection's DELETE, also after "
           "errors and Ctrl-C; one that could not be (no id in the answer, the DELETE failed, "
           "the create got no answer) is listed with its id and why.")
probe_rule("traffic-request-violates-docs", Severity.medium,
           "A recorded request body or query breaks the documented type.",
           "`schemacheck traffic`: what the frontend really sends is not what the docs "
           "describe (a field the docs lack, a wrong type, a missing documented field).")
probe_rule("traffic-request-violates-openapi", Severity.high,
           "A recorded request body or query breaks the backend's own schema.",
           "`schemacheck traffic`: the backend rejects (or misreads) what the frontend really "
           "sends; the recorded answer is usually a 422.")

def evaluate(facts: list[FieldFact], disabled: frozenset[str] = frozenset()) -> list[Finding]:
    findings: list[Finding] = []
    by_direction = {d: [(r, r.check) for r in RULES.values()
                        if r.direction == d and r.check is not None and r.id not in disabled]
                    for d in ("request", "response")}
    for fact in facts:
        direction = fact.contract.direction
        for item, check in by_direction[direction]:
            verdict = check(fact)
            if verdict is None:
                continue
            message, severity = verdict
            findings.append(Finding(
                rule=item.id, severity=(severity or item.severity).name,
                operation=fact.contract.operation, location=fact.location, message=message,
                docs=fact.docs.to_json(), backend=fact.backend.to_json(),
                fix=fix_for(item.id, fact),
                root_cause=f"{direction}:{fact.contract.doc_type}",
            ))
    return findings
