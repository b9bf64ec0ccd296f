"""A realistic backend whose TypeScript docs agree with its OpenAPI: pydantic constraints of
every common kind (anchored and unicode patterns, bounded lists, exclusive ranges, steps,
decimals, aware datetimes, durations, uuid versions, networks, secrets, Json[...] fields),
query lists, aliased headers and cookies, bounded path params, 201/202/204 answers and a
pagination envelope. `drift=True` plants one real drift: a field the docs call optional is
required by the backend."""

from __future__ import annotations

import datetime as dt
import decimal
import itertools
from typing import Annotated, Any, Literal

from fastapi import Cookie, FastAPI, Header, Query, Response
from fastapi import Path as PathParam
from pydantic import (
    UUID1,
    UUID4,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    IPvAnyNetwork,
    Json,
    SecretStr,
    model_validator,
)

DOCS = """
# Ledger API

### POST /accounts
```typescript
export interface Address {
  line1: string;
  city: string;
  postcode: string;
  country: "DE" | "FR" | "US";
}
export interface AccountCreate {
  handle: string;
  display_name: string;
  tags: string[];
  limit: number;
  rate: number;
  balance: string | number;
  opened_at: string;
  birthday: string;
  cutoff: string;
  grace: string;
  owner_id: string;
  legacy_id: string;
  network: string;
  secret: string;
  settings: string;
  address: Address;
  kind: "personal" | "business";
  note?: string | null;
  nickname?: string | null;
}
export interface Account { id: string; handle: string; kind: "personal" | "business";
  note?: string | null; }
```

### GET /accounts
Query: `kind` (repeatable), `page`, `per_page`, `active`.
```typescript
export interface AccountPage { items: Account[]; total: number; next_cursor?: string | null; }
```

### GET /accounts/{account_id}
Answers an `Account`.

### DELETE /accounts/{account_id}
No content.

### POST /accounts/{account_id}/transfers
A transfer; `from_date` must be before `to_date` (checked by the server).
```typescript
export interface TransferIn { amount: string | number; currency: "EUR" | "USD";
  from_date: string; to_date: string; }
export interface TransferAccepted { job: string; }
```
"""


class Address(BaseModel):
    model_config = ConfigDict(extra="forbid")
    line1: str = Field(min_length=1, max_length=80)
    city: Annotated[str, Field(pattern=r"^[\p{L} .'-]+$")] = Field(max_length=40)
    postcode: str = Field(pattern=r"^\d{5}$")
    country: Literal["DE", "FR", "US"]


class AccountCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    handle: str = Field(pattern=r"^[a-z][a-z0-9_]{2,15}$")
    display_name: str = Field(min_length=2, max_length=30, pattern=r"^\S.*\S$")
    tags: list[Annotated[str, Field(min_length=2)]] = Field(min_length=1, max_length=5)
    limit: int = Field(gt=0, lt=1000, multiple_of=25)
    rate: float = Field(gt=0.0, le=1.0)
    balance: decimal.Decimal = Field(max_digits=8, decimal_places=2, ge=0)
    opened_at: AwareDatetime
    birthday: dt.date
    cutoff: dt.time
    grace: dt.timedelta
    owner_id: UUID4
    legacy_id: UUID1
    network: IPvAnyNetwork
    secret: SecretStr = Field(min_length=12)
    settings: Json[dict[str, int]]
    address: Address
    kind: Literal["personal", "business"]
    note: str | None = None
    nickname: str | None = Field(default=None, max_length=12)


class Account(BaseModel):
    id: str
    handle: str
    kind: Literal["personal", "business"]
    note: str | None = None


class AccountPage(BaseModel):
    items: list[Account]
    total: int
    next_cursor: str | None = None


class TransferIn(BaseModel):
    amount: decimal.Decimal = Field(gt=0, max_digits=10, decimal_places=2)
    currency: Literal["EUR", "USD"]
    from_date: dt.date
    to_date: dt.date

    @model_validator(mode="after")
    def _order(self) -> TransferIn:  # a cross-field rule the docs state in prose only
        if self.from_date > self.to_date:
            raise ValueError("from_date must not be after to_date")
        return self


class TransferAccepted(BaseModel):
    job: str


def make_app(drift: bool = False) -> FastAPI:
    api = FastAPI(title="Ledger", separate_input_output_schemas=False)
    rows: dict[str, dict[str, Any]] = {"acc_1": {"id": "acc_1", "handle": "first",
                                                  "kind": "personal"}}
    api.state.rows = rows
    ids = itertools.count(2)  # never handed out twice, as a database does

    @api.post("/accounts", status_code=201, response_model=Account,
              response_model_exclude_none=True)
    def create(body: AccountCreate) -> Any:
        if drift and body.nickname is None:  # the planted drift: "optional" but required
            return Response('{"detail":[{"type":"missing","loc":["body","nickname"],'
                            '"msg":"Field required"}]}', 422, media_type="application/json")
        row = {"id": f"acc_{next(ids)}", "handle": body.handle, "kind": body.kind,
               "note": body.note}
        rows[row["id"]] = row
        return row

    @api.get("/accounts", response_model=AccountPage, response_model_exclude_none=True)
    def listing(kind: Annotated[list[Literal["personal", "business"]] | None,
                                Query()] = None,
                page: Annotated[int, Query(ge=1, le=500)] = 1,
                per_page: Annotated[int, Query(alias="perPage", ge=1, le=100)] = 20,
                active: bool = True,
                x_request_id: Annotated[str | None, Header(
                    alias="X-Request-Id", pattern=r"^[0-9a-f]{8}$")] = None,
                locale: Annotated[str, Cookie(alias="ui-locale",
                                              pattern=r"^[a-z]{2}(-[A-Z]{2})?$")] = "en",
                ) -> Any:
        items = [r for r in rows.values() if not kind or r["kind"] in kind]
        return {"items": items, "total": len(items)}

    @api.get("/accounts/{account_id}", response_model=Account,
             response_model_exclude_none=True)
    def read(account_id: Annotated[str, PathParam(pattern=r"^acc_[0-9]+$")]) -> Any:
        return rows.get(account_id) or Response('{"detail":"not found"}', 404,
                                                media_type="application/json")

    @api.delete("/accounts/{account_id}", status_code=204)
    def delete(account_id: Annotated[str, PathParam(pattern=r"^acc_[0-9]+$")]) -> Response:
        rows.pop(account_id, None)
        return Response(status_code=204)

    @api.post("/accounts/{account_id}/transfers", status_code=202,
              response_model=TransferAccepted)
    def transfer(account_id: Annotated[str, PathParam(pattern=r"^acc_[0-9]+$")],
                 body: TransferIn) -> Any:
        return {"job": "job_1"}

    return api
