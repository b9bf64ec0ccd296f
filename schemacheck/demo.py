"""`schemacheck demo`: the bundled V3 backend, served on loopback, checked end to end."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

from schemacheck.errors import SourceError

PACKAGED = Path(__file__).parent / "_demo" / "v3"  # in a wheel (see pyproject.toml)
CHECKOUT = Path(__file__).resolve().parent.parent / "fixtures" / "v3"  # in a source checkout


def demo_dir() -> Path:
    for candidate in (PACKAGED, CHECKOUT):
        if (candidate / "app.py").is_file():
            return candidate
    raise SourceError("the bundled V3 example is missing from this installation")


def load_app_module(folder: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("schemacheck_demo_v3_app", folder / "app.py")
    if spec is None or spec.loader is None:  # pragma: no cover
        raise SourceError(f"{folder / 'app.py'}: cannot be imported")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def demo_token() -> str:
    return os.environ.get("V3_API_TOKEN", "demo-token")
