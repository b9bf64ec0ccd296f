"""Two services' generated clients in one `--docs` folder: the same names in two files are
two types (`User@accounts/types.gen.ts`, `User@forum/types.gen.ts`), never merged, and a
spec pairs with its own service's. A file holding the only `XData` (hey-api) or `paths`
entry (openapi-typescript) of one of the spec's operations is that spec's client; where both
files answer (the same path, the same operationId), the one declared there is used.
data/two-services: see its README."""

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
# layout -> (file name, accounts' `plan` line, the same line with a value left out, forum's
# optional `karma` line)
LAYOUTS = {
    "heyapi": ("types.gen.ts", "    plan: 'free' | 'pro';\n", "    plan: 'free';\n",
               "    karma?: number | null;\n"),
    "openapi-typescript": ("types.d.ts", '            plan: "free" | "pro";\n',
                           '            plan: "free";\n',
                           "            karma?: number | null;\n"),
}


def _diff(tmp_path: Path, layout: str, spec: str,
          edit: tuple[str, str, str] | None = None) -> dict[str, Any]:
    docs = tmp_path / "docs"
    shutil.copytree(DATA / layout, docs)
    if edit is not None:
        target = docs / edit[0] / LAYOUTS[layout][0]
        text = target.read_text(encoding="utf-8")
        assert text.count(edit[1]) == 1
        target.write_text(text.replace(edit[1], edit[2]), encoding="utf-8")
    result = CliRunner().invoke(app, [
        "diff", "--no-config", "--no-cache", "--docs", str(docs),
        "--openapi", str(DATA / f"{spec}.json"), "--format", "json"])
    assert "Traceback" not in result.output and result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize(("spec", "other"), [("accounts", "forum"), ("forum", "accounts")])
def test_each_spec_pairs_with_its_own_client(tmp_path: Path, layout: str, spec: str,
                                             other: str) -> None:
    data = _diff(tmp_path, layout, spec)
    assert found(data) == [] and data["unmatched"] == [] and data["uncovered"] == []
    assert data["incomplete"] == []
    assert {c["operation"] for c in data["contracts"]} >= {"GET /users/{id}", "POST /users"}
    assert not any(other in c["docs"] for c in data["contracts"])
    # the other service's file is set aside as a whole, in one warning
    [note] = data["diagnostics"]
    assert note["level"] == "warning" and note["where"].endswith(other)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_drift_is_found_in_the_spec_s_own_client(tmp_path: Path, layout: str) -> None:
    _, line, drifted, _ = LAYOUTS[layout]
    data = _diff(tmp_path, layout, "accounts", ("accounts", line, drifted))
    file = LAYOUTS[layout][0]
    assert [(rule, location) for rule, _, location in found(data)] == [
        ("response-enum-value-undocumented", f"#User@accounts/{file}.plan")]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_drift_in_the_other_client_is_not_this_spec_s(tmp_path: Path, layout: str) -> None:
    data = _diff(tmp_path, layout, "accounts", ("forum", LAYOUTS[layout][3], ""))
    assert found(data) == []
