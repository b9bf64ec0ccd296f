"""A project-tracker backend whose TypeScript docs agree with its OpenAPI: bounded int and
slug path params, required query lists (ints, enums), an aware datetime in the query, a
required idempotency header and an aliased cookie, a body with sets (unique items), lists of
nested extra='forbid' models, a discriminated union, float steps, base64 bytes, URLs and a
date range checked by a model_validator (stated in the description only), answered 201,
202 or 204. `drift=True` plants one real drift: the create answers without the `name` that
the docs (and the spec) promise."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import Cookie, FastAPI, Header, HTTPException, Query, Response
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse
from pydantic import AnyHttpUrl, Base64Bytes, BaseModel, ConfigDict, Field, model_validator

DOCS = """
# Projects API

### GET /orgs/{org_id}/projects
Query: `state` (one or more), `ids` (one or more), `updated_since`, `per_page`, `archived`.
```typescript
export interface Project { slug: string; name: string; state: "active" | "paused" | "done";
  budget?: number | null; }
export interface ProjectPage { items: Project[]; page: number; per_page: number;
  total: number; }
```

### POST /orgs/{org_id}/projects
Header `Idempotency-Key` (a UUID) is required. The `end` date must not be before `start`.
```typescript
export interface Member { user: string; role: "owner" | "editor" | "viewer"; }
export interface FixedBudget { kind: "fixed"; amount: number; }
export interface HourlyBudget { kind: "hourly"; rate: number; hours: number; }
export interface ProjectCreate {
  slug: string;
  name: string;
  labels: string[];
  members: Member[];
  budget: HourlyBudget | FixedBudget;
  weight: number;
  start: string;
  end: string;
  homepage: string;
  logo: string;
  description?: string | null;
}
```

### GET /orgs/{org_id}/projects/{slug}
Answers a `Project`.

### DELETE /orgs/{org_id}/projects/{slug}
No content.

### POST /orgs/{org_id}/projects/{slug}/archive
```typescript
export interface ArchiveJob { job: string; state: "queued"; }
```
"""


class Member(BaseModel):
    model_config = ConfigDict(extra="forbid")
    user: str = Field(pattern=r"^@[a-z0-9_]{2,20}$")
    role: Literal["owner", "editor", "viewer"]


class FixedBudget(BaseModel):
    kind: Literal["fixed"]
    amount: float = Field(gt=0, multiple_of=0.01)


class HourlyBudget(BaseModel):
    kind: Literal["hourly"]
    rate: float = Field(gt=0, le=500)
    hours: int = Field(gt=0, lt=10000)


class ProjectCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    slug: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=3, max_length=20)
    name: str = Field(min_length=1, max_length=60)
    labels: set[str] = Field(min_length=2, max_length=10)
    members: list[Member] = Field(min_length=1)
    budget: FixedBudget | HourlyBudget = Field(discriminator="kind")
    weight: float = Field(ge=0.05, le=0.95, multiple_of=0.05)
    start: dt.date
    end: dt.date
    homepage: AnyHttpUrl
    logo: Base64Bytes
    description: str | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def _range(self) -> ProjectCreate:
        if self.end < self.start:
            raise ValueError("end must not be before start")
        return self


class Project(BaseModel):
    slug: str
    name: str
    state: Literal["active", "paused", "done"]
    budget: float | None = None


class ProjectPage(BaseModel):
    items: list[Project]
    page: int
    per_page: int
    total: int


class ArchiveJob(BaseModel):
    job: str
    state: Literal["queued"]


OrgId = Annotated[int, PathParam(ge=1, le=99999)]
Slug = Annotated[str, PathParam(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]


def make_app(drift: bool = False) -> FastAPI:
    api = FastAPI(title="Projects")
    rows: dict[str, dict[str, Any]] = {"apollo": {"slug": "apollo", "name": "Apollo",
                                                   "state": "active", "budget": 10.5}}
    api.state.rows = rows

    @api.get("/orgs/{org_id}/projects", response_model=ProjectPage,
             response_model_exclude_none=True)
    def listing(org_id: OrgId,
                state: Annotated[list[Literal["active", "paused", "done"]], Query(min_length=1)],
                ids: Annotated[list[int], Query(min_length=1)],
                updated_since: Annotated[dt.datetime, Query()],
                per_page: Annotated[int, Query(ge=1, le=100)] = 20,
                archived: bool = False,
                region: Annotated[Literal["eu", "us"], Cookie(alias="x-region")] = "eu") -> Any:
        items = [r for r in rows.values() if r["state"] in state]
        return {"items": items, "page": 1, "per_page": per_page, "total": len(items)}

    @api.post("/orgs/{org_id}/projects", status_code=201, response_model=Project,
              response_model_exclude_none=True)
    def create(org_id: OrgId, body: ProjectCreate,
               idempotency_key: Annotated[str, Header(
                   alias="Idempotency-Key",
                   pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")],
               ) -> Any:
        row = {"slug": body.slug, "name": body.name, "state": "active"}
        rows[body.slug] = row
        if drift:  # the planted drift: past the response model, without `name`
            return JSONResponse({"slug": body.slug, "state": "active"}, status_code=201)
        return row

    @api.get("/orgs/{org_id}/projects/{slug}", response_model=Project,
             response_model_exclude_none=True)
    def read(org_id: OrgId, slug: Slug) -> Any:
        if slug not in rows:
            raise HTTPException(404, "no such project")
        return rows[slug]

    @api.delete("/orgs/{org_id}/projects/{slug}", status_code=204)
    def delete(org_id: OrgId, slug: Slug) -> Response:
        rows.pop(slug, None)
        return Response(status_code=204)

    @api.post("/orgs/{org_id}/projects/{slug}/archive", status_code=202,
              response_model=ArchiveJob)
    def archive(org_id: OrgId, slug: Slug) -> Any:
        return {"job": "job_1", "state": "queued"}

    return api
