"""Small real backends for probe tests, each misbehaving in one documented way."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel

DOCS = """
# Items API

### GET /items

```typescript
export interface Item { id: string; name: string; }
export interface ItemList { items: Item[]; }
```

### GET /items/{itemId}

Answers an `Item`.

### POST /items

```typescript
export interface ItemCreate { name: string; }
```

### GET /slow

```typescript
export interface SlowResponse { ok: boolean; }
```

### GET /flaky

```typescript
export interface FlakyResponse { ok: boolean; }
```

### GET /html

```typescript
export interface HtmlResponse { ok: boolean; }
```

### GET /huge

```typescript
export interface HugeResponse { blob: string; }
```

### GET /whoami

```typescript
export interface WhoAmI { user: string; }
```
"""


class Item(BaseModel):
    id: str
    name: str


class ItemList(BaseModel):
    items: list[Item]


class ItemCreate(BaseModel):
    name: str


class SlowResponse(BaseModel):
    ok: bool


class FlakyResponse(BaseModel):
    ok: bool


class HtmlResponse(BaseModel):
    ok: bool


class HugeResponse(BaseModel):
    blob: str


class WhoAmI(BaseModel):
    user: str


def make_app(token: str = "t0ps3cret-token", slow_seconds: float = 3.0) -> FastAPI:
    app = FastAPI(title="Items")
    seen: dict[str, Any] = {"flaky": 0, "paths": []}
    app.state.seen = seen
    items = {"item-7": {"id": "item-7", "name": "seven"}}

    @app.middleware("http")
    async def record(request: Request, call_next):  # noqa: ANN001, ANN202
        seen["paths"].append(f"{request.method} {request.url.path}")
        if request.url.path != "/openapi.json" and request.headers.get(
                "authorization") != f"Bearer {token}":
            return JSONResponse({"detail": "Not authenticated"}, status_code=401)
        return await call_next(request)

    @app.get("/items", response_model=ItemList)
    def list_items() -> Any:
        return {"items": list(items.values())}

    @app.get("/items/{itemId}", response_model=Item)
    def get_item(itemId: str) -> Any:  # noqa: N803
        return items.get(itemId) or JSONResponse({"detail": "no"}, status_code=404)

    @app.post("/items", response_model=Item, status_code=201)
    def create_item(body: ItemCreate) -> Any:
        row = {"id": f"item-{len(items) + 10}", "name": body.name}
        items[row["id"]] = row
        return row

    @app.delete("/items/{itemId}", status_code=204)
    def delete_item(itemId: str) -> Response:  # noqa: N803
        items.pop(itemId, None)
        return Response(status_code=204)

    @app.get("/slow", response_model=SlowResponse)
    async def slow() -> Any:
        await asyncio.sleep(slow_seconds)
        return {"ok": True}

    @app.get("/flaky", response_model=FlakyResponse)
    def flaky() -> Any:
        seen["flaky"] += 1
        if seen["flaky"] == 1:
            return JSONResponse({"detail": "warming up"}, status_code=503,
                                headers={"Retry-After": "0"})
        return {"ok": True}

    @app.get("/html", response_model=HtmlResponse)
    def html() -> Any:
        return HTMLResponse("<html><body>maintenance</body></html>")

    @app.get("/huge", response_model=HugeResponse)
    def huge() -> Any:
        return {"blob": "x" * 3_000_000}

    @app.get("/whoami", response_model=WhoAmI)
    def whoami(request: Request) -> Any:
        # A careless backend echoing the credential back: it must never reach a report.
        return {"user": request.headers.get("authorization", "")}

    return app
