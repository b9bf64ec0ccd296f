"""The run's settings: command-line flags over SCHEMACHECK_* variables over the settings file.

Apart from the pipeline so that a command can know its settings (and so its cache key)
without importing the loaders, the diff and the rules.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from schemacheck.config import Config, find_config, load_config, secret_part
from schemacheck.config_defaults import CONTROL, HEADER_NAME
from schemacheck.errors import ConfigError
from schemacheck.findings import Severity
from schemacheck.secret_names import is_secret_header, url_secrets, use_secrets


@dataclass(kw_only=True)
class Overrides:
    """Command-line values; each one, when given, wins over the config file."""

    config: str | None = None
    docs: list[str] = field(default_factory=list)
    openapi: str | None = None
    headers: list[str] = field(default_factory=list)
    base_url: str | None = None
    fail_on: str | None = None
    baseline: str | None = None
    allow_writes: bool = False
    concurrency: int | None = None
    timeout: float | None = None
    field_by_field: bool = False
    allow_remote_refs: bool = False
    date: str | None = None  # YYYY-MM-DD printed in reports (default: SOURCE_DATE_EPOCH or today)
    dry_run: bool = False  # plan the probe, send nothing
    promises: bool = False  # also send each promise of the docs once (within the write rules)
    no_config: bool = False  # --no-config: read no settings file, only flags and SCHEMACHECK_*
    progress: bool = True  # a progress bar on a terminal (off with -q)


def settings(over: Overrides) -> Config:
    """Flags over SCHEMACHECK_* variables over the settings file (config.py finds it)."""
    if over.no_config and over.config:
        raise ConfigError("--config and --no-config: choose one")
    config = load_config(None if over.no_config else find_config(over.config))
    if over.docs:
        config.docs = list(over.docs)
    if over.openapi:
        config.openapi = over.openapi
    if over.base_url:
        config.base_url = over.base_url
    for header in over.headers:
        name, value = parse_header(header)
        config.headers[name] = value
        if is_secret_header(name):  # `X-Trace: abc` is shown as given
            config.secrets.append(secret_part(value))
        config.unresolved.pop(f"headers.{name}", None)  # the flag replaces the file's value
    if over.fail_on:
        config.fail_on = Severity.parse(over.fail_on, "--fail-on")
    if over.baseline:
        config.baseline = over.baseline
    if over.allow_writes and not isinstance(config.probe.allow_writes, list):
        config.probe.allow_writes = True  # a configured list keeps naming its actions
    if over.concurrency is not None:
        if over.concurrency < 1:
            raise ConfigError(f"--concurrency {over.concurrency}: must be at least 1")
        config.probe.concurrency = over.concurrency
    if over.timeout is not None:
        if not over.timeout > 0 or over.timeout == float("inf"):
            raise ConfigError(f"--timeout {over.timeout:g}: must be a number of seconds above 0")
        config.probe.timeout = over.timeout
    config.probe.field_by_field = config.probe.field_by_field or over.field_by_field
    config.allow_remote_refs = config.allow_remote_refs or over.allow_remote_refs
    if not config.docs:
        raise ConfigError("no docs given: pass --docs PATH or set `docs` in schemacheck.yaml")
    if not config.openapi_source():
        raise ConfigError("no OpenAPI given: pass --openapi URL|FILE (or --base-url) or set "
                          "`openapi` in schemacheck.yaml")
    for url in (config.base_url or "", config.openapi_source() or ""):
        config.secrets += url_secrets(url)  # `user:password@` or `?token=` in a URL
    use_secrets(config.secrets)
    return config




def parse_header(header: str) -> tuple[str, str]:
    """--header 'Name: value'. Errors name the header, never its value (it may be a token)."""
    name, sep, value = header.partition(":")
    name = name.strip()
    if sep and HEADER_NAME.fullmatch(name):
        if CONTROL.search(value):
            raise ConfigError(f"--header {name}: the value cannot hold line breaks or control "
                              "characters")
        return name, value.strip()
    first = header.strip().split(" ", 1)[0].split(":", 1)[0]
    if " " in header.strip() and HEADER_NAME.fullmatch(first):
        shown = f"--header {first}..."  # the name is not a secret; what follows may be
    else:
        shown = f"--header (a value of {len(header)} characters, not shown)"
    problem = "the name is empty" if sep and not name else "write it as 'Name: value'"
    raise ConfigError(f"{shown}: {problem}")


def run_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(
        dt.timezone.utc)
    return moment.strftime("%Y-%m-%d")
