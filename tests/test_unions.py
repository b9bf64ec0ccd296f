"""Unions compared member by member, and documented literals against plain backend types."""

from __future__ import annotations

from pathlib import Path

from schemacheck.contracts import make_contracts
from schemacheck.diff import diff_all
from schemacheck.findings import Finding
from schemacheck.model import SchemaSet
from schemacheck.rules import evaluate
from schemacheck.sources.openapi import build_spec
from schemacheck.sources.typescript import load_docs
from schemacheck.union_pairs import Member, members, pair, shape_score


def _m(core: dict, name: str | None = None) -> Member:
    return Member(core, core, name)


def _obj(*props: str, **tags: str) -> dict:
    properties: dict = {p: {"type": "string"} for p in props}
    properties.update({k: {"type": "string", "enum": [v]} for k, v in tags.items()})
    return {"type": "object", "properties": properties}


def test_members_skip_null_and_follow_refs() -> None:
    schemas = SchemaSet({"A": _obj("x")})
    found = members({"anyOf": [{"$ref": "#/$defs/A"}, {"type": "null"}]}, schemas)
    assert [(m.name, m.core) for m in found] == [("A", _obj("x"))]


def test_pairs_by_discriminator_before_name_and_shape() -> None:
    docs = [_m(_obj("meow", kind="cat"), "Dog"), _m(_obj("bark", kind="dog"), "Cat")]
    backend = [_m(_obj("bark", kind="dog"), "Dog"), _m(_obj("meow", kind="cat"), "Cat")]
    pairs, left_d, left_b = pair(docs, backend, {})
    assert [(d.core, b.core) for d, b in pairs] == [(docs[0].core, backend[1].core),
                                                    (docs[1].core, backend[0].core)]
    assert left_d == left_b == []


def test_pairs_nullable_x_with_x_by_name() -> None:
    docs = [_m(_obj("login"), "simple-user")]
    backend = [_m(_obj("login", "id"), "nullable-simple-user"), _m(_obj("slug"), "enterprise")]
    pairs, left_d, left_b = pair(docs, backend, {})
    assert [(d.name, b.name) for d, b in pairs] == [("simple-user", "nullable-simple-user")]
    assert [m.name for m in left_b] == ["enterprise"] and left_d == []


def test_pairs_by_shape_and_refuses_strangers() -> None:
    assert shape_score(_m(_obj("a", "b")), _m(_obj("a", "b", "c"))) == 2 / 3
    pairs, left_d, left_b = pair([_m(_obj("a", "b")), _m(_obj("x", "y"))],
                                 [_m(_obj("a", "b", "c")), _m(_obj("p", "q"))], {})
    assert len(pairs) == 1 and pairs[0][0].core == _obj("a", "b")
    assert [m.core for m in left_d] == [_obj("x", "y")]
    assert [m.core for m in left_b] == [_obj("p", "q")]
    numbers, _, _ = pair([_m({"type": "number"})], [_m({"type": "integer"}),
                                                   _m({"type": "string"})], {})
    assert [b.core for _, b in numbers] == [{"type": "integer"}]


def _findings(tmp_path: Path, docs: str, schemas: dict, direction: str = "response"
              ) -> list[Finding]:
    (tmp_path / "d.ts").write_text(docs)
    body = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/T"}}}}
    op = ({"responses": {"200": {"description": "ok", **body}}} if direction == "response"
          else {"requestBody": body, "responses": {"204": {"description": "x"}}})
    spec = build_spec({"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                       "paths": {"/t": {"get" if direction == "response" else "post": op}},
                       "components": {"schemas": schemas}}, "inline")
    loaded = load_docs([str(tmp_path / "d.ts")])
    return evaluate(diff_all(make_contracts(loaded, spec).contracts, loaded, spec))


def test_matched_members_are_walked_into(tmp_path: Path) -> None:
    findings = _findings(
        tmp_path, "export interface T { owner: User | Org; }\n"
                  "export interface User { login: string; }\n"
                  "export interface Org { slug: string; }\n",
        {"T": {"type": "object", "required": ["owner"], "properties": {"owner": {"oneOf": [
            {"$ref": "#/components/schemas/User"}, {"$ref": "#/components/schemas/Org"}]}}},
         "User": {"type": "object", "properties": {"login": {"type": "string"}}},
         "Org": {"type": "object", "required": ["slug"], "properties": {"slug": {
             "type": "integer"}}}})
    assert sorted((f.rule, f.location) for f in findings) == [
        ("response-field-optional-but-documented-required", "response.owner.login"),
        ("response-type-mismatch", "response.owner.slug")]


def test_documented_literal_against_a_plain_backend_type(tmp_path: Path) -> None:
    findings = _findings(
        tmp_path, "export interface T { locked: false; state: 'open'; }\n",
        {"T": {"type": "object", "required": ["locked", "state"], "properties": {
            "locked": {"type": "boolean"}, "state": {"type": "string"}}}})
    assert sorted((f.rule, f.location, f.message) for f in findings) == [
        ("response-enum-value-undocumented", "response.locked",
         "`locked` may be True in the backend; the docs allow only False"),
        ("response-enum-value-undocumented", "response.state",
         "`state` may be any string in the backend; the docs allow only 'open'")]
    # sending a literal of the right type is fine
    assert _findings(tmp_path, "export interface T { locked: false; }\n",
                     {"T": {"type": "object", "required": ["locked"], "properties": {
                         "locked": {"type": "boolean"}}}}, direction="request") == []


def test_plain_members_covered_by_a_wider_member_are_not_reported() -> None:
    docs = [_m({"type": "string", "enum": ["a", "b"]}), _m({"type": "number"})]
    backend = [_m({"type": "string", "enum": ["a"]}), _m({"type": "string", "enum": ["b"]}),
               _m({"type": "integer"}), _m({"type": "number"})]
    _, left_d, left_b = pair(docs, backend, {})
    assert left_d == left_b == []
    _, _, extra = pair(docs, [*backend, _m({"type": "string", "enum": ["c"]})], {})
    assert [m.label for m in extra] == ["'c'"]


def test_tuples_compare_position_by_position(tmp_path: Path) -> None:
    findings = _findings(
        tmp_path, "export interface T { pair: [string, number]; }\n",
        {"T": {"type": "object", "required": ["pair"], "properties": {"pair": {
            "type": "array", "prefixItems": [{"type": "string"}, {"type": "string"}],
            "items": False}}}})
    assert [(f.rule, f.location) for f in findings] == [
        ("response-type-mismatch", "response.pair[1]")]


def _diff_inline(tmp_path: Path, docs: str, schemas: dict, paths: dict) -> list[Finding]:
    (tmp_path / "d.ts").write_text(docs)
    loaded = load_docs([str(tmp_path / "d.ts")])
    spec = build_spec({"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
                       "paths": paths, "components": {"schemas": schemas}}, "inline")
    return evaluate(diff_all(make_contracts(loaded, spec).contracts, loaded, spec))


VEHICLES = {
    "Vehicle": {"type": "object", "required": ["powerSource"], "properties": {
        "powerSource": {"type": "string"}}, "discriminator": {
        "propertyName": "powerSource", "mapping": {
            "electricity": "#/components/schemas/Electric", "gasoline": "Fueled"}}},
    "Electric": {"allOf": [{"$ref": "#/components/schemas/Vehicle"}, {
        "type": "object", "properties": {"amps": {"type": "integer"}}}]},
    "Fueled": {"allOf": [{"$ref": "#/components/schemas/Vehicle"}, {
        "type": "object", "properties": {"tank": {"type": "integer"}, "powerSource": {
            "type": "string", "enum": ["diesel"]}}}]},
}
FLEET = {"/fleet": {"get": {"operationId": "fleet", "responses": {"200": {
    "description": "ok", "content": {"application/json": {"schema": {"type": "array", "items": {
        "oneOf": [{"$ref": "#/components/schemas/Electric"},
                  {"$ref": "#/components/schemas/Fueled"}]}}}}}}}}}


def test_a_mapped_discriminator_value_is_the_members_own(tmp_path: Path) -> None:
    """hey-api narrows each mapped member's discriminator (`powerSource?: 'electricity'`);
    so does the spec's model, unless the member declares its own enum (then the spec
    disagrees with itself, and that is reported)."""
    docs = ("export type Electric = { powerSource: 'electricity'; amps?: number };\n"
            "export type Fueled = { powerSource: 'gasoline'; tank?: number };\n")
    findings = _diff_inline(tmp_path, docs, VEHICLES, FLEET)
    assert [(f.rule, f.location) for f in findings] == [
        ("response-enum-value-undocumented", "#Fueled.powerSource")]
    assert "diesel" in findings[0].message


def test_one_member_written_twice_is_one_member(tmp_path: Path) -> None:
    schemas = {"Status": {"type": "object", "properties": {"code": {"type": "integer"}}},
               "Pet": {"type": "object", "properties": {"status": {"oneOf": [
                   {"title": "option 1", "$ref": "#/components/schemas/Status"},
                   {"title": "option 2", "$ref": "#/components/schemas/Status"}]}}}}
    paths = {"/pet": {"get": {"responses": {"200": {"description": "ok", "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}}}}}
    docs = ("export type Status = { code?: number };\n"
            "export type Pet = { status?: Status };\n")
    assert _diff_inline(tmp_path, docs, schemas, paths) == []
