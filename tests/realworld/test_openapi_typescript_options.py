"""openapi-typescript's common options change its layout, not the API: `--enum` writes
`export enum Color` beside the member `Color: Color` (one type, not a self-reference), and
enums for inline ones (a header's, a component's); `--root-types` aliases every component
(`SchemaPet`, `ResponseNotFound`); `--export-type` writes `export type components = {...}`.
None of it is drift or unmatched. data/options.types.d.ts: openapi-typescript 7.13.0
`--enum --root-types` of data/options.spec.yaml, unedited; data/options.export-type.d.ts the
same with `--export-type`."""

from __future__ import annotations

from pathlib import Path

from tests.realworld.conftest import Pair, found

DATA = Path(__file__).parent / "data"
SPEC = (DATA / "options.spec.yaml").read_text(encoding="utf-8")
TYPES = (DATA / "options.types.d.ts").read_text(encoding="utf-8")


def test_enum_and_root_types_output_agrees(pair: Pair) -> None:
    data = pair.diff(TYPES, SPEC, name="types.d.ts")
    assert found(data) == [] and data["unmatched"] == [] and data["diagnostics"] == []
    assert data["incomplete"] == []
    assert {(c["docs"], c["how"]) for c in data["contracts"]} == {
        ("operations.listPets.response", "operation-id"), ("Problem", "name")}


def test_a_drifted_enum_is_found(pair: Pair) -> None:
    docs = TYPES.replace('    green = "green"\n', "")
    data = pair.diff(docs, SPEC, name="types.d.ts")
    assert found(data) == [("response-enum-value-undocumented", "GET /pets",
                            "response[].color")]


def test_export_type_output_agrees(pair: Pair) -> None:
    data = pair.diff((DATA / "options.export-type.d.ts").read_text(encoding="utf-8"), SPEC,
                     name="types.d.ts")
    assert found(data) == [] and data["unmatched"] == [] and data["diagnostics"] == []
    assert {(c["docs"], c["how"]) for c in data["contracts"]} == {
        ("operations.listPets.response", "operation-id"), ("Problem", "name")}
