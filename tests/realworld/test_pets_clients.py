"""Clients generated from a FastAPI app's spec agree with it exactly, and a drifted copy gives
exactly the planted findings, each at its declaration (data/pets/README.md)."""

from __future__ import annotations

from pathlib import Path

from tests.realworld.conftest import Pair, found

PETS = Path(__file__).parent / "data" / "pets"
SPEC = (PETS / "spec.json").read_text(encoding="utf-8")
HEY_API = (PETS / "heyapi.types.gen.ts").read_text(encoding="utf-8")


def _spec() -> dict[str, object]:
    import json

    data: dict[str, object] = json.loads(SPEC)
    return data


def test_hey_api_client_agrees_exactly(pair: Pair) -> None:
    data = pair.diff(HEY_API, _spec())
    assert found(data) == [] and data["unmatched"] == [] and data["uncovered"] == []
    assert data["incomplete"] == [] and data["diagnostics"] == []


def test_openapi_typescript_client_differs_only_by_its_default_convention(pair: Pair) -> None:
    """defaultNonNullable: a defaulted field typed as always present (low/info by design)."""
    data = pair.diff((PETS / "types.d.ts").read_text(encoding="utf-8"), _spec(),
                     name="types.d.ts")
    assert data["unmatched"] == [] and data["incomplete"] == [] and data["diagnostics"] == []
    assert {(f["rule"], f["severity"]) for f in data["findings"]} == {
        ("response-field-optional-but-documented-required", "low"),
        ("request-field-optional-but-documented-required", "info")}
    assert all("default" in (f["backend"] or {}) or "declares a default" in f["message"]
               or f["severity"] == "info" for f in data["findings"])


def _edit(text: str, declaration: str, old: str, new: str) -> tuple[str, int]:
    """`old` -> `new` on its first line after `export type <declaration> = {`; the text and
    that line's number."""
    lines = text.split("\n")
    start = lines.index(f"export type {declaration} = {{")
    index = next(i for i in range(start, len(lines)) if old in lines[i])
    lines[index] = lines[index].replace(old, new, 1)
    return "\n".join(lines), index + 1


def test_a_drifted_hey_api_client_gives_exactly_the_planted_findings(pair: Pair) -> None:
    docs, nickname = _edit(HEY_API, "OwnerOutput", "nickname: string | null;", "nickname: string;")
    docs, either = _edit(docs, "OwnerOutput", "either: number | string;", "either: number;")
    docs, street = _edit(docs, "Address", "street: string;", "street: number;")
    docs, scores = _edit(docs, "OwnerInput", "scores: {", "scores?: {")
    data = pair.diff(docs, _spec(), exit_code=1)
    got = sorted((f["rule"], f["location"], f["docs"]["where"].rpartition(":")[2])
                 for f in data["findings"])
    assert got == sorted([
        ("response-field-nullable-but-documented-non-null", "#OwnerOutput.nickname",
         str(nickname)),
        # one finding for the field, though three operations send an Owner
        ("response-union-member-undocumented", "#OwnerOutput.either", str(either)),
        ("request-type-mismatch", "body.address.street", str(street)),
        ("response-type-mismatch", "#Address.street", str(street)),
        ("request-field-required-but-documented-optional", "body.scores", str(scores))])
    assert data["incomplete"] == [] and data["diagnostics"] == []


MARKDOWN = (PETS / "API.md").read_text(encoding="utf-8")


def test_hand_written_markdown_agrees_exactly(pair: Pair) -> None:
    data = pair.diff(MARKDOWN, _spec(), name="API.md")
    assert found(data) == [] and data["unmatched"] == [] and data["uncovered"] == []
    assert data["incomplete"] == [] and data["diagnostics"] == []
    how = {(c["operation"], c["part"]): (c["docs"], c["how"]) for c in data["contracts"]}
    assert how[("GET /owners", "query")] == ("OwnerListQuery", "heading")
    assert how[("POST /upload", "request")] == ("UploadForm", "heading")


def test_a_drifted_markdown_doc_gives_exactly_the_planted_findings(pair: Pair) -> None:
    planted = [("interface Owner {", "nickname: string | null;", "nickname: string;"),
               ("interface OwnerCreate {", "scores: Record", "scores?: Record"),
               ("interface Dog {", "good: boolean;", "good: string;"),
               ("interface OwnerListQuery {", "limit?: number;", "limit?: string;")]
    lines = MARKDOWN.split("\n")
    at = {}
    for start, old, new in planted:
        first = next(i for i, line in enumerate(lines) if start in line)
        index = next(i for i in range(first, len(lines)) if old in lines[i])
        lines[index] = lines[index].replace(old, new, 1)
        at[old] = str(index + 1)
    data = pair.diff("\n".join(lines), _spec(), name="API.md", exit_code=1)
    got = sorted((f["rule"], f["location"], f["docs"]["where"].rpartition(":")[2])
                 for f in data["findings"])
    assert got == sorted([
        ("response-field-nullable-but-documented-non-null", "#Owner.nickname",
         at["nickname: string | null;"]),
        ("request-field-required-but-documented-optional", "body.scores", at["scores: Record"]),
        ("request-type-mismatch", "body.pets[].good", at["good: boolean;"]),
        ("response-type-mismatch", "#Dog.good", at["good: boolean;"]),
        ("request-type-mismatch", "query.limit", at["limit?: number;"])]), got


def test_hey_api_javascript_enums(pair: Pair) -> None:
    """`enums: 'javascript'`: `const Color = {RED: 'red', ...} as const` and
    `type Color = typeof Color[keyof typeof Color]` are the enum, not `any` with warnings."""
    docs = (PETS / "heyapi-js-enums.types.gen.ts").read_text(encoding="utf-8")
    data = pair.diff(docs, _spec())
    assert found(data) == [] and data["unmatched"] == [] and data["diagnostics"] == []
    drifted = docs.replace("GREEN: 'green'", "GREEN: 'emerald'")
    data = pair.diff(drifted, _spec(), exit_code=1)
    # each field using the alias reports it (the alias itself is not yet the one place)
    assert {f["rule"] for f in data["findings"]} == {"request-enum-value-rejected",
                                                     "response-enum-value-undocumented"}
    assert all("emerald" in f["message"] or "green" in f["message"] for f in data["findings"])
