"""Two services' generated clients in one `--docs` folder: the same names in two files are
two types (`User@accounts/types.gen.ts`, `User@forum/types.gen.ts`), never merged, and a
spec pairs with its own service's. A file holding the only `XData` of one of the spec's
operations is that spec's client; where both files answer (the same path, the same
operationId), the name is the one declared there. data/two-services: see its README."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from schemacheck.cli import app
from tests.realworld.conftest import found

DATA = Path(__file__).parent / "data" / "two-services"


def _diff(tmp_path: Path, spec: str, edit: tuple[str, str, str] | None = None,
          exit_code: int = 0) -> dict[str, Any]:
    docs = tmp_path / "docs"
    shutil.copytree(DATA / "docs", docs)
    if edit is not None:
        target = docs / edit[0] / "types.gen.ts"
        text = target.read_text(encoding="utf-8")
        assert text.count(edit[1]) == 1
        target.write_text(text.replace(edit[1], edit[2]), encoding="utf-8")
    result = CliRunner().invoke(app, [
        "diff", "--no-config", "--no-cache", "--docs", str(docs),
        "--openapi", str(DATA / f"{spec}.json"), "--format", "json"])
    assert "Traceback" not in result.output and result.exit_code == exit_code, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.mark.parametrize(("spec", "other"), [("accounts", "forum"), ("forum", "accounts")])
def test_each_spec_pairs_with_its_own_client(tmp_path: Path, spec: str, other: str) -> None:
    data = _diff(tmp_path, spec)
    assert found(data) == [] and data["unmatched"] == [] and data["uncovered"] == []
    assert data["incomplete"] == []
    docs = {c["docs"] for c in data["contracts"]}
    assert f"User@{spec}/types.gen.ts" in docs and f"NewUser@{spec}/types.gen.ts" in docs
    assert not any(other in name for name in docs)
    # the other service's file is set aside as a whole, in one warning
    [note] = data["diagnostics"]
    assert note["level"] == "warning" and note["where"].endswith(other)


def test_drift_is_found_in_the_spec_s_own_client(tmp_path: Path) -> None:
    data = _diff(tmp_path, "accounts", ("accounts", "    plan: 'free' | 'pro';\n",
                                        "    plan: 'free';\n"))
    assert [(rule, location) for rule, _, location in found(data)] == [
        ("response-enum-value-undocumented", "#User@accounts/types.gen.ts.plan")]
    # the other service's User, which has no `plan` at all, is not this spec's
    assert {c["docs"] for c in data["contracts"] if c["docs"].startswith("User@")} == {
        "User@accounts/types.gen.ts"}


def test_drift_in_the_other_client_is_not_this_spec_s(tmp_path: Path) -> None:
    data = _diff(tmp_path, "accounts", ("forum", "    karma?: number | null;\n", ""))
    assert found(data) == []
