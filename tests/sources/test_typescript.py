"""Each TypeScript construct the loader reads, asserted as an exact schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemacheck.model import Schema, split_null
from schemacheck.sources.typescript import DocSet, clear_cache, load_docs

ROOT = Path(__file__).resolve().parents[2]


def load(tmp_path: Path, source: str, name: str = "types.ts") -> DocSet:
    path = tmp_path / name
    path.write_text(source)
    clear_cache()
    return load_docs([str(path)])


def shape(schema: Schema) -> Schema:
    """The schema without source locations, for exact comparisons."""
    if isinstance(schema, dict):
        return {k: shape(v) for k, v in schema.items() if k not in ("x-source", "title")}
    if isinstance(schema, list):
        return [shape(v) for v in schema]
    return schema


def schema(docs: DocSet, name: str) -> Schema:
    return shape(docs.schemas.schemas[name])


def test_interface_optional_nullable_readonly(tmp_path: Path) -> None:
    docs = load(tmp_path, """
export interface A {
  a: string;
  b?: number;
  c: string | null;
  d?: boolean | null | undefined;
  e: string | undefined;
  readonly f: number;
}""")
    assert schema(docs, "A") == {
        "type": "object",
        "properties": {
            "a": {"type": "string"}, "b": {"type": "number"},
            "c": {"type": ["string", "null"]}, "d": {"type": ["boolean", "null"]},
            "e": {"type": "string"}, "f": {"type": "number"},
        },
        "required": ["a", "c", "f"],
    }
    assert docs.schemas.schemas["A"]["properties"]["c"]["x-source"].endswith("/types.ts:5")


def test_extends_several_bases_and_generic_defaults(tmp_path: Path) -> None:
    docs = load(tmp_path, """
interface Base { id: string; }
interface Stamped { createdAt: Date; }
interface Box<T = number> { value: T; }
interface Item extends Base, Stamped { name?: string; }
type B = Box;
type S = Box<string>;
""")
    assert schema(docs, "Item") == {
        "type": "object",
        "properties": {"id": {"type": "string"},
                       "createdAt": {"type": "string", "format": "date-time"},
                       "name": {"type": "string"}},
        "required": ["id", "createdAt"],
    }
    assert schema(docs, "B")["properties"]["value"] == {"type": "number"}
    assert schema(docs, "S")["properties"]["value"] == {"type": "string"}
    assert docs.schemas.schemas["Box"]["x-generic"] == ["T"]


def test_unions_intersections_and_literals(tmp_path: Path) -> None:
    docs = load(tmp_path, """
type Color = "red" | "green";
type Num = 1 | 2 | 3;
type Flag = true | false;
type Mixed = string | number;
interface A { a: string; }
interface B { b?: number; }
type AB = A & B;
type MaybeColor = Color | null;
""")
    assert schema(docs, "Color") == {"type": "string", "enum": ["red", "green"]}
    assert schema(docs, "Num") == {"type": "number", "enum": [1, 2, 3]}
    assert schema(docs, "Flag") == {"type": "boolean"}
    assert schema(docs, "Mixed") == {"anyOf": [{"type": "string"}, {"type": "number"}]}
    assert schema(docs, "AB") == {
        "type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "number"}},
        "required": ["a"],
    }
    assert schema(docs, "MaybeColor") == {"anyOf": [{"$ref": "#/$defs/Color"}, {"type": "null"}]}


def test_enums_string_numeric_and_const(tmp_path: Path) -> None:
    docs = load(tmp_path, """
enum Status { Draft = "draft", Live = "live" }
const enum Level { Low, Mid = 5, High }
interface X { s: Status.Live; }
""")
    assert schema(docs, "Status") == {"type": "string", "enum": ["draft", "live"]}
    assert schema(docs, "Level") == {"type": "number", "enum": [0, 5, 6]}
    assert schema(docs, "X")["properties"]["s"] == {"type": "string", "enum": ["live"]}


def test_arrays_tuples_records_index_signatures(tmp_path: Path) -> None:
    docs = load(tmp_path, """
interface C {
  a: string[];
  b: Array<number>;
  c: ReadonlyArray<boolean>;
  d: readonly string[];
  e: [string, number?];
  f: Record<string, number>;
  g: Record<"x" | "y", string>;
  h: { [key: string]: boolean };
  i: { deep: { deeper: { deepest?: string } } };
}""")
    props = schema(docs, "C")["properties"]
    assert props["a"] == {"type": "array", "items": {"type": "string"}}
    assert props["b"] == {"type": "array", "items": {"type": "number"}}
    assert props["c"] == {"type": "array", "items": {"type": "boolean"}}
    assert props["d"] == {"type": "array", "items": {"type": "string"}}
    assert props["e"] == {"type": "array", "prefixItems": [{"type": "string"}, {"type": "number"}],
                          "items": False, "minItems": 1}
    assert props["f"] == {"type": "object", "additionalProperties": {"type": "number"}}
    assert props["g"] == {"type": "object", "properties": {"x": {"type": "string"},
                                                           "y": {"type": "string"}},
                          "required": ["x", "y"]}
    assert props["h"] == {"type": "object", "properties": {},
                          "additionalProperties": {"type": "boolean"}}
    assert props["i"]["properties"]["deep"]["properties"]["deeper"] == {
        "type": "object", "properties": {"deepest": {"type": "string"}}}


def test_qualified_names_namespaces_and_modules(tmp_path: Path) -> None:
    docs = load(tmp_path, """
declare namespace Stripe {
  interface Address { line1: string; city?: string; }
  interface Customer { address: Address; }
}
declare module "billing" {
  export interface Invoice { to: Stripe.Address; }
}
""")
    assert set(docs.types) >= {"Stripe.Address", "Stripe.Customer", "Invoice"}
    assert schema(docs, "Stripe.Customer")["properties"]["address"] == {
        "$ref": "#/$defs/Stripe.Address"}
    assert schema(docs, "Invoice")["properties"]["to"] == {"$ref": "#/$defs/Stripe.Address"}


def test_generic_instantiation_and_utility_types(tmp_path: Path) -> None:
    docs = load(tmp_path, """
interface Page<T> { items: T[]; total: number; }
interface User { id: string; name: string; email?: string | null; }
type Users = Page<User>;
type P = Partial<User>;
type R = Required<User>;
type K = Pick<User, "id" | "email">;
type O = Omit<User, "email">;
type N = NonNullable<string | null>;
type RO = Readonly<User>;
""")
    assert schema(docs, "Users")["properties"]["items"] == {
        "type": "array", "items": {"$ref": "#/$defs/User"}}
    assert "required" not in schema(docs, "P")
    assert schema(docs, "R")["required"] == ["id", "name", "email"]
    assert list(schema(docs, "K")["properties"]) == ["id", "email"]
    assert schema(docs, "K")["required"] == ["id"]
    assert list(schema(docs, "O")["properties"]) == ["id", "name"]
    assert schema(docs, "N") == {"type": "string"}
    assert schema(docs, "RO") == {"$ref": "#/$defs/User"}


def test_special_types(tmp_path: Path) -> None:
    docs = load(tmp_path, """
interface S { a: any; b: unknown; c: object; d: never; e: Date; }
""")
    assert schema(docs, "S")["properties"] == {
        "a": {}, "b": {}, "c": {"type": "object"}, "d": {"not": {}},
        "e": {"type": "string", "format": "date-time"}}


def test_jsdoc_keywords(tmp_path: Path) -> None:
    docs = load(tmp_path, """
/** A user. */
interface U {
  /**
   * When it happened.
   * @format date-time
   * @example "2025-01-01T00:00:00Z"
   */
  at: string;
  /** @deprecated use at */
  when?: string;
  /** @default 20 */
  limit?: number;
  /** @nullable */
  nick: string;
}""")
    out = schema(docs, "U")
    assert out["description"] == "A user."
    assert out["properties"]["at"] == {"type": "string", "description": "When it happened.",
                                       "format": "date-time",
                                       "examples": ["2025-01-01T00:00:00Z"]}
    assert out["properties"]["when"] == {"type": "string", "deprecated": True}
    assert out["properties"]["limit"] == {"type": "number", "default": 20}
    assert out["properties"]["nick"] == {"type": ["string", "null"]}


def test_indexed_access_openapi_typescript(tmp_path: Path) -> None:
    docs = load(tmp_path, (ROOT / "tests/data/octokit-excerpt.d.ts").read_text(), "o.d.ts")
    user = schema(docs, "simple-user")
    assert user["required"] == ["email", "login", "id"]
    assert user["properties"]["email"] == {"type": ["string", "null"]}
    assert user["properties"]["name"] == {"type": ["string", "null"]}
    repo = schema(docs, "minimal-repository")
    assert repo["properties"]["owner"] == {"$ref": "#/$defs/simple-user"}
    assert repo["properties"]["license"] == {
        "anyOf": [{"$ref": "#/$defs/license-simple"}, {"type": "null"}]}
    assert schema(docs, "license-simple")["required"] == ["key", "name"]
    # `components` itself refers to the named entries instead of converting them twice
    holder = schema(docs, "components")["properties"]["schemas"]
    assert holder["properties"]["simple-user"] == {"$ref": "#/$defs/simple-user"}


def test_indexed_access_by_keyof_and_literal_unions(tmp_path: Path) -> None:
    """hey-api's `XResponse = XResponses[keyof XResponses]`: the union of the members."""
    docs = load(tmp_path, """
export type Order = { id: string };
export type Problem = { title?: string };
export type GetResponses = { 200: Order };
export type GetResponse = GetResponses[keyof GetResponses];
export type AnyResponses = { 200: Order; 202: Problem };
export type AnyResponse = AnyResponses[keyof AnyResponses];
type Keys = "200" | "202";
export type Picked = AnyResponses[Keys];
export type Literal = AnyResponses["200" | "202"];
""")
    assert schema(docs, "GetResponse") == {"$ref": "#/$defs/Order"}
    both = {"anyOf": [{"$ref": "#/$defs/Order"}, {"$ref": "#/$defs/Problem"}]}
    assert schema(docs, "AnyResponse") == both
    assert schema(docs, "Picked") == both and schema(docs, "Literal") == both
    assert docs.diagnostics == []


def test_unexpressible_types_warn_with_location(tmp_path: Path) -> None:
    docs = load(tmp_path, """
interface W {
  f: (x: string) => void;
  g: Missing;
}""")
    assert schema(docs, "W")["properties"] == {"f": {}, "g": {}}
    wheres = sorted(d.where.rsplit(":", 1)[1] for d in docs.diagnostics)
    assert wheres == ["3", "4"]
    assert all(d.level == "warning" for d in docs.diagnostics)


def test_syntax_error_is_reported_and_other_files_load(tmp_path: Path) -> None:
    (tmp_path / "bad.ts").write_text(
        "interface Ok { a: string }\ninterface Bad { a: string;; b: }\n")
    (tmp_path / "good.ts").write_text("interface Good { b: number }\n")
    clear_cache()
    docs = load_docs([str(tmp_path)])
    assert "Good" in docs.types and "Ok" in docs.types
    errors = [d for d in docs.diagnostics if d.level == "error"]
    assert len(errors) == 1 and errors[0].where.endswith("bad.ts:2")


def test_markdown_blocks_headings_and_examples(tmp_path: Path) -> None:
    md = tmp_path / "api.md"
    md.write_text("""# API

### POST /api/things

```typescript
interface CreateThing { name: string; }
const res = await api.things.create({ name: 'x' });
```

```python
class NotTs: pass
```

### GET /api/things
```ts
/** @response GET /api/things/{id} */
type ThingList = CreateThing[];
```
""")
    clear_cache()
    docs = load_docs([str(md)])
    assert docs.types["CreateThing"].heading == "POST /api/things"
    assert docs.types["CreateThing"].source.endswith("api.md:6")
    assert docs.types["ThingList"].endpoints == (("GET", "/api/things/{id}", "response"),)
    assert not [d for d in docs.diagnostics if d.level == "error"]


def test_v3_docs_load_every_interface() -> None:
    clear_cache()
    docs = load_docs([str(ROOT / "fixtures/v3/docs")])
    assert not docs.diagnostics
    assert len(docs.types) == 26
    job = docs.schemas.schemas["JobCreativeDirection"]
    assert job["required"] == ["style"]
    assert list(job["properties"]) == ["style", "tone", "visualElements", "musicStyle"]
    assert docs.schemas.schemas["AssetResponse"]["properties"]["clientId"]["type"] == [
        "string", "null"]


def test_each_file_parsed_once(tmp_path: Path) -> None:
    from schemacheck.sources import typescript

    path = tmp_path / "t.ts"
    path.write_text("interface T { a: string }")
    clear_cache()
    load_docs([str(path)])
    load_docs([str(path)])
    assert typescript._units.cache_info().misses == 1


@pytest.mark.parametrize("depth", [3000, 20000])
def test_deep_nesting_is_an_error_not_a_crash(tmp_path: Path, depth: int) -> None:
    source = ("interface Fine { a: string; }\n"
              "type D = " + "{ a: " * depth + "string" + " }" * depth + ";\n")
    docs = load(tmp_path, source)
    assert schema(docs, "Fine")["required"] == ["a"]  # the rest still loads
    [error] = [d for d in docs.diagnostics if d.level == "error"]
    assert "`D` nests too deeply" in error.message and error.where.endswith("types.ts:2")


def test_exclude_extract_and_bigint(tmp_path: Path) -> None:
    docs = load(tmp_path, """
type All = "a" | "b" | "c";
type Some = Exclude<All, "a">;
type One = Extract<All, "a" | "z">;
interface Big { n: bigint; }
""")
    assert schema(docs, "Some") == {"type": "string", "enum": ["b", "c"]}
    assert schema(docs, "One") == {"type": "string", "enum": ["a"]}
    assert schema(docs, "Big")["properties"]["n"] == {"type": "integer"}
    assert not docs.diagnostics


def test_exclude_and_extract_by_a_type_not_only_by_literals(tmp_path: Path) -> None:
    docs = load(tmp_path, """
enum Tone { Formal = "formal", Casual = "casual" }
type Strings = Extract<"a" | "b" | 1, string>;
type NoNumbers = Exclude<"a" | 1 | 2.5 | true, number>;
type NotCasual = Exclude<Tone, Tone.Casual>;
type OnlyTrue = Extract<1 | true | "x", true>;
type NotNullNorString = Exclude<"a" | null | 1, null | string>;
type Nothing = Extract<"a" | "b", number>;
""")
    enums = {name: schema(docs, name).get("enum") for name in (
        "Strings", "NoNumbers", "NotCasual", "OnlyTrue", "NotNullNorString", "Nothing")}
    assert enums == {"Strings": ["a", "b"], "NoNumbers": ["a", True], "NotCasual": ["formal"],
                     "OnlyTrue": [True], "NotNullNorString": [1], "Nothing": []}


def test_classes_default_exports_and_global_declarations(tmp_path: Path) -> None:
    docs = load(tmp_path, """
import type { Elsewhere } from "./elsewhere";
export class Base { id: string; }
export class Foo extends Base {
  public a: string;
  b?: number | null;
  private secret: string;
  static count: number;
  readonly at!: Date;
  constructor(x: string) { super(); }
  method(): void {}
}
export default interface Def { y: number; }
declare global { interface Window { appVersion: string; } }
export type { Foo as Renamed };
""")
    assert schema(docs, "Foo") == {
        "type": "object",
        "properties": {"id": {"type": "string"}, "a": {"type": "string"},
                       "b": {"type": ["number", "null"]},
                       "at": {"type": "string", "format": "date-time"}},
        "required": ["id", "a", "at"],
    }
    assert schema(docs, "Def")["required"] == ["y"]
    assert "Window" in docs.types
    assert not docs.diagnostics


def test_conflicting_redeclaration_warns_and_interfaces_merge(tmp_path: Path) -> None:
    md = tmp_path / "api.md"
    md.write_text("""
```ts
type Status = "a" | "b";
interface Pet { name: string; }
```

```ts
type Status = "a" | "b" | "c";
interface Pet { age?: number; }
```
""")
    clear_cache()
    docs = load_docs([str(md)])
    assert schema(docs, "Status") == {"type": "string", "enum": ["a", "b"]}
    assert schema(docs, "Pet")["properties"].keys() == {"name", "age"}
    [warning] = docs.diagnostics
    assert "`Status` is declared again differently" in warning.message
    assert warning.where.endswith("api.md:8")


def test_intersection_redeclaring_a_field_intersects_it(tmp_path: Path) -> None:
    docs = load(tmp_path, """
interface Repo { id: number; owner: Owner | null; name?: string; kind: string; tags: Tag[]; }
interface Owner { login: string; site?: string; }
interface Tag { label: string | null; }
type MaybeOwner = Owner | null;
type Locked = Repo & {
  owner: MaybeOwner;
  name: string;
  kind: "fork";
  locked: false;
  tags: { label: string; color?: string }[];
};
type Full = Repo & { owner: { email: string } };
""")
    locked = schema(docs, "Locked")
    assert locked["required"] == ["id", "owner", "kind", "tags", "name", "locked"]
    props = locked["properties"]
    # nullable in both members stays nullable; the alias is looked through
    assert props["owner"]["type"] == ["object", "null"]
    assert props["owner"]["required"] == ["login"]
    assert props["name"] == {"type": "string"}
    assert props["kind"] == {"type": "string", "enum": ["fork"]}  # string & "fork"
    assert props["locked"] == {"type": "boolean", "enum": [False]}
    # array items intersected: null allowed by only one member is not allowed
    assert props["tags"]["items"]["properties"]["label"] == {"type": "string"}
    assert props["tags"]["items"]["required"] == ["label"]
    # the re-declaration's location is kept
    assert docs.schemas.schemas["Locked"]["properties"]["name"]["x-source"].endswith(":8")
    full = schema(docs, "Full")["properties"]["owner"]
    assert full["type"] == "object"  # null allowed by one member only
    assert full["required"] == ["login", "email"]
    assert not docs.diagnostics


def test_intersection_that_cannot_be_merged_stays_all_of(tmp_path: Path) -> None:
    docs = load(tmp_path, """
type A = { a: string } | { b: number };
type Both = A & { c: boolean };
type Never = { x: string } & { x: number };
""")
    assert "allOf" in schema(docs, "Both")
    assert "allOf" in schema(docs, "Never")["properties"]["x"]


def test_null_flows_through_aliases_and_top_level_collections(tmp_path: Path) -> None:
    docs = load(tmp_path, """
interface User { id: string }
type MaybeUser = User | null;
type Either = MaybeUser | string;
interface Repo { owner: MaybeUser; other?: Either; }
type Pair = [a: string, b?: number];
type Rest = [string, ...number[]];
type Users = User[];
type ById = Record<string, User>;
type Idx = { [key: string]: User; total: number };
type Mapped = { [K in "a" | "b"]?: User };
""")
    user = {"$ref": "#/$defs/User"}
    assert schema(docs, "Either") == {"anyOf": [{"$ref": "#/$defs/MaybeUser"}, {"type": "string"},
                                                {"type": "null"}]}
    owner, nullable = split_null(docs.schemas.deref(docs.schemas.schemas["Repo"]["properties"][
        "owner"])[0])
    assert nullable and shape(owner) == user
    assert schema(docs, "Pair") == {"type": "array", "prefixItems": [
        {"type": "string"}, {"type": "number"}], "items": False, "minItems": 1}
    assert schema(docs, "Rest") == {"type": "array", "prefixItems": [{"type": "string"}],
                                    "items": {"type": "number"}, "minItems": 1}
    assert schema(docs, "Users") == {"type": "array", "items": user}
    assert schema(docs, "ById") == {"type": "object", "additionalProperties": user}
    assert schema(docs, "Idx")["additionalProperties"] == user
    assert schema(docs, "Idx")["required"] == ["total"]
    assert schema(docs, "Mapped") == {"type": "object", "properties": {"a": user, "b": user}}
    assert not docs.diagnostics


def test_keys_given_by_a_named_type(tmp_path: Path) -> None:
    docs = load(tmp_path, """
enum Status { Draft = "draft", Live = "live" }
type Keys = "id" | "name";
interface User { id: string; name: string; email: string; }
type Counts = Record<Status, number>;
type Small = Pick<User, Keys>;
type Rest = Omit<User, Keys>;
type Flags = { [K in Keys]: boolean };
""")
    assert schema(docs, "Counts")["required"] == ["draft", "live"]
    assert sorted(schema(docs, "Small")["properties"]) == ["id", "name"]
    assert sorted(schema(docs, "Rest")["properties"]) == ["email"]
    assert schema(docs, "Flags")["required"] == ["id", "name"]
