"""Module scoping: names resolve per file as the TypeScript compiler resolves them."""

from __future__ import annotations

from pathlib import Path

from schemacheck.model import ref, split_null
from schemacheck.sources.typescript import DocSet, clear_cache, load_docs


def write(root: Path, files: dict[str, str]) -> DocSet:
    for name, body in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body)
    clear_cache()
    return load_docs([str(root)])


def props(docs: DocSet, key: str) -> list[str]:
    return sorted(docs.schemas.schemas[key]["properties"])


def warnings(docs: DocSet) -> list[str]:
    return [d.message for d in docs.diagnostics]


def test_same_interface_in_two_files_is_two_types(tmp_path: Path) -> None:
    docs = write(tmp_path, {
        "user.ts": "export interface UserBase { id: string; email: string; admin: boolean; }\n"
                   "export interface UserOut { user: UserBase; }\n",
        "recipe.ts": "export interface UserBase { id: string; }\n"
                     "export interface Recipe { author: UserBase; }\n",
    })
    assert sorted(docs.types) == ["Recipe", "UserBase@recipe.ts", "UserBase@user.ts", "UserOut"]
    assert props(docs, "UserBase@user.ts") == ["admin", "email", "id"]
    assert props(docs, "UserBase@recipe.ts") == ["id"]
    # each file's own declaration wins over the other file's
    assert docs.schemas.schemas["Recipe"]["properties"]["author"]["$ref"] == ref(
        "UserBase@recipe.ts")["$ref"]
    assert docs.schemas.schemas["UserOut"]["properties"]["user"]["$ref"] == ref(
        "UserBase@user.ts")["$ref"]
    # readable: the title is the declared name, x-source the file
    assert docs.schemas.schemas["UserBase@recipe.ts"]["title"] == "UserBase"
    assert docs.schemas.schemas["UserBase@recipe.ts"]["x-source"].endswith("recipe.ts:1")
    assert docs.types["UserBase@recipe.ts"].plain == "UserBase"
    assert not docs.diagnostics


def test_imports_aliases_and_type_imports(tmp_path: Path) -> None:
    docs = write(tmp_path, {
        "models/user.ts": "export interface User { id: string; name: string; }\n",
        "models/other.ts": "export interface User { code: number; }\n",
        "api.ts": 'import { User as Person } from "./models/user";\n'
                  'import type { User } from "./models/other.js";\n'
                  "export interface Page { person: Person; other: User; }\n",
    })
    page = docs.schemas.schemas["Page"]["properties"]
    assert page["person"]["$ref"] == ref("User@user.ts")["$ref"]
    assert page["other"]["$ref"] == ref("User@other.ts")["$ref"]
    assert not docs.diagnostics


def test_reexport_chains_and_index_barrels(tmp_path: Path) -> None:
    docs = write(tmp_path, {
        "a/user.ts": "export interface User { id: string; }\n",
        "a/index.ts": 'export * from "./user";\nexport { User as Account } from "./user";\n',
        "b/user.ts": "export interface User { other: boolean; }\n",
        "b/index.ts": 'import { User } from "./user";\nexport { User };\n',
        "c/ns.ts": 'export * as models from "../a";\n',
        "main.ts": 'import { User, Account } from "./a";\n'
                   'import { User as B } from "./b/index.js";\n'
                   'import * as ns from "./c/ns";\n'
                   "export interface Main { u: User; acc: Account; b: B; deep: ns.models.User; }\n",
    })
    main = docs.schemas.schemas["Main"]["properties"]
    assert main["u"]["$ref"] == main["acc"]["$ref"] == main["deep"]["$ref"] == ref(
        "User@a/user.ts")["$ref"]
    assert main["b"]["$ref"] == ref("User@b/user.ts")["$ref"]
    assert not docs.diagnostics


def test_unique_global_and_ambiguous_names(tmp_path: Path) -> None:
    docs = write(tmp_path, {
        "one.ts": "export interface Shared { a: string; }\nexport interface Only { x: number; }\n",
        "two.ts": "export interface Shared { b: string; }\n",
        "use.ts": "export interface Use { only: Only; shared: Shared; }\n",
    })
    use = docs.schemas.schemas["Use"]["properties"]
    assert use["only"]["$ref"] == ref("Only")["$ref"]  # declared once: found without an import
    assert use["shared"]["$ref"] == ref("Shared@one.ts")["$ref"]
    [message] = warnings(docs)
    assert "`Shared` is declared in several files" in message
    assert "one.ts" in message and "two.ts" in message
    assert docs.diagnostics[0].where.endswith("use.ts:1")


def test_unresolvable_import_is_a_warning_naming_the_module(tmp_path: Path) -> None:
    docs = write(tmp_path, {
        "use.ts": 'import { Gone } from "./missing";\nexport interface Use { g: Gone; }\n',
    })
    assert any("cannot resolve module './missing' imported in" in m for m in warnings(docs))


def test_alias_in_several_files_never_means_itself(tmp_path: Path) -> None:
    docs = write(tmp_path, {
        "base.ts": "export interface Category { id: number; name: string; }\n"
                   "export type CategoryId = number;\n",
        "recipe.ts": 'import { Category as Base } from "./base";\n'
                     "export type Category = Base | null;\n"
                     "export type CategoryId = CategoryId;\n"  # meant: the other file's
                     "export interface Recipe { category: Category; id: CategoryId; }\n",
        "loop.ts": "export type Loop = Loop;\n",
    })
    recipe = docs.schemas.schemas["Recipe"]["properties"]
    assert recipe["category"]["$ref"] == ref("Category@recipe.ts")["$ref"]
    category = docs.schemas.schemas["Category@recipe.ts"]
    assert category["anyOf"][0]["$ref"] == ref("Category@base.ts")["$ref"]
    assert docs.schemas.schemas["CategoryId@recipe.ts"]["$ref"] == ref(
        "CategoryId@base.ts")["$ref"]
    loop = docs.schemas.schemas["Loop"]
    assert "$ref" not in loop and "type" not in loop
    assert any("`Loop` refers to itself" in m for m in warnings(docs))


def test_alias_cycle_through_files_is_a_warning(tmp_path: Path) -> None:
    docs = write(tmp_path, {
        "a.ts": 'import { Id as B } from "./b";\nexport type Id = B;\n',
        "b.ts": 'import { Id as A } from "./a";\nexport type Id = A;\n',
    })
    for key in ("Id@a.ts", "Id@b.ts"):
        assert "$ref" not in docs.schemas.schemas[key]
    assert any("only refers to itself" in m for m in warnings(docs))


def test_recursive_alias_inside_an_object_still_refers_to_itself(tmp_path: Path) -> None:
    docs = write(tmp_path, {"t.ts": "export type Tree = { children: Tree[] } | null;\n"})
    tree, nullable = split_null(docs.schemas.schemas["Tree"])
    assert nullable and tree["properties"]["children"]["items"] == ref("Tree")
    assert not docs.diagnostics


def test_markdown_blocks_share_one_scope_unless_a_block_imports(tmp_path: Path) -> None:
    docs = write(tmp_path, {
        "types/user.ts": "export interface User { id: string; }\n",
        "API.md": "# API\n\n```ts\ninterface User { name: string; }\n```\n\n"
                  "```ts\ninterface Uses { user: User; }\n```\n\n"
                  '```ts\nimport { User as Real } from "./types/user";\n'
                  "interface Imported { user: Real; }\n```\n",
    })
    uses = docs.schemas.schemas["Uses"]["properties"]["user"]
    assert uses["$ref"] == ref("User@API.md")["$ref"]
    imported = docs.schemas.schemas["Imported"]["properties"]["user"]
    assert imported["$ref"] == ref("User@user.ts")["$ref"]
    assert not docs.diagnostics


def test_reexport_cycles_end_and_a_missing_export_is_named(tmp_path: Path) -> None:
    docs = write(tmp_path, {
        "a.ts": 'export * from "./b";\nexport interface A { x: string; }\n',
        "b.ts": 'export * from "./a";\n',
        "use.ts": 'import { A, Nope } from "./b";\nexport interface Use { a: A; n: Nope; }\n',
    })
    use = docs.schemas.schemas["Use"]["properties"]
    assert use["a"]["$ref"] == ref("A")["$ref"]
    assert "$ref" not in use["n"]
    [message] = warnings(docs)  # one warning, not a second "unknown type" for the same name
    assert message.startswith("`Nope` is not exported by ") and "b.ts" in message


def test_ambient_modules_and_path_aliases(tmp_path: Path) -> None:
    docs = write(tmp_path, {
        "vendor.d.ts": 'declare module "@acme/api" {\n  export interface User { id: string; }\n}\n',
        "src/types/user.ts": "export interface User { name: string; }\n",
        "other/user.ts": "export interface Other { x: number; }\n",
        "use.ts": 'import { User as Acme } from "@acme/api";\n'
                  'import { User } from "@/types/user";\n'
                  "export interface Use { acme: Acme; mine: User; }\n",
    })
    use = docs.schemas.schemas["Use"]["properties"]
    assert use["acme"]["$ref"] == ref("User@vendor.d.ts")["$ref"]
    assert use["mine"]["$ref"] == ref("User@user.ts")["$ref"]
    assert not docs.diagnostics


def test_default_exports(tmp_path: Path) -> None:
    docs = write(tmp_path, {
        "a.ts": "export default interface Thing { a: string; }\n",
        "b.ts": "interface Thing { b: string; }\nexport default Thing;\n",
        "use.ts": 'import A from "./a";\nimport B from "./b";\n'
                  "export interface Use { a: A; b: B; }\n",
    })
    use = docs.schemas.schemas["Use"]["properties"]
    assert use["a"]["$ref"] == ref("Thing@a.ts")["$ref"]
    assert use["b"]["$ref"] == ref("Thing@b.ts")["$ref"]
    assert not docs.diagnostics


def test_qualified_keys_read_back_as_declared_names() -> None:
    from schemacheck.model import declared_name, qualified_name

    assert qualified_name("UserBase", "recipe.ts") == "UserBase@recipe.ts"
    assert declared_name("UserBase@models/recipe.ts") == "UserBase"
    assert declared_name("UserBase") == "UserBase"
    assert declared_name("@scope-name") == "@scope-name"  # a component name, not a qualifier


def test_an_alias_repeated_in_one_scope_stays_the_alias(tmp_path: Path) -> None:
    docs = write(tmp_path, {
        "API.md": "```ts\ntype Category = string | null;\n```\n\n"
                  "```ts\ntype Category = string | null;\ninterface R { c: Category; }\n```\n",
        "a.ts": "export type Kind = 'a' | 'b';\n",
        "b.ts": "export type Kind = 'a' | 'b';\n",
    })
    assert docs.schemas.schemas["Category"]["type"] == ["string", "null"]
    for key in ("Kind@a.ts", "Kind@b.ts"):
        assert docs.schemas.schemas[key]["enum"] == ["a", "b"]
    assert not docs.diagnostics
