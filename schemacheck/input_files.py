"""Reading a local input (a spec, the settings file, a baseline, a HAR, a docs file): only a
regular file and only up to a limit, so a pipe, a device or /dev/zero named by mistake is one
clear error, never a run that hangs or fills the memory."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from schemacheck.errors import SchemacheckError


def read_input(path: str | Path, limit: int, error: type[SchemacheckError]) -> bytes:
    """The file's bytes; `error` (one line naming the file) when it is no regular file, is over
    `limit` bytes or cannot be read. A file that grows while read is cut at the limit."""
    try:
        found = os.stat(path)  # before opening: opening a pipe waits for a writer
        if not stat.S_ISREG(found.st_mode):
            what = "a directory" if stat.S_ISDIR(found.st_mode) else "not a regular file"
            raise error(f"{path}: cannot read ({what})")
        if found.st_size > limit:
            raise error(f"{path}: {found.st_size} bytes is over the {limit} byte limit")
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        reason = "no such file" if isinstance(exc, FileNotFoundError) else exc.strerror
        raise error(f"{path}: cannot read ({reason})") from None
    if len(data) > limit:
        raise error(f"{path}: over the {limit} byte limit")
    return data
