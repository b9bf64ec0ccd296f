"""The `schemacheck` console script: `--version` answers before typer and rich are imported
(they take 80 ms of a 100 ms start); everything else goes to the typer app in cli.py. The
process then ends without the interpreter's teardown (leave)."""

from __future__ import annotations

import atexit
import gc
import os
import sys
from typing import NoReturn

from schemacheck import __version__


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"schemacheck {__version__}\n")  # what cli.py's --version prints
        return
    # The imports make some 100,000 objects and no garbage: a cyclic collection meanwhile
    # (fifty of them) finds nothing. What they made is kept to the end, so it is frozen.
    gc.disable()
    try:
        from schemacheck.cli import main as cli_main
    except KeyboardInterrupt:  # Ctrl-C while starting: nothing was sent yet
        sys.stderr.write("interrupted\n")
        raise SystemExit(130) from None
    finally:
        gc.freeze()
        gc.enable()
    cli_main()


def run() -> NoReturn:
    """The console script and `python -m schemacheck`: main(), then leave the process."""
    try:
        main()
    except SystemExit as exc:
        leave(exc.code)
    leave(0)


def leave(code: object) -> NoReturn:
    """End the process once its work is written, without freeing the run's model object by
    object: after a large diff the interpreter's teardown took longer than writing the report
    (mypy's hard_exit does the same). The exit handlers still run; the output is flushed."""
    if code is None or isinstance(code, int):
        status = code or 0
    else:  # sys.exit("message"): Python prints it and exits 1
        sys.stderr.write(f"{code}\n")
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that went away (`| head`): nothing to lose
            status = status or 1
    os._exit(status)
