"""The backend of test_own_reads.py: orgs and their repos, created, read and deleted by id,
with no list to harvest ids from; a ledger of every request it received. (No `from __future__
import annotations`: FastAPI reads the models of these nested handlers at runtime.)"""

from typing import Any

from fastapi import FastAPI, HTTPException, Request
from pydantic import BaseModel


class OrgIn(BaseModel):
    name: str


class Org(BaseModel):
    id: str
    name: str


class RepoIn(BaseModel):
    title: str


class Repo(BaseModel):
    id: int
    title: str  # the docs also promise `stars`, which this backend never sends


def make_backend() -> FastAPI:
    api = FastAPI()
    api.state.ledger = []
    orgs: dict[str, Org] = {}
    repos: dict[tuple[str, int], Repo] = {}

    @api.middleware("http")
    async def ledger(request: Request, call_next: Any) -> Any:
        api.state.ledger.append(f"{request.method} {request.url.path}")
        return await call_next(request)

    @api.post("/orgs", response_model=Org, status_code=201)
    def create_org(body: OrgIn) -> Org:
        key = f"o{len(orgs) + 1}"
        orgs[key] = Org(id=key, name=body.name)
        return orgs[key]

    @api.get("/orgs/{org_id}", response_model=Org)
    def get_org(org_id: str) -> Org:
        if org_id not in orgs:
            raise HTTPException(404)
        return orgs[org_id]

    @api.delete("/orgs/{org_id}", status_code=204)
    def delete_org(org_id: str) -> None:
        orgs.pop(org_id, None)

    @api.post("/orgs/{org_id}/repos", response_model=Repo, status_code=201)
    def create_repo(org_id: str, body: RepoIn) -> Repo:
        if org_id not in orgs:
            raise HTTPException(404)
        repo = repos[(org_id, len(repos) + 7)] = Repo(id=len(repos) + 7, title=body.title)
        return repo

    @api.get("/orgs/{org_id}/repos/{repo_id}", response_model=Repo)
    def get_repo(org_id: str, repo_id: int) -> Repo:
        if (org_id, repo_id) not in repos:
            raise HTTPException(404)
        return repos[(org_id, repo_id)]

    @api.delete("/orgs/{org_id}/repos/{repo_id}", status_code=204)
    def delete_repo(org_id: str, repo_id: int) -> None:
        repos.pop((org_id, repo_id), None)

    return api
