"""The `schemacheck` console script: `--version` answers before typer and rich are imported
(they take 80 ms of a 100 ms start); everything else goes to the typer app in cli.py."""

from __future__ import annotations

import sys

from schemacheck import __version__


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"schemacheck {__version__}\n")  # what cli.py's --version prints
        return
    try:
        from schemacheck.cli import main as cli_main
    except KeyboardInterrupt:  # Ctrl-C while starting: nothing was sent yet
        sys.stderr.write("interrupted\n")
        raise SystemExit(130) from None
    cli_main()
