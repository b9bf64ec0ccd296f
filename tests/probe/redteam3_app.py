"""A third red team (redteam_app.py's ledger): creates the probe may send, with a DELETE to undo
them, whose values reach past the object they make. A flag in the body that mails followers
(`notify_followers`, `announce`) or revokes every other API key (`revoke_others`); a phone
number under a key that does not say phone (`to`, `phones`); a URL the backend calls on create
(a webhook's ping, an avatar fetched from `source_url`: SSRF to the cloud's metadata); an
enum value reaching everyone (`audience: "everyone"`); an address the docs' schema gives as an
`@example` (sent by --field-by-field and --promises); physical mail (Lob's letters); and an IP
allow-list whose first entry locks every other client out (GitHub's, Cloudflare's)."""

from __future__ import annotations

import ipaddress
from datetime import datetime, timezone
from typing import Any, Literal
from urllib.parse import urlsplit

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field, IPvAnyAddress

from tests.probe.redteam_app import Ledger, _ledgered, _real_mail, _real_phone

# Hosts a backend may call without reaching anyone (RFC 2606 / 6761 names).
RESERVED_HOSTS = ("example.com", "example.org", "example.net", ".example", ".test", ".invalid")

DOCS = """
# Third red team

### POST /posts
```ts
export interface PostCreate { title: string; notify_followers?: boolean; }
```

### POST /api-keys
```ts
export interface KeyCreate { name: string; revoke_others?: boolean; }
```

### POST /releases
```ts
export interface ReleaseCreate { tag: string; announce: boolean; }
```

### POST /reminders
```ts
export interface ReminderCreate { text: string; to: string; }
```

Request body example:

```json
{"text": "Standup at 10", "to": "+14155552671"}
```

### POST /groups
```ts
export interface GroupCreate { name: string; phones: string[]; }
```

Request body example:

```json
{"name": "On call", "phones": ["+44 20 7946 0958"]}
```

### POST /webhooks
```ts
export interface HookCreate { url: string; events: string[]; }
```

Request body example:

```json
{"url": "https://hooks.partner-crm.com/incoming", "events": ["push"]}
```

### POST /avatars
```ts
export interface AvatarCreate { source_url: string; }
```

Request body example:

```json
{"source_url": "http://169.254.169.254/latest/meta-data/iam/security-credentials/"}
```

### POST /tickets
```ts
export interface TicketCreate {
  subject: string;
  /** @example "cfo@acme-corp.com" */
  cc?: string;
}
```

### POST /polls
```ts
export interface PollCreate { question: string; audience: "everyone" | "team"; }
```

Request body example:

```json
{"question": "Lunch on Friday?", "audience": "everyone"}
```

### POST /surveys
```ts
export interface SurveyCreate { title: string; audience: "everyone"; }
```

### POST /articles
```ts
export interface ArticleCreate { title: string; }
```

### POST /issues
```ts
export interface IssueCreate {
  title: string;
  /** @example "octocat" */
  assignee?: string;
}
```

### PATCH /issues/{item_id}
```ts
export interface IssueUpdate {
  title?: string;
  /** @example "octocat" */
  assignee?: string;
  /** @example "acme-corp" */
  org?: string;
}
```

### POST /shares
```ts
export interface ShareCreate { note: string; }
```

### GET /unfurl
```ts
export interface Preview { title: string; }
```

### POST /campaigns
```ts
export interface CampaignCreate { name: string; status: "published" | "draft" | "sending"; }
```

### POST /connections
```ts
export interface ConnectionCreate { name: string; host: string; port: number; }
```

Request body example:

```json
{"name": "warehouse", "host": "prod-db.internal.acme-corp.com", "port": 5432}
```

### POST /monitors
```ts
export interface MonitorCreate { name: string; target_ip: string; }
```

Request body example:

```json
{"name": "gateway", "target_ip": "10.20.0.1"}
```

### POST /addresses
```ts
export interface AddressCreate { line1: string; is_default?: boolean; }
```

### POST /team-members
```ts
export interface MemberCreate { name: string; role: "owner" | "admin" | "member"; }
```

### POST /scheduled-posts
```ts
export interface ScheduledCreate { title: string; publish_at: string; }
```

### POST /events
```ts
export interface EventCreate { title: string; notify_attendees?: boolean; audience?: string; }
```

### POST /roles
```ts
export interface RoleCreate { name: string; permissions: string[]; }
```

### POST /letters
```ts
export interface LetterCreate { to_name: string; to_address: string; body: string; }
```

Request body example:

```json
{"to_name": "Jane Doe", "to_address": "185 Berry St, San Francisco, CA 94107",
 "body": "Your statement"}
```

### POST /statuses
```ts
export interface StatusCreate { status: string; visibility?: "public" | "unlisted"; }
```

### POST /tweets
```ts
export interface TweetCreate { text: string; }
```

### POST /announcements
```ts
export interface AnnouncementCreate { title: string; body: string; }
```

### POST /ip-allowlist
```ts
export interface AllowCreate { cidr: string; }
```

Request body example:

```json
{"cidr": "203.0.113.0/24"}
```
"""

SEED: dict[str, dict[str, Any]] = {
    "keys": {"k-probe": {"id": "k-probe", "name": "ci"}},
    "followers": {"f-1": {"id": "f-1", "email": "fan@gmail.com"}},
    "users": {"octocat": {"login": "octocat", "email": "octocat@github.com"}},
    **{table: {} for table in ("posts", "releases", "reminders", "groups", "webhooks",
                               "avatars", "tickets", "polls", "surveys", "letters",
                               "allowlist", "articles", "issues", "shares", "campaigns",
                               "statuses", "tweets", "announcements",
                               "connections", "monitors", "team", "scheduled", "events")},
    "roles": {"admin": {"id": "admin", "name": "admin", "permissions": ["*"]}},
    # the customer's own default address, and the team's one owner (Slack's primary owner)
    "addresses": {"ad-1": {"id": "ad-1", "line1": "1 Main St", "is_default": True}},
    "owners": {"u-1": {"id": "u-1", "name": "Alice", "role": "owner"}},
}


class PostCreate(BaseModel):
    title: str
    notify_followers: bool = False


class KeyCreate(BaseModel):
    name: str
    revoke_others: bool = False


class ReleaseCreate(BaseModel):
    tag: str
    announce: bool


class ReminderCreate(BaseModel):
    text: str
    to: str


class GroupCreate(BaseModel):
    name: str
    phones: list[str]


class HookCreate(BaseModel):
    url: str
    events: list[str]


class AvatarCreate(BaseModel):
    source_url: str


class TicketCreate(BaseModel):
    subject: str
    cc: str | None = None


class PollCreate(BaseModel):
    question: str
    audience: Literal["everyone", "team"]


class SurveyCreate(BaseModel):
    title: str
    audience: str


class ArticleCreate(BaseModel):
    title: str


class IssueCreate(BaseModel):
    title: str
    assignee: str | None = None


class IssueUpdate(BaseModel):
    title: str | None = None
    assignee: str | None = None
    org: str | None = None


class ShareCreate(BaseModel):
    note: str


class CampaignCreate(BaseModel):
    name: str
    status: Literal["published", "draft", "sending"]


class ConnectionCreate(BaseModel):
    name: str
    host: str
    port: int


class MonitorCreate(BaseModel):
    name: str
    target_ip: IPvAnyAddress


class AddressCreate(BaseModel):
    line1: str
    is_default: bool = False


class MemberCreate(BaseModel):
    name: str
    role: Literal["owner", "admin", "member"]


class ScheduledCreate(BaseModel):
    title: str
    publish_at: datetime


class EventCreate(BaseModel):
    title: str
    notify_attendees: bool = True  # the backend's default: a body without it mails
    audience: Literal["everyone", "invited"] = "everyone"


class RoleCreate(BaseModel):
    name: str = Field(examples=["admin"])
    permissions: list[str]


class LetterCreate(BaseModel):
    to_name: str
    to_address: str
    body: str


class AllowCreate(BaseModel):
    cidr: str


class StatusCreate(BaseModel):
    status: str
    visibility: Literal["public", "unlisted"] = "public"


class TweetCreate(BaseModel):
    text: str


class AnnouncementCreate(BaseModel):
    title: str
    body: str


def outside(url: str) -> bool:
    """Whether a backend calling `url` reaches a host outside the reserved names (the
    partner's server, the cloud's metadata service, the backend's own localhost)."""
    host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    return bool(host) and not any(host == h or host.endswith(h if h.startswith(".") else "." + h)
                                  for h in RESERVED_HOSTS)


def make_app() -> FastAPI:
    app = FastAPI(title="Third red team")
    ledger = Ledger(SEED)
    data = ledger.data
    _ledgered(app, ledger, ("/openapi.json",))

    @app.middleware("http")
    async def allowlist(request: Request, call_next):  # noqa: ANN001, ANN202
        # GitHub's and Cloudflare's IP allow-lists: once one entry exists, only its networks
        # get in; the probe (127.0.0.1) is not in 203.0.113.0/24, nor is any other client
        nets = [ipaddress.ip_network(r["cidr"], strict=False)
                for r in data["allowlist"].values()]
        client = ipaddress.ip_address(request.client.host if request.client else "127.0.0.1")
        if nets and not any(client in net for net in nets) and \
                request.url.path != "/openapi.json":
            ledger.effects.append(f"locked out {request.method} {request.url.path}")
            return JSONResponse({"detail": "IP not allowed"}, status_code=403)
        return await call_next(request)

    def made(table: str, row: dict[str, Any]) -> dict[str, Any]:
        return ledger.new(table, {**row, "created_at": datetime.now(timezone.utc).isoformat()})

    def delete(table: str, key: str) -> Response:
        if data[table].pop(key, None) is None:
            raise HTTPException(404, "Not Found")
        return Response(status_code=204)

    def remover(table: str) -> Any:
        def remove(item_id: str) -> Response:
            return delete(table, item_id)
        return remove

    @app.post("/posts", status_code=201)
    def post(body: PostCreate) -> Any:
        if body.notify_followers:
            for fan in data["followers"].values():
                ledger.mail(fan["email"], "new post")
        return made("posts", body.model_dump())

    @app.post("/api-keys", status_code=201)
    def key(body: KeyCreate) -> Any:
        if body.revoke_others:
            ledger.effects.append("revoked every other key, the probe's own among them")
        return made("keys", body.model_dump())

    @app.post("/releases", status_code=201)
    def release(body: ReleaseCreate) -> Any:
        if body.announce:
            for fan in data["followers"].values():
                ledger.mail(fan["email"], "release announcement")
        return made("releases", body.model_dump())

    @app.post("/reminders", status_code=201)
    def reminder(body: ReminderCreate) -> Any:
        if _real_phone(body.to):
            ledger.effects.append(f"sms reminder to {body.to}")
        return made("reminders", body.model_dump())

    @app.post("/groups", status_code=201)
    def group(body: GroupCreate) -> Any:
        for phone in body.phones:
            if _real_phone(phone):
                ledger.effects.append(f"sms welcome to {phone}")
        return made("groups", body.model_dump())

    @app.post("/webhooks", status_code=201)
    def hook(body: HookCreate) -> Any:
        if outside(body.url):  # GitHub pings a new hook
            ledger.effects.append(f"pinged {body.url}")
        return made("webhooks", body.model_dump())

    @app.post("/avatars", status_code=201)
    def avatar(body: AvatarCreate) -> Any:
        if outside(body.source_url):  # fetched server-side
            ledger.effects.append(f"fetched {body.source_url}")
        return made("avatars", body.model_dump())

    @app.post("/tickets", status_code=201)
    def ticket(body: TicketCreate) -> Any:
        if body.cc and _real_mail(body.cc):
            ledger.mail(body.cc, "ticket cc")
        return made("tickets", body.model_dump())

    @app.post("/polls", status_code=201)
    def poll(body: PollCreate) -> Any:
        if body.audience == "everyone":
            for fan in data["followers"].values():
                ledger.mail(fan["email"], "poll")
        return made("polls", body.model_dump())

    @app.post("/surveys", status_code=201)
    def survey(body: SurveyCreate) -> Any:
        if body.audience.lower() in ("all", "everyone", "*"):
            for fan in data["followers"].values():
                ledger.mail(fan["email"], "survey")
        return made("surveys", body.model_dump())

    @app.post("/articles", status_code=201)
    def article(body: ArticleCreate, notify: bool) -> Any:
        if notify:
            for fan in data["followers"].values():
                ledger.mail(fan["email"], "new article")
        return made("articles", body.model_dump())

    def assign(login: str | None) -> None:
        user = data["users"].get(login or "")
        if user:  # GitHub mails whom an issue is assigned to
            ledger.mail(user["email"], "issue assigned")

    @app.post("/issues", status_code=201)
    def issue(body: IssueCreate) -> Any:
        assign(body.assignee)
        return made("issues", {**body.model_dump(), "org": "mine"})

    @app.patch("/issues/{item_id}")
    def update_issue(item_id: str, body: IssueUpdate) -> Any:
        row = data["issues"].get(item_id)
        if row is None:
            raise HTTPException(404, "Not Found")
        assign(body.assignee)
        if body.org and body.org != row["org"]:  # moved into another org: its members see it
            ledger.effects.append(f"moved {item_id} into org {body.org}")
        row.update(body.model_dump(exclude_none=True))
        return row

    # the spec's own examples of query parameters: a real address, an internal URL
    @app.post("/shares", status_code=201)
    def share(body: ShareCreate,
              email: str = Query(examples=["jane.doe@gmail.com"])) -> Any:
        if _real_mail(email):
            ledger.mail(email, "shared with you")
        return made("shares", {**body.model_dump(), "email": email})

    @app.get("/unfurl")
    def unfurl(url: str = Query(examples=["http://10.0.0.7/admin/export"])) -> dict[str, str]:
        if outside(url):  # a link preview: the backend fetches the page
            ledger.effects.append(f"fetched {url}")
        return {"title": "preview"}

    @app.post("/campaigns", status_code=201)
    def campaign(body: CampaignCreate) -> Any:
        if body.status != "draft":  # Mailchimp-like: a campaign made sending goes out
            for fan in data["followers"].values():
                ledger.mail(fan["email"], f"campaign ({body.status})")
        return made("campaigns", body.model_dump())

    @app.post("/connections", status_code=201)
    def connection(body: ConnectionCreate) -> Any:
        if outside(f"tcp://{body.host}"):  # Metabase tests a new database's connection
            ledger.effects.append(f"connected to {body.host}:{body.port}")
        return made("connections", body.model_dump())

    @app.post("/monitors", status_code=201)
    def monitor(body: MonitorCreate) -> Any:
        if body.target_ip not in ipaddress.ip_network("192.0.2.0/24"):
            ledger.effects.append(f"pinged {body.target_ip}")  # an uptime check, at once
        return made("monitors", body.model_dump(mode="json"))

    @app.post("/addresses", status_code=201)
    def address(body: AddressCreate) -> Any:
        if body.is_default:  # one default: the new one unmakes the customer's own
            for row in data["addresses"].values():
                row["is_default"] = False
        return made("addresses", body.model_dump())

    @app.post("/team-members", status_code=201)
    def member(body: MemberCreate) -> Any:
        if body.role == "owner":  # one owner: the old one becomes an admin
            for row in data["owners"].values():
                row["role"] = "admin"
        return made("team", body.model_dump())

    @app.post("/scheduled-posts", status_code=201)
    def schedule(body: ScheduledCreate) -> Any:
        when = body.publish_at if body.publish_at.tzinfo else body.publish_at.replace(
            tzinfo=timezone.utc)
        if when <= datetime.now(timezone.utc):  # Buffer-like: a time gone by goes out now
            for fan in data["followers"].values():
                ledger.mail(fan["email"], "scheduled post")
        return made("scheduled", body.model_dump(mode="json"))

    @app.post("/events", status_code=201)
    def event(body: EventCreate) -> Any:
        if body.notify_attendees or body.audience == "everyone":
            for fan in data["followers"].values():
                ledger.mail(fan["email"], "event")
        return made("events", body.model_dump())

    @app.post("/roles", status_code=201)
    def role(body: RoleCreate) -> Any:
        # keyed by name (Keycloak's realm roles): a role of that name is overwritten
        old = data["roles"].get(body.name)
        if old is not None:
            old.update(body.model_dump())
            return old
        row = {"id": body.name, **body.model_dump(),
               "created_at": datetime.now(timezone.utc).isoformat()}
        data["roles"][body.name] = row
        ledger.created.append(("roles", body.name))
        return row

    @app.post("/letters", status_code=201)
    def letter(body: LetterCreate) -> Any:
        # Lob: printed and posted the same day; a DELETE cancels only what is not yet sent
        ledger.effects.append(f"posted a letter to {body.to_name}")
        return made("letters", body.model_dump())

    # Public content goes out the moment it is made: a status federates to every follower's
    # server (Mastodon), a tweet reaches the timeline, an announcement is pushed to every
    # member; the DELETE that follows takes back none of what was delivered.
    @app.post("/statuses", status_code=201)
    def status(body: StatusCreate) -> Any:
        ledger.effects.append(f"federated a status to followers: {body.status[:20]}")
        return made("statuses", body.model_dump())

    @app.post("/tweets", status_code=201)
    def tweet(body: TweetCreate) -> Any:
        ledger.effects.append(f"tweeted: {body.text[:20]}")
        return made("tweets", body.model_dump())

    @app.post("/announcements", status_code=201)
    def announce(body: AnnouncementCreate) -> Any:
        ledger.effects.append(f"announced to every member: {body.title[:20]}")
        return made("announcements", body.model_dump())

    @app.post("/ip-allowlist", status_code=201)
    def allow(body: AllowCreate) -> Any:
        try:
            ipaddress.ip_network(body.cidr, strict=False)
        except ValueError as error:
            raise HTTPException(422, "not a network") from error
        return made("allowlist", body.model_dump())

    for table, path in (("posts", "/posts"), ("keys", "/api-keys"), ("releases", "/releases"),
                        ("reminders", "/reminders"), ("groups", "/groups"),
                        ("webhooks", "/webhooks"), ("avatars", "/avatars"),
                        ("tickets", "/tickets"), ("polls", "/polls"), ("surveys", "/surveys"),
                        ("letters", "/letters"), ("articles", "/articles"),
                        ("issues", "/issues"), ("shares", "/shares"),
                        ("campaigns", "/campaigns"), ("connections", "/connections"),
                        ("monitors", "/monitors"), ("addresses", "/addresses"),
                        ("team", "/team-members"), ("scheduled", "/scheduled-posts"),
                        ("events", "/events"), ("roles", "/roles"),
                        ("statuses", "/statuses"), ("tweets", "/tweets"),
                        ("announcements", "/announcements"),
                        ("allowlist", "/ip-allowlist")):
        app.add_api_route(path + "/{item_id}", remover(table), methods=["DELETE"],
                          status_code=204, operation_id=f"delete_{table}")

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    return app
