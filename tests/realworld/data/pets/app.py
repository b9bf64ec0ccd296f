"""A small FastAPI app using the pydantic features real backends use; `spec.json` is its
OpenAPI (`python app.py > spec.json`), the clients beside it are generated from that (README)."""

from __future__ import annotations

import datetime as dt
import enum
import json
import uuid
from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import FastAPI, File, Form, UploadFile
from pydantic import BaseModel, ConfigDict, Field, computed_field

app = FastAPI(title="Pets", version="1.0")
T = TypeVar("T")


class Color(str, enum.Enum):
    red = "red"
    green = "green"


class Cat(BaseModel):
    kind: Literal["cat"] = "cat"
    lives: int = 9


class Dog(BaseModel):
    kind: Literal["dog"]
    good: bool


class Address(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    street: str
    zip_code: str | None = Field(default=None, alias="zipCode")


class Owner(BaseModel):
    id: uuid.UUID
    created: dt.datetime
    color: Color = Color.red
    pets: list[Annotated[Cat | Dog, Field(discriminator="kind")]] = []
    scores: dict[str, float]
    address: Address | None = None
    nickname: str | None
    either: int | str

    @computed_field  # type: ignore[prop-decorator]
    @property
    def display(self) -> str:
        return str(self.id)


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int


@app.get("/owners", response_model=Page[Owner])
def list_owners(limit: int = 10, color: Color | None = None) -> Any:
    return {"items": [], "total": 0}


@app.post("/owners", response_model=Owner, status_code=201)
def create_owner(owner: Owner) -> Any:
    return owner


@app.get("/owners/{owner_id}", response_model=Owner)
def get_owner(owner_id: uuid.UUID) -> Any:
    return {}


@app.post("/upload")
def upload(file: UploadFile = File(...), note: str = Form(...)) -> dict[str, str]:
    return {"note": note}


if __name__ == "__main__":
    print(json.dumps(app.openapi(), indent=1))
