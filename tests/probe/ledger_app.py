"""A small backend that keeps a ledger of every request it receives, for the probe's honesty:
its create answers without a creation time (so the probe sends it once more to prove the
object is new), its status answers 503 once (the probe retries), its jobs have no DELETE
(what a listed POST /jobs makes stays), its labels are upserted by slug, and its docs carry
request and response examples for operations the probe may not send."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel

DOCS = """
# Ledger API

### GET /items

```typescript
export interface Item { id: string; name: string; }
export interface ItemList { items: Item[]; }
```

### POST /items

```typescript
export interface ItemCreate { name: string; }
```

### GET /items/{item_id}

Answers an `Item`.

### GET /status

```typescript
export interface Status { ok: boolean; }
```

### DELETE /items/{item_id}

No content.

### POST /jobs

```typescript
export interface JobCreate { name: string; }
export interface Job { id: string; name: string; }
```

```json request
{"name": "nightly"}
```

```json response
{"id": "job-1", "name": "nightly"}
```

### GET /jobs/{job_id}

Answers a `Job`.

### POST /labels

Creates a label, or replaces the one with the same slug.

```typescript
export interface LabelCreate { slug: string; title: string; }
export interface Label { id: string; slug: string; title: string; }
```

```json request
{"slug": "home", "title": "Home"}
```

### DELETE /labels/{label_id}

No content.
"""


class Item(BaseModel):
    id: str
    name: str


class ItemList(BaseModel):
    items: list[Item]


class ItemCreate(BaseModel):
    name: str


class JobCreate(BaseModel):
    name: str


class Job(BaseModel):
    id: str
    name: str


class Status(BaseModel):
    ok: bool


class LabelCreate(BaseModel):
    slug: str
    title: str


class Label(BaseModel):
    id: str
    slug: str
    title: str


def make_app(says_upsert: bool = True) -> FastAPI:
    """`says_upsert`: POST /labels' operationId says it upserts (an action, sent only when
    listed); else it reads as a plain create."""
    app = FastAPI(title="Ledger API")
    ledger: list[tuple[str, str]] = []
    items: dict[str, dict[str, Any]] = {"it-0": {"id": "it-0", "name": "there before"}}
    jobs: dict[str, dict[str, Any]] = {}
    labels = {"lab-0": {"id": "lab-0", "slug": "home", "title": "Home page (there before)"}}
    app.state.ledger, app.state.items, app.state.jobs = ledger, items, jobs
    app.state.labels = labels
    counter = [0]

    def new_id(prefix: str) -> str:
        counter[0] += 1
        return f"{prefix}-{counter[0]}"

    @app.middleware("http")
    async def record(request: Request, call_next: Any) -> Any:
        ledger.append((request.method, request.url.path))
        return await call_next(request)

    @app.get("/status", response_model=Status)
    def status() -> Any:  # 503 the first time: the probe's retry reaches the backend too
        calls = [call for call in ledger if call == ("GET", "/status")]
        if len(calls) == 1:
            return JSONResponse({"detail": "warming up"}, status_code=503)
        return {"ok": True}

    @app.get("/items", response_model=ItemList)
    def list_items() -> Any:
        return {"items": list(items.values())}

    @app.post("/items", response_model=Item, status_code=201)
    def create_item(body: ItemCreate) -> Any:  # no creation time: the probe must prove it new
        row = {"id": new_id("it"), "name": body.name}
        items[row["id"]] = row
        return row

    @app.get("/items/{item_id}", response_model=Item)
    def read_item(item_id: str) -> Any:
        if item_id not in items:
            raise HTTPException(404)
        return items[item_id]

    @app.delete("/items/{item_id}", status_code=204)
    def delete_item(item_id: str) -> Response:
        if items.pop(item_id, None) is None:
            raise HTTPException(404)
        return Response(status_code=204)

    @app.post("/jobs", response_model=Job, status_code=201)
    def create_job(body: JobCreate) -> Any:  # no DELETE /jobs/{job_id}: a job stays
        row = {"id": new_id("job"), "name": body.name}
        jobs[row["id"]] = row
        return row

    @app.get("/jobs/{job_id}", response_model=Job)
    def read_job(job_id: str) -> Any:
        if job_id not in jobs:
            raise HTTPException(404)
        return jobs[job_id]

    @app.post("/labels", response_model=Label, status_code=201,
              operation_id="upsert_label" if says_upsert else "create_label")
    def upsert_label(body: LabelCreate) -> Any:  # an upsert keyed on the slug
        for row in labels.values():
            if row["slug"] == body.slug:
                row["title"] = body.title  # overwrites the existing label
                return row
        row = {"id": new_id("lab"), "slug": body.slug, "title": body.title}
        labels[row["id"]] = row
        return row

    @app.delete("/labels/{label_id}", status_code=204)
    def delete_label(label_id: str) -> Response:
        labels.pop(label_id, None)
        return Response(status_code=204)

    return app
