"""Shared by the benchmarks: fetch npm packages with npm itself, measure in fresh processes."""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
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


def process(argv: list[str], repeat: int = 3, env: dict[str, str] | None = None,
            cwd: Path | None = None, check: bool = True) -> dict[str, float]:
    """Run a whole process `repeat` times: best wall time and its largest peak RSS (MiB).

    Whole processes, because that is what a user waits for: interpreter start and imports
    count. The RSS is the child's own (wait4), not the benchmark's."""
    import os
    import time

    best, peak = float("inf"), 0.0
    for _ in range(repeat):
        with tempfile.TemporaryFile() as errors:  # a file, not a pipe: it never fills up
            start = time.perf_counter()
            proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=errors,
                                    env={**os.environ, **(env or {})}, cwd=cwd)
            _, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.perf_counter() - start
            proc.returncode = code = os.waitstatus_to_exitcode(status)
            if check and code not in (0, 1):  # 1: findings, still a complete run
                errors.seek(0)
                raise SystemExit(f"{' '.join(argv)}: exit {code}\n{errors.read().decode()}")
        best, peak = min(best, elapsed), max(peak, usage.ru_maxrss / 1024)
    return {"seconds": best, "peak_mb": peak}


def side_by_side(label: str, ours: dict[str, float], floor: dict[str, float],
                 limit: float | None = None, mib: float | None = None,
                 seconds: float | None = None) -> bool:
    """Print the tool's figure next to its floor and the verdict; True when within target
    (`limit`: times the floor; `mib`: peak memory; `seconds`: absolute wall time)."""
    ratio = ours["seconds"] / floor["seconds"]
    ok = ((limit is None or ratio <= limit) and (mib is None or ours["peak_mb"] <= mib)
          and (seconds is None or ours["seconds"] <= seconds))
    target = " ".join(filter(None, [f"<= {limit:g}x" if limit else "",
                                    f"<= {mib:g} MiB" if mib else "",
                                    f"<= {seconds:g} s" if seconds else ""]))
    print(f"{label:<34} {ours['seconds']:7.3f} s {ours['peak_mb']:6.0f} MiB   floor "
          f"{floor['seconds']:7.3f} s {floor['peak_mb']:6.0f} MiB   {ratio:5.2f}x   "
          f"target {target or '-'}: {'OK' if ok else 'OVER'}")
    return ok


def absolute(label: str, ours: dict[str, float], limit: float) -> bool:
    ok = ours["seconds"] <= limit
    print(f"{label:<34} {ours['seconds']:7.3f} s {ours['peak_mb']:6.0f} MiB   target "
          f"<= {limit:g} s: {'OK' if ok else 'OVER'}")
    return ok


# The floors: what any tool reading these inputs must at least do, in one fresh interpreter.
WALK = """
tree = parser.parse(data)
cursor = tree.walk()
nodes = 0
while True:
    nodes += 1
    if cursor.goto_first_child() or cursor.goto_next_sibling():
        continue
    while cursor.goto_parent() and not cursor.goto_next_sibling():
        pass
    if cursor.node == tree.root_node:
        break
"""
PARSE_WALK = """
import sys
import tree_sitter_typescript as tst
from tree_sitter import Language, Parser
parser = Parser(Language(tst.language_typescript()))
data = open(sys.argv[1], "rb").read()
""" + WALK
JSON_PARSE_WALK = PARSE_WALK + """
import json
with open(sys.argv[2], "rb") as handle:
    json.load(handle)
"""
