"""A small backend for the CI-format tests: drift in a list response, an undocumented
required request field, a read that crashes, a write the probe skips, and a clean read."""

from __future__ import annotations

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel


class Thing(BaseModel):
    id: int
    name: str


class ThingCreate(BaseModel):
    name: str
    kind: str


class Health(BaseModel):
    ok: bool


def create_app() -> FastAPI:
    app = FastAPI(title="Things")

    @app.get("/api/things", response_model=list[Thing], tags=["things"])
    def list_things() -> list[Thing]:
        return [Thing(id=1, name="a")]

    @app.post("/api/things", response_model=Thing, tags=["things"])
    def create_thing(body: ThingCreate) -> Thing:
        return Thing(id=2, name=body.name)

    @app.delete("/api/things/{thing_id}", status_code=204, tags=["things"])
    def delete_thing(thing_id: int) -> None:
        return None

    @app.get("/api/crash", response_model=Health, tags=["crash"])
    def crash() -> Health:
        raise HTTPException(500, "boom")  # a 500 without a server-side traceback

    @app.get("/api/health", response_model=Health, tags=["health"])
    def health() -> Health:
        return Health(ok=True)

    return app


DOCS = """# Things API

### GET /api/things

```ts
export interface Thing {
  id: string;
  name: string;
  label: string;
}
type ThingList = Thing[];
```

### POST /api/things

```ts
export interface ThingCreate {
  name: string;
}
```

### GET /api/crash

```ts
export interface Health {
  ok: boolean;
}
```
"""
