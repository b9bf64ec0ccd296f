"""Contract matching: each strategy alone, a refused loose match, generic envelopes by shape."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from schemacheck.contracts import (
    STRATEGIES,
    Matching,
    agreement,
    by_client_data,
    by_config,
    by_heading,
    by_jsdoc,
    by_name,
    by_shape,
    make_contracts,
)
from schemacheck.sources.openapi import Spec, build_spec
from schemacheck.sources.typescript import DocSet, load_docs


def _ref(name: str) -> dict:
    return {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}}


def _spec(schemas: dict, paths: dict) -> Spec:
    return build_spec({"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                       "paths": paths, "components": {"schemas": schemas}}, "inline")


def _obj(*names: str) -> dict:
    return {"type": "object", "properties": {n: {"type": "string"} for n in names}}


def _docs(tmp_path: Path, text: str, suffix: str = "ts") -> DocSet:
    path = tmp_path / f"d.{suffix}"
    path.write_text(text)
    return load_docs([str(path)])


ITEMS = {"/items": {"get": {"responses": {"200": {"description": "ok", **_ref("ItemPublic")}}}}}


def _proposals(strategy, docs: DocSet, spec: Spec, configured=None) -> list:  # noqa: ANN001
    m = Matching.build(docs, spec, configured)
    return [list(strategy(m, op, {})) for op in spec.operations]


def test_strategies_are_ordered() -> None:
    assert [how for how, _ in STRATEGIES] == ["config", "jsdoc", "heading", "operation-id",
                                              "client-data", "endpoint-type", "operation-name",
                                              "name", "shape"]


def test_each_strategy_alone(tmp_path: Path) -> None:
    spec = _spec({"ItemPublic": _obj("id", "label")}, ITEMS)
    plain = _docs(tmp_path, "export interface Listing { id: string; label: string; }\n")
    assert _proposals(by_config, plain, spec, {"GET /items": {"response": "Listing"}}) == [
        [("response", "Listing")]]
    assert _proposals(by_name, plain, spec) == [[]]  # Listing is not named like ItemPublic
    tagged = _docs(tmp_path, "/** @response GET /items */\nexport interface A { id: string; }\n")
    assert _proposals(by_jsdoc, tagged, spec) == [[("response", "A")]]
    heading = _docs(tmp_path, "### GET /items\n\n```ts\ninterface B { id: string; }\n```\n",
                    "md")
    assert _proposals(by_heading, heading, spec) == [[("response", "B")]]
    named = _docs(tmp_path, "export interface Item { id: string; label: string; }\n")
    assert _proposals(by_name, named, spec) == [[("response", "Item")]]
    client = _docs(tmp_path, "export type C = { id: string; label: string };\n"
                             "export type ListItemsData = { body?: never; url: '/items' };\n"
                             "export type ListItemsResponses = { 200: C };\n")
    assert _proposals(by_client_data, client, spec) == [[("response", "C")]]


def test_a_loose_name_match_is_refused_when_most_fields_disagree(tmp_path: Path) -> None:
    spec = _spec({"ItemPublic": _obj("id", "label", "price", "stock")}, ITEMS)
    docs = _docs(tmp_path, "export interface Item { name: string; colour: string; id: string; }\n")
    found = make_contracts(docs, spec)
    assert found.contracts == [] and found.unmatched == ["Item"]
    assert found.refused == [{"operation": "GET /items", "docs": "Item",
                              "backend": "ItemPublic", "score": 0.17},
                             {"operation": None, "docs": "Item", "backend": "ItemPublic",
                              "score": 0.17}]
    assert agreement(_obj("a", "b"), _obj("a", "b", "c", "d")) == 0.5


def test_a_generic_that_is_no_object_is_no_candidate(tmp_path: Path) -> None:
    """openapi-typescript-codegen's core/ beside its models: `CancelablePromise<T>` (a class)
    and function generics score nothing; they once made the shape strategy crash."""
    envelope = {"type": "object", "properties": {"items": {"type": "array"},
                                                 "total": {"type": "integer"}}}
    paths = {"/items": {"get": {"responses": {"200": {"description": "ok",
                                                      **_ref("Page_Item_")}}}}}
    spec = _spec({"Page_Item_": envelope}, paths)
    docs = _docs(tmp_path, "export type OnCancel<T> = (cancelHandler: () => T) => void;\n"
                           "export type Box<T> = T[];\n"
                           "export interface Page<T> { items: T[]; total: number; }\n")
    assert _proposals(by_shape, docs, spec) == [[("response", "Page")]]
    alone = _docs(tmp_path, "export type OnCancel<T> = (cancelHandler: () => T) => void;\n"
                            "export type Box<T> = T[];\n")
    assert _proposals(by_shape, alone, spec) == [[]]


def test_generic_wrapper_matches_an_envelope_by_shape(tmp_path: Path) -> None:
    envelope = {"type": "object", "properties": {
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/ItemPublic"}},
        "total": {"type": "integer"}, "page": {"type": "integer"}}}
    paths = {"/items": {"get": {"responses": {"200": {"description": "ok",
                                                      **_ref("Page_ItemPublic_")}}}}}
    spec = _spec({"Page_ItemPublic_": envelope, "ItemPublic": _obj("id")}, paths)
    docs = _docs(tmp_path, "export interface Page<T> { items: T[]; total: number; page: number; }"
                           "\nexport interface Item { id: string; }\n")
    assert _proposals(by_shape, docs, spec) == [[("response", "Page")]]
    found = make_contracts(docs, spec)
    assert [(c.operation, c.doc_type, c.backend, c.how) for c in found.contracts] == [
        ("GET /items", "Page", "Page_ItemPublic_", "shape"),
        (None, "Item", "ItemPublic", "name")]


def test_endpoints_as_people_write_them_pair_with_the_operations() -> None:
    """tests/data/headings: the servers' base path in the docs' paths, a query, a trailing
    slash, `:id`, `<id>`, a full URL; `Request:` / `Response:` before a block and a `####
    Response body` sub-heading say which part a type is; `### Notes` is a section of its own."""
    folder = Path(__file__).parent / "data" / "headings"
    docs = load_docs([str(folder / "API.md")])
    spec = build_spec(json.loads((folder / "spec.json").read_text()), "spec.json")
    found = make_contracts(docs, spec, {})
    pairs = {(c.operation, c.part): c.doc_type for c in found.contracts}
    assert pairs == {("GET /clients", "response"): "ClientList",
                     ("POST /clients", "request"): "NewClient",
                     ("POST /clients", "response"): "Created",
                     ("GET /clients/{clientId}", "response"): "OneClient",
                     ("GET /clients/{clientId}/notes", "response"): "ClientNote"}
    assert found.removed == [] and found.uncovered == []
    assert found.unmatched == ["Unrelated"]


ORDERS_QUERY = {"/orders": {"get": {
    "operationId": "listOrders",
    "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
    "responses": {"200": {"description": "ok", **_ref("OrderPage")}}}}}


def test_an_empty_query_member_of_a_typed_openapi_endpoint_is_no_query_contract(
        tmp_path: Path) -> None:
    """typed-openapi writes `query: {}` (or `Record<string, never>`) for an operation that
    takes no query: no contract against an empty type (it compares nothing), the answer
    still pairs. Where the operation takes a query, the empty one is compared (its required
    parameter is a finding, not hidden), and a query with fields is too."""
    no_query = copy.deepcopy(ORDERS_QUERY)
    del no_query["/orders"]["get"]["parameters"]
    spec = _spec({"OrderPage": _obj("total")}, no_query)
    for empty in ("{}", "Record<string, never>"):
        docs = _docs(tmp_path, f"""
export type OrderPage = {{ total: string }};
export type get_ListOrders = {{ method: "GET"; path: "/orders";
  parameters: {{ query: {empty} }}; responses: {{ 200: OrderPage }} }};
""")
        made = {(c.part, c.doc_type) for c in make_contracts(docs, spec).contracts}
        assert made == {("response", "OrderPage")}, empty
    docs = _docs(tmp_path, """
export type OrderPage = { total: string };
export type get_ListOrders = { method: "GET"; path: "/orders";
  parameters: { query: { limit?: number } }; responses: { 200: OrderPage } };
""")
    spec = _spec({"OrderPage": _obj("total")}, ORDERS_QUERY)
    made = {(c.part, c.doc_type) for c in make_contracts(docs, spec).contracts}
    assert made == {("response", "OrderPage"), ("query", "get_ListOrders.query")}
    docs = _docs(tmp_path, """
export type OrderPage = { total: string };
export type get_ListOrders = { method: "GET"; path: "/orders";
  parameters: { query: {} }; responses: { 200: OrderPage } };
""")
    made = {(c.part, c.doc_type) for c in make_contracts(docs, spec).contracts}
    assert made == {("response", "OrderPage"), ("query", "get_ListOrders.query")}


def _order_ops(*methods: str) -> dict:
    return {"/orders/{id}": {m: {"parameters": [{"name": "id", "in": "path", "required": True,
                                                 "schema": {"type": "string"}}],
                                 "responses": {"200": {"description": "ok", **_ref("Order")}}}
                             for m in methods}}


def test_one_prefixed_type_used_twice_teaches_no_name_prefix(tmp_path: Path) -> None:
    """A name prefix (swagger-typescript-api's --type-prefix) is learnt from distinct types:
    `XOrder`, the answer of two operations, is one witness, so `XProblem` is not paired with
    `Problem` by dropping an `X`; two prefixed types are evidence."""
    spec = _spec({"Order": _obj("id"), "Problem": _obj("title"), "Card": _obj("pan")},
                 _order_ops("get", "put"))
    docs = _docs(tmp_path, """
/** @response GET /orders/{id}
 * @response PUT /orders/{id} */
export interface XOrder { id: string }
export interface XProblem { title: string }
""")
    result = make_contracts(docs, spec)
    assert [c.doc_type for c in result.contracts if c.part == "component"] == []
    assert result.unmatched == ["XProblem"]
    spec = _spec({"Order": _obj("id"), "Card": _obj("pan"), "Problem": _obj("title")},
                 {**_order_ops("get"), "/cards": {"get": {"responses": {
                     "200": {"description": "ok", **_ref("Card")}}}}})
    docs = _docs(tmp_path, """
/** @response GET /orders/{id} */
export interface XOrder { id: string }
/** @response GET /cards */
export interface XCard { pan: string }
export interface XProblem { title: string }
""")
    result = make_contracts(docs, spec)
    assert [(c.doc_type, c.backend) for c in result.contracts if c.part == "component"] == [
        ("XProblem", "Problem")] and result.unmatched == []
