"""Shared fixtures: real backends served by uvicorn on 127.0.0.1 at a free port."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from schemacheck.serve import serve  # noqa: E402

TOKEN = "demo-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(autouse=True, scope="session")
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """schemacheck's cache (see cache.py) goes to a temporary folder, not the repository."""
    os.environ["SCHEMACHECK_CACHE_DIR"] = str(tmp_path_factory.mktemp("schemacheck-cache"))


@pytest.fixture
def live_app() -> Iterator[Callable[[Any], str]]:
    """Start any ASGI app on a free loopback port; every app started is stopped at teardown."""
    with ExitStack() as stack:
        yield lambda app: stack.enter_context(serve(app))


@pytest.fixture(scope="session")
def v3_broken() -> Iterator[str]:
    from fixtures.v3.app import create_app

    with serve(create_app(fixed=False, token=TOKEN)) as url:
        yield url


@pytest.fixture(scope="session")
def v3_fixed() -> Iterator[str]:
    from fixtures.v3.app import create_app

    with serve(create_app(fixed=True, token=TOKEN)) as url:
        yield url
