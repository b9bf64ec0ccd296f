"""Whole-process `schemacheck diff --no-cache --format json` of GitHub's pair and of a drifted
copy of its types (bench/_mutate.py), written to a folder; with `--against`, each output is
compared byte for byte with the one an earlier run (another version of the code) wrote there.
A change to the diff's speed must leave every byte alone.

    python bench/same_findings.py --save /tmp/before
    python bench/same_findings.py --save /tmp/after --against /tmp/before

`--tool` runs another command in place of `schemacheck` (another checkout of the code, e.g.
`--tool "python -S -m schemacheck"` with PYTHONPATH naming it and the venv's site-packages).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from _common import CACHE, npm_file
from _mutate import write_mutated


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--save", type=Path, required=True, help="folder for the outputs")
    parser.add_argument("--against", type=Path, help="folder of an earlier run to compare")
    parser.add_argument("--tool", help="the command to run (default: schemacheck)")
    args = parser.parse_args()
    tool = args.tool.split() if args.tool else [
        shutil.which("schemacheck") or sys.exit("schemacheck is not on the PATH")]
    types = npm_file("@octokit/openapi-types", "types.d.ts")
    spec = npm_file("@octokit/openapi", "generated/api.github.com.json")
    pairs = {"github": types, "drifted": write_mutated(types, CACHE / "mutated" / "types.d.ts")}
    args.save.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}  # the report's date, fixed
    different = 0
    for name, docs in pairs.items():
        out = args.save / f"{name}.json"
        proc = subprocess.run([*tool, "diff", "--no-cache", "--no-config", "--docs", str(docs),
                               "--openapi", str(spec), "--format", "json", "-o", str(out)],
                              env=env, capture_output=True, text=True)
        if proc.returncode not in (0, 1):
            sys.exit(f"{name}: exit {proc.returncode}\n{proc.stderr}")
        run = json.loads(out.read_text())
        line = (f"{name:<8} exit {proc.returncode}: {len(run['contracts'])} contracts, "
                f"{len(run['findings'])} findings, "
                f"{sum(len(f['affects']) for f in run['findings'])} places")
        if args.against:
            same = (args.against / out.name).read_bytes() == out.read_bytes()
            different += not same
            line += "; byte-identical" if same else f"; DIFFERS from {args.against / out.name}"
        print(line)
    sys.exit(1 if different else 0)


if __name__ == "__main__":
    main()
