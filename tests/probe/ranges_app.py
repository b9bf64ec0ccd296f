"""Docs agreeing with the spec where a rule no schema states (a model_validator: the end
after the start) and repeated form values (a list of at least two, several files under one
name) decide whether the probe's own sample is accepted."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import FastAPI, File, Form, UploadFile
from pydantic import BaseModel, model_validator

DOCS = """
### POST /bookings
```typescript
export interface BookingIn { room: string; start_date: string; end_date: string; }
export interface Booking { id: string; }
```
### POST /notes
```typescript
export interface NoteForm { title: string; tags: string[]; }
export interface Note { id: string; }
```
### POST /albums
```typescript
export interface AlbumForm { name: string; photos: Blob[]; }
export interface Album { id: string; count: number; }
```
"""


class BookingIn(BaseModel):
    room: str
    start_date: dt.date
    end_date: dt.date

    @model_validator(mode="after")
    def _order(self) -> BookingIn:
        if not self.start_date < self.end_date:
            raise ValueError("end_date must be after start_date")
        return self


class Booking(BaseModel):
    id: str


class Note(BaseModel):
    id: str


class Album(BaseModel):
    id: str
    count: int


def make_app() -> FastAPI:
    api = FastAPI(title="Ranges")

    @api.post("/bookings", status_code=201, response_model=Booking)
    def book(body: BookingIn) -> Any:
        return {"id": "b1"}

    @api.post("/notes", status_code=201, response_model=Note)
    def note(title: Annotated[str, Form()],
             tags: Annotated[list[str], Form(min_length=2)]) -> Any:
        return {"id": "n1"}

    @api.post("/albums", status_code=201, response_model=Album)
    def album(name: Annotated[str, Form()],
              photos: Annotated[list[UploadFile], File(min_length=2)]) -> Any:
        return {"id": "a1", "count": len(photos)}

    return api
