"""End to end on GitHub's API: the generated types (@octokit/openapi-types) against the
description they were generated from (@octokit/openapi). Both come from one source, so a
correct diff pairs every operation by its operationId and reports nothing.

    python bench/bench_diff.py
"""

from __future__ import annotations

from _common import measure, npm_file, row

SETUP = """
from schemacheck.config import Config
from schemacheck.pipeline import run_static
"""
WORK = """
result = run_static(Config(docs=[DOCS], openapi=SPEC)).result
assert not result.uncovered and not result.findings, (result.uncovered[:3], result.findings[:3])
"""


def main() -> None:
    docs = npm_file("@octokit/openapi-types", "types.d.ts")
    spec = npm_file("@octokit/openapi", "generated/api.github.com.json")
    setup = f"DOCS = {str(docs)!r}\nSPEC = {str(spec)!r}\n{SETUP}"
    print(row("schemacheck diff: octokit types vs GitHub's OpenAPI", measure(setup, WORK)))


if __name__ == "__main__":
    main()
