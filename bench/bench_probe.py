"""Probe on a generated FastAPI backend of >= 1,000 operations, uvicorn in its own process, next
to a plain httpx loop sending the same requests and to Schemathesis on the same backend, all
in this run. The backend counts every request it answers and every operation it served, so
each client's rate and coverage are measured the same way, at the server.

Targets (issue 15): schemacheck >= 0.8x the plain loop's request rate, >= 5x Schemathesis's.
Coverage is printed as operations probed / total. Schemathesis installs into
bench/.cache/venv-st only (never the project's environment); without it that row is skipped.

Fair to both clients: the same GETs, HTTP/1.1 keep-alive, httpx's default headers, the same
connection limit and timeout; each round of the probe is followed by a round of the loop (the
load moves between rounds); both rates are the server's count over each client's whole life
(its event loop and client included); the loop reads and parses every body.

    python bench/bench_probe.py [--operations 1000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import os
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from _common import CACHE

from schemacheck.config import Config
from schemacheck.pipeline import Overrides, merge_probe, probe_inputs, run_static
from schemacheck.probe.probes import run_probe
from schemacheck.serve import free_port

# A tenth of the operations take a path parameter whose spec carries an example.
APP = """
from fastapi import FastAPI, Path, Request
from pydantic import BaseModel
OPERATIONS = {operations}
app = FastAPI()
seen: set[str] = set()
count = [0]

@app.middleware("http")
async def counting(request: Request, call_next):
    response = await call_next(request)
    if not request.url.path.startswith("/_stats"):
        count[0] += 1
        route = request.scope.get("route")
        if route is not None and response.status_code < 500:
            seen.add(request.method + " " + route.path)
    return response

@app.get("/_stats", include_in_schema=False)
def stats(reset: bool = False):
    out = {{"requests": count[0], "operations": sorted(seen)}}
    if reset:
        count[0] = 0
        seen.clear()
    return out

def plain(i):  # factories, so `i` is no query parameter of the route
    def handler():
        return {{"id": f"r{{i}}", "value": i}}
    return handler

def with_item(i):
    def handler(item_id: int = Path(..., examples=[i])):
        return {{"id": f"r{{i}}-{{item_id}}", "value": i}}
    return handler

for i in range(OPERATIONS):
    fields = {{"__annotations__": {{"id": str, "value": int}}}}
    model = type(f"R{{i}}Response", (BaseModel,), fields)
    if i % 10 == 9:
        app.get(f"/r{{i}}/{{{{item_id}}}}", response_model=model)(with_item(i))
    else:
        app.get(f"/r{{i}}", response_model=model)(plain(i))
"""


def docs_for(operations: int) -> str:
    blocks = []
    for i in range(operations):
        path = f"/r{i}/{{item_id}}" if i % 10 == 9 else f"/r{i}"
        blocks.append(f"### GET {path}\n\n```ts\nexport interface R{i}Response "
                      "{ id: string; value: number; }\n```\n")
    return "\n".join(blocks)


def start_backend(folder: Path, operations: int) -> tuple[subprocess.Popen[bytes], str]:
    (folder / "benchapp.py").write_text(APP.format(operations=operations))
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "benchapp:app", "--port",
                             str(port), "--log-level", "warning"], cwd=folder)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            httpx.get(url + "/_stats?reset=true")
            return proc, url
        except httpx.TransportError:
            time.sleep(0.05)
    raise SystemExit("backend did not start")


def stats(url: str) -> dict[str, object]:
    return httpx.get(url + "/_stats?reset=true", timeout=60).json()  # type: ignore[no-any-return]


# (client, concurrency) -> the client's own CPU ms per request of each round: what the load
# moves least, since the server (another process) is not in it
CPU_MS: dict[tuple[str, int], list[float]] = {}


def schemacheck_round(folder: Path, url: str, concurrency: int
                      ) -> tuple[float, int, int, list[str]]:
    """One probe (after the static diff, which is not timed): requests/s, operations probed
    (by schemacheck's own count), total operations, and the GET URLs it sent."""
    config = Config(docs=[str(folder / "docs.md")], openapi=url + "/openapi.json", base_url=url)
    config.probe.concurrency = concurrency
    loaded = run_static(config)
    inputs = probe_inputs(loaded, Overrides())
    stats(url)
    start, cpu = time.perf_counter(), time.process_time()
    merge_probe(loaded, run_probe(inputs))
    elapsed = time.perf_counter() - start
    served = stats(url)
    CPU_MS.setdefault(("probe", concurrency), []).append(
        1000 * (time.process_time() - cpu) / int(served["requests"]))  # type: ignore[call-overload]
    probed = sum(1 for o in loaded.result.operations if o.probe and o.probe.status not in (
        "skipped", "not-probed"))
    sent = [e.url for e in loaded.result.exchanges if e.method == "GET"]
    return (int(served["requests"]) / elapsed, probed,  # type: ignore[call-overload]
            len(loaded.result.operations), sent)


@functools.cache
def loop_tls() -> ssl.SSLContext:
    """One CA bundle load per process for the loop's clients, as the probe's (tls.py)."""
    return httpx.create_ssl_context()


async def plain_loop(urls: list[str], concurrency: int, timeout: float,
                     pooled: bool = False) -> None:
    """What any client must do with these GETs: send each (HTTP/1.1 keep-alive, httpx's
    default headers, the probe's connection limit and timeout), read the body, parse it.
    The usual idiom is a task per request under a semaphore; `pooled` is `concurrency`
    tasks taking the next URL (cheaper, and how the probe schedules)."""
    limit = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=concurrency),
                                 timeout=timeout, verify=loop_tls()) as client:
        async def one(target: str) -> None:
            async with limit:
                (await client.get(target)).json()

        todo = iter(urls)

        async def worker() -> None:
            for target in todo:
                (await client.get(target)).json()

        if pooled:
            await asyncio.gather(*(worker() for _ in range(concurrency)))
        else:
            await asyncio.gather(*(one(u) for u in urls))


def plain_round(url: str, urls: list[str], concurrency: int, pooled: bool = False) -> float:
    """The loop's requests/s counted at the server, over the loop's whole life (event loop
    and client made, as the probe's time includes its own)."""
    stats(url)
    start, cpu = time.perf_counter(), time.process_time()
    asyncio.run(plain_loop(urls, concurrency, Config().probe.timeout, pooled))
    elapsed = time.perf_counter() - start
    served = int(stats(url)["requests"])  # type: ignore[call-overload]
    CPU_MS.setdefault(("pooled" if pooled else "loop", concurrency), []).append(
        1000 * (time.process_time() - cpu) / served)
    return served / elapsed


def schemathesis(url: str, workers: int, folder: Path) -> tuple[float, int] | None:
    """Schemathesis's whole run (examples phase then fuzzing, 5 examples an operation) against
    the same backend: the server's request count over st's wall time, and operations served."""
    python = CACHE / "venv-st" / "bin" / "python"
    # `python -m`, not bin/st: a venv's scripts name the folder it was made in
    installed = python.exists() and subprocess.run(
        [str(python), "-c", "import schemathesis"], capture_output=True).returncode == 0
    if not installed:
        print(f"(Schemathesis skipped: install it with `python -m venv {CACHE}/venv-st && "
              f"{CACHE}/venv-st/bin/pip install schemathesis`)")
        return None
    stats(url)
    start = time.perf_counter()
    subprocess.run([str(python), "-m", "schemathesis.cli", "run", url + "/openapi.json",
                    "--workers", str(workers),
                    "--max-examples", "5", "--phases", "examples,fuzzing", "--checks",
                    "not_a_server_error", "--no-shrink"], capture_output=True, check=False,
                   cwd=folder)  # st leaves a .schemathesis/ folder where it runs
    elapsed = time.perf_counter() - start
    served = stats(url)
    return int(served["requests"]) / elapsed, len(served["operations"])  # type: ignore[call-overload,arg-type]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--operations", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "docs.md").write_text(docs_for(args.operations))
        proc, url = start_backend(folder, args.operations)
        try:
            # FastAPI builds the 1,000-route document on the first ask: seconds under load
            spec = json.loads(httpx.get(url + "/openapi.json", timeout=120).text)
            total = sum(len(item) for item in spec["paths"].values())
            print(f"{total} GET operations ({total // 10} with a path parameter), best of "
                  f"{args.rounds} rounds, requests/s counted at the server")
            results = {}
            for concurrency in (1, 8):
                rounds = []  # each probe round next to loop rounds: the same load on all
                for _ in range(args.rounds):
                    ours, probed, ops, urls = schemacheck_round(folder, url, concurrency)
                    sent = [url + "/", *urls]  # the same requests, with its reachability GET
                    rounds.append((ours, plain_round(url, sent, concurrency),
                                   plain_round(url, sent, concurrency, pooled=True)))
                ours, plain, pooled = (max(r[i] for r in rounds) for i in range(3))
                ratios = sorted(r[0] / r[1] for r in rounds)
                results[concurrency] = ours, plain
                print(f"concurrency {concurrency}: schemacheck probe {ours:5.0f}/s (coverage "
                      f"{probed}/{ops})   plain httpx loop {plain:5.0f}/s   ratio "
                      f"{ours / plain:.2f}x (rounds {', '.join(f'{r:.2f}' for r in ratios)})   "
                      f"pooled loop {pooled:5.0f}/s: {ours / pooled:.2f}x   "
                      f"(load {os.getloadavg()[0]:.1f})")
                mid = {who: statistics.median(CPU_MS[(who, concurrency)])
                       for who in ("probe", "loop", "pooled")}
                print(f"  client CPU per request (median): probe {mid['probe']:.2f} ms, loop "
                      f"{mid['loop']:.2f} ms, pooled loop {mid['pooled']:.2f} ms")
            st = schemathesis(url, 8, folder)
            ours, plain = results[8]
            verdicts = [f">= 0.8x the plain loop: {'OK' if ours >= 0.8 * plain else 'UNDER'}"]
            if st is not None:
                rate, covered = st
                print(f"Schemathesis (8 workers, 5 examples/operation): {rate:7.0f}/s "
                      f"(coverage {covered}/{total})   schemacheck/Schemathesis "
                      f"{ours / rate:.2f}x")
                verdicts.append(f">= 5x Schemathesis: {'OK' if ours >= 5 * rate else 'UNDER'}")
            print("target at concurrency 8: " + "; ".join(verdicts))
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
