"""A second red team (redteam_app.py's ledger): a backend with the shapes that got past the
first one. Get-or-create and "ensure" endpoints answering an existing object with 200 or 201
and no creation time, with no list to see it first; Location headers on another origin or
another base path; reads whose query picks a side effect (`?action=delete`, `?op=reset`,
Rails' `_method`, `?confirm=true`)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from tests.probe.redteam_app import Ledger, _ledgered

TOKEN = "redteam-token"

DOCS = """
# Second red team

### POST /labels
```ts
export interface LabelCreate { name: string; }
export interface Label { id: string; name: string; }
```

Request body example:

```json
{"name": "urgent"}
```

### POST /namespaces
```ts
export interface NamespaceCreate { name: string; }
```

Request body example:

```json
{"name": "production"}
```

### POST /notes
```ts
export interface NoteCreate { text: string; }
export interface Note { id: string; text: string; }
```

### POST /handles
```ts
export interface HandleCreate { handle: string; }
```

### POST /comments
```ts
export interface CommentCreate { text: string; }
```

### POST /replies
```ts
export interface ReplyCreate { thread_id: number; text: string; }
```

Request body example:

```json
{"thread_id": 1, "text": "Thanks!"}
```

### POST /reactions
```ts
export interface ReactionCreate { message_id: string; emoji: string; }
```

Request body example:

```json
{"message_id": "m-1", "emoji": "+1"}
```

### POST /tasks
```ts
export interface TaskCreate { title: string; assignee_id?: string; }
```

Request body example:

```json
{"title": "Review", "assignee_id": "u-bob"}
```

### POST /forms
```ts
export interface FormCreate { name: string; }
```

### POST /shares
```ts
export interface ShareCreate { post: { id: string }; note: string; }
```

Request body example:

```json
{"post": {"id": "p-1"}, "note": "fyi"}
```

### POST /bookmarks
```ts
export interface BookmarkCreate { title: string; folder?: { id: string }; }
```

Request body example:

```json
{"title": "Read later", "folder": {"id": "fold-1"}}
```

### POST /attachments
```ts
export interface AttachmentCreate { name: string; }
```

### POST /exports
```ts
export interface ExportCreate { name: string; }
```
"""

SEED: dict[str, dict[str, Any]] = {
    "labels": {"lab-1": {"id": "lab-1", "name": "urgent"}},
    "namespaces": {"ns-1": {"id": "ns-1", "name": "production"}},
    "notes": {},
    "handles": {},
    # a replica on another origin numbers its copies by its own sequence: a-1, a-2 ...
    "attachments": {"a-1": {"id": "a-1", "name": "contract.pdf"},
                    "a-2": {"id": "a-2", "name": "invoice.pdf"},
                    "a-3": {"id": "a-3", "name": "photo.jpg"}},
    "exports": {"x-1": {"id": "x-1", "name": "2025 ledger"},
                "x-2": {"id": "x-2", "name": "2024 ledger"},
                "x-3": {"id": "x-3", "name": "2023 ledger"}},
    "items": {"i-1": {"id": "i-1", "title": "seeded"}},
    "jobs": {"job-1": {"id": "job-1", "state": "done"}},
    "records": {"r-1": {"id": "r-1"}},
    "documents": {"d-1": {"id": "d-1"}},
    "entries": {"e-1": {"id": "e-1"}},
    "cache": {"warm": {"id": "warm"}},
    "queries": {"q-1": {"id": "q-1"}},
    "posts": {"p-1": {"id": "p-1", "title": "hello", "author": "bob@realmail.io"}},
    "comments": {"c-1": {"id": "c-1", "post_id": "p-1", "text": "first"}},
    "answers": {"1": {"id": 1, "score": 0}},
    "votes": {},
    "threads": {"1": {"id": 1, "subscriber": "carol@realmail.io"}},
    "messages": {"m-1": {"id": "m-1", "reactions": 0}},
    "replies": {}, "reactions": {}, "tasks": {}, "forms": {},
    "alerts": {}, "pushes": {}, "calls": {}, "revocations": {}, "orders": {}, "invoices": {},
    "bookings": {}, "subscriptions": {}, "donations": {},
    "shares": {}, "bookmarks": {}, "folders": {"fold-1": {"id": "fold-1", "size": 3}},
    "drafts": {"dr-1": {"id": "dr-1", "name": "a seeded draft"}}, "announcements": {},
    "contacts": {"ct-1": {"id": "ct-1", "email": "user@example.com", "name": "A customer"}},
    "sessions": {"s-1": {"id": "s-1", "active": True}},
    "audit": {"ev-1": {"id": "ev-1", "method": "DELETE", "target": "/documents/d-1"}},
    "mirrored": {"d-1": {"id": "d-1"}},
}


class Named(BaseModel):
    name: str


class Text(BaseModel):
    text: str


class Handle(BaseModel):
    handle: str


class Reply(BaseModel):
    thread_id: int
    text: str


class Reaction(BaseModel):
    message_id: str
    emoji: str


class Ref(BaseModel):
    id: str


class Share(BaseModel):
    post: Ref
    note: str


class Bookmark(BaseModel):
    title: str
    folder: Ref | None = None


class Task(BaseModel):
    title: str
    assignee_id: str | None = None


def make_app() -> FastAPI:
    app = FastAPI(title="Second red team")
    ledger = Ledger(SEED)
    data = ledger.data
    _ledgered(app, ledger, ("/openapi.json",))

    def by_name(table: str, name: str) -> dict[str, Any] | None:
        return next((r for r in data[table].values() if r.get("name") == name), None)

    def delete(table: str, key: str) -> Response:
        if data[table].pop(key, None) is None:
            raise HTTPException(404, "Not Found")
        return Response(status_code=204)

    # get-or-create by name, 201 either way (FastAPI's status_code=201 on the route), no
    # creation time, no list
    @app.post("/labels", status_code=201)
    def label(body: Named) -> Any:
        return by_name("labels", body.name) or ledger.new("labels", body.model_dump(), "lab")

    @app.delete("/labels/{label_id}", status_code=204)
    def delete_label(label_id: str) -> Response:
        return delete("labels", label_id)

    # an idempotent "ensure": 200 either way, as the spec says
    @app.post("/namespaces")
    def ensure_namespace(body: Named) -> Any:
        return by_name("namespaces", body.name) or ledger.new("namespaces", body.model_dump(),
                                                              "ns")

    @app.delete("/namespaces/{namespace_id}", status_code=204)
    def delete_namespace(namespace_id: str) -> Response:
        return delete("namespaces", namespace_id)

    # a real create answering 200 with no creation time: each call makes a new note
    @app.post("/notes")
    def create_note(body: Text) -> Any:
        return ledger.new("notes", body.model_dump(), "n")

    @app.delete("/notes/{note_id}", status_code=204)
    def delete_note(note_id: str) -> Response:
        return delete("notes", note_id)

    # a unique handle: a second one is refused with 409
    @app.post("/handles", status_code=201)
    def create_handle(body: Handle) -> Any:
        if any(r["handle"] == body.handle for r in data["handles"].values()):
            return JSONResponse({"detail": "handle already taken"}, status_code=409)
        return ledger.new("handles", body.model_dump(), "h")

    @app.delete("/handles/{handle_id}", status_code=204)
    def delete_handle(handle_id: str) -> Response:
        return delete("handles", handle_id)

    # Location on another origin (a CDN's replica), and under another base path (/v2)
    sequences = {"attachments": 0, "exports": 0}

    def located(table: str, prefix: str, body: Named) -> Response:
        ledger.new(table, body.model_dump(), table[0])
        sequences[table] += 1
        return Response(status_code=201, headers={
            "Location": f"{prefix}/{table}/{table[0]}-{sequences[table]}"})

    @app.post("/attachments", status_code=201)
    def create_attachment(body: Named) -> Response:
        return located("attachments", "https://cdn.replica.example", body)

    @app.delete("/attachments/{attachment_id}", status_code=204)
    def delete_attachment(attachment_id: str) -> Response:
        return delete("attachments", attachment_id)

    @app.post("/exports", status_code=201)
    def create_export(body: Named) -> Response:
        return located("exports", "/v2", body)

    @app.delete("/exports/{export_id}", status_code=204)
    def delete_export(export_id: str) -> Response:
        return delete("exports", export_id)

    # reads whose query selects what they do
    @app.get("/items")
    def items(action: Literal["delete", "list"]) -> Any:
        if action == "delete":
            data["items"].clear()
        return list(data["items"].values())

    @app.get("/jobs")
    def jobs(op: str) -> Any:  # free-form: ?op=status, ?op=reset
        if op != "status":
            data["jobs"]["job-1"]["state"] = "queued"
        return list(data["jobs"].values())

    @app.get("/records")
    def records(do: str = Query(..., examples=["purge"])) -> Any:
        if do == "purge" or do.startswith("sample"):
            data["records"].clear()
        return list(data["records"].values())

    @app.get("/documents")
    def documents(_method: str = Query(..., alias="_method")) -> Any:  # Rails' override
        if _method.upper() in ("DELETE", "SAMPLE-_METHOD"):
            data["documents"].clear()
        return list(data["documents"].values())

    @app.get("/entries")
    def entries(method: Literal["DELETE", "GET"]) -> Any:
        if method == "DELETE":
            data["entries"].clear()
        return list(data["entries"].values())

    @app.get("/cache")
    def cache(confirm: bool) -> Any:  # GET /cache?confirm=true clears it
        if confirm:
            data["cache"].clear()
        return list(data["cache"].values())

    @app.get("/graphql")
    def graphql(query: str = Query(..., examples=["mutation { purgeQueries }"])) -> Any:
        if query.startswith("mutation") or query.startswith("sample"):
            data["queries"].clear()
        return {"data": None}

    # a create whose required query names another object: the comment notifies the post's
    # author; the vote changes answer 1's score
    @app.get("/comments")
    def list_comments() -> Any:
        return list(data["comments"].values())

    @app.post("/comments", status_code=201)
    def comment(body: Text, post_id: str) -> Any:
        if post_id in data["posts"]:
            ledger.effects.append(f"notified {data['posts'][post_id]['author']}")
        return ledger.new("comments", {**body.model_dump(), "post_id": post_id}, "c")

    @app.delete("/comments/{comment_id}", status_code=204)
    def delete_comment(comment_id: str) -> Response:
        return delete("comments", comment_id)

    @app.post("/votes", status_code=201)
    def vote(answer_id: int = Query(..., examples=[1])) -> Any:
        if str(answer_id) in data["answers"]:
            data["answers"][str(answer_id)]["score"] += 1
        return ledger.new("votes", {"answer_id": answer_id}, "v")

    @app.delete("/votes/{vote_id}", status_code=204)
    def delete_vote(vote_id: str) -> Response:
        return delete("votes", vote_id)

    # a create's body naming another object: a reply mails the thread's subscriber, a
    # reaction counts on the message, a task assigned to someone mails them
    @app.post("/replies", status_code=201)
    def reply(body: Reply) -> Any:
        if str(body.thread_id) in data["threads"]:
            ledger.mail(data["threads"][str(body.thread_id)]["subscriber"], "reply")
        return ledger.new("replies", body.model_dump(), "re")

    @app.delete("/replies/{reply_id}", status_code=204)
    def delete_reply(reply_id: str) -> Response:
        return delete("replies", reply_id)

    @app.post("/reactions", status_code=201)
    def react(body: Reaction) -> Any:
        if body.message_id in data["messages"]:
            data["messages"][body.message_id]["reactions"] += 1
        return ledger.new("reactions", body.model_dump(), "rx")

    @app.delete("/reactions/{reaction_id}", status_code=204)
    def delete_reaction(reaction_id: str) -> Response:
        return delete("reactions", reaction_id)

    @app.post("/tasks", status_code=201)
    def task(body: Task) -> Any:
        if body.assignee_id is not None:
            ledger.mail(f"{body.assignee_id}@realmail.io", "task assigned")
        return ledger.new("tasks", body.model_dump(), "task")

    @app.delete("/tasks/{task_id}", status_code=204)
    def delete_task(task_id: str) -> Response:
        return delete("tasks", task_id)

    # Post/Redirect/Get: a form's create answers 303 See Other to the new object
    @app.post("/forms", status_code=303)
    def create_form(body: Named) -> Response:
        row = ledger.new("forms", body.model_dump(), "form")
        return Response(status_code=303, headers={"Location": f"/forms/{row['id']}"})

    @app.delete("/forms/{form_id}", status_code=204)
    def delete_form(form_id: str) -> Response:
        return delete("forms", form_id)

    # creates whose object reaches a person or undoes trust, with a DELETE for the record:
    # an Opsgenie alert pages the on-call, a Pushbullet push rings every device, a Twilio
    # call dials, a certificate revocation distrusts a certificate at once
    def reaching(table: str, effect: str) -> None:
        @app.post(f"/{table}", status_code=201, name=f"create_{table}")
        def create(body: Named) -> Any:
            ledger.effects.append(f"{effect} {body.name}")
            return ledger.new(table, body.model_dump(), table[:2])

        @app.delete(f"/{table}/{{record_id}}", status_code=204, name=f"delete_{table}")
        def remove(record_id: str) -> Response:
            return delete(table, record_id)

    for table, effect in (("alerts", "paged the on-call for"), ("pushes", "pushed"),
                          ("calls", "dialled"), ("revocations", "revoked"),
                          ("orders", "charged a card for"), ("invoices", "mailed an invoice for"),
                          ("bookings", "booked a room for"), ("subscriptions", "billed"),
                          ("donations", "charged a donation for")):
        reaching(table, effect)

    # a write whose query widens it past one object: ?scope=all, ?audience=all
    @app.post("/drafts", status_code=201)
    def create_draft(body: Named) -> Any:
        return ledger.new("drafts", body.model_dump(), "dr")

    @app.delete("/drafts/{draft_id}", status_code=204)
    def delete_draft(draft_id: str, scope: Literal["all", "one"]) -> Response:
        if scope == "all":
            data["drafts"].clear()
            return Response(status_code=204)
        return delete("drafts", draft_id)

    @app.post("/announcements", status_code=201)
    def announce(body: Named, audience: Literal["all", "me"]) -> Any:
        if audience == "all":
            ledger.effects.append("mailed every user")
        return ledger.new("announcements", body.model_dump(), "an")

    @app.delete("/announcements/{announcement_id}", status_code=204)
    def delete_announcement(announcement_id: str) -> Response:
        return delete("announcements", announcement_id)

    # what only the operationId says: a create that upserts by email (HubSpot's contacts),
    # a read that ends the caller's sessions
    @app.post("/contacts", status_code=201, operation_id="upsertContact")
    def upsert_contact(body: Named) -> Any:
        for row in data["contacts"].values():
            row["name"] = body.name  # the docs' contact is everyone's: renamed
            return row
        return ledger.new("contacts", body.model_dump(), "ct")

    @app.delete("/contacts/{contact_id}", status_code=204)
    def delete_contact(contact_id: str) -> Response:
        return delete("contacts", contact_id)

    @app.get("/sessions/current", operation_id="invalidateSessions")
    def sessions() -> Any:
        data["sessions"]["s-1"]["active"] = False
        return {"ok": True}

    # a body referring to another object by a nested {"id": ...}: a share mails the post's
    # author, a bookmark grows the folder it is filed in
    @app.post("/shares", status_code=201)
    def share(body: Share) -> Any:
        if body.post.id in data["posts"]:
            ledger.mail(data["posts"][body.post.id]["author"], "shared")
        return ledger.new("shares", body.model_dump(), "sh")

    @app.delete("/shares/{share_id}", status_code=204)
    def delete_share(share_id: str) -> Response:
        return delete("shares", share_id)

    @app.post("/bookmarks", status_code=201)
    def bookmark(body: Bookmark) -> Any:
        if body.folder is not None and body.folder.id in data["folders"]:
            data["folders"][body.folder.id]["size"] += 1
        return ledger.new("bookmarks", body.model_dump(), "bm")

    @app.delete("/bookmarks/{bookmark_id}", status_code=204)
    def delete_bookmark(bookmark_id: str) -> Response:
        return delete("bookmarks", bookmark_id)

    # a read that mails what it reads
    @app.get("/digest")
    def digest(email_to: str = Query(..., json_schema_extra={"format": "email"})) -> Any:
        ledger.mail(email_to, "digest")
        return {"sent": True}

    # a read whose required query is filled from another answer: the audit log lists
    # {"method": "DELETE"}, and the replay endpoint does what it is told
    @app.get("/audit")
    def audit() -> Any:
        return list(data["audit"].values())

    @app.get("/audit/{event_id}/preview")
    def preview(event_id: str, method: str) -> Any:  # a "preview" that does it
        if method.upper() == "DELETE":
            data["mirrored"].clear()
        return {"previewed": f"{method} {event_id}"}

    @app.get("/health")
    def health() -> Any:
        return {"ok": True}

    return app
