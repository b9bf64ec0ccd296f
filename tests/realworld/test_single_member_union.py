"""`anyOf: [$ref X]` (directus writes it for every request body) is X: a drift in X is one
finding at `#X.field`, whether a place reaches X directly or through such a union (it was a
second finding, with the same fingerprint). data/anyof-ref.types.d.ts: openapi-typescript
7.13.0 from data/anyof-ref.spec.json, unedited."""

from __future__ import annotations

import json
from pathlib import Path

from tests.realworld.conftest import Pair, found

DATA = Path(__file__).parent / "data"
SPEC = json.loads((DATA / "anyof-ref.spec.json").read_text(encoding="utf-8"))
TYPES = (DATA / "anyof-ref.types.d.ts").read_text(encoding="utf-8")


def test_the_generated_client_agrees(pair: Pair) -> None:
    data = pair.diff(TYPES, SPEC, name="types.d.ts")
    assert found(data) == [] and data["unmatched"] == [] and data["incomplete"] == []


def test_a_drift_behind_a_single_member_union_is_one_finding(pair: Pair) -> None:
    docs = TYPES.replace('status?: "active"', 'status: "active"')
    data = pair.diff(docs, SPEC, name="types.d.ts")
    assert found(data) == [("request-field-optional-but-documented-required", None,
                            "#Flow.status")]
    assert {(p["operation"], p["location"]) for p in data["findings"][0]["affects"]} == {
        (None, "#Flow.status"), ("PATCH /flows", "body.data.status"),
        ("PATCH /flows/{id}", "body.status"), ("POST /flows", "body.status")}
