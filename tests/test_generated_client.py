"""A real generator's client against the spec it came from: no drift may be reported above
low, and openapi-typescript's conventions are not findings of the backend."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from schemacheck.cli import app

SHOP = Path(__file__).parent / "data" / "generated" / "shop"


def _diff(docs: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, [
        "diff", "--no-config", "--no-cache", "--docs", str(SHOP / docs),
        "--openapi", str(SHOP / "spec.json"), "--format", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_openapi_typescript_output_agrees_with_its_spec() -> None:
    data = _diff("types.gen.ts")
    assert len(data["contracts"]) == 13 and data["uncovered"] == []
    # `paths`, `operations`, `components`, `webhooks`, `$defs` hold the types; none is one
    assert data["unmatched"] == [] and data["incomplete"] == []
    # a defaulted field typed as always present (defaultNonNullable): low in responses, info in
    # requests; the discriminator, allOf, nullable, form body and query are all exact
    assert sorted((f["rule"], f["severity"], f["location"]) for f in data["findings"]) == [
        ("request-field-optional-but-documented-required", "info", "body.gift"),
        ("response-field-optional-but-documented-required", "low", "#Order.gift")]


def test_hey_api_output_agrees_with_its_spec() -> None:
    """hey-api's layout: `<Op>Data` (body, query, url), `<Op>Responses` by status code,
    `<Op>Response = <Op>Responses[keyof <Op>Responses]`, and `XWritable` write views."""
    data = _diff("heyapi.types.gen.ts")
    assert data["findings"] == [] and data["unmatched"] == [] and data["uncovered"] == []
    assert data["diagnostics"] == []  # `T[keyof T]` is read, not "treated as any"
    pairs = {(c["operation"], c["part"]): (c["docs"], c["how"]) for c in data["contracts"]}
    assert pairs[("GET /orders", "query")] == ("ListOrdersData.query", "client-data")
    assert pairs[("GET /orders", "response")] == ("OrderPage", "client-data")
    assert pairs[("POST /payments", "request")] == ("PayData.request", "client-data")
    # the write view is the request, the read view the response: readOnly/writeOnly apart
    assert pairs[("POST /accounts", "request")] == ("AccountWritable", "client-data")
    assert pairs[("POST /accounts", "response")] == ("Account", "client-data")
    # PATCH and DELETE share GET's url: told apart by the operationId
    assert pairs[("PATCH /orders/{orderId}", "request")] == ("OrderPatch", "client-data")
