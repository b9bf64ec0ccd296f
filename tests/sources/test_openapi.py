"""OpenAPI loading: every version, every nullable spelling, references and errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemacheck.errors import SourceError
from schemacheck.model import Schema, split_null
from schemacheck.sources.openapi import Spec, load_openapi

DATA = Path(__file__).resolve().parents[1] / "data" / "openapi"


def bare(schema: Schema) -> Schema:
    if isinstance(schema, dict):
        return {k: bare(v) for k, v in schema.items() if k not in ("x-pointer", "title")}
    if isinstance(schema, list):
        return [bare(v) for v in schema]
    return schema


def load(name: str) -> Spec:
    return load_openapi(str(DATA / name))


def op(spec: Spec, key: str):  # noqa: ANN201
    return next(o for o in spec.operations if o.key == key)


def test_swagger_2() -> None:
    spec = load("v2.yaml")
    assert spec.version == "2.0"
    get = op(spec, "GET /pets/{petId}")
    assert [(p.name, p.location, p.required) for p in get.parameters] == [
        ("petId", "path", True), ("verbose", "query", False)]
    assert get.parameters[0].schema["type"] == "integer"
    assert bare(get.success()[1]) == {"$ref": "#/$defs/Pet"}
    post = op(spec, "POST /pets")
    assert post.request_required and bare(post.request_schema()) == {"$ref": "#/$defs/NewPet"}
    assert split_null(spec.schemas.schemas["NewPet"]["properties"]["tag"])[1] is True
    pet = bare(spec.schemas.schemas["Pet"])
    assert pet["required"] == ["name", "id"]
    assert pet["properties"]["id"] == {"type": "integer", "format": "int64", "readOnly": True}
    upload = op(spec, "POST /upload")
    form = upload.request["multipart/form-data"]
    assert form["required"] == ["file"]
    assert form["properties"]["file"]["format"] == "binary"


def test_openapi_30() -> None:
    spec = load("v30.yaml")
    get = op(spec, "GET /pets")
    # operation-level parameters override path-level ones of the same name and location
    assert [(p.name, p.location, p.required) for p in get.parameters] == [
        ("limit", "query", True), ("X-Trace", "header", False)]
    assert get.parameters[0].schema["exclusiveMaximum"] == 100
    assert bare(get.success()[1]) == {"type": "array", "items": {"$ref": "#/$defs/Pet"}}
    post = op(spec, "POST /pets")
    assert sorted(post.request) == ["application/json", "application/x-www-form-urlencoded"]
    new_pet = spec.schemas.schemas["NewPet"]
    assert bare(new_pet["properties"]["tag"]) == {"type": ["string", "null"]}
    assert bare(new_pet["properties"]["owner"]) == {
        "anyOf": [{"$ref": "#/$defs/Owner"}, {"type": "null"}]}
    assert new_pet["properties"]["secret"]["writeOnly"] is True
    pet = spec.schemas.schemas["Pet"]
    assert pet["required"] == ["name", "id", "kind"]
    assert bare(pet["properties"]["kind"]) == {
        "discriminator": {"propertyName": "type"},
        "oneOf": [{"$ref": "#/$defs/Cat"}, {"$ref": "#/$defs/Dog"}]}
    # recursive schemas stay references
    assert bare(spec.schemas.schemas["Tree"]["properties"]["children"]) == {
        "type": "array", "items": {"$ref": "#/$defs/Tree"}}
    assert pet["x-pointer"] == "#/components/schemas/Pet"


def test_openapi_31_and_fastapi_split_names() -> None:
    spec = load("v31.json")
    assert spec.version == "3.1.0"
    pet = spec.schemas.schemas["Pet-Input"]
    core, nullable = split_null(pet["properties"]["tag"])
    assert (core["type"], nullable) == ("string", True)
    assert split_null(pet["properties"]["born"])[1] is True
    assert spec.base_name("Pet-Input") == spec.base_name("Pet-Output") == "Pet"
    assert spec.schemas.schemas["Pet-Output"]["required"] == ["name", "tag", "born"]


def test_external_ref_inside_folder_is_loaded() -> None:
    spec = load("external.yaml")
    schema = op(spec, "GET /a").success()[1]
    assert split_null(schema["properties"]["x"])[1] is True


@pytest.mark.parametrize(("name", "message"), [
    ("escape.yaml", "points outside the spec's folder"),
    ("remote.yaml", "remote $ref 'https://example.com/schemas.yaml#/A'"),
    ("dangling.yaml", "dangling $ref '#/components/schemas/Missing' at #/paths/~1a/get"),
])
def test_reference_errors(name: str, message: str) -> None:
    with pytest.raises(SourceError) as err:
        load(name)
    assert message in str(err.value)
    assert name in str(err.value)


def test_not_openapi_and_not_parseable(tmp_path: Path) -> None:
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"openapi": "3.0.0",\n "paths": {,}}')
    with pytest.raises(SourceError, match=r"bad.json:2: not valid JSON"):
        load_openapi(str(bad_json))
    other = tmp_path / "other.yaml"
    other.write_text("name: not a spec\n")
    with pytest.raises(SourceError, match="not an OpenAPI 2.0/3.0/3.1 document"):
        load_openapi(str(other))
    dup = tmp_path / "dup.yaml"
    dup.write_text("openapi: 3.0.0\nopenapi: 3.1.0\n")
    with pytest.raises(SourceError, match="dup.yaml:2: duplicate key 'openapi'"):
        load_openapi(str(dup))
    with pytest.raises(SourceError, match="missing.yaml: cannot read"):
        load_openapi(str(tmp_path / "missing.yaml"))


def test_billion_laughs_is_an_error(tmp_path: Path) -> None:
    lines = ['openapi: 3.0.0', 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i-1}"] * 9) + "]")
    path = tmp_path / "laughs.yaml"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(SourceError, match="aliases expand"):
        load_openapi(str(path))


def test_deep_schema_is_one_diagnostic_and_the_rest_loads(tmp_path: Path) -> None:
    # A chain of 2000 in-document references: each document level is shallow, the schema
    # they describe is not.
    chain = [{"type": "object", "properties": {"a": {"$ref": f"#/x-chain/{i + 1}"}}}
             for i in range(2000)] + [{"type": "string"}]
    path = tmp_path / "deep.json"
    path.write_text(json.dumps({"openapi": "3.0.0", "paths": {}, "x-chain": chain,
                                "components": {"schemas": {
                                    "D": {"$ref": "#/x-chain/0"},
                                    "Fine": {"type": "object", "required": ["x"]}}}}))
    spec = load_openapi(str(path))
    assert spec.schemas.schemas["Fine"]["required"] == ["x"]
    [diag] = spec.diagnostics
    assert "'D' nests too deeply" in diag.message and diag.where.endswith(
        "#/components/schemas/D")


@pytest.mark.parametrize("depth", [5000])
def test_deep_nesting_does_not_crash(tmp_path: Path, depth: int) -> None:
    schema = "{}"
    for _ in range(depth):
        schema = '{"type": "object", "properties": {"a": ' + schema + "}}"
    path = tmp_path / "deep.json"
    path.write_text('{"openapi": "3.0.0", "paths": {}, "components": {"schemas": {"D": '
                    + schema + "}}}")
    with pytest.raises(SourceError, match="nests? too deeply"):
        load_openapi(str(path))


def test_live_fastapi_document(v3_broken: str) -> None:
    spec = load_openapi(v3_broken + "/openapi.json")
    assert len(spec.operations) == 22
    assert "JobContext" in spec.schemas.schemas and "Page_AssetResponse_" in spec.schemas.schemas
    assert spec.schemas.schemas["JobContext"]["required"] == ["clientId", "userId"]


def test_network_failure_names_the_url() -> None:
    from schemacheck.serve import free_port

    url = f"http://127.0.0.1:{free_port()}/openapi.json"
    with pytest.raises(SourceError, match=f"{url}: cannot connect"):
        load_openapi(url, timeout=2)


def test_cross_origin_redirect_refused(live_app) -> None:  # noqa: ANN001
    from fastapi import FastAPI
    from fastapi.responses import RedirectResponse

    app = FastAPI()

    @app.get("/openapi-moved.json")
    def moved() -> RedirectResponse:
        return RedirectResponse("http://localhost:1/openapi.json")

    url = live_app(app)
    with pytest.raises(SourceError, match="redirect to another origin refused"):
        load_openapi(url + "/openapi-moved.json")


def test_every_nullable_spelling_means_nullable() -> None:
    from schemacheck.sources.openapi import build_spec

    spellings = {
        "nullable_30": {"type": "string", "nullable": True},
        "x_nullable_20": {"type": "string", "x-nullable": True},
        "type_list_31": {"type": ["string", "null"]},
        "any_of_null": {"anyOf": [{"type": "string"}, {"type": "null"}]},
        "one_of_null": {"oneOf": [{"type": "string"}, {"type": "null"}]},
        "enum_null": {"enum": ["a", None]},
        "ref_nullable": {"allOf": [{"$ref": "#/components/schemas/Name"}], "nullable": True},
        "plain": {"type": "string"},
    }
    spec = build_spec({"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
                       "components": {"schemas": {"Name": {"type": "string"}, "All": {
                           "type": "object", "properties": spellings}}}}, "inline")
    props = spec.schemas.schemas["All"]["properties"]
    nullable = {name: split_null(props[name])[1] for name in spellings}
    assert nullable == {name: name != "plain" for name in spellings}
    assert split_null(props["one_of_null"])[0]["type"] == "string"
    assert bare(split_null(props["ref_nullable"])[0]) == {"$ref": "#/$defs/Name",
                                                          "x-null-unsure": True}
    # 3.1's own spellings are sure; its legacy `nullable` is one reading (hey-api ignores it),
    # and so is the `x-nullable` extension (openapi-typescript 5 ignores it)
    assert {name for name in spellings if props[name].get("x-null-unsure")} == {
        "nullable_30", "x_nullable_20", "ref_nullable"}
    # 3.1 has no `nullable`: read as meant, with one warning counting the places
    [warning] = spec.diagnostics
    assert warning.level == "warning" and "not an OpenAPI 3.1 keyword" in warning.message
    assert warning.message.endswith("(and 1 more places)")
    assert warning.where == "inline#/components/schemas/All/properties/nullable_30"
    as_30 = build_spec({"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
                        "paths": {}, "components": {"schemas": {"A": spellings["nullable_30"]}}},
                       "inline")
    assert as_30.diagnostics == []


def test_all_of_redeclaring_a_property_is_intersected(tmp_path: Path) -> None:
    document = {
        "openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
        "components": {"schemas": {
            "Repo": {"type": "object", "required": ["id"], "properties": {
                "id": {"type": "integer"},
                "owner": {"$ref": "#/components/schemas/User", "nullable": True},
                "name": {"type": "string", "nullable": True},
                "items": {"type": "array", "items": {"type": "object", "properties": {
                    "n": {"type": "number"}}}},
            }},
            "User": {"type": "object", "required": ["login"],
                     "properties": {"login": {"type": "string"}}},
            "Fork": {"allOf": [
                {"$ref": "#/components/schemas/Repo"},
                {"type": "object", "required": ["owner"], "properties": {
                    "owner": {"$ref": "#/components/schemas/User"},
                    "name": {"type": "string", "nullable": True, "enum": ["a", "b", None]},
                    "items": {"type": "array", "items": {"type": "object", "required": ["n"],
                                                         "properties": {"n": {"type": "integer"}}}},
                }},
            ], "description": "a fork"},
            "Union": {"allOf": [{"$ref": "#/components/schemas/Repo"},
                                {"oneOf": [{"type": "object"}, {"type": "string"}]}]},
        }},
    }
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(document))
    spec = load_openapi(str(path))
    fork = spec.schemas.schemas["Fork"]
    assert fork["description"] == "a fork" and fork["required"] == ["id", "owner"]
    owner = fork["properties"]["owner"]
    assert bare(owner) == {"$ref": "#/$defs/User"}  # null allowed by one member only
    assert bare(fork["properties"]["name"]) == {"type": ["string", "null"],
                                                "enum": ["a", "b", None]}
    assert bare(fork["properties"]["items"]["items"]) == {
        "type": "object", "required": ["n"], "properties": {"n": {"type": "integer"}}}
    # each property says where it was declared: the inherited one in Repo, the re-declared
    # one in Fork's own member
    assert fork["properties"]["id"]["x-pointer"] == "#/components/schemas/Repo/properties/id"
    assert owner["x-pointer"] == "#/components/schemas/Fork/allOf/1/properties/owner"
    assert "allOf" in spec.schemas.schemas["Union"]  # a union inside: kept as written


def test_all_of_single_ref_with_own_required_is_not_dropped(tmp_path: Path) -> None:
    document = {
        "openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
        "components": {"schemas": {
            "Base": {"type": "object", "properties": {"a": {"type": "string"}}},
            "Strict": {"allOf": [{"$ref": "#/components/schemas/Base"}], "required": ["a"]},
        }},
    }
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(document))
    strict = load_openapi(str(path)).schemas.schemas["Strict"]
    assert strict["required"] == ["a"] and strict["properties"]["a"]["type"] == "string"
