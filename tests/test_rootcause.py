"""One finding per root cause: a shared declaration's drift is one finding with `affects`."""

from __future__ import annotations

from pathlib import Path

from schemacheck.contracts import make_contracts
from schemacheck.diff import diff_all
from schemacheck.findings import Place
from schemacheck.rootcause import by_declaration
from schemacheck.rules import evaluate
from schemacheck.sources.openapi import build_spec
from schemacheck.sources.typescript import load_docs

REF = {"$ref": "#/components/schemas/Item"}


def _body(schema: dict) -> dict:
    return {"content": {"application/json": {"schema": schema}}}


def _spec() -> dict:
    item = {"type": "object", "required": ["id", "note"], "properties": {
        "id": {"type": "string"}, "note": {"type": "string"}, "n": {"type": "integer"}}}
    wrap = {"type": "object", "required": ["item"], "properties": {"item": REF}}
    ok = {"description": "ok"}
    return {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {
        "/items": {"post": {"requestBody": _body(REF), "responses": {"200": {**ok, **_body(REF)}}},
                   "get": {"responses": {"200": {**ok, **_body({"type": "array",
                                                                "items": REF})}}}},
        "/wrapped": {"put": {"requestBody": _body({"$ref": "#/components/schemas/Wrap"}),
                             "responses": {"204": {"description": "x"}}}}},
        "components": {"schemas": {"Item": item, "Wrap": wrap}}}


def test_shared_declaration_is_one_finding_per_direction(tmp_path: Path) -> None:
    (tmp_path / "d.ts").write_text(
        "/** @request POST /items @response POST /items @response GET /items */\n"
        "export interface Item { id: string; note?: string; n?: string; }\n"
        "/** @request PUT /wrapped */\nexport interface Wrap { item: Item; }\n")
    docs = load_docs([str(tmp_path / "d.ts")])
    spec = build_spec(_spec(), "inline")
    raw = evaluate(diff_all(make_contracts(docs, spec).contracts, docs, spec))
    merged = by_declaration(raw)
    got = {(f.rule, f.operation, f.location): f.affects for f in merged}
    request = "request-field-required-but-documented-optional"
    assert {(r, loc) for r, _, loc in got} == {
        (request, "#Item.note"), ("request-type-mismatch", "#Item.n"),
        ("response-type-mismatch", "#Item.n")}
    assert got[(request, None, "#Item.note")] == (
        Place(None, "#Item.note"), Place("POST /items", "body.note"),
        Place("PUT /wrapped", "body.item.note"))
    # used in requests and responses: one finding per direction
    assert [p.location for p in got[("request-type-mismatch", None, "#Item.n")][1:]] == [
        "body.n", "body.item.n"]
    assert [p.location for p in got[("response-type-mismatch", None, "#Item.n")][1:]] == [
        "response[].n", "response.n"]
    # the merged finding counts once, keeps the declaration's sources on both sides
    finding = next(f for f in merged if f.rule == request)
    assert finding.docs and finding.docs.where.endswith("d.ts:2")
    assert finding.backend and finding.backend.where.endswith("Item/properties/note")
    assert finding.operations == ["POST /items", "PUT /wrapped"]


def test_a_drift_seen_once_stays_where_it_was(tmp_path: Path) -> None:
    (tmp_path / "d.ts").write_text("/** @request PUT /wrapped */\n"
                                   "export interface Wrap { item: Item; }\n"
                                   "export interface Item { id: string; note?: string; }\n")
    docs = load_docs([str(tmp_path / "d.ts")])
    only_wrapped = _spec()
    del only_wrapped["paths"]["/items"]
    spec = build_spec(only_wrapped, "inline")
    raw = evaluate(diff_all(make_contracts(docs, spec).contracts, docs, spec))
    assert by_declaration(raw) == raw
    assert [(f.operation, f.location) for f in raw] == [("PUT /wrapped", "body.item.note")]


def _inline_spec() -> dict:
    repo = {"type": "object", "required": ["owner"], "properties": {"owner": {
        "type": "object", "required": ["login"], "properties": {"login": {"type": "integer"}}}}}
    hook = {"type": "object", "required": ["repository"], "properties": {
        "repository": {"$ref": "#/components/schemas/Repo"}}}
    ok = {"description": "ok"}
    return {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {
        "/repo": {"get": {"responses": {"200": {**ok, **_body(
            {"$ref": "#/components/schemas/Repo"})}}}},
        "/hook": {"get": {"responses": {"200": {**ok, **_body(
            {"$ref": "#/components/schemas/PushHook"})}}}}},
        "components": {"schemas": {"Repo": repo, "PushHook": hook, "StarHook": hook}}}


def test_a_field_of_an_inline_object_in_a_shared_type_is_one_finding(tmp_path: Path) -> None:
    """`owner` is an inline object inside Repo: no type name holds `login`, yet its drift is
    declared once (one docs line, one backend pointer) and so is one finding, at the place
    nearest its declaration, listing every place it shows."""
    docs_file = tmp_path / "d.ts"
    docs_file.write_text(
        "/** @response GET /repo */\nexport interface Repo {\n  owner: {\n    login: string;\n"
        "  };\n}\n/** @response GET /hook */\nexport interface PushHook { repository: Repo }\n"
        "export interface StarHook { repository: Repo }\n")
    docs, spec = load_docs([str(docs_file)]), build_spec(_inline_spec(), "spec.json")
    contracts = make_contracts(docs, spec, {})
    raw = [f for f in evaluate(diff_all(contracts.contracts, docs, spec))
           if f.rule == "response-type-mismatch"]
    assert len(raw) == 3  # the same drift at three places, one each
    [merged] = [f for f in by_declaration(raw) if f.rule == "response-type-mismatch"]
    # Repo is no component of its own here: the place nearest the declaration is GET /repo's
    assert (merged.operation, merged.location) == ("GET /repo", "response.owner.login")
    assert merged.docs and merged.docs.where == f"{docs_file}:4"
    assert set(merged.affects) == {
        Place("GET /repo", "response.owner.login"),
        Place("GET /hook", "response.repository.owner.login"),
        Place(None, "#StarHook.repository.owner.login")}
    assert merged.affects[0] == Place("GET /repo", "response.owner.login")
