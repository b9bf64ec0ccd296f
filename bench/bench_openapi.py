"""Load GitHub's public API description (@octokit/openapi, api.github.com.json) into operations
and the model, next to a bare json.load of the same file. Target: within 4x of json.load.

    python bench/bench_openapi.py
"""

from __future__ import annotations

from _common import npm_file, versus

SETUP = "import json\nfrom schemacheck.sources.openapi import load_openapi"
BARE = "data = json.load(open(PATH, 'rb'))"
LOAD = """
spec = load_openapi(PATH)
assert len(spec.operations) > 800, len(spec.operations)
assert "simple-user" in spec.schemas.schemas
"""


def main() -> None:
    path = npm_file("@octokit/openapi", "generated/api.github.com.json")
    versus("@octokit/openapi api.github.com.json", path, ("json.load", SETUP, BARE),
           ("schemacheck load_openapi (read+normalise)", SETUP, LOAD), limit=4)


if __name__ == "__main__":
    main()
