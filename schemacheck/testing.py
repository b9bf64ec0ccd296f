"""Check an ASGI app's docs in-process: what the pytest fixture (pytest_plugin.py) and
`schemacheck.check(app, docs=...)` run.

The static diff runs on `app.openapi()`; the probe sends its minimal documented requests to
the app through httpx's ASGITransport: no server, no port, no network. A failed assertion's
message is the console rendering a developer knows from the CLI.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from schemacheck.errors import EXIT_SOURCE, SchemacheckError
from schemacheck.findings import Finding, Severity
from schemacheck.result import RunResult

IN_PROCESS = "http://testserver"  # the origin the in-process probe pretends to reach


@dataclass
class CheckResult:
    """The run result, with the assertions a test wants."""

    run: RunResult
    exit_code: int
    problem: str | None = None  # why the probe could not run, when it could not

    @property
    def findings(self) -> list[Finding]:
        return self.run.sorted_findings()

    def at_or_above(self, severity: str = "high") -> list[Finding]:
        limit = Severity.parse(severity, "at_or_above")
        return [f for f in self.findings if f.level >= limit]

    def rendered(self, width: int = 100) -> str:
        from schemacheck.report.console import console_text

        return console_text(self.run, width)

    def assert_no_finding(self, at_or_above: str = "high") -> None:
        """Fail with the console rendering when a finding is at or above the severity, or when
        the run was incomplete (an input could not be read, nothing was compared)."""
        __tracebackhide__ = True  # pytest shows the test's line, not this one
        bad = self.at_or_above(at_or_above)
        incomplete = self.exit_code == EXIT_SOURCE or not self.run.contracts
        if bad or incomplete or self.problem:
            why = [f"{len(bad)} finding(s) at or above {at_or_above}"] if bad else []
            if self.problem:
                why.append(f"the probe could not run: {self.problem}")
            if incomplete:
                why.append("INCOMPLETE: nothing was compared or an input could not be read")
            raise AssertionError("schemacheck: " + "; ".join(why) + "\n\n" + self.rendered())


def check(app: Any, docs: str | list[str], *, openapi: str | None = None, probe: bool = True,
          headers: dict[str, str] | None = None, allow_writes: bool = False,
          fail_on: str | None = None, path_params: dict[str, str] | None = None,
          config: str | None = None) -> CheckResult:
    """Diff the app's OpenAPI (`app.openapi()`, or `openapi=`) with the docs and, unless
    `probe=False`, probe the app in-process. `path_params` fill `{name}` in paths; `config` is
    a schemacheck.yaml for contracts, ignores and probe settings instead (by default none is
    read: a project's CLI config may point at another backend)."""
    import httpx

    from schemacheck.pipeline import Overrides, finish, run_all, run_static, settings
    from schemacheck.probe.client import ProbeClient

    with tempfile.TemporaryDirectory(prefix="schemacheck-") as tmp:
        source = openapi
        if source is None:
            if not callable(getattr(app, "openapi", None)):
                raise SchemacheckError("schemacheck.check: the app has no openapi(); pass "
                                       "openapi='path or URL'")
            source = str(Path(tmp) / "openapi.json")
            Path(source).write_text(json.dumps(app.openapi()), encoding="utf-8")
        if config is None:  # nothing is read from the working directory
            config = str(Path(tmp) / "schemacheck.yaml")
            settings_ = {"probe": {"path_params": dict(path_params or {})}}
            Path(config).write_text(json.dumps(settings_) + "\n", encoding="utf-8")
        elif path_params:
            raise SchemacheckError("schemacheck.check: give path_params in the config file "
                                   "(probe.path_params) when passing config=")
        over = Overrides(config=config, docs=[docs] if isinstance(docs, str) else list(docs),
                         openapi=source, base_url=IN_PROCESS, fail_on=fail_on,
                         allow_writes=allow_writes,
                         headers=[f"{k}: {v}" for k, v in (headers or {}).items()])
        problem: str | None = None
        if probe:
            previous = ProbeClient.transport
            ProbeClient.transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
            try:
                loaded, code, error = run_all(over)
            finally:
                ProbeClient.transport = previous
            problem = str(error) if error else None
        else:
            loaded = run_static(settings(over))
            code = finish(loaded)
    if openapi is None:
        inputs = loaded.result.inputs
        loaded.result = replace(loaded.result, inputs=replace(
            inputs, openapi=replace(inputs.openapi, source="app.openapi()")))
    return CheckResult(loaded.result, code, problem)
