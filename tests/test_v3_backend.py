"""The V3 example backend reproduces the hand-written report's defects over real HTTP."""

from __future__ import annotations

import httpx

from tests.conftest import AUTH

MINIMAL_JOB = {
    "context": {"clientId": "client-123"},
    "adBasics": {"product": "Test", "targetAudience": "Audience", "keyMessage": "Message",
                 "callToAction": "CTA"},
    "creative": {"direction": {"style": "Modern"}},
}
EXPECTED_LOCS = [
    ["body", "context", "userId"],
    ["body", "creative", "direction", "tone"],
    ["body", "creative", "direction", "visualElements"],
]


def test_auth_required(v3_broken: str) -> None:
    assert httpx.get(f"{v3_broken}/api/v3/clients").status_code == 401
    assert httpx.get(f"{v3_broken}/api/v3/clients", headers=AUTH).status_code == 200


def test_job_endpoints_reject_documented_minimal_payload(v3_broken: str) -> None:
    for path in ("/api/v3/jobs", "/api/v3/jobs/dry-run"):
        resp = httpx.post(v3_broken + path, json=MINIMAL_JOB, headers=AUTH)
        assert resp.status_code == 422, path
        assert [e["loc"] for e in resp.json()["detail"]] == EXPECTED_LOCS


def test_asset_list_fails_with_pydantic_text(v3_broken: str) -> None:
    resp = httpx.get(f"{v3_broken}/api/v3/assets", headers=AUTH)
    assert resp.status_code == 500
    detail = resp.json()["detail"]
    assert "1 validation error for ImageAsset" in detail
    assert "\nclientId\n" in detail
    assert "Input should be a valid string [type=string_type, input_value=None" in detail


def test_fixed_variant_accepts_the_same_requests(v3_fixed: str) -> None:
    created = httpx.post(f"{v3_fixed}/api/v3/jobs", json=MINIMAL_JOB, headers=AUTH)
    assert created.status_code == 201
    assert created.json()["status"] == "pending"
    estimate = httpx.post(f"{v3_fixed}/api/v3/jobs/dry-run", json=MINIMAL_JOB, headers=AUTH)
    assert estimate.status_code == 200
    assets = httpx.get(f"{v3_fixed}/api/v3/assets", headers=AUTH)
    assert assets.status_code == 200
    assert [a["clientId"] for a in assets.json()["items"]] == ["client-1", None]


def test_resource_endpoint_counts(v3_broken: str) -> None:
    spec = httpx.get(f"{v3_broken}/openapi.json").json()
    per_tag: dict[str, int] = {}
    for item in spec["paths"].values():
        for op in item.values():
            per_tag[op["tags"][0]] = per_tag.get(op["tags"][0], 0) + 1
    assert per_tag == {"clients": 6, "campaigns": 6, "stats": 2, "assets": 4, "jobs": 4}
