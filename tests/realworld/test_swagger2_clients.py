"""Swagger 2.0 clients: openapi-typescript 5's layout (`definitions`, `parameters.body`,
`responses[status].schema`) is read like the newer one, a recursive definition converts, and
`x-nullable` (a vendor extension openapi-typescript 5 ignores) is either reading
(data/swagger2/README.md)."""

from __future__ import annotations

from pathlib import Path

from tests.realworld.conftest import Pair, found

DATA = Path(__file__).parent / "data" / "swagger2"
SPEC = (DATA / "spec.yaml").read_text(encoding="utf-8")
V5 = (DATA / "openapi-typescript5.ts").read_text(encoding="utf-8")


def test_openapi_typescript_5_client_agrees_exactly(pair: Pair) -> None:
    data = pair.diff(V5, SPEC, name="types.ts")
    assert found(data) == [] and data["unmatched"] == [] and data["uncovered"] == []
    assert data["incomplete"] == [] and data["diagnostics"] == []
    assert sorted((c["operation"], c["part"]) for c in data["contracts"]) == [
        ("GET /nodes", "query"), ("GET /nodes", "response"), ("POST /nodes", "request"),
        ("POST /nodes", "response"), ("POST /nodes/{id}/upload", "request")]


def test_hey_api_client_agrees_exactly(pair: Pair) -> None:
    data = pair.diff((DATA / "heyapi.types.gen.ts").read_text(encoding="utf-8"), SPEC)
    assert found(data) == [] and data["unmatched"] == [] and data["incomplete"] == []
    assert data["diagnostics"] == []


def test_a_drifted_openapi_typescript_5_client(pair: Pair) -> None:
    docs = V5.replace("    name: string;", "    name?: string;").replace(
        'kind?: "leaf" | "branch";', 'kind?: "leaf";').replace(
        "        tag: string;", "        tag?: string;")
    data = pair.diff(docs, SPEC, name="types.ts", exit_code=1)
    assert found(data) == [
        ("request-field-required-but-documented-optional", "GET /nodes", "query.tag"),
        ("request-field-required-but-documented-optional", "POST /nodes", "body.name"),
        ("response-enum-value-undocumented", None, "#Node.kind")]
