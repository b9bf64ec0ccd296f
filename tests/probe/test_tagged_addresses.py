"""Addresses the probe sends are tagged as its own (`admin+schemacheck@example.com`): a staging
database seeds `admin@example.com`, and a create that upserts by e-mail or a listed password
reset keyed by it reached that account, though example.com itself receives no mail."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, Field

from tests.probe.test_realistic_backends import _probe

DOCS = """# Users

### POST /users
```ts
export interface UserCreate { email: string; name: string; }
export interface User { id: string; email: string; name: string; }
```

Request:

```json
{"email": "admin@example.com", "name": "Probe"}
```

### GET /users/{user_id}
```ts
export interface User { id: string; email: string; name: string; }
```

### DELETE /users/{user_id}

### POST /password-resets/{email}
```ts
export interface Reset { sent: boolean; }
```
"""


class UserCreate(BaseModel):
    email: str
    name: str


class User(BaseModel):
    id: str
    email: str
    name: str


class Reset(BaseModel):
    sent: bool


class Strict(BaseModel):  # an address pattern with no `+`
    email: str = Field(pattern=r"^[a-z0-9._]+@[a-z0-9.-]+$")
    name: str


def make_app() -> FastAPI:
    api = FastAPI(title="Users")
    seeded = {"u-1": {"id": "u-1", "email": "admin@example.com", "name": "Admin"}}
    api.state.users, api.state.resets = seeded, []
    count = iter(range(2, 1000))

    @api.post("/users", status_code=201, response_model=User)
    def create(body: UserCreate) -> Any:  # an upsert keyed by e-mail, as many signups are
        for row in api.state.users.values():
            if row["email"] == body.email:
                row["name"] = body.name
                return row
        row = {"id": f"u-{next(count)}", "email": body.email, "name": body.name}
        api.state.users[row["id"]] = row
        return row

    @api.get("/users/{user_id}", response_model=User)
    def read(user_id: str) -> Any:
        return api.state.users[user_id]

    @api.delete("/users/{user_id}", status_code=204)
    def delete(user_id: str) -> None:
        api.state.users.pop(user_id, None)

    @api.post("/password-resets/{email}", response_model=Reset)
    def reset(email: str) -> Any:
        api.state.resets.append(email)
        return {"sent": True}

    return api


def test_an_upsert_by_email_and_a_reset_reach_no_seeded_account(live_app,  # noqa: ANN001
                                                                 tmp_path: Path) -> None:
    backend = make_app()
    config = 'probe:\n  allow_writes: ["POST /users", "DELETE /users/{user_id}", ' \
             '"POST /password-resets/{email}"]\n'
    data = _probe(live_app(backend), tmp_path, DOCS, config)
    assert backend.state.users["u-1"] == {"id": "u-1", "email": "admin@example.com",
                                          "name": "Admin"}  # there before: untouched
    made = {k: v for k, v in backend.state.users.items() if k != "u-1"}
    # the docs' example went out, its address tagged as the probe's
    assert "admin+schemacheck@example.com" in {row["email"] for row in made.values()}
    assert "admin@example.com" not in backend.state.resets
    # the probe's own users: an upsert answers an id again, as a get-or-create would, so
    # they are not deleted but each reported, with why
    left = [f["message"] for f in data["findings"] if f["rule"] == "probe-left-behind"]
    assert {m.split("answered id ")[1].split()[0] for m in left} == set(made)
    assert all("answered the same id" in m for m in left)


def test_a_refusal_of_the_tag_is_not_the_docs_example_s_fault(live_app,  # noqa: ANN001
                                                             tmp_path: Path) -> None:
    """A backend whose address pattern has no `+` refuses the tagged address of the docs'
    example: the probe changed that field, so the docs' example is not reported refused."""
    api = FastAPI(title="Strict")
    made: list[str] = []

    @api.post("/users", status_code=201, response_model=User)
    def create(body: Strict) -> Any:
        made.append(body.email)
        return {"id": f"u-{len(made)}", "email": body.email, "name": body.name}

    @api.delete("/users/{user_id}", status_code=204)
    def delete(user_id: str) -> None:
        return None

    docs = DOCS.split("### GET")[0] + "### DELETE /users/{user_id}\n"
    data = _probe(live_app(api), tmp_path, docs, "probe:\n  allow_writes: true\n")
    assert not [f for f in data["findings"] if f["rule"] == "docs-example-rejected"]
    # the create still goes out, its address untagged where the pattern refuses the tag
    status = {o["operation"]: o["probe"]["status"] for o in data["operations"]}
    assert status["POST /users"] == "passed" and made and "+" not in made[0]
    assert all(m.endswith("@example.com") for m in made)
