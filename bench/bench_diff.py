"""The diff half of a cold `schemacheck diff`, in process: contracts, facts, rules and the
completeness check on GitHub's pair (and a drifted copy of its types, which has findings), each
stage timed, the fact records counted, and a digest of what the comparison returned (the raw
findings before the root-cause merge, the merged ones, the INCOMPLETE reasons) so a change can
show it altered nothing. The sources are loaded once, untimed.

    python bench/bench_diff.py [--repeat 3] [--mutated | --generated N] [--dump out.json]

Each stage prints its best wall time and its best CPU time (the machine's load moves the
first more than the second).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import CACHE, npm_file
from _generate import write
from _mutate import write_mutated

from schemacheck import judging, pipeline
from schemacheck.config import Config
from schemacheck.facts import FieldFact
from schemacheck.rootcause import by_declaration
from schemacheck.sources.openapi import load_openapi
from schemacheck.sources.typescript import load_docs

# The stages of pipeline._compare and judging.judge, by the names they call them (whichever
# exist). The diff half is measured in this one process (judging's split is turned off).
STAGES = ("make_contracts", "diff_all", "compare_all", "incomplete_reasons", "evaluate",
          "evaluate_diff", "evaluate_each", "removed_operations", "check_examples")
MODULES = (pipeline, judging)
judging.MIN_SPLIT_CONTRACTS = 1 << 40


def _timed(name: str, function: Callable[..., Any], times: dict[str, float],
           counts: dict[str, int]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start, cpu = time.perf_counter(), time.process_time()
        value = function(*args, **kwargs)
        times[name] = times.get(name, 0.0) + time.perf_counter() - start
        times[name + " (cpu)"] = times.get(name + " (cpu)", 0.0) + time.process_time() - cpu
        if name in ("diff_all", "compare_all"):  # every fact record the diff holds
            gc.unfreeze()  # gc_pause.paused froze them: get_objects lists no frozen object
            counts["facts"] = sum(1 for o in gc.get_objects() if type(o) is FieldFact)
        return value
    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--mutated", action="store_true", help="the drifted copy of the types")
    parser.add_argument("--generated", type=int, help="a generated API of N operations")
    parser.add_argument("--dump", type=Path, help="write the comparison's output here")
    args = parser.parse_args()
    docs_path = npm_file("@octokit/openapi-types", "types.d.ts")
    spec_path = npm_file("@octokit/openapi", "generated/api.github.com.json")
    if args.mutated:
        docs_path = write_mutated(docs_path, CACHE / "mutated" / "types.d.ts")
    elif args.generated:
        docs_path, spec_path = write(CACHE / "generated", args.generated)
    docs, spec = load_docs([str(docs_path)]), load_openapi(str(spec_path))
    config = Config()
    best: dict[str, float] = {}
    counts: dict[str, int] = {}
    for _ in range(args.repeat):
        times: dict[str, float] = {}
        originals = {(m, n): getattr(m, n) for m in MODULES for n in STAGES if hasattr(m, n)}
        for (module, name), function in originals.items():
            setattr(module, name, _timed(name, function, times, counts))
        gc.collect()
        start, cpu = time.perf_counter(), time.process_time()
        try:
            contracts, found, incomplete = pipeline._compare(docs, spec, config)
        finally:
            for (module, name), function in originals.items():
                setattr(module, name, function)
        times["total"] = time.perf_counter() - start
        times["total (cpu)"] = time.process_time() - cpu
        for name, seconds in times.items():
            best[name] = min(best.get(name, seconds), seconds)
        del contracts
        gc.collect()
    output = {"raw": [f.to_json() for f in found],
              "merged": [f.to_json() for f in by_declaration(found)],
              "incomplete": incomplete}
    text = json.dumps(output, sort_keys=True, indent=1)
    print(f"{docs_path.name} ({'drifted' if args.mutated else 'as written'}) against "
          f"{spec_path.name}, best of {args.repeat}, in process")
    for name, seconds in best.items():
        if not name.endswith("(cpu)"):  # wall time, and the process's CPU time (less noisy)
            print(f"  {name:<20} {seconds:7.3f} s   cpu {best[name + ' (cpu)']:7.3f} s")
    print(f"  fact records {counts.get('facts', 0):,}; raw findings {len(found)}, merged "
          f"{len(output['merged'])}; digest {hashlib.sha256(text.encode()).hexdigest()[:16]}")
    if args.dump:
        args.dump.write_text(text)


if __name__ == "__main__":
    main()
