"""What generated clients write must be read as they mean it."""

from __future__ import annotations

from tests.realworld.conftest import Pair, found

COUNTRY_SPEC = {
    "openapi": "3.0.3", "info": {"title": "t", "version": "1"},
    "paths": {"/place": {"get": {"operationId": "getPlace", "responses": {"200": {
        "description": "ok", "content": {"application/json": {"schema": {
            "$ref": "#/components/schemas/Place"}}}}}}}},
    "components": {"schemas": {
        "Country": {"type": "string", "enum": ["Côte d'Ivoire", "Curaçao", 'say "hi"', "a\\b"]},
        "Place": {"type": "object", "required": ["country"], "properties": {
            "country": {"$ref": "#/components/schemas/Country"}}}}},
}


def test_escaped_string_literals_are_their_values(pair: Pair) -> None:
    """hey-api writes single-quoted literals with `\\'` (ideal-postcodes' `Côte d\\'Ivoire`):
    the value is `Côte d'Ivoire`, not a documented value the backend never sends."""
    docs = ("export type Country = 'C\\u00f4te d\\'Ivoire' | 'Cura\\xe7ao' | 'say \"hi\"'"
            " | \"a\\\\b\";\n"
            "export type Place = {\n    country: Country;\n};\n"
            "export type GetPlaceResponses = {\n    200: Place;\n};\n")
    data = pair.diff(docs, COUNTRY_SPEC)
    assert found(data) == [] and data["diagnostics"] == [] and data["incomplete"] == []


def test_a_drifted_literal_is_still_found(pair: Pair) -> None:
    docs = ("export type Country = 'C\\u00f4te d\\'Ivoire' | 'Cura\\xe7ao' | 'say \"hi\"';\n"
            "export type Place = {\n    country: Country;\n};\n"
            "export type GetPlaceResponses = {\n    200: Place;\n};\n")
    data = pair.diff(docs, COUNTRY_SPEC)
    assert found(data) == [("response-enum-value-undocumented", "GET /place",
                            "response.country")]
    assert "'a\\\\b'" in data["findings"][0]["message"]
