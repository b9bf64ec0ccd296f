"""Value shapes pydantic checks beyond their spec's words, docs agreeing with the spec: tuples
(prefixItems), maps with min_length, naive and future datetimes, past dates, float and
Decimal steps, int literals; required aware-datetime, date, bool and bounded int queries,
an enum header and a patterned cookie, both aliased."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Annotated, Any, Literal

from fastapi import Cookie, FastAPI, Header, Query
from pydantic import (
    AwareDatetime,
    BaseModel,
    Field,
    FutureDatetime,
    NaiveDatetime,
    PastDate,
    conlist,
)

DOCS = """
### POST /things
```typescript
export interface ThingIn { step: number; dec: string | number;
  counts: { [key: string]: number }; pair: [number, string]; big: number[]; naive: string;
  prio: 1 | 2 | 3; past: string; due: string; ratio: number; share: string | number;
  tenth: number; }
export interface Thing { ok: boolean; }
```
### GET /search
```typescript
export interface Hits { n: number; }
```
"""



class ThingIn(BaseModel):
    step: float = Field(gt=0.25, multiple_of=0.1)
    dec: decimal.Decimal = Field(gt=0, le=decimal.Decimal("0.5"), decimal_places=2,
                                 multiple_of=decimal.Decimal("0.25"))
    counts: dict[str, int] = Field(min_length=1)
    pair: tuple[int, str]
    big: conlist(Annotated[int, Field(ge=10)], min_length=1)
    naive: NaiveDatetime
    prio: Literal[1, 2, 3]
    past: PastDate
    due: FutureDatetime
    ratio: float = Field(gt=0.1, lt=0.2)
    share: decimal.Decimal = Field(gt=decimal.Decimal("0.1"), lt=decimal.Decimal("0.2"),
                                   decimal_places=2)
    tenth: float = Field(gt=0.25, lt=0.35, multiple_of=0.1)



class Thing(BaseModel):
    ok: bool



class Hits(BaseModel):
    n: int



def make_app() -> FastAPI:
    api = FastAPI(title="Shapes")

    @api.post("/things", status_code=201, response_model=Thing)
    def create(body: ThingIn) -> Any:
        return {"ok": True}

    @api.get("/search", response_model=Hits)
    def search(since: Annotated[AwareDatetime, Query()], day: Annotated[dt.date, Query()],
               exact: Annotated[bool, Query()], n: Annotated[int, Query(gt=0, lt=10)],
               mode: Annotated[Literal["fast", "full"], Header(alias="X-Mode")],
               theme: Annotated[str, Cookie(alias="ui-theme", pattern=r"^(dark|light)$")],
               ) -> Any:
        return {"n": n}

    return api
