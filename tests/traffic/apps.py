"""A small shop backend served under /api (its spec's base path), for recorded traffic."""

# No `from __future__ import annotations`: FastAPI must see the local model classes.

from fastapi import FastAPI, Header
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel, Field, ValidationError

JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNlY3JldC1wYXJ0"
SESSION = "SESSION-COOKIE-77aa"


class LoginRequest(BaseModel):
    username: str
    password: str


class LoginResponse(BaseModel):
    access_token: str
    token_type: str


class Item(BaseModel):
    id: str
    name: str
    price: float
    tags: list[str]


class ItemPage(BaseModel):
    items: list[Item]
    total: int


class ItemCreate(BaseModel):
    name: str = Field(min_length=2)
    price: float
    tags: list[str] = []


class Report(BaseModel):
    rows: int


class Who(BaseModel):
    user: str
    hint: str


def create_app() -> FastAPI:
    api = FastAPI(title="Shop", version="1.0.0")
    rows = {"item-1": {"id": "item-1", "name": "Lamp", "price": 12.5, "tags": ["home"]}}

    @api.post("/login", response_model=LoginResponse)
    def login(body: LoginRequest, response: Response) -> dict:
        response.set_cookie("session", SESSION)
        return {"access_token": JWT, "token_type": "bearer"}

    @api.get("/items", response_model=ItemPage)
    def list_items(page: int = 1) -> object:
        if page == 99:  # a stored row the model cannot hold: the 500 leaks pydantic's text
            try:
                Item(id="x", name="Broken", price=None, tags=[])  # type: ignore[arg-type]
            except ValidationError as exc:
                return JSONResponse(status_code=500, content={"detail": f"Failed: {exc}"})
        return {"items": list(rows.values()), "total": len(rows)}

    @api.get("/items/{itemId}", response_model=Item)
    def get_item(itemId: str) -> object:
        if itemId == "drift":  # what a handler bypassing its response model really sends
            return JSONResponse({"id": "drift", "name": None, "price": "12.50"})
        return rows.get(itemId, rows["item-1"])

    @api.post("/items", response_model=Item, status_code=201)
    def create_item(body: ItemCreate) -> dict:
        return {"id": "item-2", **body.model_dump()}

    @api.get("/report", response_model=Report)
    def report() -> PlainTextResponse:
        return PlainTextResponse("rows,1\n")

    @api.get("/whoami", response_model=Who)
    def whoami(authorization: str = Header("")) -> dict:
        return {"user": "alice", "hint": f"you sent {authorization.split(' ')[-1]}"}

    @api.get("/internal/health", include_in_schema=False)
    def health() -> dict:
        return {"ok": True}

    root = FastAPI()
    root.mount("/api", api)
    return root
