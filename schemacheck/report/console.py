"""Terminal output: findings grouped by operation, most severe first; colour only on a TTY."""

from __future__ import annotations

from itertools import groupby

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from schemacheck.diagnostics import summarise
from schemacheck.findings import Evidence, severity_counts
from schemacheck.report.issues import counts_line, incomplete_cause
from schemacheck.result import ProbeRun, ProbeStatus, RunResult

STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "cyan",
         "info": "dim"}


def summary_line(result: RunResult) -> str:
    parts = [f"{n} {name}" for name, n in severity_counts(result.findings).items() if n]
    text = counts_line(result)
    if parts:
        text += ": " + ", ".join(parts)
    gate = result.gate
    if gate.baselined:
        text += f"; {gate.new} new, {len(gate.baselined)} baselined"
    verdict = {0: "pass", 1: "FAIL"}.get(gate.exit_code, "INCOMPLETE")
    if verdict == "INCOMPLETE":
        verdict += f" ({incomplete_cause(result)})"
    text += f"; gate: fail on {gate.fail_on} -> {verdict}"
    return text


def render_console(result: RunResult, console: Console) -> None:
    findings = result.sorted_findings()
    by_op = sorted(findings, key=lambda f: (f.operation or "~", -f.level, f.location))
    for operation, group in groupby(by_op, key=lambda f: f.operation):
        console.print(f"[bold]{escape(operation or '(shared declarations)')}[/bold]")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=1)
        grid.add_column(width=8, no_wrap=True)
        grid.add_column(ratio=1)
        baselined = set(result.gate.baselined)
        for finding in group:
            mark = " [green](confirmed live)[/green]" if finding.confirmed else ""
            mark += " [dim](baselined)[/dim]" if finding.fingerprint in baselined else ""
            places = [str(p) for p in finding.affects[1:]]
            shown = ("\n[dim]affects: " + escape("; ".join(places)) + "[/dim]") if places else ""
            grid.add_row("", f"[{STYLE[finding.severity]}]{finding.severity.upper()}[/]",
                         f"{escape(finding.location)}{mark}\n{escape(finding.message)}{shown}\n"
                         f"[dim]{finding.rule}[/dim]")
        console.print(grid)
    probed = [(o.operation, o.probe) for o in result.operations if o.probe]
    if probed:
        counts: dict[str, int] = {}
        for _, probe in probed:
            status = probe.status
            counts[status] = counts.get(status, 0) + 1
        order = ("passed", "failed", "unreachable", "inconclusive", "skipped")
        console.print("probe: " + ", ".join(f"{counts[s]} {s}" for s in order if s in counts),
                      highlight=False)
    run = result.probe_run
    if run is not None:  # every request, also the proofs, cleanup and census
        console.print(run.breakdown(), highlight=False)
    _not_sent(probed, console)
    if run is not None:
        _kept(run, console)
    for flow in result.workflows:
        steps = ", ".join(f"{s.step} {s.result}"
                          + (f" ({s.status})" if s.status is not None else "")
                          for s in flow.steps)
        console.print(f"workflow {escape(flow.name)!r}: {escape(steps)}", highlight=False)
    confirmed = [f for f in findings if f.confirmed]
    if confirmed:  # the probe's story: which static findings live answers proved
        console.print(f"confirmed live ({len(confirmed)}):", highlight=False)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=1)
        grid.add_column(ratio=1)
        by_operation: dict[str, list[str]] = {}
        for finding in confirmed:  # a shared declaration: at the place it was seen
            evidence = finding.evidence or Evidence()
            proved = {evidence.operation} | {m.operation for m in evidence.more or ()}
            shared = finding.affects[1:] if finding.operation is None else finding.affects
            for place in [p for p in shared if p.operation in proved] or shared:
                by_operation.setdefault(place.operation or "(component)", []).append(
                    place.location)
        for operation, locations in sorted(by_operation.items()):
            grid.add_row("", f"{escape(operation)}: [dim]{escape(', '.join(locations))}[/dim]")
        console.print(grid, highlight=False)
    for operation, probe in probed:
        seen = probe.field_by_field
        if seen:
            documented = seen.documented_required
            extra = sorted(set(seen.required) - set(documented))
            console.print(f"field by field, {escape(operation)}: the backend requires "
                          f"{escape(', '.join(seen.required) or '(none)')}; the docs "
                          f"require {escape(', '.join(documented) or '(none)')}"
                          + (f"; required but documented optional: {escape(', '.join(extra))}"
                             if extra else ""), highlight=False)
    if result.uncovered:
        console.print(f"[dim]undocumented operations: {escape(', '.join(result.uncovered))}[/dim]",
                      highlight=False)
    # one line per kind of diagnostic; the JSON result keeps every one
    for similar in summarise(list(result.diagnostics)):
        diag = similar.first
        style = "red" if diag.level == "error" else "yellow"
        message = diag.message.removeprefix(diag.where + ": ")
        more = f" (and {similar.count - 1} more like it)" if similar.count > 1 else ""
        console.print(f"[{style}]{escape(diag.where)}: {diag.level}: "
                      f"{escape(message)}{more}[/]", highlight=False)
    if result.unmatched:
        console.print(f"[yellow]documented types matching nothing: "
                      f"{escape(', '.join(result.unmatched))}[/]", highlight=False)
    for reason in result.incomplete:
        console.print(f"[red]incomplete: {escape(reason)}[/]", highlight=False)
    console.print(f"[bold]{escape(summary_line(result))}[/bold]", highlight=False)


def _kept(run: ProbeRun, console: Console) -> None:
    """What stays in the backend on purpose, and the docs examples not verified live."""
    if run.kept:
        console.print(f"[yellow]left in the backend, never deleted ({len(run.kept)}):[/]",
                      highlight=False)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=1)
        grid.add_column(ratio=1, overflow="fold")  # a long address is folded, never cut
        for kept in run.kept:
            grid.add_row("", f"{escape(kept.object)} (created by {escape(kept.created_by)}): "
                             f"{escape(kept.reason)}")
        console.print(grid, highlight=False)
    if not run.examples_not_verified:
        return
    # grouped by why, like what was not sent: a large API's list stays readable (the
    # Markdown and the JSON keep every one)
    console.print(f"docs examples not verified ({len(run.examples_not_verified)}):",
                  highlight=False)
    reasons: dict[str, list[str]] = {}
    for example in run.examples_not_verified:
        reasons.setdefault(example.reason, []).append(
            f"{example.example} ({example.role} of {example.operation})")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")  # a long file path is folded, never cut
    for reason, shown in sorted(reasons.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        more = f", +{len(shown) - 4} more" if len(shown) > 4 else ""
        grid.add_row("", f"{len(shown)} ×", f"{escape(reason)}\n[dim]"
                     f"{escape(', '.join(shown[:4]))}{more}[/dim]")
    console.print(grid, highlight=False)


def _not_sent(probed: list[tuple[str, ProbeStatus]], console: Console) -> None:
    """What the probe did not send, grouped by why (the JSON has it per operation)."""
    reasons: dict[str, list[str]] = {}
    for operation, probe in probed:
        if probe.status == "skipped":
            reasons.setdefault(str(probe.reason), []).append(operation)
    if not reasons:
        return
    console.print(f"not sent ({sum(len(v) for v in reasons.values())}):", highlight=False)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(ratio=1)
    for reason, ops in sorted(reasons.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        shown = ", ".join(ops[:4]) + (f", +{len(ops) - 4} more" if len(ops) > 4 else "")
        grid.add_row("", f"{len(ops)} ×", f"{escape(reason)}\n[dim]{escape(shown)}[/dim]")
    console.print(grid, highlight=False)


def console_text(result: RunResult, width: int = 100) -> str:
    """Plain text (no colour, no trailing blanks): for pipes, files and golden tests."""
    console = Console(width=width, no_color=True, highlight=False, force_terminal=False)
    with console.capture() as captured:
        render_console(result, console)
    return "\n".join(line.rstrip() for line in captured.get().splitlines()) + "\n"


def render_contracts(result: RunResult, console: Console) -> None:
    """Which documented type was matched to which operation part, and how."""
    table = Table(title="contracts", title_justify="left", show_edge=False)
    for column in ("operation", "part", "docs", "backend", "how"):
        table.add_column(column, overflow="fold")
    for c in result.contracts:
        table.add_row(c.operation or "(component)", c.part, c.docs, c.backend, c.how)
    console.print(table)
    if result.uncovered:
        console.print("no documented type: " + ", ".join(result.uncovered), highlight=False)
    if result.unmatched:
        console.print("documented types matching nothing: " + ", ".join(result.unmatched),
                      highlight=False)
    for item in result.refused:
        console.print(f"refused: {item.docs} ~ {item.backend}"
                      + (f" ({item.operation})" if item.operation else "")
                      + f": only {item.score:.0%} of the field names agree", highlight=False)
