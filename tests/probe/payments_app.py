"""A Stripe-like backend whose TypeScript docs agree with its OpenAPI: bearer auth on every
route, form-encoded creates (aliased `metadata[key]` fields, form booleans and bounded ints),
a multipart upload with a file and JSON-ish fields, a list endpoint with repeated enum query
values, bracketed aliases and a cursor pattern, and a `{object, data, has_more}` envelope.
`drift=True` plants one real drift: the upload needs `purpose`, which the docs call optional."""

from __future__ import annotations

import itertools
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, File, Form, HTTPException, Query, UploadFile
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Json

TOKEN = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"

DOCS = """
# Payments API

### POST /v1/customers
Form-encoded.
```typescript
export interface CustomerCreate {
  name: string;
  email: string;
  description?: string;
  "metadata[plan]"?: string;
  "metadata[tier]"?: "gold" | "silver";
  livemode?: boolean;
  seats?: number;
}
export interface Customer { id: string; object: "customer"; name: string; email: string;
  livemode: boolean; seats: number; metadata: { [key: string]: string }; }
```

### GET /v1/customers/{customer_id}
Answers a `Customer`.

### DELETE /v1/customers/{customer_id}
```typescript
export interface CustomerDeleted { id: string; object: "customer"; deleted: boolean; }
```

### GET /v1/charges
Query: `status` (repeatable), `created[gte]`, `limit`, `starting_after`, `include_total`.
```typescript
export interface Charge { id: string; object: "charge"; amount: number;
  status: "pending" | "succeeded" | "failed"; }
export interface ChargeList { object: "list"; data: Charge[]; has_more: boolean; url: string;
  total_count?: number | null; }
```

### POST /v1/files
Multipart: a file and its fields.
```typescript
export interface FileUpload {
  file: Blob;
  purpose?: "dispute_evidence" | "identity_document";
  file_link_data: string;
  tags: string[];
}
export interface FileObject { id: string; object: "file"; purpose: string; size: number;
  tags: string[]; }
```
"""


class Out(BaseModel):
    # defaulted fields are always sent, and the spec says so (as Stripe's does)
    model_config = ConfigDict(json_schema_serialization_defaults_required=True)


class Customer(Out):
    id: str
    object: Literal["customer"] = "customer"
    name: str
    email: str
    livemode: bool
    seats: int
    metadata: dict[str, str]


class CustomerDeleted(Out):
    id: str
    object: Literal["customer"] = "customer"
    deleted: bool


class Charge(Out):
    id: str
    object: Literal["charge"] = "charge"
    amount: int
    status: Literal["pending", "succeeded", "failed"]


class ChargeList(BaseModel):  # total_count is left out when None (exclude_none)
    object: Literal["list"]
    data: list[Charge]
    has_more: bool
    url: str
    total_count: int | None = None


class FileObject(Out):
    id: str
    object: Literal["file"] = "file"
    purpose: str
    size: int
    tags: list[str]


class LinkData(BaseModel):
    create: bool


BEARER = HTTPBearer()


def auth(creds: Annotated[HTTPAuthorizationCredentials, Depends(BEARER)]) -> None:
    if creds.credentials != TOKEN:
        raise HTTPException(401, "Invalid API key provided")


def make_app(drift: bool = False) -> FastAPI:
    api = FastAPI(title="Payments", dependencies=[Depends(auth)])
    customers: dict[str, dict[str, Any]] = {}
    api.state.customers = customers
    ids = itertools.count(1)  # never handed out twice, as a database does

    @api.post("/v1/customers", response_model=Customer)
    def create_customer(
            name: Annotated[str, Form(min_length=1, max_length=64)],
            email: Annotated[str, Form(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")],
            description: Annotated[str | None, Form(max_length=350)] = None,
            plan: Annotated[str | None, Form(alias="metadata[plan]", max_length=40)] = None,
            tier: Annotated[Literal["gold", "silver"] | None,
                            Form(alias="metadata[tier]")] = None,
            livemode: Annotated[bool, Form()] = False,
            seats: Annotated[int, Form(ge=1, le=500)] = 1) -> Any:
        row = {"id": f"cus_{next(ids)}", "name": name, "email": email,
               "livemode": livemode, "seats": seats,
               "metadata": {k: v for k, v in (("plan", plan), ("tier", tier)) if v}}
        customers[row["id"]] = row
        return row

    @api.get("/v1/customers/{customer_id}", response_model=Customer)
    def read_customer(customer_id: str) -> Any:
        if customer_id not in customers:
            raise HTTPException(404, "No such customer")
        return customers[customer_id]

    @api.delete("/v1/customers/{customer_id}", response_model=CustomerDeleted)
    def delete_customer(customer_id: str) -> Any:
        customers.pop(customer_id, None)
        return {"id": customer_id, "deleted": True}

    @api.get("/v1/charges", response_model=ChargeList, response_model_exclude_none=True)
    def charges(status: Annotated[list[Literal["pending", "succeeded", "failed"]],
                                  Query()] = [],  # noqa: B006
                created_gte: Annotated[int | None, Query(alias="created[gte]", ge=0)] = None,
                limit: Annotated[int, Query(ge=1, le=100)] = 10,
                starting_after: Annotated[str | None, Query(pattern=r"^ch_[A-Za-z0-9]+$")]
                = None,
                include_total: bool = False) -> Any:
        rows = [{"id": "ch_1", "amount": 500, "status": "succeeded"},
                {"id": "ch_2", "amount": 90, "status": "failed"}]
        rows = [r for r in rows if not status or r["status"] in status][:limit]
        return {"object": "list", "data": rows, "has_more": False, "url": "/v1/charges",
                "total_count": len(rows) if include_total else None}

    @api.post("/v1/files", response_model=FileObject, status_code=201)
    async def upload(file: Annotated[UploadFile, File()],
                     file_link_data: Annotated[Json[LinkData], Form()],
                     tags: Annotated[list[str], Form(min_length=1)],
                     purpose: Annotated[Literal["dispute_evidence", "identity_document"] | None,
                                        Form()] = None) -> Any:
        if drift and purpose is None:  # the planted drift: "optional" but required
            raise HTTPException(422, [{"type": "missing", "loc": ["body", "purpose"],
                                       "msg": "Field required"}])
        return {"id": "file_1", "purpose": purpose or "dispute_evidence",
                "size": len(await file.read()), "tags": tags}

    return api
