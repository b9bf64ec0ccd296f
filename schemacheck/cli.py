"""The typer app: wiring and exit codes only."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, Optional

import typer

from schemacheck import __version__
from schemacheck.cli_conventions import (
    CONTEXT,
    ERR,
    FORMATS,
    REPORT_FILES,
    SEVERITIES,
    STATE,
    App,
    Group,
    one_of,
    recorded,
)
from schemacheck.errors import EXIT_INTERNAL, EXIT_SOURCE, SchemacheckError, SourceError

if TYPE_CHECKING:  # imported in the commands' bodies: --help and --version stay quick
    from rich.console import Console

    from schemacheck.pipeline import Loaded
    from schemacheck.replay import Outputs
    from schemacheck.result import RunResult
    from schemacheck.settings import Overrides

app = App(
    name="schemacheck",
    help="Prove whether an API's TypeScript documentation matches its live OpenAPI backend.",
    rich_markup_mode=None,  # click's plain help: rich's panels cost 0.2 s of every --help
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings=CONTEXT,
    cls=Group,
)
err = ERR


def _stdout(**options: Any) -> Console:
    """rich's Console on stdout, imported only by the commands that print with it."""
    from rich.console import Console

    return Console(**options)


def _fatal(error: SchemacheckError) -> NoReturn:
    err.print(f"[bold red]error:[/bold red] {_text(str(error))}", highlight=False,
              soft_wrap=True)
    raise typer.Exit(error.exit_code)


def _info(text: str) -> None:
    """A note on stderr (what was written, what was served); `-q` silences it."""
    if STATE.verbosity >= 0:
        err.print(text, highlight=False, soft_wrap=True)


def _text(message: str) -> str:
    """Input quoted in a message (a key such as "[red]x") is printed as text, not markup."""
    from rich.markup import escape

    return escape(message)


def _write(text: str, output: Optional[Path]) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        _info(f"wrote {output}")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"schemacheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Optional[bool] = typer.Option(
        None, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """schemacheck: documented TypeScript types vs the backend's OpenAPI and live behaviour."""
    STATE.verbosity = 0  # -q/-v belong to one invocation (tests run many in one process)


@app.command()
def types(
    paths: list[str] = typer.Argument(..., help="Files, directories or globs (.ts, .d.ts, .md)."),
    fmt: str = typer.Option("console", "--format", **one_of("console", "json", what="format"),
                            help="What to print on stdout."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write to this file instead of stdout."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Read every input afresh."),
) -> None:
    """Show the documented types as schemacheck read them."""
    from schemacheck import replay

    _no_cache(no_cache)
    key = replay.docs_run_key("types", paths, *_presentation(fmt, output if fmt == "json"
                                                               else None))
    _replay(replay.recall(key), output)
    from schemacheck.cache import cached_docs
    from schemacheck.report.types_view import print_types, types_json

    try:
        docs = cached_docs(paths)[0]
    except SchemacheckError as exc:
        _fatal(exc)
    if fmt == "json":
        text = types_json(docs)
        _write(text, output)
        if key is not None:  # with --no-cache (or no cache) nothing is recorded
            replay.record(key, _outputs(0, text, output))
    elif fmt == "console":
        tee = _Tee(sys.stdout)
        print_types(docs, _stdout(no_color=not sys.stdout.isatty(), file=tee))
        if key is not None:
            replay.record(key, _outputs(0, tee.written(), None))


# Options shared by diff, probe and check (DESIGN.md's stable surface).
CONFIG = typer.Option(None, "--config", metavar="FILE",
                      help="schemacheck.yaml (default: ./schemacheck.yaml).")
DOCS = typer.Option([], "--docs", metavar="PATH",
                    help="Docs: .ts/.d.ts/.md file, directory or glob (repeatable).")
OPENAPI = typer.Option(None, "--openapi", metavar="URL|FILE",
                       help="The backend's OpenAPI: URL or file.")
HEADER = typer.Option([], "--header", "-H", metavar="'NAME: VALUE'",
                      help="Sent when fetching and probing (repeatable).")
FORMAT = typer.Option("console", "--format", **one_of(*FORMATS, label="FORMAT", what="format"),
                      help=f"What to print on stdout: {', '.join(FORMATS)}.")
OUTPUT = typer.Option(None, "--output", "-o", metavar="FILE",
                      help="Write to this file instead of stdout.")
FAIL_ON = typer.Option(None, "--fail-on", **one_of(*SEVERITIES, label="SEVERITY", what="severity"),
                       help=f"Lowest severity that fails: {', '.join(SEVERITIES)} "
                       "(default: high).")
BASELINE = typer.Option(None, "--baseline", metavar="FILE",
                        help="Only findings not in this file fail.")
REMOTE = typer.Option(False, "--allow-remote-refs", help="Follow $refs to other hosts.")
NO_CONFIG = typer.Option(False, "--no-config", help="Read no settings file (schemacheck.yaml, "
                         "pyproject.toml): flags and SCHEMACHECK_* variables only.")
NO_CACHE = typer.Option(False, "--no-cache", help="Read every input afresh: neither use nor "
                        "write .schemacheck_cache/.")


def _no_cache(flag: bool) -> None:
    from schemacheck.cache_store import bypass

    bypass(flag)  # set on every command: in one process (tests), a flag must not linger


def _emit(result: RunResult, fmt: str, output: Optional[Path]) -> str:
    """Write the result to stdout (console: drawn by rich) or --output; returns what was
    written, escape codes included, so that replay.py can write it again."""
    if fmt == "console" and output is None:
        from schemacheck.report.console import console_text, render_console

        tee = _Tee(sys.stdout)
        console = _stdout(highlight=False, file=tee)
        if console.is_terminal:
            render_console(result, console)
            return tee.written()
        text = console_text(result, console.width)
    else:
        from schemacheck.report.render import render

        text = render(result, fmt)
    _write(text, output)
    return text


class _Tee:
    """stdout for rich, keeping a copy of what was written. rich asks it whether it is a
    terminal; it sizes itself from the standard streams, not from its file."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return int(self.stream.write(text))

    def written(self) -> str:
        return "".join(self.parts)

    def __getattr__(self, name: str) -> Any:  # isatty, fileno, flush, encoding
        return getattr(self.stream, name)


def _presentation(fmt: str, output: Optional[Path]) -> tuple[object, ...]:
    """What the text depends on besides the run: for the console on stdout, what rich reads
    to size and colour it (replay.py)."""
    if fmt != "console" or output is not None:
        return (fmt, output is None)
    from schemacheck.replay import terminal

    return (fmt, True, terminal())


def _outputs(code: int, text: str, output: Optional[Path],
             messages: tuple[tuple[str, dict[str, Any]], ...] = ()) -> Outputs:
    from schemacheck.replay import Outputs

    written = text.replace("\n", os.linesep).encode("utf-8")  # as write_text writes it
    files = () if output is None else (("output", written),)
    return Outputs(code, "" if output is not None else text, files, messages)


def _replay(done: Optional[Outputs], output: Optional[Path]) -> None:
    """A replayed run (replay.py): its text, its messages and its exit code, as they were."""
    if done is None:
        return
    if done.stdout:
        sys.stdout.write(done.stdout)
    for _, data in done.files:
        if output is not None:  # as _write writes text
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_bytes(data)
            _info(f"wrote {output}")
    for message, options in done.messages:
        err.print(message, **options)
    raise typer.Exit(done.code)


@app.command()
def diff(
    config: Optional[str] = CONFIG, docs: list[str] = DOCS, openapi: Optional[str] = OPENAPI,
    header: list[str] = HEADER, fmt: str = FORMAT, output: Optional[Path] = OUTPUT,
    fail_on: Optional[str] = FAIL_ON, baseline: Optional[str] = BASELINE,
    allow_remote_refs: bool = REMOTE, no_config: bool = NO_CONFIG, no_cache: bool = NO_CACHE,
    explain: bool = typer.Option(False, "--explain", help="Also show (on stderr) which "
                                 "documented type was matched to which operation, and how."),
) -> None:
    """Compare the documented types with the backend's OpenAPI, field by field."""
    from schemacheck import replay
    from schemacheck.settings import Overrides, settings

    _no_cache(no_cache)
    try:
        over = Overrides(config=config, docs=docs, openapi=openapi, headers=header,
                         fail_on=fail_on, baseline=baseline,
                         allow_remote_refs=allow_remote_refs, no_config=no_config)
        cfg, kept = replay.settings_of(over)
        key = None if explain or STATE.verbosity > 0 else replay.run_key(
            "diff", kept, None, _presentation(fmt, output))
        _replay(replay.recall(key), output)
        from schemacheck.pipeline import finish, run_static

        loaded = run_static(cfg or settings(over))
        code = finish(loaded)
        if explain or STATE.verbosity > 0:
            from schemacheck.report.console import render_contracts

            render_contracts(loaded.result, err)
        text = _emit(loaded.result, fmt, output)
    except SchemacheckError as exc:
        _fatal(exc)
    messages: list[tuple[str, dict[str, Any]]] = []
    if fmt != "console" or output is not None:  # the console output already lists them
        with recorded(messages):
            _report_source_errors(loaded.result)
    if key is not None:  # with --no-cache (or no cache) nothing is recorded
        replay.record(key, _outputs(code, text, output, tuple(messages)))
    raise typer.Exit(code)


def _report_source_errors(result: RunResult) -> None:
    """Input errors, one line each on stderr, when stdout carries a machine format (with -v,
    warnings too)."""
    for diag in result.diagnostics:
        if diag.level == "error" or (STATE.verbosity > 0 and diag.level == "warning"):
            text = diag.message if diag.message.startswith(diag.where) else (
                f"{diag.where}: {diag.message}")
            err.print(f"[red]{diag.level}:[/red] {_text(text)}", highlight=False,
                      soft_wrap=True)


@app.command("fix-docs")
def fix_docs_cmd(
    config: Optional[str] = CONFIG, docs: list[str] = DOCS, openapi: Optional[str] = OPENAPI,
    header: list[str] = HEADER, allow_remote_refs: bool = REMOTE,
    write: bool = typer.Option(False, "--write", help="Apply the changes instead of printing "
                               "them as a unified diff."),
) -> None:
    """Rewrite the documented TypeScript to match the backend's OpenAPI (a diff, or --write)."""
    from schemacheck.fix_docs import run_fix_docs
    from schemacheck.pipeline import Overrides

    try:
        code = run_fix_docs(Overrides(config=config, docs=docs, openapi=openapi,
                                      headers=header, allow_remote_refs=allow_remote_refs),
                            write, err)
    except SchemacheckError as exc:
        _fatal(exc)
    raise typer.Exit(code)


BASE_URL = typer.Option(None, "--base-url", metavar="URL", help="Where the live backend answers.")
WRITES = typer.Option(False, "--allow-writes", help="Also send POST/PUT/PATCH (and DELETE of "
                      "objects the probe created).")
CONCURRENCY = typer.Option(None, "--concurrency", help="Requests in flight (default 8).")
TIMEOUT = typer.Option(None, "--timeout", help="Seconds one probe request may take in all: "
                       "connect, headers and body (default 10).")
DATE = typer.Option(None, "--date", metavar="YYYY-MM-DD", help="The report date (default: "
                    "SOURCE_DATE_EPOCH, else today): pins reports byte for byte.")
DRY_RUN = typer.Option(False, "--dry-run", help="Print the probe's plan (each operation, its "
                       "class, request, payload, and why it is or is not sent); send nothing.")
PROMISES = typer.Option(False, "--promises", help="Also send each promise of the docs once "
                        "(null for nullable fields, each enum value, each optional field "
                        "left out), within the write rules.")
FIELDS = typer.Option(False, "--field-by-field", help="For allowed writes, add each optional "
                      "and drop each required field alone to observe the real required set.")


@app.command()
def traffic(
    har: str = typer.Argument(..., metavar="FILE.har", help="A HAR 1.2 recording (DevTools, "
                              "a proxy)."),
    config: Optional[str] = CONFIG, docs: list[str] = DOCS, openapi: Optional[str] = OPENAPI,
    header: list[str] = HEADER, fmt: str = FORMAT, output: Optional[Path] = OUTPUT,
    fail_on: Optional[str] = FAIL_ON, baseline: Optional[str] = BASELINE,
    base_url: Optional[str] = typer.Option(None, "--base-url", metavar="URL", help="Only "
                                           "entries to this origin (and under its path) are "
                                           "checked."),
    allow_remote_refs: bool = REMOTE, date: Optional[str] = DATE,
) -> None:
    """Check recorded traffic (a HAR file) against the documented types and the backend."""
    from schemacheck.pipeline import Overrides
    from schemacheck.traffic import run_traffic

    try:
        loaded, code = run_traffic(Overrides(
            config=config, docs=docs, openapi=openapi, headers=header, base_url=base_url,
            fail_on=fail_on, baseline=baseline, allow_remote_refs=allow_remote_refs,
            date=date), har)
    except SchemacheckError as exc:
        _fatal(exc)
    _emit_and_exit(loaded.result, code, fmt, output)


def _emit_and_exit(result: RunResult, code: int, fmt: str, output: Optional[Path]) -> NoReturn:
    """stdout in the chosen format; input errors on stderr when stdout is a machine format
    (the console rendering already lists them); then the run's exit code."""
    try:
        _emit(result, fmt, output)
    except SchemacheckError as exc:
        _fatal(exc)
    if fmt != "console" or output is not None:
        _report_source_errors(result)
    raise typer.Exit(code)


def _print_plan(over: Overrides, fmt: str) -> NoReturn:
    """`--dry-run`: the plan on stdout (JSON with --format json); nothing is sent."""
    import json

    from schemacheck.pipeline import dry_run
    from schemacheck.probe.dry_run import plan_text

    try:
        _, rows, flows = dry_run(over)
    except SchemacheckError as exc:
        _fatal(exc)
    if fmt == "json":
        sys.stdout.write(json.dumps({"plan": rows, "workflows": flows}, indent=2, sort_keys=True,
                                    ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(plan_text(rows, flows))
    raise typer.Exit(0)


def _probe_run(over: Overrides, probe: bool = True, need_base_url: bool = True
               ) -> tuple[Loaded, int]:
    from dataclasses import replace

    from schemacheck.pipeline import run_all

    over = replace(over, progress=STATE.verbosity >= 0)  # -q: no progress bar either
    loaded, code, problem = run_all(over, probe, need_base_url)
    if problem is not None:
        err.print(f"[bold red]error:[/bold red] {_text(str(problem))}", highlight=False,
                  soft_wrap=True)
    return loaded, code


@app.command()
def probe(
    config: Optional[str] = CONFIG, docs: list[str] = DOCS, openapi: Optional[str] = OPENAPI,
    header: list[str] = HEADER, fmt: str = FORMAT, output: Optional[Path] = OUTPUT,
    fail_on: Optional[str] = FAIL_ON, baseline: Optional[str] = BASELINE,
    base_url: Optional[str] = BASE_URL, allow_writes: bool = WRITES,
    concurrency: Optional[int] = CONCURRENCY, timeout: Optional[float] = TIMEOUT,
    field_by_field: bool = FIELDS, allow_remote_refs: bool = REMOTE,
    dry_run: bool = DRY_RUN, promises: bool = PROMISES, no_config: bool = NO_CONFIG,
    no_cache: bool = NO_CACHE,
) -> None:
    """Diff, then fire minimal documented payloads at the live backend and read the answers."""
    from schemacheck.pipeline import Overrides

    _no_cache(no_cache)
    over = Overrides(config=config, docs=docs, openapi=openapi, headers=header,
                     base_url=base_url, fail_on=fail_on, baseline=baseline,
                     allow_writes=allow_writes, concurrency=concurrency, timeout=timeout,
                     field_by_field=field_by_field, allow_remote_refs=allow_remote_refs,
                     dry_run=dry_run, promises=promises, no_config=no_config)
    if dry_run:
        _print_plan(over, fmt)
    try:
        loaded, code = _probe_run(over)
    except SchemacheckError as exc:
        _fatal(exc)
    _emit_and_exit(loaded.result, code, fmt, output)


@app.command()
def check(
    config: Optional[str] = CONFIG, docs: list[str] = DOCS, openapi: Optional[str] = OPENAPI,
    header: list[str] = HEADER, fail_on: Optional[str] = FAIL_ON,
    baseline: Optional[str] = BASELINE, base_url: Optional[str] = BASE_URL,
    allow_writes: bool = WRITES, concurrency: Optional[int] = CONCURRENCY,
    timeout: Optional[float] = TIMEOUT, field_by_field: bool = FIELDS,
    allow_remote_refs: bool = REMOTE, no_config: bool = NO_CONFIG, no_cache: bool = NO_CACHE,
    out: Path = typer.Option(Path("reports"), "--out", metavar="DIR",
                             help="Directory for the reports."),
    reports: list[str] = typer.Option(["md,json,junit"], "--report", metavar="FORMATS",
                                      help="Report files to write in --out, comma-separated "
                                      f"({', '.join(REPORT_FILES)})."),
    fmt: str = FORMAT,
    previous: Optional[str] = typer.Option(None, "--previous", metavar="RUN.json",
                                           help="An earlier run: before/after figures."),
    no_probe: bool = typer.Option(False, "--no-probe", help="Static diff only."),
    date: Optional[str] = DATE, dry_run: bool = DRY_RUN, promises: bool = PROMISES,
) -> None:
    """Diff + probe + reports in one step: the CI gate."""
    from schemacheck.settings import Overrides

    _no_cache(no_cache)
    over = Overrides(config=config, docs=docs, openapi=openapi, headers=header,
                     base_url=base_url, fail_on=fail_on, baseline=baseline,
                     allow_writes=allow_writes, concurrency=concurrency, timeout=timeout,
                     field_by_field=field_by_field, allow_remote_refs=allow_remote_refs,
                     date=date, dry_run=dry_run, promises=promises, no_config=no_config)
    if dry_run:
        _print_plan(over, fmt)
    try:
        files = _report_formats(reports)
        key = _check_key(over, files, fmt, previous) if no_probe else None
        _replay_check(key, out)
        loaded, code = _probe_run(over, probe=not no_probe, need_base_url=False)
        _write_reports(loaded.result, out, files, previous)
        text = _emit(loaded.result, fmt, None)  # the console summary, or --format
        _record_check(key, code, text, out, files)
    except SchemacheckError as exc:
        _fatal(exc)
    raise typer.Exit(code)


def _check_key(over: Overrides, files: list[str], fmt: str, previous: Optional[str]
               ) -> Optional[str]:
    """`check --no-probe` is replayable (replay.py) as `diff` is."""
    from schemacheck import replay

    if not replay.valid_date(over.date):
        return None  # the pipeline reports it
    return replay.run_key("check", replay.settings_of(over)[1], over.date,
                          _presentation(fmt, None), tuple(files), read=(previous,))


def _replay_check(key: Optional[str], out: Path) -> None:
    from schemacheck import replay

    done = replay.recall(key)
    if done is None:
        return
    out.mkdir(parents=True, exist_ok=True)
    for fmt, data in done.files:
        path = out / REPORT_FILES[fmt]
        path.write_bytes(data)
        _info(f"wrote {path}")
    _replay(replace(done, files=()), None)


def _record_check(key: Optional[str], code: int, text: str, out: Path, files: list[str]) -> None:
    from schemacheck import replay

    if key is not None:  # the reports as _write_reports wrote them
        written = tuple((fmt, (out / REPORT_FILES[fmt]).read_bytes()) for fmt in files)
        replay.record(key, replay.Outputs(code, text, written))


def _report_formats(values: list[str]) -> list[str]:
    """`--report md,json --report sarif` -> [md, json, sarif]; an unknown name is an error."""
    names = [name.strip().lower() for value in values for name in value.split(",")
             if name.strip()]
    for name in names:
        if name not in REPORT_FILES:
            raise SchemacheckError(f"--report {name!r}: choose from {','.join(REPORT_FILES)}")
    return list(dict.fromkeys(names))


def _write_reports(result: RunResult, out: Path, formats: list[str],
                   previous: Optional[str]) -> None:
    from schemacheck.report.render import render
    from schemacheck.result import load_result

    if previous:
        result = replace(result, previous=load_result(previous))
    out.mkdir(parents=True, exist_ok=True)
    for fmt in formats:
        path = out / REPORT_FILES[fmt]
        path.write_text(render(result, fmt), encoding="utf-8")
        _info(f"wrote {path}")


def _summary(result: RunResult) -> None:
    from schemacheck.report.console import console_text, render_console

    console = _stdout(highlight=False)
    if console.is_terminal:
        render_console(result, console)
    else:
        sys.stdout.write(console_text(result, console.width))


@app.command()
def report(
    run: str = typer.Argument(..., help="A saved RUN.json."),
    fmt: str = typer.Option("md", "--format", **one_of(*FORMATS, label="FORMAT", what="format"),
                            help=f"What to print on stdout (or --output): {', '.join(FORMATS)}."),
    output: Optional[Path] = OUTPUT,
    previous: Optional[str] = typer.Option(None, "--previous", metavar="RUN.json",
                                           help="An earlier run: before/after figures."),
) -> None:
    """Re-render a saved run in any format."""
    from schemacheck.report.render import render
    from schemacheck.result import load_result

    try:
        result = load_result(run)
        if previous:
            result = replace(result, previous=load_result(previous))
        if fmt == "console" and output is None:
            _summary(result)
            return
        _write(render(result, fmt), output)
    except SchemacheckError as exc:
        _fatal(exc)


@app.command()
def compare(
    old: str = typer.Argument(..., help="The earlier RUN.json."),
    new: str = typer.Argument(..., help="The later RUN.json."),
    fmt: str = typer.Option("console", "--format", **one_of("console", "md", "json", what="format"),
                            help="What to print on stdout (or --output)."),
    output: Optional[Path] = OUTPUT,
) -> None:
    """What changed between two runs: new, fixed and changed findings."""
    from schemacheck.report.compare import compare_runs, render_compare
    from schemacheck.result import load_result

    try:
        delta = compare_runs(load_result(old), load_result(new))
        _write(render_compare(delta, fmt), output)
    except SchemacheckError as exc:
        _fatal(exc)
    raise typer.Exit(1 if delta.new else 0)


@app.command()
def demo(
    fixed: bool = typer.Option(False, "--fixed", help="Serve the repaired backend instead."),
    out: Path = typer.Option(Path("reports"), "--out", metavar="DIR",
                             help="Directory for the reports."),
    port: int = typer.Option(0, "--port", help="Loopback port for the backend (0: any free)."),
    date: Optional[str] = DATE,
) -> None:
    """Serve the bundled V3 example backend on loopback and run `check` against it."""
    from schemacheck.demo import demo_dir, demo_token, load_app_module
    from schemacheck.pipeline import Overrides
    from schemacheck.serve import serve

    try:
        folder = demo_dir()
        module = load_app_module(folder)
        app_ = module.create_app(fixed=fixed, token=demo_token())
        with serve(app_, port=port or None) as url:
            _info(f"serving the {'fixed' if fixed else 'broken'} V3 example backend at {url}")
            loaded, code = _probe_run(Overrides(config=str(folder / "schemacheck.yaml"),
                                                base_url=url, date=date))
        _write_reports(loaded.result, out, ["md", "json", "junit"], None)
    except SchemacheckError as exc:
        _fatal(exc)
    _summary(loaded.result)
    _info(f"reports: {out / 'gap-report.md'}, {out / 'gap-report.json'}, {out / 'junit.xml'}")
    raise typer.Exit(code)


@app.command()
def init(
    path: Path = typer.Option(Path("schemacheck.yaml"), "--output", "-o", metavar="FILE",
                              help="The config to write; its folder is the project."),
    base_url: Optional[str] = typer.Option(None, "--base-url", metavar="URL", help="A running "
                                           "backend to ask for its OpenAPI (its origin only)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
) -> None:
    """Look at the project (docs, spec, auth) and write a schemacheck.yaml that runs as is."""
    from schemacheck.init_project import init_project

    try:
        found, _ = init_project(path, base_url, force)
    except SchemacheckError as exc:
        _fatal(exc)
    for note in found.notes:
        _info(f"found {note}")
    for note in found.missing:
        err.print(f"[yellow]not found:[/yellow] {note}", highlight=False, soft_wrap=True)
    _info(f"wrote {path}; next: schemacheck diff" + (" (then probe)" if base_url else ""))


@app.command()
def rules(
    rule_id: Optional[str] = typer.Argument(None, metavar="[RULE-ID]",
                                            help="Show only this rule, in full."),
    fmt: str = typer.Option("console", "--format", **one_of("console", "json", "md", what="format"),
                            help="What to print on stdout."),
) -> None:
    """List every rule (id, direction, default severity, summary), or explain one."""
    from schemacheck.report import rules_doc

    try:
        one = rules_doc.find_rule(rule_id) if rule_id else None
    except SchemacheckError as exc:
        _fatal(exc)
    if one is not None:
        if fmt == "console":
            rules_doc.rule_console(one, _stdout(highlight=False))
        else:
            _write((rules_doc.rule_json if fmt == "json" else rules_doc.rule_markdown)(one), None)
    elif fmt == "json":
        _write(rules_doc.rules_json(), None)
    elif fmt == "md":
        _write(rules_doc.rules_markdown(), None)
    else:
        rules_doc.rules_console(_stdout(highlight=False))


@app.command("baseline")
def baseline_cmd(
    config: Optional[str] = CONFIG, docs: list[str] = DOCS, openapi: Optional[str] = OPENAPI,
    header: list[str] = HEADER, base_url: Optional[str] = BASE_URL,
    allow_writes: bool = WRITES, concurrency: Optional[int] = CONCURRENCY,
    timeout: Optional[float] = TIMEOUT, allow_remote_refs: bool = REMOTE,
    no_config: bool = NO_CONFIG,
    no_probe: bool = typer.Option(False, "--no-probe", help="Static diff only."),
    output: Path = typer.Option(Path(".schemacheck-baseline.json"), "--output", "-o"),
    from_run: Optional[str] = typer.Option(None, "--from", help="Take findings from RUN.json "
                                           "instead of running `check`."),
) -> None:
    """Write a baseline: the findings `check` finds now (the probe's too, when a base URL is
    configured), which the gate then tolerates."""
    from schemacheck.gate import baseline_json
    from schemacheck.pipeline import Overrides
    from schemacheck.result import load_result

    try:
        if from_run:
            findings = load_result(from_run).findings
        else:
            loaded, code = _probe_run(Overrides(
                config=config, docs=docs, openapi=openapi, headers=header, base_url=base_url,
                allow_writes=allow_writes, concurrency=concurrency, timeout=timeout,
                allow_remote_refs=allow_remote_refs, no_config=no_config),
                probe=not no_probe, need_base_url=False)
            if loaded.spec is None or code == EXIT_SOURCE:
                _report_source_errors(loaded.result)
                _fatal(SourceError("no baseline written: the run could not read all its "
                                   "inputs (see above)"))
            findings = loaded.result.findings
    except SchemacheckError as exc:
        _fatal(exc)
    _write(baseline_json(findings), output)
    _info(f"{len(findings)} finding(s) baselined")


def main() -> None:
    try:
        with app.only(sys.argv[1] if len(sys.argv) > 1 else None):
            app()
    except KeyboardInterrupt:  # the probe has already cleaned up what it created
        err.print("[bold red]interrupted[/bold red]", highlight=False)
        sys.exit(130)
    except Exception as exc:  # a bug: still one line, with a way to see more
        if os.environ.get("SCHEMACHECK_DEBUG"):
            raise
        err.print(f"[bold red]internal error:[/bold red] {type(exc).__name__}: {exc} "
                  "(set SCHEMACHECK_DEBUG=1 for the traceback)", highlight=False, soft_wrap=True)
        sys.exit(EXIT_INTERNAL)
