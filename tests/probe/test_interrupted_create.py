"""Ctrl-C while a create is on its way: the backend makes the object, so the probe must still
read the answer and delete it. The answers of creates that came back before the interruption
are recorded too (they once waited for the whole batch, and were lost with it)."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from pydantic import BaseModel

DOCS = """### POST /things/
```ts
export interface ThingCreate { name: string; }
export interface Thing { id: string; name: string; }
```
"""


class ThingCreate(BaseModel):
    name: str


class Thing(BaseModel):
    id: str
    name: str


def _app(answer: threading.Event) -> FastAPI:
    api = FastAPI()
    things: dict[str, Thing] = {}
    ledger: list[tuple[str, str]] = []
    api.state.things, api.state.ledger = things, ledger

    @api.middleware("http")
    async def record(request: Request, call_next):  # noqa: ANN001, ANN202
        ledger.append((request.method, request.url.path))
        return await call_next(request)

    @api.post("/things/", status_code=201, response_model=Thing)
    async def create(body: ThingCreate) -> Any:
        thing = Thing(id=f"t{len(ledger)}", name=body.name)
        things[thing.id] = thing  # made at once; the answer waits until the test lets it go
        while not answer.is_set():
            await asyncio.sleep(0.01)
        return thing

    @api.get("/things/{thing_id}", response_model=Thing)
    def read(thing_id: str) -> Any:
        return things[thing_id]

    @api.delete("/things/{thing_id}", status_code=204)
    def delete(thing_id: str) -> Response:
        things.pop(thing_id, None)
        return Response(status_code=204)

    return api


def test_a_create_in_flight_at_ctrl_c_is_still_deleted(live_app, tmp_path: Path) -> None:  # noqa: ANN001
    answer = threading.Event()
    backend = _app(answer)
    url = live_app(backend)
    (tmp_path / "api.md").write_text(DOCS)
    proc = subprocess.Popen(
        [sys.executable, "-m", "schemacheck", "probe", "--docs", str(tmp_path / "api.md"),
         "--base-url", url, "--allow-writes", "--timeout", "20", "--format", "json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not backend.state.things and time.monotonic() < deadline:
        time.sleep(0.02)
    assert backend.state.things  # the backend made it; its answer is held back
    proc.send_signal(signal.SIGINT)
    # The answer leaves only after the Ctrl-C has reached the probe (it once came 1.5 s after
    # the create, a fixed wait that a slow machine could also outrun).
    time.sleep(0.3)
    answer.set()
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130 and "Traceback" not in stderr, stderr
    assert backend.state.things == {}  # read late, deleted
    assert [c for c in backend.state.ledger if c[0] == "DELETE"]
