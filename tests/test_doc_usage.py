"""Pointed at a whole folder, the diff sets aside TypeScript files none of whose types the API
uses (a generated client's runtime code, a frontend's own types): one warning names them,
instead of each of their types "matching nothing" and each construct they hold that the
converter cannot express. A file named on its own, and Markdown, keep every detail."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from schemacheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
SHOP = ROOT / "tests" / "data" / "generated" / "shop"
RUNTIME = """
export type RequestFn = (url: string, init?: RequestInit) => Promise<Response>;
export interface ClientConfig {
  baseUrl: string; fetch: typeof fetch; retry: (n: number) => boolean
}
export const createClient = (config: ClientConfig) => ({ get: (url: string) => fetch(url) });
"""
UNRELATED = "export interface ButtonProps { label: string; onClick: () => void }\n"


def _diff(*docs: Path) -> dict:
    args = ["diff", "--openapi", str(SHOP / "spec.json"), "--format", "json", "--no-cache"]
    for path in docs:
        args += ["--docs", str(path)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _folder(tmp_path: Path) -> Path:
    client = tmp_path / "client"
    (client / "core").mkdir(parents=True)
    shutil.copy(SHOP / "heyapi.types.gen.ts", client / "types.gen.ts")
    (client / "core" / "request.gen.ts").write_text(RUNTIME)
    (client / "ui.ts").write_text(UNRELATED)
    (client / "README.md").write_text("```ts\nexport interface Leftover { x: string }\n```\n")
    return client


def test_files_of_a_folder_that_the_api_does_not_use_are_one_warning(tmp_path: Path) -> None:
    client = _folder(tmp_path)
    run = _diff(client)
    assert run["contracts"]  # the types file is compared as before
    # Markdown is the user's docs: its unmatched type is still listed
    assert run["unmatched"] == ["Leftover"]
    warnings = [d for d in run["diagnostics"] if d["level"] == "warning"]
    assert [(d["where"], d["message"]) for d in warnings] == [(
        str(client), "2 TypeScript files here declare no type the API uses (3 types: runtime "
        "code or unrelated types), not compared: core/request.gen.ts, ui.ts")]


def test_a_file_named_on_its_own_keeps_every_detail(tmp_path: Path) -> None:
    client = _folder(tmp_path)
    run = _diff(client, client / "core" / "request.gen.ts")
    assert set(run["unmatched"]) == {"ClientConfig", "Leftover", "RequestFn"}
    messages = [d["message"] for d in run["diagnostics"]]
    assert any("cannot express function type" in m for m in messages)
    assert any("1 TypeScript file here declares no type" in m and "ui.ts" in m
               for m in messages)


def test_a_file_that_does_not_parse_is_still_an_error(tmp_path: Path) -> None:
    client = _folder(tmp_path)
    (client / "broken.ts").write_text("export interface Broken { a: string \n")
    args = ["diff", "--openapi", str(SHOP / "spec.json"), "--docs", str(client),
            "--format", "json", "--no-cache"]
    result = CliRunner().invoke(app, args)
    run = json.loads(result.stdout)
    assert any(d["level"] == "error" and "broken.ts" in d["where"] for d in run["diagnostics"])
    assert result.exit_code == 3  # an input that could not be read never passes
