"""CLI conventions shared by every command: -h, -q/-v, choices and readable metavars.

Kept apart from cli.py so the commands there stay wiring only: a command gets -q/-v and its
help layout from `App.command`, without a line of its own.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, Literal, NoReturn, get_args

import typer
from rich.console import Console
from typer.core import TyperCommand, TyperGroup

# The reporters by name (report/render.py's REPORTERS), spelled out so `--help` imports no
# reporter; tests/test_cli_conventions.py checks the two agree.
Format = Literal["console", "json", "md", "junit", "github", "sarif", "html"]
SeverityName = Literal["critical", "high", "medium", "low", "info"]
FORMATS: tuple[str, ...] = get_args(Format)
SEVERITIES: tuple[str, ...] = get_args(SeverityName)
REPORT_FILES = {"md": "gap-report.md", "json": "gap-report.json", "junit": "junit.xml",
                "sarif": "gap-report.sarif", "github": "annotations.txt",
                "console": "gap-report.txt", "html": "gap-report.html"}
CONTEXT = {"help_option_names": ["-h", "--help"]}
ERR = Console(stderr=True)


class _State:
    verbosity = 0  # -1 quiet, 0 normal, 1 verbose


STATE = _State()


def _set_quiet(value: bool) -> None:
    if value:
        STATE.verbosity = -1


def _set_verbose(value: bool) -> None:
    if value and STATE.verbosity >= 0:
        STATE.verbosity = 1


_EXTRA = {
    "quiet": typer.Option(False, "--quiet", "-q", callback=_set_quiet, is_eager=True,
                          help="Print only errors on stderr."),
    "verbose": typer.Option(False, "--verbose", "-v", callback=_set_verbose, is_eager=True,
                            help="Also print input warnings and how types were matched."),
}


def with_verbosity(func: Callable[..., Any]) -> Callable[..., Any]:
    """The command with -q/-v appended to its signature (typer reads the signature); the
    wrapper drops them, so the command itself never sees them."""
    signature = inspect.signature(func, eval_str=True)
    extra = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=option,
                               annotation=bool) for name, option in _EXTRA.items()]

    @functools.wraps(func)
    def command(*args: Any, **kwargs: Any) -> Any:
        for name in _EXTRA:
            kwargs.pop(name, None)
        return func(*args, **kwargs)

    params = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in signature.parameters.values()]
    command.__signature__ = signature.replace(parameters=params + extra)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in params + extra}
    del command.__wrapped__  # typer must read the new signature, not the original's
    return command


def one_of(*names: str, label: str | None = None, what: str = "value") -> dict[str, Any]:
    """Option settings for a choice: validated (one line, exit 2, like every usage error),
    completed in the shell, and listed in help. `Literal` annotations would do the same but
    touch every command's signature; these go in the shared Option declarations instead."""

    def check(param: typer.CallbackParam, value: Any) -> Any:
        for item in value if isinstance(value, list) else [value]:
            if item is not None and item not in names:
                flag = max(param.opts, key=len) if param.opts else "option"
                fail(f"{flag}: unknown {what} {item!r} (choose {', '.join(names)})")
        return value

    return {"metavar": label or "|".join(names), "callback": check,
            "autocompletion": lambda incomplete: [n for n in names if n.startswith(incomplete)]}


def fail(message: str, code: int = 2) -> NoReturn:
    """The one way a usage error leaves: `error: ...` on one line of stderr."""
    ERR.print(f"[bold red]error:[/bold red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _type_label(param: Any) -> str | None:
    """What help shows after an option: nothing for a flag, the choices, or a metavar; never
    `<bool>` or `<list[str]>`."""
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    desc = getattr(param, "type_descriptor", None)
    if desc is not None and desc.is_choice:
        label = "|".join(str(c) for c in desc.choices or ())
    elif param.metavar:
        label = param.metavar
    elif desc is not None and desc.is_path:
        label = "PATH"
    else:
        annotation = getattr(desc, "annotation", str)
        label = {int: "N", float: "NUMBER"}.get(annotation, "TEXT")
    return label + ("..." if getattr(param, "multiple", False) else "")


def _relabel(params: list[Any]) -> list[Any]:
    for param in params:
        label = _type_label(param)
        param.display_type_rich = lambda ctx, label=label: label
    return params


# typer's usage error (a bad option, a missing argument), reached through a public class.
_USAGE: type[Exception] = next(c for c in typer.BadParameter.__mro__
                               if c.__name__ == "UsageError")


def _usage_failure(exc: Exception, name: str) -> NoReturn:
    """A usage error on one line, like every other error, instead of a framed panel."""
    ctx = getattr(exc, "ctx", None)
    where = ctx.command_path if ctx is not None else name
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    fail(f"{where}: {message.rstrip('.')} (see `{where} -h`)")


class Command(TyperCommand):
    """A subcommand whose help shows FILE, URL or a|b|c where typer would print <str>."""

    def get_params(self, ctx: Any) -> Any:
        return _relabel(super().get_params(ctx))

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except _USAGE as exc:
            _usage_failure(exc, str(info_name))


class Group(TyperGroup):
    """The root command: the same readable help and one-line usage errors."""

    def get_params(self, ctx: Any) -> Any:
        return _relabel(super().get_params(ctx))

    def resolve_command(self, ctx: Any, args: Any) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except _USAGE as exc:
            _usage_failure(exc, ctx.command_path)


class App(typer.Typer):
    """typer.Typer whose every command takes -q/-v and draws readable help."""

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", Command)
        kwargs.setdefault("context_settings", CONTEXT)
        register = super().command(*args, **kwargs)
        return lambda func: (register(with_verbosity(func)), func)[1]
