"""A finished command's outputs, replayed while nothing it read has changed.

Why: with its sources and its comparison cached (cache.py), a warm `diff` of GitHub's API still
spent most of its half second importing the loaders, the diff, the rules and the reporters,
rebuilding the result and rendering it again. An entry here holds what the run wrote (its
stdout, its files, the messages it printed on stderr) and its exit code, keyed by everything
that went into them: the command, the tool's fingerprint, the working directory, the settings
(cache_store.config_key), the digests of every file read (docs, spec, baseline, an earlier
run), the date the reports carry, the output format and, for the console, what rich reads to
size and colour it. So a warm run prints byte for byte what the cold run printed (escape codes
included), and a run with any input, setting or flag changed is a miss and runs in full. A
URL, a spec with external $refs, the probe, -v and --explain are never replayed.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schemacheck.cache_store import (
    config_key,
    docs_key,
    enabled,
    file_digest,
    fingerprint,
    read_entry,
    save_digests,
    spec_key,
    write_entry,
)

if TYPE_CHECKING:
    from schemacheck.config import Config

# What rich reads to size and colour its output (its console.py); the console text is keyed by all.
_PRESENTATION = ("COLUMNS", "LINES", "JUPYTER_COLUMNS", "JUPYTER_LINES", "NO_COLOR",
                 "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "TERM", "COLORTERM")


@dataclass(frozen=True)
class Outputs:
    """What a command wrote: stdout, named files' bytes (an --output file, report files: UTF-8,
    kept as bytes so a replay neither decodes nor encodes them), the stderr messages printed
    with them (rich markup and print options), and the exit code."""

    code: int
    stdout: str = ""
    files: tuple[tuple[str, bytes], ...] = ()
    messages: tuple[tuple[str, dict[str, Any]], ...] = ()


def terminal() -> tuple[object, ...]:
    """What rich reads to size and colour the console output: which standard streams are
    terminals and their sizes, and its environment variables."""
    streams = []
    for fd in (0, 1, 2):
        try:
            streams.append((os.isatty(fd), tuple(os.get_terminal_size(fd))))
        except (OSError, ValueError):
            streams.append((False, ()))
    return (tuple(os.environ.get(name) for name in _PRESENTATION), tuple(streams))


def run_key(command: str, config: Config, date: str | None, *parts: object,
            read: tuple[str | None, ...] = ()) -> str | None:
    """The entry's key, or None when the run cannot be replayed (cache off, a URL or a spec
    with external references, an input that cannot be read: the run then says why)."""
    if not enabled() or not valid_date(date):
        return None
    from schemacheck.settings import run_date

    docs = docs_key(config.docs)
    spec = spec_key(config.openapi_source() or "", config.allow_remote_refs)
    if docs is None or spec is None:
        return None
    digests = []
    for path in (config.baseline, *read):
        try:
            digests.append(None if path is None else file_digest(Path(path))[0])
        except OSError:
            return None
    save_digests()
    question = repr((command, fingerprint(), os.getcwd(), date or run_date(),
                     config_key(config), str(config.path), docs, spec, digests, parts))
    return "run " + hashlib.sha256(question.encode()).hexdigest()  # no setting in clear


def docs_run_key(command: str, paths: list[str], *parts: object) -> str | None:
    """The key of a command that reads only the docs (`types`)."""
    docs = docs_key(paths) if enabled() else None
    if docs is None:
        return None
    question = repr((command, fingerprint(), os.getcwd(), docs, parts))
    return "run " + hashlib.sha256(question.encode()).hexdigest()


def valid_date(date: str | None) -> bool:
    """--date as the pipeline accepts it (a bad one is its error to report, unreplayed)."""
    return date is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) is not None


def recall(key: str | None) -> Outputs | None:
    found = read_entry(key) if key is not None else None
    return found if isinstance(found, Outputs) else None


def record(key: str | None, outputs: Outputs) -> None:
    if key is not None:
        write_entry(key, outputs)
