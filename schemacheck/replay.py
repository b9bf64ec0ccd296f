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
import sys
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
    from schemacheck.settings import Overrides

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
    stdout = getattr(sys.stdout, "isatty", lambda: False)()  # rich asks sys.stdout itself
    return (tuple(os.environ.get(name) for name in _PRESENTATION), tuple(streams), stdout)


@dataclass(frozen=True)
class Settings:
    """What of the settings a replay's key depends on: no credential (config_key drops them)."""

    docs: tuple[str, ...]
    openapi: str
    allow_remote_refs: bool
    baseline: str | None
    config: str  # cache_store.config_key
    path: str


def summary(config: Config) -> Settings:
    return Settings(tuple(config.docs), config.openapi_source() or "", config.allow_remote_refs,
                    config.baseline, config_key(config), str(config.path))


def settings_key(over: Overrides) -> str | None:
    """The key under which the Settings made from `over` are kept, read without validating
    the settings file (pydantic and its schema cost a warm run 0.1-0.4 s): the flags, the
    file's bytes, and every variable it or SCHEMACHECK_* could take a value from, except those
    only `auth` and `headers` use (credentials, which no replayed run reads). None when there
    is nothing to validate (no file, no SCHEMACHECK_* setting) or the flags carry headers."""
    from schemacheck.config import ENV, ENV_KEYS, ENV_PREFIX, find_config, settings_data
    from schemacheck.errors import SchemacheckError

    if not enabled() or over.headers or (over.config and over.no_config):
        return None
    names = {ENV_PREFIX + key.upper() for key in ENV_KEYS}
    try:
        path = None if over.no_config else find_config(over.config)
        if path is None and not any(name in os.environ for name in names):
            return None
        data = settings_data(path) if path is not None else {}
        digest = file_digest(path)[0] if path is not None else None
    except (SchemacheckError, OSError):
        return None  # settings() says what is wrong
    save_digests()
    for key, value in (data.items() if isinstance(data, dict) else ()):
        if str(key) not in ("auth", "headers"):
            names.update(match.group(1) for match in ENV.finditer(repr(value)))
    question = repr((fingerprint(), os.getcwd(), repr(over), path and os.path.abspath(path),
                     digest, sorted((name, os.environ.get(name)) for name in names)))
    return "settings " + hashlib.sha256(question.encode()).hexdigest()


def settings_of(over: Overrides) -> tuple[Config | None, Settings]:
    """The Settings for a replay's key: kept by an earlier run with the same flags, file and
    variables, or made by settings(over), whose Config is returned too (None when kept)."""
    key = settings_key(over)
    found = read_entry(key) if key is not None else None
    if isinstance(found, Settings):
        return None, found
    from schemacheck.settings import settings

    config = settings(over)  # a ConfigError goes to the command, as without a cache
    made = summary(config)
    if key is not None:
        write_entry(key, made)
    return config, made


def run_key(command: str, settings: Settings, date: str | None, *parts: object,
            read: tuple[str | None, ...] = ()) -> str | None:
    """The entry's key, or None when the run cannot be replayed (cache off, a URL or a spec
    with external references, an input that cannot be read: the run then says why)."""
    if not enabled() or not valid_date(date):
        return None
    from schemacheck.settings import run_date

    docs = docs_key(list(settings.docs))
    spec = spec_key(settings.openapi, settings.allow_remote_refs)
    if docs is None or spec is None:
        return None
    digests = []
    for path in (settings.baseline, *read):
        try:
            digests.append(None if path is None else file_digest(Path(path))[0])
        except OSError:
            return None
    save_digests()
    question = repr((command, fingerprint(), os.getcwd(), date or run_date(), settings.config,
                     settings.path, docs, spec, digests, parts))
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
