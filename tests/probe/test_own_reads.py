"""A read of one object with no id to harvest (no list answers it) is sent once the run has
created an object there, with that object's id (and its parents'), before it is deleted: the
answer is then checked against the docs like any other."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from schemacheck.cli import app

DOCS = """
### POST /orgs

```ts
export interface OrgIn { name: string }
export interface Org { id: string; name: string }
```

### GET /orgs/{org_id}

Answers an `Org`.

### POST /orgs/{org_id}/repos

```ts
export interface RepoIn { title: string }
export interface Repo { id: number; title: string; stars: number }
```

### GET /orgs/{org_id}/repos/{repo_id}

Answers a `Repo`.
"""


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any, Path]]:
    from schemacheck.serve import serve
    from tests.probe.own_app import make_backend

    api = make_backend()
    docs = tmp_path_factory.mktemp("own") / "docs.md"
    docs.write_text(DOCS)
    with serve(api, grace=0) as url:
        yield url, api, docs


def _probe(backend: tuple[str, Any, Path], *extra: str) -> tuple[dict[str, Any], list[str]]:
    url, api, docs = backend
    before = len(api.state.ledger)
    result = CliRunner().invoke(app, ["probe", "--docs", str(docs), "--openapi",
                                      url + "/openapi.json", "--base-url", url, "--format",
                                      "json", "--no-config", *extra])
    seen = [line for line in api.state.ledger[before:] if line != "GET /openapi.json"]
    return json.loads(result.stdout), seen


def test_reads_of_created_objects_are_sent_between_create_and_delete(backend: Any) -> None:
    data, seen = _probe(backend, "--allow-writes")
    # each create, whose answer shows no creation time, is sent once more: a new id shows
    # the endpoint makes a new object each time (no get-or-create), and the second one is
    # deleted at once
    assert seen == ["GET /", "POST /orgs", "POST /orgs", "DELETE /orgs/o2",
                    "POST /orgs/o1/repos", "POST /orgs/o1/repos", "DELETE /orgs/o1/repos/8",
                    "GET /orgs/o1", "GET /orgs/o1/repos/7", "DELETE /orgs/o1/repos/7",
                    "DELETE /orgs/o1"]
    status = {op["operation"]: op["probe"] for op in data["operations"]}
    assert status["GET /orgs/{org_id}"]["status"] == "passed"
    assert status["GET /orgs/{org_id}/repos/{repo_id}"]["status"] == "failed"
    # the static finding at the declaration, now confirmed by the answer to the retried read
    [missing] = [f for f in data["findings"] if f["rule"] == "response-field-missing"]
    assert missing["location"] == "#Repo.stars" and missing["evidence"]


def test_without_writes_those_reads_still_say_why_they_were_not_sent(backend: Any) -> None:
    data, seen = _probe(backend)
    assert seen == ["GET /"]
    status = {op["operation"]: op["probe"] for op in data["operations"]}
    assert status["GET /orgs/{org_id}"] == {
        "status": "skipped", "class": "read",
        "reason": "no value for path parameter {org_id} (set probe.path_params.org_id)"}
