"""How cost grows with the API: whole-process `schemacheck diff` (cold and warm) and its floor
(json.load + tree-sitter parse and walk, one process) at three sizes: a generated API of about
100 operations, GitHub's 1,223 (the octokit pair), and a generated one of tens of MB.

    python bench/bench_growth.py [--large 20000] [--repeat 3]

The inputs are generated and their operations counted in child processes: a process started
from this one reports at least this one's peak memory (Linux carries the high-water mark of
the forked image into wait4's figure), so this one stays small.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import JSON_PARSE_WALK, npm_file, process

COUNT_OPERATIONS = """
import json, sys
paths = json.load(open(sys.argv[1], "rb"))["paths"].values()
print(sum(1 for item in paths for method in item
          if method in ("get", "put", "post", "patch", "delete", "head", "options", "trace")))
"""


def _in_child(code: str, *args: str) -> str:
    return subprocess.run([sys.executable, "-c", code, *args], check=True, text=True,
                          capture_output=True, cwd=Path(__file__).parent).stdout.strip()


def _written(operations: int) -> tuple[Path, Path]:
    docs, spec = _in_child("import sys; from _common import CACHE; from _generate import write;"
                           " print(*write(CACHE / 'generated', int(sys.argv[1])), sep='\\n')",
                           str(operations)).splitlines()
    return Path(docs), Path(spec)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large", type=int, default=20000, help="operations of the big one")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    tool = shutil.which("schemacheck") or sys.exit("schemacheck is not on the PATH")
    inputs = [("generated", *_written(100)),
              ("GitHub (octokit)", npm_file("@octokit/openapi-types", "types.d.ts"),
               npm_file("@octokit/openapi", "generated/api.github.com.json")),
              ("generated", *_written(args.large))]
    print(f"{'input':<17} {'ops':>6} {'spec':>8} {'types':>8}   {'floor':>14}   "
          f"{'diff, cold':>16}  ratio   {'diff, warm':>16}")
    rows = []
    for label, docs, spec in inputs:
        ops = int(_in_child(COUNT_OPERATIONS, str(spec)))
        floor = process([sys.executable, "-c", JSON_PARSE_WALK, str(docs), str(spec)],
                        args.repeat)
        with tempfile.TemporaryDirectory() as tmp:
            env = {"SCHEMACHECK_CACHE_DIR": tmp}
            argv = [tool, "diff", "--docs", str(docs), "--openapi", str(spec), "--format",
                    "json", "-o", str(Path(tmp) / "out.json")]
            cold = process([*argv, "--no-cache"], args.repeat)
            process(argv, 1, env)
            warm = process(argv, args.repeat, env)
        rows.append((ops, cold["seconds"], cold["peak_mb"]))
        print(f"{label:<17} {ops:>6} {spec.stat().st_size / 2**20:>6.1f}MB "
              f"{docs.stat().st_size / 2**20:>6.1f}MB   {floor['seconds']:6.2f} s "
              f"{floor['peak_mb']:4.0f}MiB   {cold['seconds']:6.2f} s {cold['peak_mb']:5.0f}MiB"
              f"  {cold['seconds'] / floor['seconds']:4.1f}x   {warm['seconds']:6.2f} s "
              f"{warm['peak_mb']:5.0f}MiB")
    (small, t0, m0), (_, _, _), (large, t2, m2) = rows
    print(f"from {small} to {large} operations ({large / small:.0f}x): cold time x"
          f"{t2 / t0:.1f}, peak memory x{m2 / m0:.1f}")


if __name__ == "__main__":
    main()
