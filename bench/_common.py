"""Shared by the benchmarks: fetch npm packages with npm itself, measure in fresh processes."""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import textwrap
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"


def npm_file(package: str, member: str) -> Path:
    """Extract `member` of the npm package's latest tarball into bench/.cache (once)."""
    target = CACHE / package.replace("/", "__") / member
    if target.is_file():
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    out = subprocess.run(["npm", "pack", f"{package}@latest", "--silent"], cwd=CACHE,
                         capture_output=True, text=True, check=True).stdout.strip().splitlines()
    tarball = CACHE / out[-1]
    with tarfile.open(tarball) as archive:
        source = archive.extractfile(f"package/{member}")
        if source is None:
            raise SystemExit(f"{package}: no {member} in {tarball.name}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read())
    tarball.unlink()
    return target


def measure(setup: str, work: str, repeat: int = 3) -> dict[str, float]:
    """Run `work` after `setup` in a fresh interpreter; best wall time and peak RSS growth."""
    script = "\n".join([
        "import json, resource, time",
        textwrap.dedent(setup),
        "def rss_mb():",
        "    with open('/proc/self/statm') as f:",
        "        return int(f.read().split()[1]) * resource.getpagesize() / 2**20",
        "before = rss_mb()",
        "start = time.perf_counter()",
        textwrap.dedent(work),
        "elapsed = time.perf_counter() - start",
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024",
        "print(json.dumps({'seconds': elapsed, 'peak_mb': peak - before}))",
    ])
    runs = []
    for _ in range(repeat):
        proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              check=True)
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return {"seconds": min(r["seconds"] for r in runs),
            "peak_mb": max(r["peak_mb"] for r in runs)}


def row(label: str, result: dict[str, float], base: dict[str, float] | None = None) -> str:
    ratio = f"  {result['seconds'] / base['seconds']:.2f}x" if base else ""
    return f"{label:<44} {result['seconds']:8.3f} s  {result['peak_mb']:8.1f} MB{ratio}"


def versus(title: str, path: Path, bare: tuple[str, str, str], ours: tuple[str, str, str],
           limit: float) -> None:
    """Measure a bare baseline and schemacheck on one input; print both and the verdict.

    Each side is (label, setup code, measured code); `PATH` names the input in both."""
    print(f"{title}: {path.stat().st_size / 2**20:.1f} MB")
    results = [measure(f"PATH = {str(path)!r}\n{setup}", work) for _, setup, work in (bare, ours)]
    print(row(bare[0], results[0]))
    print(row(ours[0], results[1], results[0]))
    verdict = "OK" if results[1]["seconds"] <= limit * results[0]["seconds"] else "OVER TARGET"
    print(f"target: within {limit:g}x of {bare[0]} -> {verdict}")
