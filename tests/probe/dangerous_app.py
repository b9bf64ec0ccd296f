"""A backend full of the shapes that hurt real users when a probe is careless: self delete and
self update, a collection delete, a bulk action, a mail-sending action, an admin reset,
trailing-slash collections, a create without a delete, a nested create, a form-encoded login,
a PATCH of a pre-existing user. It keeps a ledger of every request it received and its seeded
data, so tests assert on what really happened server-side."""

from __future__ import annotations

import asyncio
import copy
from typing import Any

from fastapi import FastAPI, Form, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

TOKEN = "ledger-secret-token"
JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ"

DOCS = """
# Dangerous API

### GET /users/
```typescript
export interface User { id: string; email: string; full_name: string | null; }
export interface UserList { data: User[]; count: number; }
```

### PATCH /users/{user_id}
```typescript
export interface UserUpdate { full_name?: string; password?: string; }
```

### PATCH /users/me
```typescript
export interface UserSelfUpdate { full_name?: string; }
```

### POST /items/
```typescript
export interface ItemCreate { title: string; description?: string | null; }
export interface Item { id: string; title: string; description: string | null; }
```

### PUT /items/{item_id}
```typescript
export interface ItemUpdate { title: string; }
```

### POST /items/{item_id}/tags
```typescript
export interface TagCreate { label: string; }
export interface Tag { id: string; label: string; }
```

### POST /items/bulk-delete
```typescript
export interface BulkDelete { ids: string[]; }
```

### POST /notes
```typescript
export interface NoteCreate { text: string; }
export interface Note { id: string; text: string; }
```

### GET /session
```typescript
export interface SessionInfo {
  user: string; access_token: string; profile: { api_token: string; theme: string };
}
```
"""


class UserUpdate(BaseModel):
    full_name: str | None = None
    password: str | None = None


class UserSelfUpdate(BaseModel):
    full_name: str | None = None


class ItemCreate(BaseModel):
    title: str
    description: str | None = None


class ItemUpdate(BaseModel):
    title: str


class TagCreate(BaseModel):
    label: str


class BulkDelete(BaseModel):
    ids: list[str]


class NoteCreate(BaseModel):
    text: str


SEED: dict[str, Any] = {
    "users": {"u-admin": {"id": "u-admin", "email": "admin@example.com", "full_name": "Admin",
                          "password": "admin-pass"},
              "u-bob": {"id": "u-bob", "email": "bob@example.com", "full_name": "Bob",
                        "password": "bob-pass"}},
    "items": {"i-1": {"id": "i-1", "title": "seeded", "description": None}},
    "tags": {},
    "notes": {"n-1": {"id": "n-1", "text": "seeded note"}},
    "labels": {"l-1": {"id": "l-1", "name": "urgent"}},
}


def make_app(*, failing_delete: bool = False, anonymous_create: bool = False,
             slow_update: float = 0.0) -> FastAPI:
    """`failing_delete`: DELETE /items/{id} answers 500; `anonymous_create`: POST /items/
    answers without an id; `slow_update`: PUT /items/{id} sleeps that long first."""
    app = FastAPI(title="Dangerous")
    state = copy.deepcopy(SEED)
    ledger: list[dict[str, Any]] = []
    app.state.ledger = ledger
    app.state.data = state
    counter = {"n": 0}
    app.state.created = created = []  # every id the backend handed out

    def new_id(prefix: str) -> str:
        counter["n"] += 1
        created.append(f"{prefix}-new-{counter['n']}")
        return created[-1]

    @app.middleware("http")
    async def record(request: Request, call_next):  # noqa: ANN001, ANN202
        body = await request.body()
        ledger.append({"method": request.method, "path": request.url.path,
                       "body": body.decode("utf-8", "replace")})
        open_paths = ("/openapi.json", "/login/access-token")
        if request.url.path not in open_paths and request.headers.get(
                "authorization") != f"Bearer {TOKEN}":
            return JSONResponse({"detail": "Not authenticated"}, status_code=401)
        return await call_next(request)

    @app.post("/login/access-token")
    def login(username: str = Form(...), password: str = Form(...)) -> Any:
        user = next((u for u in state["users"].values() if u["email"] == username), None)
        if user is None or user["password"] != password:
            raise HTTPException(400, "Incorrect email or password")
        return {"access_token": TOKEN, "token_type": "bearer"}

    @app.get("/users/")
    def list_users() -> Any:
        users = [{k: v for k, v in u.items() if k != "password"} for u in state["users"].values()]
        return {"data": users, "count": len(users)}

    @app.get("/users/me")
    def read_me() -> Any:
        return {k: v for k, v in state["users"]["u-admin"].items() if k != "password"}

    @app.patch("/users/me")
    def update_me(body: UserSelfUpdate) -> Any:
        state["users"]["u-admin"].update(body.model_dump(exclude_none=True))
        return {"ok": True}

    @app.delete("/users/me", status_code=204)
    def delete_me() -> Response:
        state["users"].pop("u-admin", None)
        return Response(status_code=204)

    @app.get("/users/{user_id}")
    def read_user(user_id: str) -> Any:
        user = state["users"].get(user_id)
        if user is None:
            raise HTTPException(404, "no such user")
        return {k: v for k, v in user.items() if k != "password"}

    @app.patch("/users/{user_id}")
    def update_user(user_id: str, body: UserUpdate) -> Any:
        if user_id not in state["users"]:
            raise HTTPException(404, "no such user")
        state["users"][user_id].update(body.model_dump(exclude_none=True))
        return {"ok": True}

    @app.delete("/users/{user_id}", status_code=204)
    def delete_user(user_id: str) -> Response:
        state["users"].pop(user_id, None)
        return Response(status_code=204)

    @app.get("/items/")
    def list_items() -> Any:
        return {"data": list(state["items"].values()), "count": len(state["items"])}

    @app.post("/items/", status_code=201)
    def create_item(body: ItemCreate) -> Any:
        row = {"id": new_id("i"), "title": body.title, "description": body.description}
        state["items"][row["id"]] = row
        if anonymous_create:
            return {"title": row["title"]}
        return row

    @app.delete("/items/", status_code=204)
    def delete_all_items() -> Response:
        state["items"].clear()
        return Response(status_code=204)

    @app.post("/items/bulk-delete")
    def bulk_delete(body: BulkDelete) -> Any:
        for item_id in body.ids:
            state["items"].pop(item_id, None)
        return {"deleted": len(body.ids)}

    @app.get("/items/{item_id}")
    def read_item(item_id: str) -> Any:
        if item_id not in state["items"]:
            raise HTTPException(404, "no such item")
        return state["items"][item_id]

    @app.put("/items/{item_id}")
    async def update_item(item_id: str, body: ItemUpdate) -> Any:
        if slow_update:
            await asyncio.sleep(slow_update)
        if item_id not in state["items"]:
            raise HTTPException(404, "no such item")
        state["items"][item_id]["title"] = body.title
        return state["items"][item_id]

    @app.delete("/items/{item_id}", status_code=204)
    def delete_item(item_id: str) -> Response:
        if failing_delete:
            return JSONResponse({"detail": "storage offline"}, status_code=500)
        if item_id not in state["items"]:
            raise HTTPException(404, "no such item")
        state["items"].pop(item_id)
        return Response(status_code=204)

    @app.post("/items/{item_id}/tags", status_code=201)
    def create_tag(item_id: str, body: TagCreate) -> Any:
        if item_id not in state["items"]:
            raise HTTPException(404, "no such item")
        row = {"id": new_id("t"), "label": body.label, "item_id": item_id}
        state["tags"][row["id"]] = row
        return row

    @app.delete("/items/{item_id}/tags/{tag_id}", status_code=204)
    def delete_tag(item_id: str, tag_id: str) -> Response:
        state["tags"].pop(tag_id, None)
        return Response(status_code=204)

    @app.post("/notes", status_code=201)
    def create_note(body: NoteCreate) -> Any:
        row = {"id": new_id("n"), "text": body.text}
        state["notes"][row["id"]] = row
        return row

    @app.get("/notes/{note_id}")
    def read_note(note_id: str) -> Any:
        return state["notes"].get(note_id) or JSONResponse({"detail": "no"}, status_code=404)

    @app.get("/labels/")
    def list_labels() -> Any:
        return list(state["labels"].values())

    # its operationId does not say it upserts (one that does is an action: test_redteam2)
    @app.post("/labels/", operation_id="create_label")
    def upsert_label(body: NoteCreate) -> Any:
        return state["labels"]["l-1"]  # an upsert: answers with the existing object

    @app.delete("/labels/{label_id}", status_code=204)
    def delete_label(label_id: str) -> Response:
        state["labels"].pop(label_id, None)
        return Response(status_code=204)

    @app.get("/logout")
    def logout() -> Any:
        state["logged_out"] = True  # a GET with a side effect: revokes the session
        return {"ok": True}

    @app.post("/password-recovery/{email}")
    def recover_password(email: str) -> Any:
        state.setdefault("mails", []).append(email)
        return {"message": "Password recovery email sent"}

    @app.post("/admin/reset")
    def admin_reset() -> Any:
        state["items"].clear()
        state["notes"].clear()
        return {"ok": True}

    @app.get("/session")
    def session() -> Any:
        # A careless backend: a refreshed token and an API token in the profile.
        return {"user": "admin", "access_token": JWT,
                "profile": {"api_token": "pat-0123456789abcdef", "theme": "dark"}}

    return app


def pre_existing(state: dict[str, Any]) -> dict[str, Any]:
    """The seeded part of the data, to compare with SEED after a run."""
    return {kind: {k: v for k, v in rows.items() if k in SEED[kind]}
            for kind, rows in state.items() if kind in SEED}
