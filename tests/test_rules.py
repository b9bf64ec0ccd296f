"""The rule catalog is checked, and every static rule has a fixture pair that triggers it alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from schemacheck.contracts import make_contracts
from schemacheck.diff import diff_all
from schemacheck.findings import Finding, Severity
from schemacheck.rules import RULES, evaluate, removed_operations
from schemacheck.sources.openapi import build_spec, load_openapi
from schemacheck.sources.typescript import load_docs

CASES = Path(__file__).parent / "data" / "rules"
STATIC = sorted(r.id for r in RULES.values() if r.direction not in ("probe", "docs"))


def run(docs_path: str, spec_path: str) -> list[Finding]:
    docs = load_docs([docs_path])
    spec = load_openapi(spec_path)
    contracts = make_contracts(docs, spec)
    return evaluate(diff_all(contracts.contracts, docs, spec)) + removed_operations(
        contracts.removed)


@pytest.mark.parametrize("rule_id", STATIC)
def test_fixture_triggers_exactly_its_rule(rule_id: str) -> None:
    case = CASES / rule_id
    findings = run(str(case / "docs.ts"), str(case / "spec.yaml"))
    assert [f.rule for f in findings] == [rule_id]
    finding = findings[0]
    assert finding.severity == RULES[rule_id].severity.name
    assert finding.docs and re.search(r"docs\.ts:[2-6]$", finding.docs.where)
    backend = "#/paths" if RULES[rule_id].direction == "operation" else "#/components/schemas/Thing"
    assert finding.backend and finding.backend.where.startswith(backend)


def test_unknown_field_is_high_when_backend_forbids_extras(tmp_path: Path) -> None:
    spec_text = (CASES / "request-field-unknown-to-backend" / "spec.yaml").read_text()
    spec_path = tmp_path / "spec.yaml"
    closed = "      type: object\n      additionalProperties: false\n"
    spec_path.write_text(spec_text.replace("      type: object\n", closed))
    findings = run(str(CASES / "request-field-unknown-to-backend" / "docs.ts"), str(spec_path))
    assert [(f.rule, f.severity) for f in findings] == [
        ("request-field-unknown-to-backend", "high")]


def test_severity_order() -> None:
    assert Severity.critical > Severity.high > Severity.medium > Severity.low > Severity.info


def _spec(schemas: dict, paths: dict) -> dict:
    return {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": paths,
            "components": {"schemas": schemas}}


def _json_body(ref: str) -> dict:
    return {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}


def test_same_field_name_at_different_depths(tmp_path: Path) -> None:
    (tmp_path / "d.ts").write_text("""
interface Order { id: string; customer: Customer; }
interface Customer { id?: string; name: string; }
""")
    schemas = {
        "Order": {"type": "object", "required": ["id", "customer"], "properties": {
            "id": {"type": "string"}, "customer": {"$ref": "#/components/schemas/Customer"}}},
        "Customer": {"type": "object", "required": ["id", "name"], "properties": {
            "id": {"type": "string"}, "name": {"type": "string"}}},
    }
    paths = {"/orders": {"post": {"requestBody": _json_body("Order"),
                                  "responses": {"204": {"description": "x"}}}}}
    docs = load_docs([str(tmp_path / "d.ts")])
    spec = build_spec(_spec(schemas, paths), "inline")
    findings = evaluate(diff_all(make_contracts(docs, spec).contracts, docs, spec))
    assert [(f.location, f.rule) for f in findings] == [
        ("body.customer.id", "request-field-required-but-documented-optional")]
    assert findings[0].docs.type_name == "Customer"


def test_arrays_of_objects_and_generic_envelope(tmp_path: Path) -> None:
    (tmp_path / "d.md").write_text("""
### GET /items

```ts
interface Page<T> { items: T[]; total: number; }
interface Item { id: string; label: string; }
type ItemPage = Page<Item>;
```
""")
    schemas = {
        "Page_Item_": {"type": "object", "required": ["items", "total"], "properties": {
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}},
            "total": {"type": "integer"}}},
        "Item": {"type": "object", "required": ["id"], "properties": {
            "id": {"type": "string"}, "label": {"anyOf": [{"type": "string"}, {"type": "null"}]}}},
    }
    paths = {"/items": {"get": {"responses": {"200": {"description": "x", **_json_body(
        "Page_Item_")}}}}}
    docs = load_docs([str(tmp_path / "d.md")])
    spec = build_spec(_spec(schemas, paths), "inline")
    contracts = make_contracts(docs, spec).contracts
    assert [(c.operation, c.part, c.doc_type, c.how) for c in contracts] == [
        ("GET /items", "response", "ItemPage", "heading")]
    findings = evaluate(diff_all(contracts, docs, spec))
    assert sorted((f.location, f.rule) for f in findings) == [
        ("response.items[].label", "response-field-nullable-but-documented-non-null"),
        ("response.items[].label", "response-field-optional-but-documented-required"),
    ]


def test_fastapi_input_output_pair_matches_one_documented_type(tmp_path: Path) -> None:
    (tmp_path / "d.ts").write_text("interface Pet { name: string; tag?: string | null; }\n")
    schemas = {
        "Pet-Input": {"type": "object", "required": ["name"], "properties": {
            "name": {"type": "string"}, "tag": {"anyOf": [{"type": "string"}, {"type": "null"}]}}},
        "Pet-Output": {"type": "object", "required": ["name", "tag"], "properties": {
            "name": {"type": "string"}, "tag": {"anyOf": [{"type": "string"}, {"type": "null"}]}}},
    }
    paths = {"/pets": {"post": {"requestBody": _json_body("Pet-Input"), "responses": {
        "200": {"description": "x", **_json_body("Pet-Output")}}}}}
    docs = load_docs([str(tmp_path / "d.ts")])
    spec = build_spec(_spec(schemas, paths), "inline")
    contracts = make_contracts(docs, spec).contracts
    assert [(c.part, c.doc_type, c.backend, c.how) for c in contracts] == [
        ("request", "Pet", "Pet-Input", "name"), ("response", "Pet", "Pet-Output", "name")]
    assert evaluate(diff_all(contracts, docs, spec)) == []


def test_component_pairing_without_operations(tmp_path: Path) -> None:
    (tmp_path / "d.ts").write_text("interface Widget { id: string; size: number; }\n")
    schemas = {"WidgetModel": {"type": "object", "required": ["id"], "properties": {
        "id": {"type": "string"}, "size": {"type": "integer"}}}}
    docs = load_docs([str(tmp_path / "d.ts")])
    spec = build_spec(_spec(schemas, {}), "inline")
    contracts = make_contracts(docs, spec).contracts
    assert [(c.operation, c.part, c.backend) for c in contracts] == [
        (None, "component", "WidgetModel")]
    findings = evaluate(diff_all(contracts, docs, spec))
    assert [(f.operation, f.location, f.rule) for f in findings] == [
        (None, "#Widget.size", "response-field-optional-but-documented-required")]


def test_recursive_types_terminate(tmp_path: Path) -> None:
    (tmp_path / "d.ts").write_text("interface Node { name: string; children: Node[]; }\n")
    schemas = {"Node": {"type": "object", "required": ["name", "children"], "properties": {
        "name": {"type": "string"},
        "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}}}}
    paths = {"/tree": {"get": {"responses": {"200": {"description": "x", **_json_body("Node")}}}}}
    docs = load_docs([str(tmp_path / "d.ts")])
    spec = build_spec(_spec(schemas, paths), "inline")
    assert evaluate(diff_all(make_contracts(docs, spec).contracts, docs, spec)) == []


def test_read_only_and_write_only_follow_direction(tmp_path: Path) -> None:
    (tmp_path / "d.ts").write_text("interface Doc { name: string; password?: string; }\n"
                                   "interface DocOut { name: string; }\n")
    schemas = {"Doc": {"type": "object", "required": ["id", "name", "password"], "properties": {
        "id": {"type": "string", "readOnly": True}, "name": {"type": "string"},
        "password": {"type": "string", "writeOnly": True}}}}
    paths = {"/docs": {"post": {"requestBody": _json_body("Doc"), "responses": {
        "201": {"description": "x", **_json_body("Doc")}}}}}
    docs = load_docs([str(tmp_path / "d.ts")])
    spec = build_spec(_spec(schemas, paths), "inline")
    findings = evaluate(diff_all(make_contracts(docs, spec).contracts, docs, spec))
    got = sorted((f.location, f.rule) for f in findings)
    # id is readOnly: not required in the request; password is writeOnly: ignored in responses
    assert got == [("body.password", "request-field-required-but-documented-optional"),
                   ("response.id", "response-field-undocumented")]


def test_config_and_jsdoc_contracts(tmp_path: Path) -> None:
    (tmp_path / "d.ts").write_text("""
/** @request POST /a */
export interface Alpha { x: string; }
export interface Beta { x: string; }
""")
    schemas = {"Whatever": {"type": "object", "required": ["x"], "properties": {
        "x": {"type": "string"}}}}
    paths = {"/a": {"post": {"requestBody": _json_body("Whatever"),
                             "responses": {"204": {"description": "x"}}}},
             "/b": {"post": {"requestBody": _json_body("Whatever"),
                             "responses": {"204": {"description": "x"}}}}}
    docs = load_docs([str(tmp_path / "d.ts")])
    spec = build_spec(_spec(schemas, paths), "inline")
    contracts = make_contracts(docs, spec, {"POST /b": {"request": "Beta"}}).contracts
    assert [(c.operation, c.doc_type, c.how) for c in contracts] == [
        ("POST /a", "Alpha", "jsdoc"), ("POST /b", "Beta", "config")]


def test_openapi_typescript_operations_pair_by_operation_id() -> None:
    excerpt = Path(__file__).parent / "data" / "octokit-excerpt.d.ts"
    spec = {"openapi": "3.0.3", "info": {"title": "gh", "version": "1"}, "paths": {
        "/users/{username}": {"get": {
            "operationId": "users/get-by-username",
            "parameters": [{"name": "username", "in": "path", "required": True,
                            "schema": {"type": "string"}}],
            "responses": {"200": {"description": "ok", "content": {"application/json": {
                "schema": {"type": "object", "required": ["login", "id"], "properties": {
                    "login": {"type": "string"}, "id": {"type": "integer"},
                    "email": {"type": "string"}}}}}}}}}}}
    docs = load_docs([str(excerpt)])
    built = build_spec(spec, "inline")
    contracts = make_contracts(docs, built).contracts
    assert [(c.operation, c.part, c.doc_type, c.how) for c in contracts] == [
        ("GET /users/{username}", "response",
         "operations.users/get-by-username.response", "operation-id")]
    findings = evaluate(diff_all(contracts, docs, built))
    # the docs say `email: string | null` is always sent; the backend may leave it out. The
    # documented optional `name` and `site_admin` the backend never has: low, not silent.
    assert sorted((f.location, f.rule, f.severity) for f in findings) == [
        ("response.email", "response-field-optional-but-documented-required", "high"),
        ("response.name", "response-optional-field-missing", "low"),
        ("response.site_admin", "response-optional-field-missing", "low")]


def test_a_defaulted_response_field_documented_required_is_low(tmp_path: Path) -> None:
    """openapi-typescript (defaultNonNullable) types a field with a default as always present:
    against the spec it came from, that convention is low, not a high drift."""
    (tmp_path / "d.ts").write_text("interface Order { id: string; complete: boolean; "
                                   "note: string; }\n")
    schemas = {"Order": {"type": "object", "required": ["id"], "properties": {
        "id": {"type": "string"}, "complete": {"type": "boolean", "default": False},
        "note": {"type": "string"}}}}
    paths = {"/orders/{id}": {"get": {"responses": {"200": {"description": "x", **_json_body(
        "Order")}}}}}
    docs = load_docs([str(tmp_path / "d.ts")])
    spec = build_spec(_spec(schemas, paths), "inline")
    findings = evaluate(diff_all(make_contracts(docs, spec).contracts, docs, spec))
    got = sorted((f.location, f.severity, "declares a default" in f.message) for f in findings)
    assert got == [("response.complete", "low", True), ("response.note", "high", False)]
