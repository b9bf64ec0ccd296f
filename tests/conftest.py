"""Shared fixtures: real backends served by uvicorn on 127.0.0.1 at a free port."""

from __future__ import annotations

import atexit
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
import typer.main
import typer.testing

# Compiled modules are cached in __pycache__ (ignored by git) even where the environment sets
# PYTHONDONTWRITEBYTECODE: without the cache every run re-rewrites the ~50 test modules'
# asserts and every `python -m schemacheck` subprocess recompiles the package from source.
sys.dont_write_bytecode = False

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


_COMMANDS: dict[int, tuple[typer.Typer, Any]] = {}


def _command_once(app: typer.Typer) -> Any:
    """typer's CliRunner rebuilds the click command of the whole app (every option of every
    command, read from type hints) on each invoke, ~300 times a suite; once per app does, as
    in a real process. The tests never add commands to an app after its first invoke."""
    if id(app) not in _COMMANDS:
        _COMMANDS[id(app)] = (app, typer.main.get_command(app))
    return _COMMANDS[id(app)][1]


typer.testing._get_command = _command_once  # type: ignore[attr-defined]

TOKEN = "demo-token"
# A test asserts before its backends stop: what is still in flight then (a slow endpoint the
# probe gave up on) is cut short instead of waited for.
GRACE = 0
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` (pyproject's addopts): for a run of folders (the whole suite) one worker per
    core and two more, since about a third of the suite's time is spent waiting (deadlines,
    live backends, subprocesses, a browser) while another worker can compute (2 cores: 4
    workers ran it in 18.2-19.0 s where 3 took 20.7-21.5 s, interleaved); none for named
    files or tests, where starting workers costs more than it saves."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return int(os.environ["PYTEST_XDIST_AUTO_NUM_WORKERS"])
    targets = [Path(arg.split("::")[0]) for arg in config.args] or [Path(".")]
    if not any(target.is_dir() for target in targets):
        return 0
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) + 2
    return (os.cpu_count() or 1) + 2


# pytest's cache (.pytest_cache): the seconds each test module took when it last ran.
MODULE_SECONDS = "schemacheck/module-seconds"
_seconds: dict[str, float] = {}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The modules that took longest last time go first. xdist's loadscope hands out modules
    in this order (pyproject: --no-loadscope-reorder, which would order them by test count),
    so the long ones start early and the last to finish is a short one; on 2 cores the tail
    was a worker idling 2-4 s. The sort is stable: within a module, tests keep their order."""
    cache = getattr(config, "cache", None)  # None under -p no:cacheprovider
    seconds = cache.get(MODULE_SECONDS, {}) if cache is not None else {}
    if isinstance(seconds, dict) and seconds:
        items.sort(key=lambda item: -float(seconds.get(item.nodeid.split("::")[0], 0.0)))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    module = report.nodeid.split("::")[0]
    _seconds[module] = _seconds.get(module, 0.0) + report.duration


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Kept by the process that saw every report: the xdist controller, or a run without it."""
    cache = getattr(session.config, "cache", None)
    if cache is None or hasattr(session.config, "workerinput") or not _seconds:
        return
    known = cache.get(MODULE_SECONDS, {})
    known = known if isinstance(known, dict) else {}
    cache.set(MODULE_SECONDS, {**known, **{m: round(t, 2) for m, t in _seconds.items()}})


def _leave_at_once() -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """An xdist worker has sent all it had by now, and its exit status is not read: it skips
    tearing down its interpreter (freeing every module and object the suite made), which kept
    the controller waiting ~1 s at the end of each run. Registered last, so it runs first."""
    if hasattr(config, "workerinput"):
        atexit.register(_leave_at_once)


@pytest.fixture(autouse=True, scope="session")
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """schemacheck's cache (see cache.py) goes to a temporary folder, not the repository."""
    os.environ["SCHEMACHECK_CACHE_DIR"] = str(tmp_path_factory.mktemp("schemacheck-cache"))


@pytest.fixture
def live_app() -> Iterator[Callable[[Any], str]]:
    """Start any ASGI app on a free loopback port; every app started is stopped at teardown."""
    with ExitStack() as stack:
        from schemacheck.serve import serve  # here: xdist's controller runs no backend

        yield lambda app: stack.enter_context(serve(app, grace=GRACE))


@pytest.fixture(scope="session")
def v3_broken() -> Iterator[str]:
    from fixtures.v3.app import create_app
    from schemacheck.serve import serve

    with serve(create_app(fixed=False, token=TOKEN), grace=GRACE) as url:
        yield url


@pytest.fixture(scope="session")
def v3_fixed() -> Iterator[str]:
    from fixtures.v3.app import create_app
    from schemacheck.serve import serve

    with serve(create_app(fixed=True, token=TOKEN), grace=GRACE) as url:
        yield url
