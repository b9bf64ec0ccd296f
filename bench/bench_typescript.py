"""Load GitHub's whole generated type file (@octokit/openapi-types) into the model, next to a
bare tree-sitter parse and walk of the same file. Target: within 3x of the bare parse+walk.

    python bench/bench_typescript.py
"""

from __future__ import annotations

from _common import WALK, npm_file, versus

BARE = """
import tree_sitter_typescript as tst
from tree_sitter import Language, Parser
parser = Parser(Language(tst.language_typescript()))
data = open(PATH, "rb").read()
"""
LOAD = """
from schemacheck.sources.typescript import load_docs
"""
CHECK = """
docs = load_docs([PATH])
user = docs.schemas.schemas["simple-user"]
assert {"login", "id", "site_admin"} <= set(user["required"]), user["required"]
assert "email" not in user["required"] and user["properties"]["email"]["type"] == [
    "string", "null"]
assert not [d for d in docs.diagnostics if d.level == "error"]
"""


def main() -> None:
    path = npm_file("@octokit/openapi-types", "types.d.ts")
    versus("@octokit/openapi-types types.d.ts", path, ("bare tree-sitter parse + walk", BARE,
                                                      WALK),
           ("schemacheck load_docs (whole model)", LOAD, CHECK), limit=3)


if __name__ == "__main__":
    main()
