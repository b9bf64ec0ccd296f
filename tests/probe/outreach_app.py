"""A messaging backend as a real project writes it, whose TypeScript docs agree with its
OpenAPI: a signup that needs `accept_terms` true (a validator) and a `Literal[True]` consent,
a snapshot create that needs `confirm: true`, a reminder whose `send_at` must be within 30
days (the backend refuses a moment further out), contacts with an E.164 phone pattern, and
posts as a discriminated union where the create's only variant is `status: "published"`."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Response
from pydantic import AwareDatetime, BaseModel, Field, field_validator

DOCS = """
# Outreach API

### POST /signups
```typescript
export interface SignupCreate { email: string; accept_terms: boolean; gdpr_consent: true; }
export interface Signup { id: string; email: string; }
```

### DELETE /signups/{signup_id}
No content.

### POST /snapshots
```typescript
export interface SnapshotCreate { subject: string; confirm: true; }
export interface Snapshot { id: string; subject: string; state: "draft"; }
```

### DELETE /snapshots/{snapshot_id}
No content.

### POST /reminders
`send_at` must be within the next 30 days.
```typescript
export interface ReminderCreate { text: string; send_at: string; }
export interface Reminder { id: string; text: string; send_at: string; }
```

### DELETE /reminders/{reminder_id}
No content.

### POST /contacts
```typescript
export interface ContactCreate { label: string; phone: string; mobile: string; }
export interface Contact { id: string; label: string; phone: string; mobile: string; }
```

### DELETE /contacts/{contact_id}
No content.

### POST /posts
```typescript
export interface PublishedPost { status: "published"; title: string; }
export interface Post { id: string; title: string; status: "published"; }
```

### DELETE /posts/{post_id}
No content.
"""

E164 = r"^\+[1-9]\d{7,14}$"


class SignupCreate(BaseModel):
    email: str
    accept_terms: bool
    gdpr_consent: Literal[True]

    @field_validator("accept_terms")
    @classmethod
    def _accepted(cls, value: bool) -> bool:
        if not value:
            raise ValueError("the terms must be accepted")
        return value


class Signup(BaseModel):
    id: str
    email: str


class SnapshotCreate(BaseModel):
    subject: str
    confirm: Literal[True]


class Snapshot(BaseModel):
    id: str
    subject: str
    state: Literal["draft"]


class ReminderCreate(BaseModel):
    text: str
    send_at: AwareDatetime

    @field_validator("send_at")
    @classmethod
    def _soon(cls, value: dt.datetime) -> dt.datetime:
        if value > dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=30):
            raise ValueError("send_at must be within the next 30 days")
        return value


class Reminder(BaseModel):
    id: str
    text: str
    send_at: dt.datetime


class ContactCreate(BaseModel):
    label: str
    phone: str = Field(pattern=E164)
    mobile: str = Field(pattern=r"^\+44\d{10}$")


class Contact(ContactCreate):
    id: str


class PublishedPost(BaseModel):
    status: Literal["published"]
    title: str


class Post(BaseModel):
    id: str
    title: str
    status: Literal["published"]


def make_app() -> FastAPI:
    api = FastAPI()
    ids = itertools.count(1)
    api.state.rows = rows = {}  # type: ignore[var-annotated]
    api.state.seen = seen = []  # type: ignore[var-annotated]

    def add(kind: str, body: BaseModel, **extra: Any) -> dict[str, Any]:
        seen.append((kind, body.model_dump(mode="json")))
        row = {"id": f"{kind[:2]}{next(ids)}", **body.model_dump(mode="json"), **extra}
        rows[row["id"]] = row
        return row

    def drop(row_id: str) -> Response:
        rows.pop(row_id, None)
        return Response(status_code=204)

    @api.post("/signups", status_code=201, response_model=Signup)
    def signup(body: SignupCreate) -> Any:
        return add("signups", body)

    @api.delete("/signups/{signup_id}", status_code=204)
    def delete_signup(signup_id: str) -> Response:
        return drop(signup_id)

    @api.post("/snapshots", status_code=201, response_model=Snapshot)
    def snapshot(body: SnapshotCreate) -> Any:
        return add("snapshots", body, state="draft")

    @api.delete("/snapshots/{snapshot_id}", status_code=204)
    def delete_snapshot(snapshot_id: str) -> Response:
        return drop(snapshot_id)

    @api.post("/reminders", status_code=201, response_model=Reminder)
    def remind(body: ReminderCreate) -> Any:
        return add("reminders", body)

    @api.delete("/reminders/{reminder_id}", status_code=204)
    def delete_reminder(reminder_id: str) -> Response:
        return drop(reminder_id)

    @api.post("/contacts", status_code=201, response_model=Contact)
    def contact(body: ContactCreate) -> Any:
        return add("contacts", body)

    @api.delete("/contacts/{contact_id}", status_code=204)
    def delete_contact(contact_id: str) -> Response:
        return drop(contact_id)

    @api.post("/posts", status_code=201, response_model=Post)
    def post(body: Annotated[PublishedPost, Field(discriminator="status")]) -> Any:
        return add("posts", body)

    @api.delete("/posts/{post_id}", status_code=204)
    def delete_post(post_id: str) -> Response:
        return drop(post_id)

    return api
