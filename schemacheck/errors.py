"""One base error; each subclass maps to a documented exit code."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_SOURCE = 3
EXIT_INTERNAL = 70  # a bug: cli.main prints one line (SCHEMACHECK_DEBUG=1 for the traceback)


class SchemacheckError(Exception):
    """A user-facing error: `str(err)` is one line that says what and where."""

    exit_code = EXIT_USAGE


class ConfigError(SchemacheckError):
    exit_code = EXIT_USAGE


class SourceError(SchemacheckError):
    """A docs file, an OpenAPI document or a backend could not be loaded."""

    exit_code = EXIT_SOURCE


class ProbeError(SchemacheckError):
    exit_code = EXIT_SOURCE
