"""fix-docs on the catalog's newer rules in shapes their fixtures do not have: a rename inside
a Markdown block (with a JSDoc, an aligned comment and a `?` to drop), union members kept in
a named alias written one per line, a union shared by a request and a response, and a
documented optional field the backend dropped."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from schemacheck.cli import app

runner = CliRunner()

SPEC = """\
openapi: 3.0.3
info: {title: pets, version: '1'}
paths:
  /pets:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/PetCreate'}
      responses:
        '204': {description: done}
  /pets/{id}:
    get:
      parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/PetView'}
components:
  schemas:
    PetCreate:
      type: object
      properties:
        display_name: {type: string}
        pet: {oneOf: [{$ref: '#/components/schemas/Cat'}]}
      required: [display_name, pet]
    PetView:
      type: object
      properties:
        id: {type: string}
        owner:
          oneOf:
          - {$ref: '#/components/schemas/Person'}
          - {$ref: '#/components/schemas/Team'}
      required: [id, owner]
    Cat:
      type: object
      properties: {kind: {type: string, enum: [cat]}, meow: {type: boolean}}
      required: [kind, meow]
    Person:
      type: object
      properties: {login: {type: string}}
      required: [login]
    Team:
      type: object
      properties: {slug: {type: string}, size: {type: integer}}
      required: [slug]
"""

DOCS = """\
# Pets

Prose mentions `displayName?: string` and stays as written.

### POST /pets

```ts
export interface PetCreate {
  /** shown to people */
  displayName?: string;   // free text
  pet: Pet;
}

export type Pet =
  | { kind: 'cat'; meow: boolean }
  | { kind: 'dog'; bark: boolean };
```

### GET /pets/{id}

```ts
export interface PetView {
  id: string;
  nickname?: string;
  owner: Owner;
}

export type Owner =
  | Person;

export interface Person { login: string }
```
"""

FIXED = """\
# Pets

Prose mentions `displayName?: string` and stays as written.

### POST /pets

```ts
export interface PetCreate {
  /** shown to people */
  display_name: string;   // free text
  pet: Pet;
}

export type Pet =
  | { kind: 'cat'; meow: boolean };
```

### GET /pets/{id}

```ts
export interface PetView {
  id: string;
  owner: Owner;
}

export type Owner =
  | Person
  | { slug: string; size?: number };

export interface Person { login: string }
```
"""


def _findings(docs: Path, spec: Path) -> list[str]:
    result = runner.invoke(app, ["diff", "--docs", str(docs), "--openapi", str(spec),
                                 "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return sorted(f["rule"] for f in json.loads(result.stdout)["findings"])


def _setup(tmp_path: Path, docs: str, spec: str) -> tuple[Path, Path]:
    (tmp_path / "PETS.md").write_text(docs)
    (tmp_path / "openapi.yaml").write_text(spec)
    return tmp_path / "PETS.md", tmp_path / "openapi.yaml"


def test_rename_members_and_dropped_optional_in_markdown(tmp_path: Path) -> None:
    docs, spec = _setup(tmp_path, DOCS, SPEC)
    assert _findings(docs, spec) == ["request-field-renamed", "request-union-member-rejected",
                                     "response-optional-field-missing",
                                     "response-union-member-undocumented"]
    args = ["fix-docs", "--docs", str(docs), "--openapi", str(spec)]
    result = runner.invoke(app, [*args, "--write"])
    assert result.exit_code == 0, result.output
    assert docs.read_text() == FIXED
    assert _findings(docs, spec) == []
    again = runner.invoke(app, args)
    assert (again.exit_code, again.stdout) == (0, "")


def test_a_union_shared_with_a_response_that_has_the_member_is_left_alone(
        tmp_path: Path) -> None:
    """Removing `Dog` for the request would make the response's docs lack it: a second run
    would put it back. fix-docs leaves the union and says why."""
    spec_text = SPEC.replace(
        "schema: {$ref: '#/components/schemas/PetView'}",
        "schema: {$ref: '#/components/schemas/PetCreate-Output'}") + """\
    PetCreate-Output:
      type: object
      properties:
        display_name: {type: string}
        pet: {oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]}
      required: [display_name, pet]
    Dog:
      type: object
      properties: {kind: {type: string, enum: [dog]}, bark: {type: boolean}}
      required: [kind, bark]
"""
    docs_text = DOCS.split("### GET")[0].replace("### POST /pets", "### POST /pets\n\n"
                                                 "Also returned by GET /pets/{id}.")
    docs_text = docs_text.replace("export interface PetCreate {",
                                  "/** @response GET /pets/{id} */\nexport interface PetCreate {")
    docs, spec = _setup(tmp_path, docs_text, spec_text)
    assert "request-union-member-rejected" in _findings(docs, spec)
    result = runner.invoke(app, ["fix-docs", "--docs", str(docs), "--openapi", str(spec),
                                 "--write"])
    assert result.exit_code == 0, result.output
    assert "| { kind: 'dog'; bark: boolean };" in docs.read_text()
    assert "not removed" in result.stderr.replace("\n", " ")


UNIONS = Path(__file__).parent / "data_unions"


def test_union_members_in_list_items_plain_types_and_a_body_alias(tmp_path: Path) -> None:
    """`(Cat | Dog)[]` loses `Dog` and its parentheses, `string | number` loses `number` (the
    trailing comment stays), `Person | null` gains the backend's `Team` before `null`, and a
    body documented as `type Body = Cat | Dog` loses `Dog`."""
    docs, spec = tmp_path / "docs.ts", UNIONS / "spec.yaml"
    docs.write_bytes((UNIONS / "docs.ts").read_bytes())
    assert _findings(docs, spec) == ["request-union-member-rejected"] * 3 + [
        "response-union-member-undocumented"]
    args = ["fix-docs", "--docs", str(docs), "--openapi", str(spec)]
    result = runner.invoke(app, [*args, "--write"])
    assert result.exit_code == 0, result.output
    before = (UNIONS / "docs.ts").read_text().splitlines()
    after = docs.read_text().splitlines()
    assert [(a, b) for a, b in zip(before, after, strict=True) if a != b] == [
        ("  pets: (Cat | Dog)[];", "  pets: Cat[];"),
        ("  id: string | number; // either", "  id: string; // either"),
        ("  owner: Person | null;", "  owner: Person | { slug: string } | null;"),
        ("export type Body = Cat | Dog;", "export type Body = Cat;"),
    ]
    assert _findings(docs, spec) == []
    again = runner.invoke(app, args)
    assert (again.exit_code, again.stdout) == (0, "")


def test_renames_keep_a_quoted_key_quoted_and_the_comment_column(tmp_path: Path) -> None:
    """The new name takes the old one's quotes; an aligned `// comment` moves back as far as
    the name grew, keeping one blank."""
    docs = tmp_path / "things.ts"
    docs.write_text("export interface Thing {\n  a: string;\n"
                    "  'isAdmin'?: boolean;          // flag\n"
                    "  nextCursor: string | null;    // page\n}\n")
    spec = UNIONS / "renames.yaml"
    assert _findings(docs, spec) == ["response-field-renamed"] * 2
    args = ["fix-docs", "--docs", str(docs), "--openapi", str(spec)]
    assert runner.invoke(app, [*args, "--write"]).exit_code == 0
    assert docs.read_text() == ("export interface Thing {\n  a: string;\n"
                                "  'is_admin'?: boolean;         // flag\n"
                                "  next_cursor_token: string | null; // page\n}\n")
    assert _findings(docs, spec) == []
    again = runner.invoke(app, args)
    assert (again.exit_code, again.stdout) == (0, "")
