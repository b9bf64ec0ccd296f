"""A Stripe-style backend that parses its urlencoded body itself: nested objects as bracketed
keys (`metadata[order_id]`, `shipping[address][city]`), declared in its OpenAPI with
`style: deepObject` as Stripe's is; the docs agree with the spec."""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI, HTTPException, Request

DOCS = """
### POST /v1/invoices
```typescript
export interface InvoiceCreate {
  customer: string;
  metadata: { order_id: string; [key: string]: string };
  shipping: { name: string; address: { city: string; postal_code?: string } };
  auto_advance?: boolean;
}
export interface Invoice { id: string; customer: string; metadata: { [key: string]: string }; }
```
"""

BODY = {"type": "object", "required": ["customer", "metadata", "shipping"], "properties": {
    "customer": {"type": "string", "pattern": "^cus_[A-Za-z0-9]+$"},
    "metadata": {"type": "object", "required": ["order_id"],
                 "properties": {"order_id": {"type": "string"}},
                 "additionalProperties": {"type": "string"}},
    "shipping": {"type": "object", "required": ["name", "address"], "properties": {
        "name": {"type": "string"},
        "address": {"type": "object", "required": ["city"], "properties": {
            "city": {"type": "string"}, "postal_code": {"type": "string"}}}}},
    "auto_advance": {"type": "boolean"}}}
KEY = re.compile(r"^([a-z_]+)((?:\[[a-z_0-9]+\])*)$")


def _nest(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        found = KEY.match(key)
        if not found:
            continue
        path = [found.group(1), *re.findall(r"\[([a-z_0-9]+)\]", found.group(2))]
        here = out
        for part in path[:-1]:
            here = here.setdefault(part, {})
            if not isinstance(here, dict):
                raise HTTPException(400, f"{key}: not an object")
        here[path[-1]] = value
    return out


def make_app() -> FastAPI:
    api = FastAPI(title="Billing")

    request = {"required": True, "content": {"application/x-www-form-urlencoded": {
        "schema": {"$ref": "#/components/schemas/InvoiceCreate"}, "encoding": {
            "metadata": {"style": "deepObject", "explode": True},
            "shipping": {"style": "deepObject", "explode": True}}}}}
    answer = {"type": "object", "required": ["id", "customer", "metadata"], "properties": {
        "id": {"type": "string"}, "customer": {"type": "string"},
        "metadata": {"type": "object", "additionalProperties": {"type": "string"}}}}

    @api.post("/v1/invoices", openapi_extra={"requestBody": request}, responses={
        200: {"content": {"application/json": {"schema": {
            "$ref": "#/components/schemas/Invoice"}}}}})
    async def create(request: Request) -> Any:
        body = _nest(list((await request.form()).multi_items()))  # type: ignore[arg-type]
        missing = [["body", k] for k in ("customer", "metadata", "shipping") if k not in body]
        if "metadata" in body and "order_id" not in body["metadata"]:
            missing.append(["body", "metadata", "order_id"])
        shipping = body.get("shipping", {})
        if "shipping" in body and "name" not in shipping:
            missing.append(["body", "shipping", "name"])
        if "shipping" in body and "address" not in shipping:
            missing.append(["body", "shipping", "address"])
        elif "shipping" in body and "city" not in shipping["address"]:
            missing.append(["body", "shipping", "address", "city"])
        if missing:
            raise HTTPException(422, [{"type": "missing", "loc": loc, "msg": "Field required"}
                                      for loc in missing])
        return {"id": "in_1", "customer": body["customer"], "metadata": body["metadata"]}

    plain = api.openapi

    def with_components() -> dict[str, Any]:  # named as the docs name them
        spec = plain()
        spec.setdefault("components", {}).setdefault("schemas", {}).update(
            InvoiceCreate=BODY, Invoice=answer)
        return spec

    api.openapi = with_components  # type: ignore[method-assign]
    return api
