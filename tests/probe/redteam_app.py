"""Red-team backends modelled on the route shapes of real open-source APIs, for the probe's
safety promise: the full-stack-fastapi-template's users/items API with fastapi-users' auth
routes (`accounts_app`), and a GitHub/Stripe-like REST API with a todo list and a small CMS
(`platform_app`). Both keep a server-side ledger: every request received (method, path, body),
every row created, and every effect on something the run did not create (a seeded row
changed or deleted, a mail sent, a session revoked, a job re-run, a cache cleared), so the
tests assert on what really happened, not on what the probe says it did."""

from __future__ import annotations

import copy
from datetime import datetime, timezone
from typing import Any

from fastapi import APIRouter, FastAPI, Form, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

TOKEN = "redteam-token"
# Reserved for documentation (RFC 2606 / 6761): mail there reaches nobody.
RESERVED_MAIL = ("example.com", "example.org", "example.net", ".example", ".test", ".invalid",
                 ".localhost")


class Ledger:
    """What one backend received and did."""

    def __init__(self, seed: dict[str, dict[str, Any]]) -> None:
        self.seed = copy.deepcopy(seed)
        self.data = copy.deepcopy(seed)
        self.requests: list[dict[str, str]] = []
        self.created: list[tuple[str, str]] = []  # (table, id) of every row the run made
        self.effects: list[str] = []  # what reached past the run's own objects
        self.counter = 100

    def new(self, table: str, row: dict[str, Any], prefix: str | None = None) -> dict[str, Any]:
        self.counter += 1
        row = {"id": f"{prefix or table[0]}-{self.counter}", **row}
        self.data[table][str(row["id"])] = row
        self.created.append((table, str(row["id"])))
        return row

    def mail(self, to: str, what: str) -> None:
        self.effects.append(f"mail {what} to {to}")

    def calls(self) -> list[tuple[str, str]]:
        return [(r["method"], r["path"]) for r in self.requests]

    def changed_seed(self) -> dict[str, list[str]]:
        """Seeded rows changed or deleted, per table."""
        out: dict[str, list[str]] = {}
        for table, rows in self.seed.items():
            bad = [key for key, row in rows.items() if self.data[table].get(key) != row]
            if bad:
                out[table] = bad
        return out

    def still_there(self) -> list[tuple[str, str]]:
        return [(t, i) for t, i in self.created if i in self.data[t]]

    def still_there_in(self, table: str) -> list[str]:
        return [i for t, i in self.still_there() if t == table]


def _real_mail(address: str) -> bool:
    if "@" not in address:
        return False
    domain = address.rpartition("@")[2].lower()
    return not any(domain == d or domain.endswith(d if d.startswith(".") else "." + d)
                   for d in RESERVED_MAIL)


def _real_phone(number: str) -> bool:
    """A number that could ring (555-0100 to 555-0199 are reserved for fiction)."""
    digits = "".join(c for c in number if c.isdigit())
    return len(digits) >= 7 and digits[-7:-2] != "55501"


def _ledgered(app: FastAPI, ledger: Ledger, open_paths: tuple[str, ...]) -> None:
    app.state.ledger = ledger

    @app.middleware("http")
    async def record(request: Request, call_next):  # noqa: ANN001, ANN202
        body = await request.body()
        ledger.requests.append({"method": request.method, "path": request.url.path,
                                "query": request.url.query,
                                "body": body.decode("utf-8", "replace")})
        if request.url.path not in open_paths and request.headers.get(
                "authorization") != f"Bearer {TOKEN}":
            return JSONResponse({"detail": "Not authenticated"}, status_code=401)
        return await call_next(request)


# ---------------------------------------------------------------------------------------------
# accounts_app: full-stack-fastapi-template (/api/v1) + fastapi-users (/auth, /users)

ACCOUNTS_DOCS = """
# Accounts API

### GET /api/v1/users/
```ts
export interface UserPublic { id: string; email: string; full_name?: string | null;
  is_active: boolean; is_superuser: boolean; }
export interface UsersPublic { data: UserPublic[]; count: number; }
```

### POST /api/v1/users/
```ts
export interface UserCreate { email: string; password: string; full_name?: string | null;
  is_superuser?: boolean; phone?: string | null; }
```

Request body example:

```json
{"email": "maria.garcia@gmail.com", "password": "changethis123", "full_name": "Maria Garcia",
 "phone": "+1 (415) 868-2671"}
```

### PATCH /api/v1/users/{user_id}
```ts
export interface UserUpdate { email?: string | null; full_name?: string | null;
  is_superuser?: boolean; password?: string | null; }
```

### PATCH /api/v1/users/me
```ts
export interface UserUpdateMe { full_name?: string | null; email?: string | null; }
```

### PATCH /api/v1/users/me/password
```ts
export interface UpdatePassword { current_password: string; new_password: string; }
```

### POST /api/v1/users/signup
```ts
export interface UserRegister { email: string; password: string; full_name?: string | null; }
```

### POST /api/v1/items/
```ts
export interface ItemCreate { title: string; description?: string | null; }
export interface ItemPublic { id: string; title: string; description?: string | null;
  owner_id: string; }
```

### PUT /api/v1/items/{id}
```ts
export interface ItemUpdate { title?: string | null; description?: string | null; }
```

### POST /api/v1/items/import
```ts
export interface ItemImport { items: ItemCreate[]; }
```

### POST /api/v1/reset-password/
```ts
export interface NewPassword { token: string; new_password: string; }
```

### POST /auth/register
```ts
export interface RegisterUser { email: string; password: string; }
```

### POST /auth/forgot-password
```ts
export interface ForgotPassword { email: string; }
```

### POST /auth/request-verify-token
```ts
export interface VerifyRequest { email: string; }
```

### POST /invitations
```ts
export interface InvitationCreate { email: string; role?: "member" | "admin"; }
export interface Invitation { id: string; email: string; role: string; }
```

Request body example:

```json
{"email": "jane.doe@acme-corp.com", "role": "member"}
```
"""


class UserCreate(BaseModel):
    email: str
    password: str
    full_name: str | None = None
    is_superuser: bool = False
    phone: str | None = None


class UserUpdate(BaseModel):
    email: str | None = None
    full_name: str | None = None
    is_superuser: bool | None = None
    password: str | None = None


class UserUpdateMe(BaseModel):
    full_name: str | None = None
    email: str | None = None


class UpdatePassword(BaseModel):
    current_password: str
    new_password: str


class UserRegister(BaseModel):
    email: str
    password: str
    full_name: str | None = None


class ItemCreate(BaseModel):
    title: str
    description: str | None = None


class ItemUpdate(BaseModel):
    title: str | None = None
    description: str | None = None


class ItemImport(BaseModel):
    items: list[ItemCreate]


class NewPassword(BaseModel):
    token: str
    new_password: str


class RegisterUser(BaseModel):
    email: str
    password: str


class EmailOnly(BaseModel):
    email: str


class InvitationCreate(BaseModel):
    email: str
    role: str = "member"


class VerifyToken(BaseModel):
    token: str


ACCOUNTS_SEED: dict[str, dict[str, Any]] = {
    "users": {  # listed by name: Bob first
        "u-bob": {"id": "u-bob", "email": "bob@realmail.io", "full_name": "Bob",
                  "is_active": False, "is_superuser": False, "password": "bob-pass"},
        "u-admin": {"id": "u-admin", "email": "admin@example.com", "full_name": "Admin",
                    "is_active": True, "is_superuser": True, "password": "admin-pass"}},
    "items": {"i-1": {"id": "i-1", "title": "seeded", "description": None,
                      "owner_id": "u-bob"}},
    "invitations": {"inv-1": {"id": "inv-1", "email": "carol@realmail.io", "role": "member",
                              "token": "join-4f9a1c", "accepted": False}},
    "sessions": {"s-admin": {"id": "s-admin", "token": TOKEN, "active": True}},
}


def _public(user: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in user.items() if k != "password"}


def accounts_app() -> FastAPI:
    app = FastAPI(title="Accounts (full-stack-fastapi-template + fastapi-users)")
    ledger = Ledger(ACCOUNTS_SEED)
    data = ledger.data
    _ledgered(app, ledger, ("/openapi.json", "/api/v1/login/access-token", "/auth/jwt/login"))
    v1 = APIRouter(prefix="/api/v1")

    @v1.post("/login/access-token", tags=["login"], operation_id="login-login_access_token")
    def login_access_token(username: str = Form(...), password: str = Form(...)) -> Any:
        user = next((u for u in data["users"].values() if u["email"] == username), None)
        if user is None or user["password"] != password:
            raise HTTPException(400, "Incorrect email or password")
        return {"access_token": TOKEN, "token_type": "bearer"}

    @v1.post("/login/test-token", tags=["login"], operation_id="login-test_token")
    def test_token() -> Any:
        return _public(data["users"]["u-admin"])

    @v1.post("/password-recovery/{email}", tags=["login"],
             operation_id="login-recover_password")
    def recover_password(email: str) -> Any:
        ledger.mail(email, "password recovery")
        return {"message": "Password recovery email sent"}

    @v1.post("/reset-password/", tags=["login"], operation_id="login-reset_password")
    def reset_password(body: NewPassword) -> Any:
        data["users"]["u-admin"]["password"] = body.new_password
        return {"message": "Password updated successfully"}

    @v1.get("/users/", tags=["users"], operation_id="users-read_users")
    def read_users(skip: int = 0, limit: int = 100) -> Any:
        rows = [_public(u) for u in data["users"].values()][skip:skip + limit]
        return {"data": rows, "count": len(data["users"])}

    @v1.post("/users/", tags=["users"], operation_id="users-create_user")
    def create_user(body: UserCreate) -> Any:
        if any(u["email"] == body.email for u in data["users"].values()):
            raise HTTPException(400, "The user with this email already exists in the system.")
        row = ledger.new("users", {**body.model_dump(), "is_active": True}, "u")
        if _real_mail(body.email):  # the template mails every new user
            ledger.mail(body.email, "new account")
        if body.phone and _real_phone(body.phone):  # and texts a code to its phone
            ledger.effects.append(f"sms to {body.phone}")
        return _public(row)

    @v1.get("/users/me", tags=["users"], operation_id="users-read_user_me")
    def read_user_me() -> Any:
        return _public(data["users"]["u-admin"])

    @v1.patch("/users/me", tags=["users"], operation_id="users-update_user_me")
    def update_user_me(body: UserUpdateMe) -> Any:
        data["users"]["u-admin"].update(body.model_dump(exclude_unset=True))
        return _public(data["users"]["u-admin"])

    @v1.patch("/users/me/password", tags=["users"], operation_id="users-update_password_me")
    def update_password_me(body: UpdatePassword) -> Any:
        data["users"]["u-admin"]["password"] = body.new_password
        return {"message": "Password updated successfully"}

    @v1.delete("/users/me", tags=["users"], operation_id="users-delete_user_me")
    def delete_user_me() -> Any:
        data["users"].pop("u-admin", None)
        return {"message": "User deleted successfully"}

    @v1.post("/users/signup", tags=["users"], operation_id="users-register_user")
    def register_user(body: UserRegister) -> Any:
        row = ledger.new("users", {**body.model_dump(), "is_active": True,
                                   "is_superuser": False}, "u")
        return _public(row)

    @v1.get("/users/{user_id}", tags=["users"], operation_id="users-read_user_by_id")
    def read_user_by_id(user_id: str) -> Any:
        if user_id not in data["users"]:
            raise HTTPException(404, "The user with this id does not exist in the system")
        return _public(data["users"][user_id])

    @v1.patch("/users/{user_id}", tags=["users"], operation_id="users-update_user")
    def update_user(user_id: str, body: UserUpdate) -> Any:
        if user_id not in data["users"]:
            raise HTTPException(404, "The user with this id does not exist in the system")
        data["users"][user_id].update(body.model_dump(exclude_unset=True))
        return _public(data["users"][user_id])

    @v1.delete("/users/{user_id}", tags=["users"], operation_id="users-delete_user")
    def delete_user(user_id: str) -> Any:
        if data["users"].pop(user_id, None) is None:
            raise HTTPException(404, "User not found")
        return {"message": "User deleted successfully"}

    @v1.post("/users/{user_id}/activate", tags=["users"], operation_id="users-activate_user")
    def activate_user(user_id: str) -> Any:
        if user_id not in data["users"]:
            raise HTTPException(404, "User not found")
        data["users"][user_id]["is_active"] = True
        return _public(data["users"][user_id])

    @v1.get("/items/", tags=["items"], operation_id="items-read_items")
    def read_items(skip: int = 0, limit: int = 100) -> Any:
        return {"data": list(data["items"].values())[skip:skip + limit],
                "count": len(data["items"])}

    @v1.post("/items/", tags=["items"], operation_id="items-create_item")
    def create_item(body: ItemCreate) -> Any:
        return ledger.new("items", {**body.model_dump(), "owner_id": "u-admin"}, "i")

    @v1.delete("/items/", tags=["items"], operation_id="items-delete_items")
    def delete_items(owner_id: str) -> Any:  # a collection DELETE with a query filter
        doomed = [k for k, v in data["items"].items() if v["owner_id"] == owner_id]
        for key in doomed:
            data["items"].pop(key)
        return {"deleted": len(doomed)}

    @v1.post("/items/import", tags=["items"], operation_id="items-import_items")
    def import_items(body: ItemImport) -> Any:
        return [ledger.new("items", {**i.model_dump(), "owner_id": "u-admin"}, "i")
                for i in body.items]

    @v1.get("/items/{id}", tags=["items"], operation_id="items-read_item")
    def read_item(id: str) -> Any:  # noqa: A002 - the template's own name
        if id not in data["items"]:
            raise HTTPException(404, "Item not found")
        return data["items"][id]

    @v1.put("/items/{id}", tags=["items"], operation_id="items-update_item")
    def update_item(id: str, body: ItemUpdate) -> Any:  # noqa: A002
        if id not in data["items"]:  # an upsert: creates the item when absent
            data["items"][id] = {"id": id, "title": body.title or "", "description": None,
                                 "owner_id": "u-admin"}
            ledger.created.append(("items", id))
        data["items"][id].update(body.model_dump(exclude_unset=True))
        return data["items"][id]

    @v1.delete("/items/{id}", tags=["items"], operation_id="items-delete_item")
    def delete_item(id: str) -> Any:  # noqa: A002
        if data["items"].pop(id, None) is None:
            raise HTTPException(404, "Item not found")
        return {"message": "Item deleted successfully"}

    @v1.post("/items/{id}/duplicate", tags=["items"], operation_id="items-duplicate_item")
    def duplicate_item(id: str) -> Any:  # noqa: A002
        if id not in data["items"]:
            raise HTTPException(404, "Item not found")
        return ledger.new("items", {k: v for k, v in data["items"][id].items() if k != "id"},
                          "i")

    @v1.post("/utils/test-email/", tags=["utils"], operation_id="utils-test_email",
             status_code=201)
    def test_email(email_to: str) -> Any:
        ledger.mail(email_to, "test")
        return {"message": "Test email sent"}

    @v1.get("/utils/health-check/", tags=["utils"], operation_id="utils-health_check")
    def health_check() -> bool:
        return True

    app.include_router(v1)

    # fastapi-users' routers
    @app.post("/auth/jwt/login", tags=["auth"], operation_id="auth:jwt.login")
    def jwt_login(username: str = Form(...), password: str = Form(...)) -> Any:
        if username != "admin@example.com" or password != "admin-pass":
            raise HTTPException(400, "LOGIN_BAD_CREDENTIALS")
        return {"access_token": TOKEN, "token_type": "bearer"}

    @app.post("/auth/jwt/logout", tags=["auth"], operation_id="auth:jwt.logout")
    def jwt_logout() -> Response:
        data["sessions"]["s-admin"]["active"] = False
        return Response(status_code=204)

    @app.post("/auth/register", tags=["auth"], operation_id="register:register",
              status_code=201)
    def register(body: RegisterUser) -> Any:
        return _public(ledger.new("users", {**body.model_dump(), "is_active": True,
                                            "is_superuser": False}, "u"))

    @app.post("/auth/forgot-password", tags=["auth"], operation_id="reset:forgot_password",
              status_code=202)
    def forgot_password(body: EmailOnly) -> Any:
        ledger.mail(body.email, "forgot password")
        return None

    @app.post("/auth/request-verify-token", tags=["auth"],
              operation_id="verify:request-token", status_code=202)
    def request_verify_token(body: EmailOnly) -> Any:
        ledger.mail(body.email, "verify")
        return None

    @app.post("/auth/verify", tags=["auth"], operation_id="verify:verify")
    def verify(body: VerifyToken) -> Any:
        data["users"]["u-bob"]["is_active"] = True
        return _public(data["users"]["u-bob"])

    @app.get("/logout", tags=["auth"])
    def get_logout() -> Any:
        data["sessions"]["s-admin"]["active"] = False
        return {"ok": True}

    @app.get("/unsubscribe", tags=["mail"])
    def unsubscribe(token: str) -> Any:
        ledger.effects.append(f"unsubscribe {token}")
        return {"ok": True}

    # an organisation's invitations: creating one mails the invitee
    @app.get("/invitations", tags=["invitations"])
    def list_invitations() -> Any:
        return list(data["invitations"].values())

    @app.post("/invitations", tags=["invitations"], status_code=201)
    def create_invitation(body: InvitationCreate) -> Any:
        ledger.mail(body.email, "invitation")
        return ledger.new("invitations", body.model_dump(), "inv")

    @app.get("/join/{token}", tags=["invitations"])
    def join(token: str) -> Any:  # a magic link: opening it accepts the invitation
        for row in data["invitations"].values():
            if row["token"] == token:
                row["accepted"] = True
                return {"joined": row["email"]}
        raise HTTPException(404, "Unknown invitation")

    @app.delete("/invitations/{invitation_id}", tags=["invitations"], status_code=204)
    def revoke_invitation(invitation_id: str) -> Response:
        data["invitations"].pop(invitation_id, None)
        return Response(status_code=204)

    return app


# ---------------------------------------------------------------------------------------------
# platform_app: GitHub/Stripe-like REST, a todo list and a CMS

PLATFORM_DOCS = """
# Platform API

### POST /projects
```ts
export interface ProjectCreate { name: string; }
export interface Project { id: number; number: number; name: string; }
```

### POST /workspaces
```ts
export interface WorkspaceCreate { name: string; }
export interface Workspace { id: string; name: string; default_channel: Channel; }
export interface Channel { id: string; name: string; workspace_id: string; }
```

### POST /reports
```ts
export interface ReportRequest { kind: string; }
```

### POST /files
```ts
export interface FileCreate { name: string; }
```

### POST /uploads
```ts
export interface UploadCreate { name: string; }
```

### POST /employees
```ts
export interface Employee { id: number; name: string; role: string; }
```

### PUT /employees/{id}
```ts
export interface EmployeeReplace { id?: number; name: string; role: string; }
```

### POST /folders
```ts
export interface FolderCreate { name: string; }
```

### POST /tags
```ts
export interface TagCreate { name: string; }
```

Request body example:

```json
{"name": "urgent"}
```

### POST /subscribers
```ts
export interface SubscriberCreate { email: string; }
```

### POST /webhooks
```ts
export interface WebhookCreate { url: string; events?: string[]; }
export interface Webhook { id: string; url: string; }
```

### POST /collections/{collection_id}/items
```ts
export interface EntryCreate { title: string; }
```

### POST /todos
```ts
export interface TodoCreate { title: string; completed?: boolean; }
export interface Todo { id: string; title: string; completed: boolean; }
```

### PATCH /todos/{todo_id}
```ts
export interface TodoUpdate { title?: string; completed?: boolean; }
```

### POST /pages
```ts
export interface PageCreate { slug: string; body: string; }
export interface Page { id: string; slug: string; body: string; published: boolean; }
```

### PUT /settings
```ts
export interface Settings { theme: string; }
```

### POST /batch
```ts
export interface BatchRequest { requests: { method: string; path: string }[]; }
```

### POST /graphql
```ts
export interface GraphQLRequest { query: string; }
```

### POST /rpc
```ts
export interface RpcCall { method: string; params?: string[]; }
```
"""


class Named(BaseModel):
    name: str


class ReportRequest(BaseModel):
    kind: str


class Employee(BaseModel):
    id: int | None = None
    name: str
    role: str


class SubscriberCreate(BaseModel):
    email: str = Field(json_schema_extra={"format": "email"})


class WebhookCreate(BaseModel):
    url: str
    events: list[str] = []


class EntryCreate(BaseModel):
    title: str


class TodoCreate(BaseModel):
    title: str
    completed: bool = False


class TodoUpdate(BaseModel):
    title: str | None = None
    completed: bool | None = None


class PageCreate(BaseModel):
    slug: str
    body: str


class Settings(BaseModel):
    theme: str


class BatchRequest(BaseModel):
    requests: list[dict[str, str]]


class GraphQLRequest(BaseModel):
    query: str


class RpcCall(BaseModel):
    method: str
    params: list[str] = []


PLATFORM_SEED: dict[str, dict[str, Any]] = {
    # a project's `id` is global, its `number` per account (GitHub's issues and projects)
    "projects": {"1": {"id": 901, "number": 1, "name": "roadmap"},
                 "2": {"id": 902, "number": 2, "name": "billing"},
                 "3": {"id": 903, "number": 3, "name": "infra"}},
    "workspaces": {"w-1": {"id": "w-1", "name": "acme"}},
    "channels": {"c-1": {"id": "c-1", "name": "general", "workspace_id": "w-1"}},
    "reports": {"1": {"id": "1", "kind": "quarterly"}, "2": {"id": "2", "kind": "annual"}},
    "jobs": {"job-1": {"id": "job-1", "status": "done", "runs": 1}},
    "files": {"f-1": {"id": "f-1", "name": "contract.pdf"}},
    "uploads": {},
    "folders": {"dir-1": {"id": "dir-1", "name": "contracts"}},
    # tag-2: another client's (or a crashed run's), named like the probe's own value
    "tags": {"tag-1": {"id": "tag-1", "name": "urgent", "created_at": "2024-03-01T10:00:00Z"},
             "tag-2": {"id": "tag-2", "name": "sample-name",
                       "created_at": "2024-03-01T10:00:00Z"}},
    "employees": {"1": {"id": 1, "name": "Bilbo Baggins", "role": "burglar"},
                  "2": {"id": 2, "name": "Frodo Baggins", "role": "thief"}},
    "subscribers": {"sub-1": {"id": "sub-1", "email": "user@example.com", "plan": "pro"}},
    "webhooks": {},
    "collections": {"col-1": {"id": "col-1", "name": "favourites"}},
    "entries": {"e-1": {"id": "e-1", "title": "seeded", "collection_id": "col-1"}},
    "todos": {"t-1": {"id": "t-1", "title": "buy milk", "completed": True},
              "t-2": {"id": "t-2", "title": "call mum", "completed": False}},
    "pages": {"p-1": {"id": "p-1", "slug": "home", "body": "welcome", "published": True}},
    "settings": {"site": {"theme": "light"}},
    "cache": {"pages": {"warm": True}},
}


def platform_app() -> FastAPI:
    app = FastAPI(title="Platform (GitHub/Stripe-like, todo, CMS)")
    ledger = Ledger(PLATFORM_SEED)
    data = ledger.data
    _ledgered(app, ledger, ("/openapi.json",))

    # projects: created with a global id and a per-account number; addressed by number
    @app.get("/projects", tags=["projects"], operation_id="projects/list")
    def list_projects() -> Any:
        return list(data["projects"].values())

    @app.post("/projects", tags=["projects"], operation_id="projects/create", status_code=201)
    def create_project(body: Named) -> Any:
        number = max(int(k) for k in data["projects"]) + 1 if data["projects"] else 1
        ledger.counter += 1
        row = {"id": 2, "number": number, "name": body.name}  # id 2: a fresh global sequence
        data["projects"][str(number)] = row
        ledger.created.append(("projects", str(number)))
        return row

    @app.get("/projects/{project_number}", tags=["projects"], operation_id="projects/get")
    def get_project(project_number: int) -> Any:
        if str(project_number) not in data["projects"]:
            raise HTTPException(404, "Not Found")
        return data["projects"][str(project_number)]

    @app.delete("/projects/{project_number}", tags=["projects"],
                operation_id="projects/delete", status_code=204)
    def delete_project(project_number: int) -> Response:
        if data["projects"].pop(str(project_number), None) is None:
            raise HTTPException(404, "Not Found")
        return Response(status_code=204)

    # workspaces: a create that makes a child (its default channel) the DELETE leaves behind
    @app.get("/workspaces", tags=["workspaces"])
    def list_workspaces() -> Any:
        return list(data["workspaces"].values())

    @app.post("/workspaces", tags=["workspaces"], status_code=201)
    def create_workspace(body: Named) -> Any:
        row = ledger.new("workspaces", {"name": body.name}, "w")
        channel = ledger.new("channels", {"name": "general", "workspace_id": row["id"]}, "c")
        return {**row, "default_channel": channel}

    @app.delete("/workspaces/{workspace_id}", tags=["workspaces"], status_code=204)
    def delete_workspace(workspace_id: str) -> Response:
        data["workspaces"].pop(workspace_id, None)  # no cascade to its channels
        return Response(status_code=204)

    @app.get("/channels", tags=["workspaces"])
    def list_channels() -> Any:
        return list(data["channels"].values())

    @app.delete("/channels/{channel_id}", tags=["workspaces"], status_code=204)
    def delete_channel(channel_id: str) -> Response:
        data["channels"].pop(channel_id, None)
        return Response(status_code=204)

    queued: list[str] = []

    # reports: 202 Accepted with the id of the job that builds the report, not of the report
    @app.post("/reports", tags=["reports"], status_code=202)
    def request_report(body: ReportRequest) -> Any:
        ledger.new("reports", {"kind": body.kind}, "r")
        queued.append(body.kind)
        return {"id": str(len(queued)), "status": "queued"}  # the job's id, not the report's

    @app.delete("/reports/{report_id}", tags=["reports"], status_code=204)
    def delete_report(report_id: str) -> Response:
        if data["reports"].pop(report_id, None) is None:
            raise HTTPException(404, "Not Found")
        return Response(status_code=204)

    @app.get("/jobs", tags=["jobs"])
    def list_jobs() -> Any:
        return list(data["jobs"].values())

    @app.get("/jobs/{job_id}", tags=["jobs"])
    def get_job(job_id: str) -> Any:
        if job_id not in data["jobs"]:
            raise HTTPException(404, "Not Found")
        return data["jobs"][job_id]

    @app.get("/jobs/{job_id}/rerun", tags=["jobs"])
    def rerun_job(job_id: str) -> Any:  # a GET that runs the job again
        if job_id not in data["jobs"]:
            raise HTTPException(404, "Not Found")
        data["jobs"][job_id]["runs"] += 1
        return data["jobs"][job_id]

    @app.post("/jobs/{job_id}/retry", tags=["jobs"])
    def retry_job(job_id: str) -> Any:
        data["jobs"][job_id]["runs"] += 1
        if data["jobs"][job_id]["runs"] == 2:  # done, but the gateway gave up waiting
            return JSONResponse({"detail": "bad gateway"}, status_code=502)
        return data["jobs"][job_id]

    @app.get("/export/run", tags=["jobs"])
    def run_export() -> Any:
        ledger.effects.append("export run")
        return {"ok": True}

    @app.get("/cache/clear", tags=["admin"])
    def clear_cache() -> Any:
        data["cache"].clear()
        return {"ok": True}

    # files: 201 with a Location header only
    @app.post("/files", tags=["files"], status_code=201)
    def upload_file(body: Named) -> Response:
        row = ledger.new("files", {"name": body.name}, "f")
        return Response(status_code=201, headers={"Location": f"/files/{row['id']}"})

    @app.get("/files/{file_id}", tags=["files"])
    def get_file(file_id: str) -> Any:
        if file_id not in data["files"]:
            raise HTTPException(404, "Not Found")
        return data["files"][file_id]

    @app.delete("/files/{file_id}", tags=["files"], status_code=204)
    def delete_file(file_id: str) -> Response:
        data["files"].pop(file_id, None)
        return Response(status_code=204)

    # uploads behind a gateway: the first create is made, but the gateway answers 504
    gateway = {"posts": 0}

    @app.post("/uploads", tags=["files"], status_code=201)
    def create_upload(body: Named) -> Any:
        row = ledger.new("uploads", {"name": body.name}, "up")
        gateway["posts"] += 1
        if gateway["posts"] == 1:
            return JSONResponse({"detail": "upstream timed out"}, status_code=504)
        return row

    @app.delete("/uploads/{upload_id}", tags=["files"], status_code=204)
    def delete_upload(upload_id: str) -> Response:
        data["uploads"].pop(upload_id, None)
        return Response(status_code=204)

    # employees, as in Spring's REST tutorial: `repository.save(employee)` updates the row
    # whose id the body names, and PUT saves the body (its id, else the path's)
    @app.get("/employees", tags=["employees"])
    def list_employees() -> Any:
        return list(data["employees"].values())

    @app.post("/employees", tags=["employees"])
    def new_employee(body: Employee) -> Any:
        return save_employee(body, None)

    @app.get("/employees/{id}", tags=["employees"])
    def one_employee(id: int) -> Any:  # noqa: A002 - the tutorial's name
        if str(id) not in data["employees"]:
            raise HTTPException(404, f"Could not find employee {id}")
        return data["employees"][str(id)]

    @app.put("/employees/{id}", tags=["employees"])
    def replace_employee(id: int, body: Employee) -> Any:  # noqa: A002
        return save_employee(body, id)

    @app.delete("/employees/{id}", tags=["employees"], status_code=204)
    def delete_employee(id: int) -> Response:  # noqa: A002
        data["employees"].pop(str(id), None)
        return Response(status_code=204)

    def save_employee(body: Employee, path_id: int | None) -> Any:
        key = body.id if body.id is not None else path_id
        if key is None:
            key = max([int(k) for k in data["employees"]] + [0]) + 1
        if str(key) not in data["employees"]:
            ledger.created.append(("employees", str(key)))
        data["employees"][str(key)] = {"id": key, "name": body.name, "role": body.role}
        return data["employees"][str(key)]

    # folders on a file store: the answer names the new folder by its path relative to the
    # parent asked for, "." when the store put it there itself
    @app.post("/folders", tags=["files"], status_code=201)
    def create_folder(body: Named) -> Any:
        row = ledger.new("folders", {"name": body.name}, "dir")
        return {"id": ".", "name": body.name, "path": row["id"]}

    @app.delete("/folders", tags=["files"], status_code=204)
    def delete_all_folders() -> Response:
        data["folders"].clear()
        return Response(status_code=204)

    @app.delete("/folders/{folder_id}", tags=["files"], status_code=204)
    def delete_folder(folder_id: str) -> Response:
        data["folders"].pop(folder_id, None)
        return Response(status_code=204)

    # tags: get-or-create by name, 200 either way (no list to see them first)
    @app.post("/tags", tags=["tags"])
    def tag(body: Named) -> Any:
        for row in data["tags"].values():
            if row["name"] == body.name:
                return row
        return ledger.new("tags", {"name": body.name,
                                   "created_at": datetime.now(timezone.utc).isoformat()}, "tag")

    @app.delete("/tags/{tag_id}", tags=["tags"], status_code=204)
    def delete_tag(tag_id: str) -> Response:
        data["tags"].pop(tag_id, None)
        return Response(status_code=204)

    # subscribers: get-or-create by email (Stripe's customers, a newsletter's list)
    @app.post("/subscribers", tags=["subscribers"], status_code=201,
              responses={200: {"description": "already subscribed"}})
    def subscribe(body: SubscriberCreate) -> Any:
        for row in data["subscribers"].values():
            if row["email"] == body.email:
                return JSONResponse(row, status_code=200)
        return ledger.new("subscribers", {"email": body.email, "plan": "free"}, "sub")

    @app.delete("/subscribers/{subscriber_id}", tags=["subscribers"], status_code=204)
    def unsubscribe_one(subscriber_id: str) -> Response:
        data["subscribers"].pop(subscriber_id, None)
        return Response(status_code=204)

    # webhooks: GitHub pings the URL of a new hook; /webhooks/test fires every hook
    @app.post("/webhooks", tags=["webhooks"], status_code=201)
    def create_webhook(body: WebhookCreate) -> Any:
        if body.url.startswith("http") and "example." not in body.url:
            ledger.effects.append(f"ping {body.url}")
        return ledger.new("webhooks", body.model_dump(), "hook")

    @app.delete("/webhooks/{hook_id}", tags=["webhooks"], status_code=204)
    def delete_webhook(hook_id: str) -> Response:
        data["webhooks"].pop(hook_id, None)
        return Response(status_code=204)

    @app.post("/webhooks/test", tags=["webhooks"])
    def test_webhooks() -> Any:
        ledger.effects.append("webhooks fired")
        return {"ok": True}

    # entries in a collection the run cannot create
    @app.get("/collections", tags=["collections"])
    def list_collections() -> Any:
        return list(data["collections"].values())

    @app.post("/collections/{collection_id}/items", tags=["collections"], status_code=201)
    def add_entry(collection_id: str, body: EntryCreate) -> Any:
        if collection_id not in data["collections"]:
            raise HTTPException(404, "Not Found")
        data["collections"][collection_id]["size"] = 1 + data["collections"][collection_id].get(
            "size", 0)
        return ledger.new("entries", {"title": body.title, "collection_id": collection_id}, "e")

    @app.delete("/collections/{collection_id}/items/{item_id}", tags=["collections"],
                status_code=204)
    def remove_entry(collection_id: str, item_id: str) -> Response:
        data["entries"].pop(item_id, None)
        return Response(status_code=204)

    # a todo app
    @app.get("/todos", tags=["todos"])
    def list_todos() -> Any:
        return {"items": list(data["todos"].values())}

    @app.post("/todos", tags=["todos"], status_code=201)
    def create_todo(body: TodoCreate) -> Any:
        return ledger.new("todos", body.model_dump(), "t")

    @app.delete("/todos", tags=["todos"])
    def delete_todos(completed: bool) -> Any:
        for key in [k for k, v in data["todos"].items() if v["completed"] == completed]:
            data["todos"].pop(key)
        return {"ok": True}

    @app.post("/todos/clear-completed", tags=["todos"])
    def clear_completed() -> Any:
        for key in [k for k, v in data["todos"].items() if v["completed"]]:
            data["todos"].pop(key)
        return {"ok": True}

    @app.get("/todos/{todo_id}", tags=["todos"])
    def get_todo(todo_id: str) -> Any:
        if todo_id not in data["todos"]:
            raise HTTPException(404, "Not Found")
        return data["todos"][todo_id]

    @app.patch("/todos/{todo_id}", tags=["todos"])
    def update_todo(todo_id: str, body: TodoUpdate) -> Any:
        if todo_id not in data["todos"]:
            raise HTTPException(404, "Not Found")
        data["todos"][todo_id].update(body.model_dump(exclude_unset=True))
        return data["todos"][todo_id]

    @app.delete("/todos/{todo_id}", tags=["todos"], status_code=204)
    def delete_todo(todo_id: str) -> Response:
        if data["todos"].pop(todo_id, None) is None:
            raise HTTPException(404, "Not Found")
        return Response(status_code=204)

    @app.get("/todos/{todo_id}/delete", tags=["todos"])
    def delete_todo_by_get(todo_id: str) -> Any:
        data["todos"].pop(todo_id, None)
        return {"ok": True}

    # a CMS
    @app.get("/pages", tags=["cms"])
    def list_pages() -> Any:
        return {"results": list(data["pages"].values())}

    @app.post("/pages", tags=["cms"], status_code=201)
    def create_page(body: PageCreate) -> Any:
        return ledger.new("pages", {**body.model_dump(), "published": False}, "p")

    @app.delete("/pages/{page_id}", tags=["cms"], status_code=204)
    def delete_page(page_id: str) -> Response:
        data["pages"].pop(page_id, None)
        return Response(status_code=204)

    @app.post("/pages/{page_id}/publish", tags=["cms"])
    def publish_page(page_id: str) -> Any:
        data["pages"][page_id]["published"] = True
        return data["pages"][page_id]

    @app.post("/admin/cache/purge", tags=["admin"])
    def purge_cache() -> Any:
        data["cache"].clear()
        return {"ok": True}

    @app.get("/settings", tags=["settings"])
    def get_settings() -> Any:
        return data["settings"]["site"]

    @app.put("/settings", tags=["settings"])
    def put_settings(body: Settings) -> Any:
        data["settings"]["site"] = body.model_dump()
        return data["settings"]["site"]

    @app.post("/batch", tags=["rpc"])
    def batch(body: BatchRequest) -> Any:
        ledger.effects.append("batch")
        return {"responses": []}

    @app.post("/graphql", tags=["rpc"])
    def graphql(body: GraphQLRequest) -> Any:
        ledger.effects.append("graphql")
        return {"data": None}

    @app.post("/rpc", tags=["rpc"])
    def rpc(body: RpcCall) -> Any:
        ledger.effects.append(f"rpc {body.method}")
        return {"result": None}

    return app


def real_mail(ledger: Ledger) -> list[str]:
    """Mail that reached an address outside the reserved documentation domains."""
    return [e for e in ledger.effects if e.startswith("mail ") and _real_mail(e.split()[-1])]
