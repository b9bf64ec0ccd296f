"""openapi-typescript's `paths` interface as a (METHOD, path) -> operation mapping, and the
diagnostics summary."""

from __future__ import annotations

from pathlib import Path

from schemacheck.diagnostics import Diagnostic, summarise
from schemacheck.sources.typescript import clear_cache, load_docs

GENERATED = """\
export interface paths {
    "/repos/{owner}/{repo}": {
        parameters: { query?: never; path: { owner: string; repo: string } };
        get: operations["repos/get"];
        put?: never;
        delete: operations["repos/delete"];
        patch: {
            requestBody: { content: { "application/json": { name?: string } } };
            responses: { 200: { content: { "application/json": components["schemas"]["repo"] } } };
        };
    };
    "/user": {
        get: operations["users/get-authenticated"];
    };
}
export interface components {
    schemas: {
        repo: { id: number; name: string };
        user: { login: string };
    };
}
export interface operations {
    "repos/get": {
        responses: { 200: { content: { "application/json": components["schemas"]["repo"] } } };
    };
    "repos/delete": { responses: { 204: { content?: never } } };
    "users/get-authenticated": {
        responses: { 200: { content: { "application/json": components["schemas"]["user"] } } };
    };
}
"""


def test_paths_interface_maps_method_and_path_to_operations(tmp_path: Path) -> None:
    path = tmp_path / "github.d.ts"
    path.write_text(GENERATED)
    clear_cache()
    docs = load_docs([str(path)])
    mapping = {key: (entry.operation_id, entry.where.rsplit(":", 1)[1])
               for key, entry in docs.paths.items()}
    assert mapping == {
        ("GET", "/repos/{owner}/{repo}"): ("repos/get", "4"),
        ("DELETE", "/repos/{owner}/{repo}"): ("repos/delete", "6"),
        ("PATCH", "/repos/{owner}/{repo}"): (None, "7"),
        ("GET", "/user"): ("users/get-authenticated", "13"),
    }  # `put?: never` and `parameters` are not operations
    get = docs.operation_schema("GET", "/repos/{owner}/{repo}")
    assert get is not None and "responses" in get["properties"]
    patch = docs.operation_schema("patch", "/repos/{owner}/{repo}")
    assert patch is not None and set(patch["properties"]) == {"requestBody", "responses"}
    assert docs.operation_schema("POST", "/user") is None
    assert not docs.diagnostics


def test_diagnostics_summarised_one_line_per_kind(tmp_path: Path) -> None:
    path = tmp_path / "client.ts"
    path.write_text("".join(f"export interface T{i} {{ a: Missing{i % 3}; b: Gone; }}\n"
                            for i in range(6)))
    clear_cache()
    docs = load_docs([str(path)])
    assert len(docs.diagnostics) == 12  # every one is kept
    [group] = docs.diagnostic_summary()
    assert group.count == 12 and group.kind == "unknown type …; treated as any"
    assert group.first.where.endswith("client.ts:1")
    assert str(group).endswith("(and 11 more like it)")
    mixed = summarise([Diagnostic("warning", "a `x`", "f:1"), Diagnostic("error", "a `y`", "f:2"),
                       Diagnostic("warning", "a `z`", "f:3")])
    assert [(g.first.level, g.count) for g in mixed] == [("warning", 2), ("error", 1)]


def test_pairing_by_method_and_path_before_a_reused_operation_id(tmp_path: Path) -> None:
    from schemacheck.contracts import make_contracts
    from schemacheck.sources.openapi import build_spec

    path = tmp_path / "github.d.ts"
    path.write_text(GENERATED)
    clear_cache()
    docs = load_docs([str(path)])

    def response(name: str) -> dict[str, object]:
        return {"200": {"description": "ok", "content": {"application/json": {
            "schema": {"$ref": f"#/components/schemas/{name}"}}}}}

    spec = build_spec({
        "openapi": "3.0.3", "info": {"title": "t", "version": "1"},
        "paths": {
            # the newer spec gave `repos/get`'s id to another path
            "/repos/{owner}/{repo}": {"get": {"operationId": "repos/get-v2",
                                              "responses": response("repo")}},
            "/legacy/repo": {"get": {"operationId": "repos/get", "responses": response("user")}},
            "/user": {"get": {"operationId": "users/get-authenticated",
                              "responses": response("user")}},
        },
        "components": {"schemas": {
            "repo": {"type": "object", "properties": {"id": {"type": "integer"}}},
            "user": {"type": "object", "properties": {"login": {"type": "string"}}},
        }},
    }, "spec.json")
    pairs = {(c.operation, c.doc_type) for c in make_contracts(docs, spec).contracts
             if c.how == "operation-id"}
    assert pairs == {("GET /repos/{owner}/{repo}", "operations.repos/get.response"),
                     ("GET /user", "operations.users/get-authenticated.response")}


def test_console_prints_one_line_per_kind_and_json_keeps_all() -> None:
    from schemacheck.report.console import console_text
    from schemacheck.result import Inputs, OpenapiInput, RunResult

    result = RunResult(generated="2026-01-01", inputs=Inputs((), OpenapiInput("s")),
                       diagnostics=tuple(Diagnostic(
                           "warning", f"cannot resolve `components[\"x{i}\"]`; treated as any",
                           f"client.ts:{i + 1}") for i in range(42)))
    text = console_text(result)
    lines = [line for line in text.splitlines() if "cannot resolve" in line]
    assert lines == ["client.ts:1: warning: cannot resolve `components[\"x0\"]`; treated as any "
                     "(and 41 more like it)"]
    assert len(result.to_json()["diagnostics"]) == 42
