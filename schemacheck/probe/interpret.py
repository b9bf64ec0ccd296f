"""Reading answers: 422 details mapped to fields, 5xx (with pydantic text parsed), 401/403,
and 2xx bodies validated against the documented type and the backend's own schema."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from typing import Any

from jsonschema import Draft202012Validator

from schemacheck.catalog import make_finding
from schemacheck.finding_parts import BackendLine, DocsLine, ModelError, Violation
from schemacheck.findings import Declared, Evidence, Finding, Fix
from schemacheck.fixes import ts_type
from schemacheck.model import Schema, SchemaSet, ref_name
from schemacheck.probe import pydantic_text, quick_valid, safe_json
from schemacheck.probe.client import Answer
from schemacheck.probe.redact import Redactor
from schemacheck.probe.retry import is_sample_error
from schemacheck.result import ProbeStatus

EXCERPT = 2000
MAX_VIOLATIONS = 20


@dataclass
class Outcome:
    status: ProbeStatus
    findings: list[Finding] = field(default_factory=list)
    confirms: list[tuple[str, Evidence]] = field(default_factory=list)  # location, evidence
    # a 2xx JSON body, for the harvest and the observations: read once, never saved
    body: Any = None


def location_of(loc: list[Any]) -> str:
    """FastAPI's `loc` (["body", "context", "userId"]) -> "body.context.userId"."""
    parts = [str(p) for p in loc if isinstance(p, (str, int)) and not isinstance(p, bool)]
    if not parts:
        return "body"
    root, rest = parts[0], parts[1:]
    if root not in ("body", "query", "path", "header", "cookie"):
        root, rest = "body", parts
    text = root
    for part in rest:
        text += "[]" if part.isdigit() else f".{part}"
    return text


def json_path_location(root: str, path: list[Any]) -> str:
    text = root
    for part in path:
        text += "[]" if isinstance(part, int) else f".{part}"
    return text


def body_excerpt(answer: Answer, redact: Redactor) -> Any:
    """The parsed JSON body when it is small JSON, else a capped text excerpt."""
    text = redact(answer.body[:EXCERPT * 4].decode("utf-8", "replace"))
    if answer.content_type.endswith("json") and not answer.truncated:
        try:
            return safe_json.loads(text)
        except ValueError:
            pass
    return text[:EXCERPT] + ("…" if len(text) > EXCERPT or answer.truncated else "")


class Interpreter:
    def __init__(self, docs: SchemaSet, backend: SchemaSet, redact: Redactor,
                 credential: str) -> None:
        self.docs = docs
        self.backend = backend
        self.redact = redact
        self.credential = credential
        self._validators: dict[str, Draft202012Validator] = {}
        self._first: dict[str, Schema] = {}  # the validator of a key is built from this

    def validator(self, key: str, schemas: SchemaSet, schema: Schema) -> Draft202012Validator:
        if key not in self._validators:
            schema = self._first.setdefault(key, schema)
            self._validators[key] = Draft202012Validator(schemas.validator_schema(schema))
        return self._validators[key]

    def surely_valid(self, key: str, schemas: SchemaSet, schema: Schema, body: Any) -> bool:
        """quick_valid's yes/no; False sends the body to jsonschema, which finds its errors.
        Valid bodies, nearly all, never pay for jsonschema's machinery."""
        try:
            return quick_valid.valid(self._first.setdefault(key, schema), body, schemas.schemas)
        except (quick_valid.Unsure, RecursionError):
            return False

    def read(self, op_key: str, method: str, answer: Answer, evidence: Evidence,
             doc_schema: Schema | None, doc_key: str | None,
             backend_schema: Schema | None) -> Outcome:
        """What the answer shows; `evidence` is its exchange, which every finding carries."""
        if answer.status is None:
            return self._no_answer(op_key, answer, evidence)
        status = answer.status
        if status == 422:
            return self._rejected(op_key, answer, evidence)
        if status in (401, 403):
            return self._denied(op_key, status, answer, evidence)
        if status >= 500:
            return self._server_error(op_key, method, answer, evidence, doc_schema)
        if 200 <= status < 300:
            return self._success(op_key, answer, evidence, doc_schema, doc_key, backend_schema)
        return Outcome(ProbeStatus(status="inconclusive", http_status=status,
                                   reason=f"HTTP {status}"))

    def _no_answer(self, op_key: str, answer: Answer, evidence: Evidence) -> Outcome:
        """The request went out; what came back was nothing, or not all of it."""
        error = answer.error or "no answer"
        refused = error.startswith("cannot connect")
        rule = "probe-unreachable" if refused else "probe-timeout"
        finding = make_finding(rule, operation=op_key, location="request",
                               message=f"no complete answer: {error}", evidence=evidence,
                               root_cause=rule)
        return Outcome(ProbeStatus(status="unreachable", reason=error), [finding])

    def _denied(self, op_key: str, status: int, answer: Answer,
                evidence: Evidence) -> Outcome:
        """401/403: without credentials, one summary finding (the probe adds it); with them, a
        403 that states a rule of the business is not a credential problem."""
        detail = _detail_text(answer)
        if self.credential == "no credentials":
            return Outcome(ProbeStatus(status="inconclusive", http_status=status,
                                       reason="requires credentials", needs_credentials=True))
        if status == 403 and not CREDENTIAL_WORDS.search(detail):
            return Outcome(ProbeStatus(
                status="inconclusive", http_status=403,
                reason=f"forbidden for these credentials: {detail[:200]}"))
        message = (f"{status} {'Unauthorized' if status == 401 else 'Forbidden'} with "
                   f"{self.credential}")
        finding = make_finding("probe-auth-rejected", operation=op_key, location="request",
                               message=message, evidence=evidence,
                               root_cause="probe-auth-rejected")
        return Outcome(ProbeStatus(status="failed", http_status=status), [finding])

    def _rejected(self, op_key: str, answer: Answer, evidence: Evidence) -> Outcome:
        errors = validation_errors(answer)
        outcome = Outcome(ProbeStatus(status="failed", http_status=422))
        own = [(loc, message, raw) for loc, message, raw in errors if is_sample_error(raw)]
        for loc, message, raw in own:  # the probe's own value: never a docs finding
            location = location_of(loc)
            outcome.findings.append(make_finding(
                "probe-invalid-sample", operation=op_key, location=location,
                message=f"could not build a valid value for {location}: {message}",
                evidence=replace(evidence, error=raw), root_cause=f"probe-sample:{op_key}"))
        errors = [e for e in errors if not is_sample_error(e[2])]
        if own and not errors:
            outcome.status = ProbeStatus(status="inconclusive", http_status=422, reason=(
                "could not build a valid value for "
                + ", ".join(sorted({location_of(loc) for loc, _, _ in own}))))
            return outcome
        for loc, message, raw in errors:
            location = location_of(loc)
            detail = replace(evidence, error=raw)
            outcome.confirms.append((location, detail))
            outcome.findings.append(make_finding(
                "probe-minimal-payload-rejected", operation=op_key, location=location,
                message=f"the documented minimal payload was rejected: {message}",
                evidence=detail, root_cause=f"probe-rejected:{op_key}"))
        if not errors and not own:
            outcome.findings.append(make_finding(
                "probe-minimal-payload-rejected", operation=op_key, location="body",
                message="the documented minimal payload was rejected (422)", evidence=evidence,
                root_cause=f"probe-rejected:{op_key}"))
        return outcome

    def _server_error(self, op_key: str, method: str, answer: Answer, evidence: Evidence,
                      doc_schema: Schema | None) -> Outcome:
        text = answer.body.decode("utf-8", "replace")
        try:
            detail = safe_json.loads(text).get("detail", text)
            text = detail if isinstance(detail, str) else json.dumps(detail)
        except (ValueError, AttributeError):
            pass
        parsed = pydantic_text.parse(text)
        fix = None
        docs_side = None
        if parsed:
            first = parsed[0]
            found = self._field_location(doc_schema, first.field)
            location = found[0] if found else "response"
            message = (f"HTTP {answer.status}: {len(parsed)} validation error"
                       f"{'s' if len(parsed) > 1 else ''} for {first.model}: `{first.field}` "
                       f"{first.message.lower()} (input {first.input})")
            evidence = replace(evidence, text=text, pydantic=tuple(
                ModelError(p.model, p.field, p.message, p.type, p.input) for p in parsed))
            cause = f"server-error:{first.model}.{first.field}"
            fix = server_error_fix(first, found)
            if found:
                docs_side = Declared(True, found[2].get("x-source"), type_name=found[1])
        else:
            location, cause = "response", f"server-error:{op_key}"
            message = f"HTTP {answer.status} for a documented request"
            evidence = replace(evidence, text=text[:EXCERPT])
        finding = make_finding("probe-server-error", operation=op_key, location=location,
                               message=message, docs=docs_side, evidence=evidence, fix=fix,
                               root_cause=cause, method=method)
        return Outcome(ProbeStatus(status="failed", http_status=answer.status), [finding])

    def _field_location(self, doc_schema: Schema | None,
                        dotted: str) -> tuple[str, str | None, Schema] | None:
        """Where a field named in a server error sits in the documented response:
        (location, the documented type holding it, the field's schema)."""
        if doc_schema is None:
            return None
        target = dotted.split(".")[-1]
        queue: list[tuple[Schema, str, int]] = [(doc_schema, "response", 0)]
        while queue:
            schema, loc, depth = queue.pop(0)
            resolved, owner = self.docs.deref(schema)
            for key in ("anyOf", "oneOf"):
                for member in resolved.get(key, []):
                    queue.append((member, loc, depth + 1))
            if isinstance(resolved.get("items"), dict) and depth < 12:
                queue.append((resolved["items"], loc + "[]", depth + 1))
            for name, sub in resolved.get("properties", {}).items():
                if name == target:
                    return f"{loc}.{name}", owner, sub
                if depth < 12:
                    queue.append((sub, f"{loc}.{name}", depth + 1))
        return None

    def _success(self, op_key: str, answer: Answer, evidence: Evidence,
                 doc_schema: Schema | None, doc_key: str | None,
                 backend_schema: Schema | None) -> Outcome:
        outcome = Outcome(ProbeStatus(status="passed", http_status=answer.status))
        if answer.truncated:
            outcome.status = replace(outcome.status, status="inconclusive",
                                     reason="body over the size cap; not validated")
            return outcome
        expects_json = doc_schema is not None or bool(backend_schema)
        if not answer.body.strip() or not expects_json:
            return outcome
        try:
            body = answer.json()
        except ValueError as exc:
            why = "" if isinstance(exc, json.JSONDecodeError) else f"{str(exc)[:120]}; "
            outcome.status = replace(outcome.status, status="failed")
            outcome.findings.append(make_finding(
                "probe-response-violates-docs", operation=op_key, location="response",
                message=f"the response is not JSON ({why}content-type "
                        f"{answer.content_type or 'missing'})",
                evidence=evidence, root_cause=f"probe-not-json:{op_key}"))
            return outcome
        outcome.body = body
        checks = [("probe-response-violates-docs", self.docs, doc_schema, f"docs:{doc_key}",
                   doc_key)]
        if backend_schema:
            # the spec's schema depends on the status (200 and 201 may differ): one key each
            checks.append(("probe-response-violates-openapi", self.backend, backend_schema,
                           f"openapi:{op_key}:{answer.status}", op_key))
        for rule, schemas, schema, key, shown in checks:
            if schema is None or self.surely_valid(key, schemas, schema, body):
                continue
            for location, errors in _violations(self.validator(key, schemas, schema), body):
                first = errors[0]
                side = "the documented type" if rule.endswith("docs") else "its own OpenAPI"
                name = ref_name(schema) or shown
                outcome.findings.append(make_finding(
                    rule, operation=op_key, location=location,
                    message=f"the live response breaks {side} ({name}): {first.message} at "
                    f"{_json_path(first.absolute_path)}"
                    + (f" and {len(errors) - 1} more" if len(errors) > 1 else ""),
                    evidence=replace(evidence, violations=tuple(
                        Violation(_json_path(e.absolute_path), self.redact(e.message)[:300],
                                  _kind(e)) for e in errors[:5])),
                    root_cause=f"{rule}:{location}"))
                if rule.endswith("docs"):
                    outcome.confirms.append((location, replace(evidence, live=_kind(first))))
        if outcome.findings:
            outcome.status = replace(outcome.status, status="failed")
        return outcome


CREDENTIAL_WORDS = re.compile(
    r"authenticat|credential|token|expired|invalid (api )?key|unauthori|signature|bearer|"
    r"login|sign in|session", re.IGNORECASE)


def _detail_text(answer: Answer) -> str:
    text = answer.body[:EXCERPT].decode("utf-8", "replace")
    try:
        body = safe_json.loads(text)
    except ValueError:
        return text
    detail = body.get("detail", body.get("message", body)) if isinstance(body, dict) else body
    return detail if isinstance(detail, str) else json.dumps(detail)


PYDANTIC_TYPES = {"string_type": "str", "int_type": "int", "int_parsing": "int",
                  "float_type": "float", "float_parsing": "float", "bool_type": "bool",
                  "list_type": "List[Any]", "dict_type": "dict", "datetime_type": "datetime"}


def server_error_fix(error: pydantic_text.PydanticError,
                     found: tuple[str, str | None, Schema] | None) -> Fix:
    """A model that cannot hold the stored data: accept it (backend) or promise less (docs)."""
    field_name = error.field.split(".")[-1]
    py = PYDANTIC_TYPES.get(error.type, "Any")
    if error.input == "None" or error.type == "missing":
        backend_line = f"{field_name}: Optional[{py}] = None  # ← accept the null in the data"
    else:
        backend_line = f"{field_name}: Any  # ← accept {error.input} (or clean the data)"
    backend = BackendLine(error.model, field_name, backend_line)
    if not (found and found[1]):
        return Fix(backend=backend)
    ts = ts_type(found[2], nullable=False)
    return Fix(backend=backend, docs=DocsLine(
        found[1], field_name, f"{field_name}: {ts};  // ← the backend's model never allows "
                              "null; backfill the rows that hold it"))


def validation_errors(answer: Answer) -> list[tuple[list[Any], str, Any]]:
    try:
        body = answer.json()
    except ValueError:
        return []
    out: list[tuple[list[Any], str, Any]] = []
    if isinstance(body, dict) and isinstance(body.get("detail"), list):  # FastAPI / pydantic
        for item in body["detail"]:
            if isinstance(item, dict) and isinstance(item.get("loc"), list):
                raw = {k: item[k] for k in ("type", "loc", "msg", "ctx") if k in item}
                out.append((item["loc"], str(item.get("msg", "")), raw))
    elif isinstance(body, dict):  # RFC 7807 problem details with field errors
        for key in ("errors", "invalid-params", "invalid_params"):
            for item in body.get(key) or []:
                if not isinstance(item, dict):
                    continue
                name = item.get("pointer") or item.get("field") or item.get("name") or ""
                parts = [p for p in str(name).replace("/", ".").split(".") if p and p != "#"]
                message = str(item.get("detail") or item.get("reason") or item.get("message", ""))
                out.append((["body", *parts], message, item))
    return out


def _violations(validator: Draft202012Validator, body: Any) -> list[tuple[str, list[Any]]]:
    """Errors grouped by the field they concern: a missing required property is located at
    the property itself, not at the object that lacks it."""
    grouped: dict[str, list[Any]] = {}
    for error in validator.iter_errors(body):
        location = json_path_location("response", list(error.absolute_path))
        if error.validator == "required" and isinstance(error.instance, dict):
            missing = [p for p in error.validator_value if p not in error.instance]
            location += f".{missing[0]}" if missing else ""
        grouped.setdefault(location, []).append(error)
        if sum(len(v) for v in grouped.values()) >= MAX_VIOLATIONS:
            break
    return sorted((loc, sorted(errs, key=lambda e: list(map(str, e.absolute_path))))
                  for loc, errs in grouped.items())


def _kind(error: Any) -> str:
    """What a validation error shows: missing, null, enum, type or other."""
    if error.validator == "required":
        return "missing"
    if error.instance is None:
        return "null"
    if error.validator in ("enum", "const"):
        return "enum"
    return "type" if error.validator == "type" else str(error.validator)


def _json_path(path: Any) -> str:
    text = "$"
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text
