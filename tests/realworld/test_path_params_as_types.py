"""openapi-typescript `--path-params-as-types` keys each path with a parameter by a template
literal (`[path: `/orgs/${string}/repos/${number}`]`), not by the spec's path: its operations
without an operationId pair with the spec's by the path's shape, so nothing is uncovered and
each part is compared through its operation (data/path-params: see its README)."""

from __future__ import annotations

from pathlib import Path

from tests.realworld.conftest import Pair, found

DATA = Path(__file__).parent / "data" / "path-params"
SPEC = (DATA / "spec.json").read_text(encoding="utf-8")
TYPES = (DATA / "types.d.ts").read_text(encoding="utf-8")


def test_self_generated_pair_is_complete(pair: Pair) -> None:
    data = pair.diff(TYPES, SPEC, name="types.d.ts")
    assert found(data) == [] and data["unmatched"] == [] and data["diagnostics"] == []
    assert data["uncovered"] == [] and data["incomplete"] == []
    pairs = {(c["operation"], c["docs"]) for c in data["contracts"]}
    assert pairs == {
        ("GET /users/me", "paths.GET /users/me.response"),
        ("GET /users/{id}", "paths.GET /users/{id}.query"),
        ("GET /users/{id}", "paths.GET /users/{id}.response"),
        ("PATCH /users/{id}", "paths.PATCH /users/{id}.request"),
        ("PATCH /users/{id}", "paths.PATCH /users/{id}.response"),
        ("DELETE /users/{id}", "operations.deleteUser.response"),
        ("GET /orgs/{org}/repos/{number}", "paths.GET /orgs/{org}/repos/{number}.response"),
        ("PUT /files/{name}.json", "paths.PUT /files/{name}.json.request"),
        ("PUT /files/{name}.json", "paths.PUT /files/{name}.json.response")}


def test_drift_under_a_template_key_is_found(pair: Pair) -> None:
    docs = TYPES.replace("                            private?: boolean;\n",
                         "                            private: boolean;\n")
    docs = docs.replace("                        tags?: string[];\n",
                        "                        tags?: string[];\n"
                        "                        nickname: string;\n")
    docs = docs.replace("                        size: number;\n",
                        "                        size: string;\n")
    assert docs.count("nickname") == 1 and docs.count("private: boolean") == 1
    data = pair.diff(docs, SPEC, name="types.d.ts", exit_code=None)
    assert data["uncovered"] == [] and data["unmatched"] == []
    assert found(data) == [
        ("request-field-unknown-to-backend", "PATCH /users/{id}", "body.nickname"),
        ("request-type-mismatch", "PUT /files/{name}.json", "body.size"),
        ("response-field-optional-but-documented-required", "GET /orgs/{org}/repos/{number}",
         "response.private")]


def test_make_paths_enum_is_no_type_of_the_api(pair: Pair) -> None:
    """`--make-paths-enum` adds `export enum ApiPaths { GetUsersMe = "/users/me", ... }`
    (openapi-typescript 7.13.0's own lines, appended here): the paths, no API type."""
    enum = """export enum ApiPaths {
    GetUsersMe = "/users/me",
    GetUsers = "/users/{id}",
    PatchUsers = "/users/{id}",
    deleteUser = "/users/{id}",
    GetOrgsRepos = "/orgs/{org}/repos/{number}",
    PutFiles_json = "/files/{name}.json"
}
"""
    data = pair.diff(TYPES + enum, SPEC, name="types.d.ts")
    assert found(data) == [] and data["unmatched"] == [] and data["diagnostics"] == []
