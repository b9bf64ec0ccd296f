"""Import hygiene: no cycle in the package (type-only imports included), reporters never load
the sources or tree-sitter, and `--help`/`--version` load neither httpx nor tree-sitter."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "schemacheck"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, name: str, known: set[str]) -> set[str]:
    """Every project module this file imports anywhere: top level, in functions, under
    TYPE_CHECKING. `from pkg import mod` counts as importing `pkg.mod` when that is a module."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in known else base)
    return {m for m in found if m in known and m != name}


def _graph() -> dict[str, set[str]]:
    """Module -> the project modules it imports. The package root is left out as a target:
    every module loads it anyway (it is their parent), so `from schemacheck import
    __version__` adds no dependency, while the root's lazy `check` does depend on testing."""
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: _imports(path, name, set(files)) - {"schemacheck"}
            for name, path in files.items()}


def _tangles(graph: dict[str, set[str]]) -> set[frozenset[str]]:
    """The modules that import each other, directly or round a loop (strongly connected
    components of more than one module, Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: set[frozenset[str]] = set()

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            members = {stack.pop()}
            while node not in members:
                members.add(stack.pop())
            if len(members) > 1:
                found.add(frozenset(members))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_walker_finds_loops() -> None:
    assert _tangles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == {
        frozenset({"a", "b", "c"})}
    assert _tangles({"a": {"b"}, "b": set()}) == set()


def test_no_import_cycle_in_the_package() -> None:
    assert _tangles(_graph()) == set()


HEAVY = ("tree_sitter", "tree_sitter_typescript", "httpx", "schemacheck.sources",
         "schemacheck.pipeline", "schemacheck.diff", "schemacheck.probe")


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.startswith(HEAVY))


REPORTERS = ["console", "github", "json", "junit", "markdown", "sarif", "render", "compare",
             "rules_doc", "issues", "md_issue"]


def _added_in_a_fresh_interpreter(code: str) -> dict[str, list[str]]:
    """Run `code` (which prints a JSON object last) in a fresh interpreter; that object."""
    out = subprocess.run([sys.executable, "-c", f"import sys, json\n{code}"],
                         capture_output=True, text=True, check=True).stdout
    return dict(json.loads(out.splitlines()[-1]))


@pytest.fixture(scope="module")
def reporter_imports() -> dict[str, list[str]]:
    """One fresh interpreter imports the reporters one after another and says which modules
    each import added. Sound for the heavy ones: any a reporter loads is either new at its turn
    or was loaded by an earlier reporter, whose own entry then names it."""
    code = ("seen = set(sys.modules)\nadded = {}\n"
            f"for name in {REPORTERS!r}:\n"
            "    __import__('schemacheck.report.' + name)\n"
            "    added[name] = sorted(set(sys.modules) - seen)\n"
            "    seen = set(sys.modules)\n"
            "print(json.dumps(added))")
    return _added_in_a_fresh_interpreter(code)


@pytest.mark.parametrize("reporter", REPORTERS)
def test_reporters_load_no_sources(reporter: str, reporter_imports: dict[str, list[str]]) -> None:
    assert _heavy(set(reporter_imports[reporter])) == []


LIGHT_COMMANDS = [["--help"], ["--version"], ["rules", "--format", "json"]]


@pytest.fixture(scope="module")
def command_imports() -> dict[str, list[str]]:
    """One fresh interpreter imports the CLI, then runs the commands one after another and says
    which modules each added (the CLI's own import counts for every command). Sound as for the
    reporters: a heavy module any command loads is new at its turn or named by an earlier
    one's entry, and the test fails on every entry that names one."""
    code = ("import contextlib, io\nseen = set(sys.modules)\nfrom schemacheck.cli import app\n"
            "cli = sorted(set(sys.modules) - seen)\nadded = {}\n"
            f"for argv in {LIGHT_COMMANDS!r}:\n"
            "    seen = set(sys.modules)\n"
            "    with contextlib.suppress(SystemExit), "
            "contextlib.redirect_stdout(io.StringIO()):\n"
            "        app(argv)\n"
            "    added[' '.join(argv)] = cli + sorted(set(sys.modules) - seen)\n"
            "print(json.dumps(added))")
    return _added_in_a_fresh_interpreter(code)


@pytest.mark.parametrize("argv", LIGHT_COMMANDS)
def test_cli_help_and_version_stay_light(argv: list[str],
                                         command_imports: dict[str, list[str]]) -> None:
    assert _heavy(set(command_imports[" ".join(argv)])) == []
