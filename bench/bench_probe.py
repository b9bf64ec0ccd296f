"""Probe throughput on a 60-operation FastAPI backend served by uvicorn in its own process:
requests per second at concurrency 1 and 8, next to plain httpx loops sending the same
requests. Target: at concurrency 8, at least 0.7x of the plain loop's rate.

    python bench/bench_probe.py
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from schemacheck.config import Config
from schemacheck.pipeline import run_static
from schemacheck.probe.probes import probe
from schemacheck.serve import free_port

OPERATIONS = 60
ROUNDS = 3
APP = f"""
from fastapi import FastAPI
from pydantic import BaseModel
app = FastAPI()
for i in range({OPERATIONS}):
    fields = {{"__annotations__": {{"id": str, "value": int}}}}
    model = type(f"R{{i}}Response", (BaseModel,), fields)
    def handler(i=i):
        return {{"id": f"r{{i}}", "value": i}}
    app.get(f"/r{{i}}", response_model=model)(handler)
"""
DOCS = "\n".join(f"### GET /r{i}\n\n```ts\nexport interface R{i}Response "
                 "{ id: string; value: number; }\n```\n" for i in range(OPERATIONS))


def start_backend(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    (folder / "benchapp.py").write_text(APP)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "benchapp:app", "--port",
                             str(port), "--log-level", "warning"], cwd=folder)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.get(url + "/openapi.json")
            return proc, url
        except httpx.TransportError:
            time.sleep(0.05)
    raise SystemExit("backend did not start")


def schemacheck_rate(folder: Path, url: str, concurrency: int) -> float:
    config = Config(docs=[str(folder / "docs.md")], openapi=url + "/openapi.json", base_url=url)
    config.probe.concurrency = concurrency
    best = 0.0
    for _ in range(ROUNDS):
        loaded = run_static(config)
        start = time.perf_counter()
        probe(loaded, show_progress=False)
        elapsed = time.perf_counter() - start
        assert all(o.probe and o.probe["status"] == "passed" for o in loaded.result.operations)
        best = max(best, (len(loaded.result.exchanges) + 1) / elapsed)  # +1: the reachability GET
    return best


async def plain_loop(url: str, concurrency: int) -> float:
    urls = [url + "/"] + [f"{url}/r{i}" for i in range(OPERATIONS)]
    limit = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=concurrency)) as client:
        async def one(target: str) -> None:
            async with limit:
                (await client.get(target)).json() if target != urls[0] else None

        best = 0.0
        for _ in range(ROUNDS):
            start = time.perf_counter()
            await asyncio.gather(*(one(u) for u in urls))
            best = max(best, len(urls) / (time.perf_counter() - start))
        return best


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "docs.md").write_text(DOCS)
        proc, url = start_backend(folder)
        try:
            print(f"{OPERATIONS} GET operations, best of {ROUNDS} rounds (requests/s)")
            results = {}
            for concurrency in (1, 8):
                plain = asyncio.run(plain_loop(url, concurrency))
                ours = schemacheck_rate(folder, url, concurrency)
                results[concurrency] = (ours, plain)
                print(f"concurrency {concurrency}: schemacheck probe {ours:8.1f}   "
                      f"plain httpx loop {plain:8.1f}   ratio {ours / plain:.2f}x")
            ours, plain = results[8]
            verdict = "OK" if ours >= 0.7 * plain else "UNDER TARGET"
            print(f"target: at concurrency 8, >= 0.7x of the plain loop -> {verdict}")
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
