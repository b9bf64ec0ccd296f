"""Creates where a value the probe makes harmless (defuse.py) meets the backend's own rules: a
flag whose name joins an effect with a mode word (`send_test_email`, `publish_draft`: on, they
mail), a leap day moved to a year without one, a `server` or a `confirm` the backend's schema
allows only one way, a webhook URL the backend checks resolves, and a database DSN and an
SMTP relay `[::1]:25` the backend connects to at once. Every create has a DELETE;
what reaches past the run is in the ledger's effects."""

# no `from __future__ import annotations`: the routes are typed by a model given at run time

from datetime import date
from typing import Any, Literal
from urllib.parse import urlsplit

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

from tests.probe.redteam_app import Ledger, _ledgered

DOCS = """
# Defused values

### POST /newsletters
```ts
export interface NewsletterCreate { title: string; send_test_email?: boolean;
  publish_draft?: boolean; }
```

Request body example:

```json
{"title": "Weekly", "send_test_email": false, "publish_draft": false}
```

### POST /scheduled
```ts
export interface ScheduledCreate { title: string; publish_at: string; }
```

Request body example:

```json
{"title": "Leap", "publish_at": "2024-02-29"}
```

### POST /monitors
```ts
export interface MonitorCreate { label: string; server: "eu" | "us"; confirm: true; }
```

### POST /hooks
```ts
export interface HookCreate { url: string; }
```

Request body example:

```json
{"url": "https://hooks.partner-crm.com/incoming"}
```

### POST /databases
```ts
export interface DatabaseCreate { label: string; dsn: string; }
```

Request body example:

```json
{"label": "warehouse", "dsn": "postgres://admin:hunter2@prod-db.acme-corp.com:5432/app"}
```

### POST /relays
```ts
export interface RelayCreate { label: string; smtp_host: string; }
```

Request body example:

```json
{"label": "local", "smtp_host": "[::1]:25"}
```
"""
# Hosts and addresses a connection to reaches nobody (RFC 2606, 6761, 5737, 3849).
RESERVED = (".invalid", ".example", ".test", "example.com", "example.net", "example.org")
DOC_ADDRESSES = ("192.0.2.", "198.51.100.", "203.0.113.", "2001:db8:")


class NewsletterCreate(BaseModel):
    title: str
    send_test_email: bool = False
    publish_draft: bool = False


class ScheduledCreate(BaseModel):
    title: str
    publish_at: date  # a day that does not exist is refused (422)


class MonitorCreate(BaseModel):
    label: str
    server: Literal["eu", "us"]
    confirm: Literal[True]


class HookCreate(BaseModel):
    url: str


class DatabaseCreate(BaseModel):
    label: str
    dsn: str


class RelayCreate(BaseModel):
    label: str
    smtp_host: str


def _reaches_nobody(host: str) -> bool:
    host = host.strip("[]").lower()
    return host.endswith(RESERVED) or host.startswith(DOC_ADDRESSES) or "://" not in host and (
        host.startswith("sample-"))


def make_app() -> FastAPI:
    app = FastAPI()
    ledger = Ledger({"newsletters": {}, "scheduled": {}, "monitors": {}, "hooks": {},
                     "databases": {}, "relays": {}})
    _ledgered(app, ledger, ())

    def crud(table: str, model: type[BaseModel], check: Any = None) -> None:
        @app.post(f"/{table}", status_code=201, name=f"create_{table}")
        def create(body: model) -> dict[str, Any]:  # type: ignore[valid-type]
            if check is not None:
                check(body)
            return ledger.new(table, body.model_dump(mode="json"))

        @app.get(f"/{table}/{{item_id}}", name=f"read_{table}")
        def read(item_id: str) -> dict[str, Any]:
            if item_id not in ledger.data[table]:
                raise HTTPException(404)
            return ledger.data[table][item_id]

        @app.delete(f"/{table}/{{item_id}}", status_code=204, name=f"delete_{table}")
        def delete(item_id: str) -> None:
            if ledger.data[table].pop(item_id, None) is None:
                raise HTTPException(404)

    def mails(body: NewsletterCreate) -> None:
        if body.send_test_email or body.publish_draft:
            ledger.effects.append(f"newsletter {body.title!r} mailed to the list")

    def resolves(body: HookCreate) -> None:
        host = urlsplit(body.url).hostname or ""
        if host.endswith(".invalid"):  # a backend that checks a webhook's host resolves
            raise HTTPException(422, detail=[{"loc": ["body", "url"], "type": "value_error",
                                              "msg": "the host does not resolve"}])

    def connects(body: DatabaseCreate) -> None:  # a new connection is tested at once
        host = urlsplit(body.dsn).hostname or body.dsn
        if not _reaches_nobody(host):
            ledger.effects.append(f"connected to {host}")

    def relays(body: RelayCreate) -> None:
        host = body.smtp_host.rpartition(":")[0] if body.smtp_host.startswith("[") else (
            body.smtp_host.partition(":")[0])
        if not _reaches_nobody(host):
            ledger.effects.append(f"opened SMTP to {host}")

    crud("newsletters", NewsletterCreate, mails)
    crud("databases", DatabaseCreate, connects)
    crud("relays", RelayCreate, relays)
    crud("scheduled", ScheduledCreate)
    crud("monitors", MonitorCreate)
    crud("hooks", HookCreate, resolves)
    return app
