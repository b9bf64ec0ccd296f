"""A small backend whose models disagree with tests/fixdocs/data in every way fix-docs fixes."""

# No `from __future__ import annotations`: FastAPI must see the local model classes.

from typing import Literal

from fastapi import FastAPI
from pydantic import BaseModel


class Widget(BaseModel):
    id: str
    name: str | None
    status: Literal["new", "used", "broken"]
    count: int
    tags: list[str]
    price: float | None = None


class WidgetCreate(BaseModel):
    name: str
    note: str | None = None
    label: str = "plain"
    kind: Literal["small", "large"]


class Gadget(BaseModel):
    id: str
    size: int | None
    colour: str


def create_app() -> FastAPI:
    app = FastAPI(title="Widgets", version="1.0.0")

    @app.get("/widgets/{widgetId}", response_model=Widget)
    def get_widget(widgetId: str) -> dict:
        return {"id": widgetId, "name": None, "status": "new", "count": 1, "tags": []}

    @app.post("/widgets", response_model=Widget, status_code=201)
    def create_widget(body: WidgetCreate) -> dict:
        return {"id": "w-1", "name": body.name, "status": "new", "count": 0, "tags": []}

    @app.get("/gadgets/{gadgetId}", response_model=Gadget)
    def get_gadget(gadgetId: str) -> dict:
        return {"id": gadgetId, "size": None, "colour": "red"}

    return app
