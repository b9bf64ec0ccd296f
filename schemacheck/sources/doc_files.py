"""Which files the docs arguments name (files, directories, globs) and how reports show them.

Apart from the loader (typescript.py) so that a warm run can key its cache by the docs files
without importing the parser and tree-sitter.
"""

from __future__ import annotations

import glob
from pathlib import Path

from schemacheck.errors import SourceError

TS_SUFFIXES = (".ts", ".tsx", ".mts", ".cts")
MD_SUFFIXES = (".md", ".markdown", ".mdx")


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def expand(paths: list[str]) -> list[Path]:
    """Files, directories (searched recursively) and globs -> sorted, de-duplicated files."""
    return [path for path, _ in expand_marked(paths)]


def expand_marked(paths: list[str]) -> list[tuple[Path, bool]]:
    """expand(), each file with whether it was only found (under a directory or by a glob)
    rather than named on its own."""
    found: dict[str, Path] = {}
    named: set[str] = set()
    for spec in paths:
        magic = glob.has_magic(spec)
        matches = sorted(glob.glob(spec, recursive=True)) if magic else [spec]
        if not matches:
            raise SourceError(f"{spec}: no file matches")
        files = 0
        for match in matches:
            path = Path(match)
            if path.is_dir():
                for sub in sorted(path.rglob("*")):
                    if sub.is_file() and _wanted(sub) and "node_modules" not in sub.parts:
                        found.setdefault(str(sub.resolve()), sub)
            elif path.is_file():
                files += 1
                found.setdefault(str(path.resolve()), path)
                if not magic:
                    named.add(str(path.resolve()))
            elif not path.exists():
                raise SourceError(f"{spec}: no such file or directory")
            elif not magic:  # a pipe or a device would be read forever, or block
                raise SourceError(f"{spec}: not a regular file")
        if magic and not files and not any(Path(m).is_dir() for m in matches):
            raise SourceError(f"{spec}: no file matches")
    return [(found[key], key not in named) for key in sorted(found)]


def _wanted(path: Path) -> bool:
    return path.name.endswith(TS_SUFFIXES) or path.suffix.lower() in MD_SUFFIXES
