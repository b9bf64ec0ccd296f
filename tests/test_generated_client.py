"""A real generator's client against the spec it came from: no drift may be reported above
low, and openapi-typescript's conventions are not findings of the backend."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from schemacheck.cli import app

SHOP = Path(__file__).parent / "data" / "generated" / "shop"


def test_openapi_typescript_output_agrees_with_its_spec(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, [
        "diff", "--no-config", "--no-cache", "--docs", str(SHOP / "types.gen.ts"),
        "--openapi", str(SHOP / "spec.json"), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["contracts"]) == 11 and data["uncovered"] == []
    # `paths`, `operations`, `components`, `webhooks`, `$defs` hold the types; none is one
    assert data["unmatched"] == [] and data["incomplete"] == []
    # a defaulted field typed as always present (defaultNonNullable): low in responses, info in
    # requests; the discriminator, allOf, nullable, form body and query are all exact
    assert sorted((f["rule"], f["severity"], f["location"]) for f in data["findings"]) == [
        ("request-field-optional-but-documented-required", "info", "body.gift"),
        ("response-field-optional-but-documented-required", "low", "#Order.gift")]
