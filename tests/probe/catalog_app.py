"""A catalog backend as a real project writes it, whose TypeScript docs agree with its OpenAPI:
naming fields with tight constraints (a slug of `^[a-z0-9]+$` up to 12 characters, a store
code of 3 capital letters, a name of 10 characters or more, a 5-character SKU key), a
username unique across the whole table (a second create with the same one is a 409), a
warehouse whose first one must be the default (`is_default` true), as shop backends do, and a
price list that always replaces the current one (`replace_current: Literal[True]`)."""

from __future__ import annotations

import itertools
from typing import Any, Literal

from fastapi import FastAPI, HTTPException, Response
from pydantic import BaseModel, Field

DOCS = """
# Catalog API

### POST /stores
```typescript
export interface StoreCreate { slug: string; code: string; name: string; currency: "EUR" | "USD"; }
export interface Store {
  id: string; slug: string; code: string; name: string; currency: "EUR" | "USD";
}
```

### DELETE /stores/{store_id}
No content.

### POST /products
```typescript
export interface ProductCreate { key: string; name: string; price_cents: number; }
export interface Product { id: string; key: string; name: string; price_cents: number; }
```

### DELETE /products/{product_id}
No content.

### POST /staff
```typescript
export interface StaffCreate { username: string; handle: string; }
export interface Staff { id: string; username: string; handle: string; }
```

### DELETE /staff/{staff_id}
No content.

### POST /warehouses
The first warehouse must be the default one.
```typescript
export interface WarehouseCreate { label: string; is_default: boolean; }
export interface Warehouse { id: string; label: string; is_default: boolean; }
```

### DELETE /warehouses/{warehouse_id}
No content.

### POST /price-lists
A new price list always replaces the current one.
```typescript
export interface PriceListCreate { title: string; replace_current: true; }
export interface PriceList { id: string; title: string; }
```

### DELETE /price-lists/{price_list_id}
No content.
"""


class StoreCreate(BaseModel):
    slug: str = Field(pattern=r"^[a-z0-9]+$", max_length=12)
    code: str = Field(pattern=r"^[A-Z]{3}$")
    name: str = Field(min_length=10, max_length=60)
    currency: Literal["EUR", "USD"]


class Store(StoreCreate):
    id: str


class ProductCreate(BaseModel):
    key: str = Field(min_length=5, max_length=5, pattern=r"^[A-Z0-9]+$")
    name: str = Field(min_length=10)
    price_cents: int = Field(ge=1)


class Product(ProductCreate):
    id: str


class StaffCreate(BaseModel):
    username: str = Field(pattern=r"^[a-z][a-z0-9_]{2,15}$")
    handle: str = Field(max_length=5)


class Staff(StaffCreate):
    id: str


class WarehouseCreate(BaseModel):
    label: str
    is_default: bool


class Warehouse(WarehouseCreate):
    id: str


class PriceListCreate(BaseModel):
    title: str
    replace_current: Literal[True]


class PriceList(BaseModel):
    id: str
    title: str


def make_app() -> FastAPI:
    api = FastAPI()
    ids = itertools.count(1)
    api.state.rows = rows = {}  # type: ignore[var-annotated]
    api.state.seen = seen = []  # type: ignore[var-annotated]

    def add(kind: str, body: BaseModel) -> dict[str, Any]:
        seen.append((kind, body.model_dump()))
        row = {"id": f"{kind[:2]}{next(ids)}", **body.model_dump()}
        rows[row["id"]] = (kind, row)
        return row

    def drop(row_id: str) -> Response:
        rows.pop(row_id, None)
        return Response(status_code=204)

    @api.post("/stores", status_code=201, response_model=Store)
    def create_store(body: StoreCreate) -> Any:
        if any(k == "stores" and r["slug"] == body.slug for k, r in rows.values()):
            raise HTTPException(409, "slug already taken")
        return add("stores", body)

    @api.delete("/stores/{store_id}", status_code=204)
    def delete_store(store_id: str) -> Response:
        return drop(store_id)

    @api.post("/products", status_code=201, response_model=Product)
    def create_product(body: ProductCreate) -> Any:
        return add("products", body)

    @api.delete("/products/{product_id}", status_code=204)
    def delete_product(product_id: str) -> Response:
        return drop(product_id)

    @api.post("/staff", status_code=201, response_model=Staff)
    def create_staff(body: StaffCreate) -> Any:
        if any(k == "staff" and r["username"] == body.username for k, r in rows.values()):
            raise HTTPException(409, "username already taken")
        return add("staff", body)

    @api.delete("/staff/{staff_id}", status_code=204)
    def delete_staff(staff_id: str) -> Response:
        return drop(staff_id)

    @api.post("/warehouses", status_code=201, response_model=Warehouse)
    def create_warehouse(body: WarehouseCreate) -> Any:
        if not any(k == "warehouses" for k, _ in rows.values()) and not body.is_default:
            raise HTTPException(422, [{"type": "value_error", "loc": ["body", "is_default"],
                                       "msg": "the first warehouse must be the default"}])
        return add("warehouses", body)

    @api.delete("/warehouses/{warehouse_id}", status_code=204)
    def delete_warehouse(warehouse_id: str) -> Response:
        return drop(warehouse_id)

    @api.post("/price-lists", status_code=201, response_model=PriceList)
    def create_price_list(body: PriceListCreate) -> Any:
        return add("price-lists", body)

    @api.delete("/price-lists/{price_list_id}", status_code=204)
    def delete_price_list(price_list_id: str) -> Response:
        return drop(price_list_id)

    return api
