"""Load GitHub's public API description (@octokit/openapi, api.github.com.json) into operations
and the model, next to a bare json.load of the same file. Target: within 4x of json.load.

    python bench/bench_openapi.py
"""

from __future__ import annotations

from _common import measure, npm_file, row

SETUP = "import json\nfrom schemacheck.sources.openapi import load_openapi"
BARE = "data = json.load(open(PATH, 'rb'))"
LOAD = """
spec = load_openapi(PATH)
assert len(spec.operations) > 800, len(spec.operations)
assert "simple-user" in spec.schemas.schemas
"""


def main() -> None:
    path = npm_file("@octokit/openapi", "generated/api.github.com.json")
    setup = f"PATH = {str(path)!r}\n{SETUP}"
    print(f"@octokit/openapi api.github.com.json: {path.stat().st_size / 2**20:.1f} MB")
    bare = measure(setup, BARE)
    full = measure(setup, LOAD)
    print(row("json.load", bare))
    print(row("schemacheck load_openapi (read+normalise)", full, bare))
    verdict = "OK" if full["seconds"] <= 4 * bare["seconds"] else "OVER TARGET"
    print(f"target: within 4x of json.load -> {verdict}")


if __name__ == "__main__":
    main()
