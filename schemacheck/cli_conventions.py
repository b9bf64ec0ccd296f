"""CLI conventions shared by every command: -h, -q/-v, choices and readable metavars.

Kept apart from cli.py so the commands there stay wiring only: a command gets -q/-v and its
help layout from `App.command`, without a line of its own.
"""

# No `from __future__ import annotations` here: typer reads the callbacks' annotations for
# every option of every command, and strings would be compiled each time (86 of them).
import copy
import functools
import inspect
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NoReturn, Optional, cast, get_args

import typer
from typer.core import TyperCommand, TyperGroup

from schemacheck.secret_names import masked

if TYPE_CHECKING:
    from rich.console import Console

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


# A line rich prints as given: no [markup] nor :emoji: in it, no highlighting, no wrapping.
_PLAIN_LINE = {"highlight": False, "soft_wrap": True}
_RICH_SYNTAX = re.compile(r"[\[\\]|:\S*?:")


class _Stderr:
    """rich's Console on stderr, made at its first message: importing rich costs more than
    the whole of `--help` may take. While `recording`, messages are also kept (replay.py)."""

    _console: "Console | None" = None
    recording: list[tuple[str, dict[str, Any]]] | None = None

    def print(self, text: str, **options: Any) -> None:
        text = masked(text)  # a configured secret (a URL's password) quoted in a message
        if self.recording is not None:
            self.recording.append((text, options))
        if (self._console is None and options == _PLAIN_LINE and not _RICH_SYNTAX.search(text)
                and not sys.stderr.isatty()):
            sys.stderr.write(text + "\n")  # what rich would write (no markup, emoji, colour)
            return
        self.__getattr__("print")(text, **options)

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=True)
        return getattr(self._console, name)


_STDERR = _Stderr()
ERR = cast("Console", _STDERR)


@contextmanager
def recorded(into: list[tuple[str, dict[str, Any]]]) -> Iterator[None]:
    """Keep the messages printed on stderr meanwhile (markup and options), to replay them."""
    _STDERR.recording = into
    try:
        yield
    finally:
        _STDERR.recording = None


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
        _plain_coercion(param)
    return params


class _Plain:
    """typer's coercion of a value given as bool, str, int, float, Path or a list of str, done
    as typer does it but without a pydantic TypeAdapter: typer builds one per option at parse
    time, and importing pydantic for that cost 0.1 s of every run (even `diff -h`, through
    typer's own completion options). Anything else keeps typer's own coercion."""

    def __init__(self, kind: Any) -> None:
        self.kind = kind

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if value is None:
            return () if param.multiple or param.nargs == -1 else None
        if param.multiple or param.nargs == -1:
            if isinstance(value, str):
                raise typer.BadParameter("Value must be an iterable.", ctx=ctx, param=param)
            return [self._one(item, param, ctx) for item in value]
        return self._one(value, param, ctx)

    def _one(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        kind = self.kind
        if kind is str:
            return value if isinstance(value, str) else str(value)
        if kind is bool:
            return value if isinstance(value, bool) else _flag(value, param, ctx)
        if kind is Path:
            from typer._param_types import coerce_cli_path  # exists/readable, as typer checks

            return coerce_cli_path(value if isinstance(value, Path) else Path(value),
                                   param.type_descriptor.parameter_info, path_type=Path,
                                   param=param, ctx=ctx)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return kind(value)  # a declared default
        try:
            return kind(value)
        except (TypeError, ValueError):
            name = {int: "integer", float: "number"}[kind]
            raise typer.BadParameter(f"{value!r} is not a valid {name}.", ctx=ctx,
                                     param=param) from None


def _flag(value: Any, param: Any, ctx: Any) -> bool:
    text = str(value).strip().lower()
    if text in ("1", "true", "t", "yes", "y", "on"):
        return True
    if text in ("0", "false", "f", "no", "n", "off"):
        return False
    raise typer.BadParameter(f"{value!r} is not a valid boolean.", ctx=ctx, param=param)


_PLAIN = {str: str, bool: bool, int: int, float: float, Path: Path, list[str]: str}


def _plain_coercion(param: Any) -> None:
    """Give a parameter of a plain type `_Plain` coercion (see there), before typer builds its
    own on first use; a typer without this lazily built `_runtime_param` is left alone."""
    desc = getattr(param, "type_descriptor", None)
    if desc is None or getattr(param, "_runtime_param", False) is not None:
        return
    info = desc.parameter_info
    kind = _PLAIN.get(desc.annotation) if desc.file_annotation is None else None
    if kind is None or info.parser is not None or getattr(info, "click_type", None) is not None:
        return
    if info.min is not None or info.max is not None or (kind is Path and (
            info.allow_dash or info.path_type is not None or info.resolve_path)):
        return
    param._runtime_param = _Plain(kind)


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

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        try:  # `schemacheck --bogus`: one line too, not click's usage block
            return super().make_context(info_name, args, parent=parent, **extra)
        except _USAGE as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # bare `schemacheck`: the help
                usage: Any = exc  # typer's UsageError: it carries its context
                typer.echo(usage.ctx.get_help())  # on stdout, as before; exit 2
                raise typer.Exit(2) from None
            _usage_failure(exc, str(info_name))


def _listed(info: Any) -> Any:
    """The command as the root's help lists it: its name and summary, none of its options."""
    listed = copy.copy(info)
    listed.name = _command_name(info)
    listed.help = info.help or (info.callback.__doc__ if info.callback else None)
    listed.callback = _listed_only
    return listed


def _listed_only() -> None:
    """Never run: stands for a command in the root's help."""


def _command_name(info: Any) -> str:
    """The name typer gives a registered command (its function's, dashed, unless named)."""
    callback = info.callback
    return str(info.name or (callback.__name__.lower().replace("_", "-") if callback else ""))


class App(typer.Typer):
    """typer.Typer whose every command takes -q/-v and draws readable help."""

    @contextmanager
    def only(self, name: Optional[str]) -> Iterator[None]:
        """While running command `name`, typer builds only that command: converting all
        twelve, every option inspected, cost a run 30 ms. The full group stays for the root's
        help, an unknown name and shell completion (which lists the commands)."""
        commands = self.registered_commands
        chosen = [c for c in commands if name and _command_name(c) == name]
        complete = f"_{(self.info.name or '').upper()}_COMPLETE"
        if os.environ.get(complete):
            pass  # completion lists the commands' options too
        elif len(chosen) == 1:
            self.registered_commands = chosen
        elif name in (None, "-h", "--help"):  # the root's help lists names and summaries only
            self.registered_commands = [_listed(c) for c in commands]
        try:
            yield
        finally:
            self.registered_commands = commands

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", Command)
        kwargs.setdefault("context_settings", CONTEXT)

        def register(func: Callable[..., Any]) -> Callable[..., Any]:
            # the whole first paragraph in the command list: click would cut it at 45 columns
            summary = " ".join((func.__doc__ or "").split("\n\n")[0].split())
            options = {"short_help": summary or None, **kwargs}
            super(App, self).command(*args, **options)(with_verbosity(func))
            return func

        return register
