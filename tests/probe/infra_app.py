"""An infrastructure backend as a real project writes it, whose TypeScript docs agree with its
OpenAPI: webhooks with an https-only `HttpUrl`, monitors whose `target` is an `IPvAnyAddress`,
database connections whose `host` is a hostname by regex, a host pattern that takes no
`.invalid` name, and a chat integration whose `callback` must be on the chat vendor's own host
(a pattern): no reserved host fits it, so the probe must not send it, and say why."""

from __future__ import annotations

import itertools
from typing import Any

from fastapi import FastAPI, Response
from pydantic import BaseModel, Field, HttpUrl, IPvAnyAddress, field_validator

DOCS = """
# Infra API

### POST /webhooks
```typescript
export interface WebhookCreate { url: string; events: string[]; }
export interface Webhook { id: string; url: string; events: string[]; }
```

### DELETE /webhooks/{webhook_id}
No content.

### POST /monitors
```typescript
export interface MonitorCreate { title: string; target_ip: string; port: number; }
export interface Monitor { id: string; title: string; target_ip: string; port: number; }
```

### DELETE /monitors/{monitor_id}
No content.

### POST /connections
```typescript
export interface ConnectionCreate { host: string; database: string; }
export interface Connection { id: string; host: string; database: string; }
```

### DELETE /connections/{connection_id}
No content.

### POST /integrations
```typescript
export interface IntegrationCreate { title: string; callback: string; }
export interface Integration { id: string; title: string; callback: string; }
```

### DELETE /integrations/{integration_id}
No content.
"""

HOSTNAME = (r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*"
            r"\.(com|net|io)$")
SLACK = r"^https://hooks\.slack\.com/services/[A-Z0-9]{4}$"


class WebhookCreate(BaseModel):
    url: HttpUrl
    events: list[str] = Field(min_length=1)

    @field_validator("url")
    @classmethod
    def _https(cls, value: HttpUrl) -> HttpUrl:
        if value.scheme != "https":
            raise ValueError("webhooks must use https")
        return value


class Webhook(BaseModel):
    id: str
    url: str
    events: list[str]


class MonitorCreate(BaseModel):
    title: str
    target_ip: IPvAnyAddress
    port: int = Field(ge=1, le=65535)


class Monitor(BaseModel):
    id: str
    title: str
    target_ip: str
    port: int


class ConnectionCreate(BaseModel):
    host: str = Field(pattern=HOSTNAME)
    database: str = Field(pattern=r"^[a-z_]+$")


class Connection(ConnectionCreate):
    id: str


class IntegrationCreate(BaseModel):
    title: str
    callback: str = Field(pattern=SLACK)


class Integration(IntegrationCreate):
    id: str


def make_app() -> FastAPI:
    api = FastAPI()
    ids = itertools.count(1)
    api.state.rows = rows = {}  # type: ignore[var-annotated]
    api.state.seen = seen = []  # type: ignore[var-annotated]

    def add(kind: str, body: BaseModel) -> dict[str, Any]:
        seen.append((kind, body.model_dump(mode="json")))
        row = {"id": f"{kind[:2]}{next(ids)}", **body.model_dump(mode="json")}
        rows[row["id"]] = row
        return row

    def drop(row_id: str) -> Response:
        rows.pop(row_id, None)
        return Response(status_code=204)

    @api.post("/webhooks", status_code=201, response_model=Webhook)
    def webhook(body: WebhookCreate) -> Any:
        return add("webhooks", body)

    @api.delete("/webhooks/{webhook_id}", status_code=204)
    def delete_webhook(webhook_id: str) -> Response:
        return drop(webhook_id)

    @api.post("/monitors", status_code=201, response_model=Monitor)
    def monitor(body: MonitorCreate) -> Any:
        return add("monitors", body)

    @api.delete("/monitors/{monitor_id}", status_code=204)
    def delete_monitor(monitor_id: str) -> Response:
        return drop(monitor_id)

    @api.post("/connections", status_code=201, response_model=Connection)
    def connection(body: ConnectionCreate) -> Any:
        return add("connections", body)

    @api.delete("/connections/{connection_id}", status_code=204)
    def delete_connection(connection_id: str) -> Response:
        return drop(connection_id)

    @api.post("/integrations", status_code=201, response_model=Integration)
    def integration(body: IntegrationCreate) -> Any:
        return add("integrations", body)

    @api.delete("/integrations/{integration_id}", status_code=204)
    def delete_integration(integration_id: str) -> Response:
        return drop(integration_id)

    return api
