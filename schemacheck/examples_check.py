"""The docs' own examples, checked: each ```json block under an endpoint heading and each
example call's object literal is validated against the backend's schema for that request or
response, and against the documented type. A frontend developer copies these first; one the
backend rejects is a 422 on the first try. One finding per example, at its file:line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from schemacheck.catalog import make_finding
from schemacheck.contracts import Contract, Endpoints, doc_part_schema
from schemacheck.findings import Declared, Evidence, Finding
from schemacheck.model import Schema, SchemaSet
from schemacheck.sources.openapi import Spec
from schemacheck.sources.typescript import DocSet

MAX_ERRORS = 5


@dataclass(frozen=True)
class _Example:
    operation: str
    role: str  # request | response
    value: Any
    where: str


def _examples(docs: DocSet, spec: Spec) -> list[_Example]:
    endpoint = Endpoints(spec).operation  # `/api/v3/jobs` in the docs may be the spec's `/jobs`
    found = [_Example(" ".join(endpoint(e.method, e.path)), e.role, e.value, e.where)
             for e in docs.docs_examples if e.role in ("request", "response")]
    for (method, path), calls in sorted(docs.examples.items()):
        found += [_Example(" ".join(endpoint(method, path)), "request", c.value, c.where)
                  for c in calls]
    return found


def _location(role: str, error: Any) -> str:
    text = "body" if role == "request" else "response"
    for part in error.absolute_path:
        text += "[]" if isinstance(part, int) else f".{part}"
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [p for p in error.validator_value if p not in error.instance]
        text += f".{missing[0]}" if missing else ""
    return text


def _errors(schema: Schema, schemas: SchemaSet, value: Any) -> list[Any]:
    # imported here: jsonschema costs a cold `diff` more than checking a few examples
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schemas.validator_schema(schema))
    return sorted(validator.iter_errors(value), key=lambda e: list(map(str, e.absolute_path)))


def check_examples(docs: DocSet, spec: Spec, contracts: list[Contract],
                   explained: set[tuple[str | None, str]] | None = None) -> list[Finding]:
    """`explained`: (operation, location) places a static finding already reports. An
    example error there is that finding's root cause (the example follows the docs), so
    only the example's other errors make a finding."""
    documented = {(c.operation, c.part): c.doc_type for c in contracts if c.operation}
    findings: list[Finding] = []
    for example in _examples(docs, spec):
        op = spec.operation(example.operation)
        if op is None:
            continue  # operation-removed already says so
        if example.role == "request":
            backend = op.request_schema()
        else:
            success = op.success()
            backend = success[1] if success else None
        doc_type = documented.get((example.operation, example.role))
        checks = [("docs-example-rejected", backend, spec.schemas, "the backend's schema")]
        if doc_type:
            checks.append(("docs-example-breaks-docs", doc_part_schema(doc_type), docs.schemas,
                           f"its documented type {doc_type}"))
        for rule, schema, schemas, side in checks:
            if not schema:
                continue
            errors = [e for e in _errors(schema, schemas, example.value)
                      if (example.operation, _location(example.role, e)) not in (explained or ())]
            if not errors:
                continue
            shown = "; ".join(f"{_location(example.role, e)}: {e.message[:120]}"
                              for e in errors[:MAX_ERRORS])
            more = f" and {len(errors) - MAX_ERRORS} more" if len(errors) > MAX_ERRORS else ""
            findings.append(make_finding(
                rule, operation=example.operation, location=_location(example.role, errors[0]),
                message=f"the docs' {example.role} example at {example.where} breaks {side}: "
                        f"{shown}{more}",
                docs=Declared(True, example.where, type_name=doc_type),
                evidence=Evidence(example=example.value, where=example.where),
                root_cause=f"example:{example.where}:{rule}", role=example.role))
    return findings
