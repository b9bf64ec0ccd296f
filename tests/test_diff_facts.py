"""The diff's facts, without judgement: what each side declares, field by field."""

from __future__ import annotations

from pathlib import Path

from schemacheck.contracts import make_contracts
from schemacheck.diff import diff_all, likely_renames
from schemacheck.facts import FieldFact
from schemacheck.sources.openapi import build_spec
from schemacheck.sources.typescript import load_docs


def _facts(tmp_path: Path, docs: str, schema: dict) -> dict[str, FieldFact]:
    (tmp_path / "d.ts").write_text(docs)
    body = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/T"}}}}
    spec = build_spec({"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                       "paths": {"/t": {"post": {"requestBody": body,
                                                 "responses": {"204": {"description": "x"}}}}},
                       "components": {"schemas": {"T": schema}}}, "inline")
    loaded = load_docs([str(tmp_path / "d.ts")])
    return {f.location: f for f in diff_all(make_contracts(loaded, spec).contracts, loaded, spec)}


def test_each_side_of_each_field(tmp_path: Path) -> None:
    facts = _facts(tmp_path, "export interface T { a?: string | null; kind: 'x' | 'y'; "
                             "meta: Record<string, string>; only: number; }\n",
                   {"type": "object", "required": ["a", "kind"], "additionalProperties": False,
                    "properties": {"a": {"type": "string", "format": "uuid"},
                                   "kind": {"type": "string", "enum": ["x"]},
                                   "meta": {"type": "object", "additionalProperties": {
                                       "type": "integer"}},
                                   "extra": {"type": "boolean", "readOnly": True}}})
    assert list(facts) == ["body", "body.a", "body.kind", "body.meta", "body.meta{}",
                           "body.only", "body.extra"]
    a = facts["body.a"]
    assert (a.docs.required, a.docs.nullable, a.docs.types) == (False, True, ("string",))
    assert (a.backend.required, a.backend.nullable, a.backend.format) == (True, False, "uuid")
    assert a.docs.where and a.docs.where.endswith("d.ts:1")
    assert a.backend.where == "#/components/schemas/T/properties/a"
    assert facts["body.kind"].docs.enum == ("x", "y") and facts["body.kind"].backend.enum == ("x",)
    assert facts["body.meta{}"].backend.types == ("integer",)
    only = facts["body.only"]
    assert only.docs.present and not only.backend.present and only.backend_closed
    assert facts["body.extra"].backend.read_only and not facts["body.extra"].docs.present


def test_likely_renames_pair_one_to_one() -> None:
    assert likely_renames(["nextCursor", "isAdmin", "price", "updateAt", "zzz"],
                          ["next_cursor", "is_admin", "price_cents", "updatedAt", "other"]) == {
        "nextCursor": "next_cursor", "isAdmin": "is_admin", "price": "price_cents",
        "updateAt": "updatedAt"}
    # two equally likely partners: neither is chosen
    assert likely_renames(["price"], ["price_cents", "price_euros"]) == {}
