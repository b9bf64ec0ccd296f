"""Clients of orval, swagger-typescript-api, openapi-typescript-codegen and typed-openapi,
generated from two real specs (tests/data/generated/<generator>/README.md), each diffed
against its own spec: every operation's parts paired, nothing left unmatched, no finding but
the generators' own drift; and against a copy of the spec with planted drifts: exactly those,
one per root cause, at the declaration."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from schemacheck.cli import app

DATA = Path(__file__).parents[1] / "data" / "generated"
SHOP: dict[str, Any] = json.loads((DATA / "shop" / "spec.json").read_text(encoding="utf-8"))
PETS: dict[str, Any] = json.loads(
    (Path(__file__).parent / "data" / "pets" / "spec.json").read_text(encoding="utf-8"))


def diff(docs: Path, spec: dict[str, Any], tmp_path: Path, exit_code: int) -> dict[str, Any]:
    spec_file = tmp_path / "spec.json"
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    result = CliRunner().invoke(app, [
        "diff", "--no-config", "--no-cache", "--docs", str(docs), "--openapi", str(spec_file),
        "--format", "json"])
    assert "Traceback" not in result.output, result.output
    assert result.exit_code == exit_code, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def pairs(data: dict[str, Any]) -> set[tuple[str, str]]:
    return {(c["operation"], c["part"]) for c in data["contracts"] if c["operation"]}


def findings(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(rule, location, file:line of the docs) of each finding, sorted."""
    return sorted((f["rule"], f["location"], f["docs"]["where"]) for f in data["findings"])


# every part of every operation that has one: a query, a body, a success answer
SHOP_PARTS = {("GET /orders", "query"), ("GET /orders", "response"),
              ("POST /orders", "request"), ("POST /orders", "response"),
              ("GET /orders/{orderId}", "response"), ("PATCH /orders/{orderId}", "request"),
              ("PATCH /orders/{orderId}", "response"), ("POST /payments", "request"),
              ("POST /payments", "response"), ("POST /accounts", "request"),
              ("POST /accounts", "response")}
PETS_PARTS = {("GET /owners", "query"), ("GET /owners", "response"),
              ("POST /owners", "request"), ("POST /owners", "response"),
              ("GET /owners/{owner_id}", "response"), ("POST /upload", "request"),
              ("POST /upload", "response")}
# the pets spec's Cat has an optional `kind` (it has a default) that its discriminated union
# needs: orval, openapi-typescript-codegen and typed-openapi write `kind?:` in the request,
# which the backend refuses (pydantic needs the tag): a real drift of those generators
REQUIRED = "request-field-required-but-documented-optional"


def shop_drifted() -> dict[str, Any]:
    """The shop spec with one drift of each kind planted, in requests and answers."""
    spec = copy.deepcopy(SHOP)
    schemas = spec["components"]["schemas"]
    schemas["OrderPatch"]["required"] = ["note"]  # a request field made required
    pay = spec["paths"]["/payments"]["post"]["requestBody"]["content"]
    pay["application/x-www-form-urlencoded"]["schema"]["properties"]["memo"] = {
        "type": "integer", "nullable": True}  # an inline request body's type
    for param in spec["paths"]["/orders"]["get"]["parameters"]:
        if param["name"] == "limit":
            param["required"] = True  # a query parameter made required
    schemas["Status"]["enum"].append("cancelled")  # an enum value added
    del schemas["Payment"]["properties"]["receipt"]  # an answer's field removed
    schemas["Payment"]["properties"]["id"]["nullable"] = True  # an answer's field nullable
    schemas["OrderPage"]["properties"]["total"] = {"type": "string"}  # an answer's type
    return spec


def shop_planted(where: dict[str, str], status: str = "#Order.status"
                 ) -> list[tuple[str, str, str]]:
    """The findings the shop drifts give, each at the declaration `where` names."""
    return sorted([
        ("request-field-required-but-documented-optional", "query.limit", where["limit"]),
        ("request-field-required-but-documented-optional", "body.note", where["note"]),
        ("request-type-mismatch", "body.memo", where["memo"]),
        ("response-enum-value-undocumented", status, where["status"]),
        ("response-field-nullable-but-documented-non-null", "response.id", where["id"]),
        ("response-optional-field-missing", "response.receipt", where["receipt"]),
        ("response-type-mismatch", "response.total", where["total"])])


def pets_drifted() -> dict[str, Any]:
    spec = copy.deepcopy(PETS)
    schemas = spec["components"]["schemas"]
    schemas["Owner-Input"]["required"].append("color")  # a request field made required
    schemas["Owner-Input"]["properties"]["nickname"] = {"type": "string"}  # null refused
    schemas["Address"]["properties"]["street"] = {"type": "integer"}  # both ways: a type
    schemas["Color"]["enum"].remove("green")  # an enum value removed
    return spec


ORVAL_SHOP = DATA / "orval" / "shop.ts"


def _at(path: Path, marks: dict[str, str]) -> dict[str, str]:
    """`file:line` of the first line holding each mark (`note?:` -> its declaration)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    shown = path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path
    found: dict[str, str] = {}
    for key, (start, mark) in ((k, v.split("|", 1)) for k, v in marks.items()):
        first = next(i for i, line in enumerate(lines) if start in line)
        index = next(i for i in range(first, len(lines)) if mark in lines[i])
        found[key] = f"{shown.as_posix()}:{index + 1}"
    return found


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).parents[2])  # the docs' paths as the reports show them


def test_orval_single_file_pairs_every_part_and_agrees(tmp_path: Path) -> None:
    """`ListOrdersParams` (the query) and `PayBody` (an inline body) are named for their
    operation; `OrderAllOf` is merged into `Order = OrderBase & OrderAllOf`; the fetch
    client's `<op>Response<status>` wrappers and its `Headers` are no types of the API."""
    data = diff(ORVAL_SHOP, SHOP, tmp_path, 0)
    assert pairs(data) == SHOP_PARTS and data["uncovered"] == []
    how = {(c["operation"], c["part"]): (c["docs"], c["how"]) for c in data["contracts"]}
    assert how[("GET /orders", "query")] == ("ListOrdersParams", "operation-name")
    assert how[("POST /payments", "request")] == ("PayBody", "operation-name")
    assert data["findings"] == [] and data["unmatched"] == [] and data["incomplete"] == []
    # what is left is orval's own type-level helpers (`IfEquals`, `NonReadonly`)
    assert not [d for d in data["diagnostics"] if "Headers" in d["message"]
                or "unknown type `X`" in d["message"]]


def test_orval_single_file_gives_exactly_the_planted_drifts(tmp_path: Path) -> None:
    data = diff(ORVAL_SHOP, shop_drifted(), tmp_path, 1)
    assert findings(data) == shop_planted(_at(ORVAL_SHOP, {
        "limit": "export type ListOrdersParams|limit?:",
        "note": "export interface OrderPatch|note?:", "memo": "export type PayBody|memo?:",
        "status": "export type Status|export type Status", "id": "export interface Payment|id:",
        "receipt": "export interface Payment|receipt?:",
        "total": "export interface OrderPage|total:"}))


def test_orval_split_models_pair_fastapi_names_and_inline_answers(tmp_path: Path) -> None:
    """`Owner-Input` is orval's `OwnerInput`, `UploadUploadPost200` the inline answer."""
    data = diff(DATA / "orval" / "pets-split", PETS, tmp_path, 1)
    assert pairs(data) == PETS_PARTS and data["uncovered"] == [] and data["unmatched"] == []
    how = {(c["operation"], c["part"]): c["docs"] for c in data["contracts"]}
    assert how[("POST /owners", "request")] == "OwnerInput"
    assert how[("GET /owners/{owner_id}", "response")] == "OwnerOutput"
    assert how[("POST /upload", "response")] == "UploadUploadPost200"
    assert [(f["rule"], f["location"]) for f in data["findings"]] == [
        (REQUIRED, "body.pets[].kind")]
    # only the axios client is set aside, as runtime code
    assert [d["message"].rpartition(": ")[2] for d in data["diagnostics"]] == ["pets.ts"]


def test_openapi_typescript_codegen_models_pair_and_drift(tmp_path: Path) -> None:
    """`Owner_Input` is `Owner-Input`: before, POST /owners and GET /owners/{owner_id} were
    uncovered. The inline answer is the service method's `CancelablePromise<...>`, the query
    its arguments the request sends as `query: {...}`."""
    models = DATA / "openapi-typescript-codegen" / "pets" / "models"
    data = diff(models.parent, PETS, tmp_path, 1)
    assert pairs(data) == PETS_PARTS
    assert data["uncovered"] == [] and data["unmatched"] == [] and data["diagnostics"] == []
    assert [(f["rule"], f["location"]) for f in data["findings"]] == [
        (REQUIRED, "body.pets[].kind")]
    drifted = diff(models.parent, pets_drifted(), tmp_path, 1)
    owner, address = models / "Owner_Input.ts", models / "Address.ts"
    assert findings(drifted) == sorted([
        (REQUIRED, "body.pets[].kind", _at(models / "Cat.ts", {"k": "export type|kind?:"})["k"]),
        (REQUIRED, "body.color", _at(owner, {"k": "export type|color?:"})["k"]),
        ("request-null-rejected", "body.nickname", _at(owner, {"k": "export type|nickname:"})[
            "k"]),
        ("request-enum-value-rejected", "query.color", _at(models / "Color.ts", {
            "k": "export enum|export enum"})["k"]),
        ("request-type-mismatch", "body.address.street", _at(address, {
            "k": "export type|street:"})["k"]),
        ("response-type-mismatch", "#Address.street", _at(address, {
            "k": "export type|street:"})["k"])])


STA = DATA / "swagger-typescript-api"


def test_swagger_typescript_api_extracted_types_pair_every_part(tmp_path: Path) -> None:
    """`ListOrdersParams` (query and path parameters: the path ones are left out),
    `PayPayload`, `<Op>Data` (the answer, often an alias of a model)."""
    data = diff(STA / "shop-extract.ts", SHOP, tmp_path, 0)
    assert pairs(data) == SHOP_PARTS and data["findings"] == [] and data["uncovered"] == []
    how = {(c["operation"], c["part"]): c["docs"] for c in data["contracts"]}
    assert how[("POST /payments", "request")] == "PayPayload"
    assert how[("GET /orders", "response")] == "OrderPage"  # `ListOrdersData = OrderPage`
    # the fetch runtime's types stay listed (a file named on its own keeps every detail),
    # but no `<Op>Data`/`<Op>Params` and no "unknown type `Response`"
    assert data["unmatched"] == ["CancelToken", "ContentType", "FullRequestParams",
                                 "QueryParamsType", "RequestParams", "ResponseFormat"]
    assert not [d for d in data["diagnostics"] if "unknown type" in d["message"]]
    pets = diff(STA / "pets-extract.ts", PETS, tmp_path, 0)
    assert pairs(pets) == PETS_PARTS and pets["findings"] == []


def test_swagger_typescript_api_extracted_types_give_the_planted_drifts(tmp_path: Path
                                                                         ) -> None:
    path = STA / "shop-extract.ts"
    data = diff(path, shop_drifted(), tmp_path, 1)
    assert findings(data) == shop_planted(_at(path, {
        "limit": "export interface ListOrdersParams|limit?:",
        "note": "export interface OrderPatch|note?:",
        "memo": "export interface PayPayload|memo?:",
        "status": "export enum Status|export enum Status",
        "id": "export interface Payment|id:", "receipt": "export interface Payment|receipt?:",
        "total": "export interface OrderPage|total:"}))


TYPED = DATA / "typed-openapi"


def test_typed_openapi_endpoints_pair_every_part(tmp_path: Path) -> None:
    """`Endpoints.post_Pay = {method: "POST", path: "/payments", parameters: {body},
    responses: {200: Schemas.Payment}}`: before, nothing paired (INCOMPLETE)."""
    data = diff(TYPED / "shop.ts", SHOP, tmp_path, 0)
    assert pairs(data) == SHOP_PARTS and data["findings"] == [] and data["uncovered"] == []
    assert {c["how"] for c in data["contracts"] if c["operation"]} == {"endpoint-type"}
    # `Schemas.Problem` (an error answer) is compared with its component by name
    assert ("Schemas.Problem", "Problem") in {(c["docs"], c["backend"])
                                              for c in data["contracts"]}
    assert not [n for n in data["unmatched"] if n.startswith(("Schemas.", "Endpoints."))]
    pets = diff(TYPED / "pets.ts", PETS, tmp_path, 1)
    assert pairs(pets) == PETS_PARTS and pets["uncovered"] == []
    assert [(f["rule"], f["location"]) for f in pets["findings"]] == [
        (REQUIRED, "body.pets[].kind")]


def test_typed_openapi_gives_exactly_the_planted_drifts(tmp_path: Path) -> None:
    path = TYPED / "shop.ts"
    data = diff(path, shop_drifted(), tmp_path, 1)
    assert findings(data) == shop_planted(_at(path, {
        "limit": "get_ListOrders|query:", "note": "type OrderPatch|OrderPatch",
        "memo": "post_Pay|body:", "status": "type Status|Status",
        "id": "type Payment|Payment", "receipt": "type Payment|Payment",
        "total": "type OrderPage|OrderPage"}), status="#Schemas.Order.status")


def test_typed_openapi_schemas_only_pair_by_name_less_the_namespace(tmp_path: Path) -> None:
    """`--schemas-only`: no endpoints, so `Schemas.OrderPage` pairs as `OrderPage` does."""
    data = diff(TYPED / "shop-schemas.ts", SHOP, tmp_path, 0)
    assert pairs(data) == SHOP_PARTS - {("GET /orders", "query"), ("POST /payments", "request")}
    assert data["uncovered"] == [] and data["unmatched"] == [] and data["findings"] == []


def test_swagger_typescript_api_params_leave_out_camel_cased_path_parameters(
        tmp_path: Path) -> None:
    """`ListPostsParams` holds the query and the path's `thread_id` as `threadId`: the query
    is compared without it (before: `query.threadId` unknown to the backend)."""
    spec = json.loads((STA / "threads.json").read_text(encoding="utf-8"))
    path = STA / "threads-extract.ts"
    data = diff(path, spec, tmp_path, 0)
    assert pairs(data) == {("GET /threads/{thread_id}/posts", "query"),
                           ("GET /threads/{thread_id}/posts", "response")}
    assert data["findings"] == []
    params = spec["paths"]["/threads/{thread_id}/posts"]["get"]["parameters"]
    params[:] = [p for p in params if p["name"] != "cursor"]  # the backend dropped `cursor`
    drifted = diff(path, spec, tmp_path, 0)
    assert findings(drifted) == [("request-field-unknown-to-backend", "query.cursor", _at(
        path, {"k": "interface ListPostsParams|cursor:"})["k"])]


def test_swagger_typescript_api_route_methods_give_the_query_and_inline_bodies(
        tmp_path: Path) -> None:
    """Without --extract-*, the query and an inline body are written only in the route
    method's parameters (`listOrders: (query?: {...}) => this.request<OrderPage, any>`,
    under `@request GET:/orders`): before, neither was compared and nothing said so."""
    path = STA / "shop.ts"
    data = diff(path, SHOP, tmp_path, 0)
    assert pairs(data) == SHOP_PARTS and data["findings"] == [] and data["uncovered"] == []
    how = {(c["operation"], c["part"]): (c["docs"], c["how"]) for c in data["contracts"]}
    assert how[("GET /orders", "query")] == ("orders.listOrders.query", "jsdoc")
    assert how[("POST /payments", "request")] == ("payments.pay.request", "jsdoc")
    assert how[("GET /orders", "response")] == ("OrderPage", "jsdoc")  # this.request<OrderPage>
    drifted = diff(path, shop_drifted(), tmp_path, 1)
    assert findings(drifted) == shop_planted(_at(path, {
        "limit": "listOrders: (|limit?:", "note": "export interface OrderPatch|note?:",
        "memo": "pay: (|memo?:", "status": "export enum Status|export enum Status",
        "id": "export interface Payment|id:", "receipt": "export interface Payment|receipt?:",
        "total": "export interface OrderPage|total:"}))
    # a route the backend no longer has is one finding at the method
    gone = copy.deepcopy(SHOP)
    del gone["paths"]["/accounts"]
    removed = diff(path, gone, tmp_path, 1)
    assert findings(removed) == [("operation-removed", "operation", _at(path, {
        "k": "accounts = {|createAccount: ("})["k"])]


def test_swagger_typescript_api_modular_route_classes_pair_and_drift(tmp_path: Path) -> None:
    """--modular: one route class per tag; every route file pairs (only the runtime's
    http-client.ts is set aside), and drifts are found at the models and the routes."""
    folder = STA / "shop-modular"
    data = diff(folder, SHOP, tmp_path, 0)
    assert pairs(data) == SHOP_PARTS and data["findings"] == [] and data["unmatched"] == []
    assert [d["message"].rpartition(": ")[2] for d in data["diagnostics"]] == [
        "http-client.ts"]
    models = folder / "data-contracts.ts"
    drifted = diff(folder, shop_drifted(), tmp_path, 1)
    where = _at(models, {
        "note": "export interface OrderPatch|note?:", "status": "export enum Status|enum",
        "id": "export interface Payment|id:", "receipt": "export interface Payment|receipt?:",
        "total": "export interface OrderPage|total:"})
    where |= {"limit": _at(folder / "Orders.ts", {"k": "listOrders = (|limit?:"})["k"],
              "memo": _at(folder / "Payments.ts", {"k": "pay = (|memo?:"})["k"]}
    assert findings(drifted) == shop_planted(where)


GITHUB = DATA / "orval" / "github-issues-update"


def test_orval_on_github_a_nullable_alias_named_nullable_again_is_not_an_enum_value(
        tmp_path: Path) -> None:
    """`state_reason?: IssuesUpdateBodyStateReason` under `@nullable`, where the alias is
    `... | null` itself: null read twice was compared as an enum value the backend refuses
    (`request-enum-value-rejected`: "allows None")."""
    spec = json.loads((GITHUB / "spec.json").read_text(encoding="utf-8"))
    models = GITHUB / "model"
    data = diff(models, spec, tmp_path, 0)
    assert pairs(data) == {("PATCH /repos/{owner}/{repo}/issues/{issue_number}", "request")}
    assert data["findings"] == [] and data["unmatched"] == [] and data["diagnostics"] == []
    body = spec["paths"]["/repos/{owner}/{repo}/issues/{issue_number}"]["patch"][
        "requestBody"]["content"]["application/json"]["schema"]["properties"]
    body["state_reason"]["enum"].remove("duplicate")  # an enum value removed
    body["body"].pop("nullable")  # null no longer taken
    body["duplicate_issue_id"] = {"type": "string"}  # a type changed
    drifted = diff(models, spec, tmp_path, 1)
    main = models / "issuesUpdateBody.ts"
    assert findings(drifted) == sorted([
        ("request-enum-value-rejected", "body.state_reason", _at(
            models / "issuesUpdateBodyStateReason.ts", {"k": "export type|export type"})["k"]),
        ("request-null-rejected", "body.body", _at(main, {"k": "export type|body?:"})["k"]),
        ("request-type-mismatch", "body.duplicate_issue_id", _at(main, {
            "k": "export type|duplicate_issue_id?:"})["k"])])


def test_openapi_typescript_codegen_services_give_inline_bodies_and_queries(
        tmp_path: Path) -> None:
    """`DefaultService.pay(formData?: {...}): CancelablePromise<Payment>` returning
    `__request(OpenAPI, {method: 'POST', url: '/payments', formData})`: the inline form body
    is POST /payments' request; `listOrders(status?: Status, limit: number = 20)` sending
    `query: {'status': status, 'limit': limit}` is GET /orders' query (before: neither was
    compared, and the services file was set aside)."""
    folder = DATA / "openapi-typescript-codegen" / "shop"
    data = diff(folder, SHOP, tmp_path, 0)
    assert pairs(data) == SHOP_PARTS
    assert data["findings"] == [] and data["unmatched"] == [] and data["diagnostics"] == []
    how = {(c["operation"], c["part"]): (c["docs"], c["how"]) for c in data["contracts"]}
    assert how[("POST /payments", "request")] == ("DefaultService.pay.request", "jsdoc")
    assert how[("GET /orders", "query")] == ("DefaultService.listOrders.query", "jsdoc")
    assert how[("POST /accounts", "request")] == ("Account", "jsdoc")
    models = folder / "models"
    drifted = diff(folder, shop_drifted(), tmp_path, 1)
    where = _at(models / "OrderPatch.ts", {"note": "export type|note?:"}) | _at(
        models / "Payment.ts", {"id": "export type|id:", "receipt": "export type|receipt?:"}
    ) | _at(models / "OrderPage.ts", {"total": "export type|total:"}) | _at(
        models / "Status.ts", {"status": "export enum|export enum"}) | _at(
        folder / "services" / "DefaultService.ts", {"memo": "public static pay(|memo?:",
                                                    "limit": "listOrders(|limit: number"})
    assert findings(drifted) == shop_planted(where)


def test_swagger_typescript_api_type_prefix_is_learnt_from_the_routes(tmp_path: Path) -> None:
    """--type-prefix I: the routes pair `IOrderPage` with `OrderPage`, and so on; `IProblem`
    (an error answer), `ICard`, `ITransfer` and `IOrderBase`, which no route names, are
    then compared with `Problem`, `Card`, ... (before: matching nothing)."""
    path = STA / "shop-prefixed.ts"
    data = diff(path, SHOP, tmp_path, 0)
    assert pairs(data) == SHOP_PARTS and data["findings"] == []
    assert {(c["docs"], c["backend"]) for c in data["contracts"] if c["part"] == "component"
            } == {("ICard", "Card"), ("IOrderBase", "OrderBase"), ("IProblem", "Problem"),
                  ("ITransfer", "Transfer")}
    assert not [n for n in data["unmatched"] if n.startswith("I")]
    spec = copy.deepcopy(SHOP)
    spec["components"]["schemas"]["Problem"]["properties"]["title"] = {"type": "integer"}
    drifted = diff(path, spec, tmp_path, 1)
    assert findings(drifted) == [("response-type-mismatch", "#IProblem.title", _at(path, {
        "k": "export interface IProblem|title?:"})["k"])]


def test_orval_axios_with_dates_and_enums(tmp_path: Path) -> None:
    """`createdAt: Date` is a date-time string, `export enum Status` the enum, and the
    axios client's `<Op>Result = AxiosResponse<T>` no type of the API (before: unmatched)."""
    path = DATA / "orval" / "shop-axios.ts"
    data = diff(path, SHOP, tmp_path, 0)
    assert pairs(data) == SHOP_PARTS and data["findings"] == [] and data["unmatched"] == []
    drifted = diff(path, shop_drifted(), tmp_path, 1)
    assert findings(drifted) == shop_planted(_at(path, {
        "limit": "export type ListOrdersParams|limit?:",
        "note": "export interface OrderPatch|note?:", "memo": "export type PayBody|memo?:",
        "status": "export enum Status|export enum Status",
        "id": "export interface Payment|id:", "receipt": "export interface Payment|receipt?:",
        "total": "export interface OrderPage|total:"}))
