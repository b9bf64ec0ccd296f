"""Whole processes, each next to its floor measured in the same run (issue 15's targets):

- `schemacheck diff` of GitHub's types (@octokit/openapi-types types.d.ts) against its
  description (@octokit/openapi api.github.com.json), cold (--no-cache), vs json.load of the
  spec + tree-sitter parse and full cursor walk of the types in one process: <= 2.0x, 300 MiB;
- `schemacheck types` on the .d.ts, cold, vs the parse+walk alone: <= 2.0x;
- both again on unchanged inputs (the cache warm), and `check --no-probe`: <= 0.3 s;
- `schemacheck --help`, `diff --help` and `--version`: <= 120 ms, next to `python -c pass`.

    python bench/bench_cli.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from _common import JSON_PARSE_WALK, PARSE_WALK, absolute, npm_file, process, side_by_side


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    docs = npm_file("@octokit/openapi-types", "types.d.ts")
    spec = npm_file("@octokit/openapi", "generated/api.github.com.json")
    tool = shutil.which("schemacheck") or sys.exit("schemacheck is not on the PATH")
    py = sys.executable
    print(f"types.d.ts {docs.stat().st_size / 2**20:.1f} MB, api.github.com.json "
          f"{spec.stat().st_size / 2**20:.1f} MB; best of {repeat} whole processes")
    with tempfile.TemporaryDirectory() as tmp:
        env = {"SCHEMACHECK_CACHE_DIR": str(Path(tmp) / "cache")}
        diff = [tool, "diff", "--docs", str(docs), "--openapi", str(spec), "--format", "json",
                "-o", str(Path(tmp) / "out.json")]
        types = [tool, "types", str(docs), "--format", "json", "-o", str(Path(tmp) / "t.json")]
        floor_both = process([py, "-c", JSON_PARSE_WALK, str(docs), str(spec)], repeat)
        floor_ts = process([py, "-c", PARSE_WALK, str(docs)], repeat)
        results = [
            side_by_side("diff, cold (--no-cache)", process([*diff, "--no-cache"], repeat),
                         floor_both, limit=2.0, mib=300),
            side_by_side("types, cold (--no-cache)", process([*types, "--no-cache"], repeat),
                         floor_ts, limit=2.0),
        ]
        check = [tool, "check", "--docs", str(docs), "--openapi", str(spec), "--no-probe",
                 "--out", str(Path(tmp) / "reports"), "--format", "json"]
        process(diff, 1, env)  # fills the cache
        process(types, 1, env)
        process(check, 1, env)
        results += [absolute("diff, warm (unchanged inputs)", process(diff, repeat, env), 0.3),
                    absolute("types, warm (unchanged inputs)", process(types, repeat, env), 0.3),
                    absolute("check --no-probe, warm", process(check, repeat, env), 0.3)]
        # one source generated from the other: every operation paired, nothing to report
        run = json.loads((Path(tmp) / "out.json").read_text())
        assert not run["uncovered"] and not run["findings"], (run["uncovered"][:3],
                                                              run["findings"][:3])
        print(f"({len(run['contracts'])} contracts over {len(run['operations'])} operations, "
              "0 uncovered, 0 findings)")
    bare = process([py, "-c", "pass"], repeat)
    results += [side_by_side("--help", process([tool, "--help"], repeat), bare, seconds=0.12),
                side_by_side("diff --help", process([tool, "diff", "--help"], repeat), bare,
                             seconds=0.12),
                side_by_side("--version", process([tool, "--version"], repeat), bare,
                             seconds=0.12)]
    print("(the floor of --help and --version is a bare `python -c pass`)")
    print("all targets met" if all(results) else "some targets not met")


if __name__ == "__main__":
    main()
