"""The GitHub Action and the pre-commit hook, run for real: the action's `run:` steps
extracted from action.yml and executed as a script against a temporary project (its install
step installing this checkout into a fresh venv), and the hook through `pre-commit try-repo`.

Both install this checkout the way a user's machine would, so they reach the package index
(for hatchling and, in pre-commit's case, the dependencies): the one exception to
loopback-only in the suite."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(
    not (os.environ.get("CI") or os.environ.get("SCHEMACHECK_INSTALL_TESTS")),
    reason="installs this checkout from the package index (about a minute): runs on CI "
           "(CI=true), or set SCHEMACHECK_INSTALL_TESTS=1")
DRIFT = "# API\n\n### GET /api/items\n\n```ts\nexport interface Item {\n  id: string;\n" \
        "  name: string;\n}\n```\n"
FIXED = "# API\n\n### GET /api/items\n\n```ts\nexport interface Item {\n  id: number;\n}\n```\n"
SPEC = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {"/api/items": {
    "get": {"responses": {"200": {"description": "ok", "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/Item"}}}}}}}},
    "components": {"schemas": {"Item": {"type": "object", "required": ["id"],
                                        "properties": {"id": {"type": "integer"}}}}}}


def _project(tmp: Path, docs: str = DRIFT) -> Path:
    project = tmp / "project"
    project.mkdir()
    (project / "docs").mkdir()
    (project / "docs" / "API.md").write_text(docs)
    (project / "openapi.json").write_text(json.dumps(SPEC))
    (project / "schemacheck.yaml").write_text("docs: [docs/API.md]\nopenapi: openapi.json\n")
    return project


def _expand(value: str, inputs: dict[str, str], outputs: dict[str, str]) -> str:
    """The `${{ inputs.x }}` and `${{ steps.check.outputs.y }}` expressions the steps use."""
    def one(match: re.Match[str]) -> str:
        expr = match[1].strip()
        if expr.startswith("inputs."):
            return inputs[expr.removeprefix("inputs.")]
        if expr.startswith("steps.check.outputs."):
            return outputs.get(expr.removeprefix("steps.check.outputs."), "")
        raise AssertionError(f"unexpected expression {expr}")
    return re.sub(r"\$\{\{(.*?)\}\}", one, value)


@pytest.mark.timeout(900)
def test_action_steps_run_as_a_script(tmp_path: Path) -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    inputs["out"] = "out"
    project = _project(tmp_path)
    # a fresh venv: the install step must install this checkout, not reuse the dev install
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    github_output = tmp_path / "github_output"
    github_output.touch()
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
           "GITHUB_ACTION_PATH": str(ROOT), "GITHUB_OUTPUT": str(github_output),
           "VIRTUAL_ENV": str(env_dir)}
    env.pop("PYTHONPATH", None)
    outputs: dict[str, str] = {}
    ran: list[tuple[str, subprocess.CompletedProcess[str]]] = []
    for step in action["runs"]["steps"]:
        if "uses" in step:
            if "upload-sarif" in step["uses"]:
                sarif = project / _expand(step["with"]["sarif_file"], inputs, outputs)
                assert json.loads(sarif.read_text())["version"] == "2.1.0"
            continue
        step_env = {k: _expand(str(v), inputs, outputs) for k, v in step.get("env", {}).items()}
        proc = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=project, text=True,
                              capture_output=True, env={**env, **step_env}, timeout=300)
        ran.append((step["name"], proc))
        if step["name"].startswith("Install"):  # as on a runner: the checkout and its deps
            assert proc.returncode == 0, proc.stderr
        outputs.update(line.split("=", 1) for line in github_output.read_text().splitlines())
    names = [name for name, _ in ran]
    assert names == ["Install schemacheck from the action's checkout", "schemacheck check",
                     "Annotate the docs lines", "Gate"]
    installed = subprocess.run([str(bin_dir / "python"), "-c", "import schemacheck; "
                                "print(schemacheck.__file__)"], capture_output=True, text=True,
                               env=env, check=True, cwd=project).stdout
    assert str(env_dir) in installed  # the checkout's build, not the editable dev install
    assert outputs["exit-code"] == "1"
    assert sorted(p.name for p in (project / "out").iterdir()) == [
        "gap-report.html", "gap-report.json", "gap-report.md", "gap-report.sarif", "junit.xml"]
    annotations = ran[2][1].stdout.splitlines()
    assert annotations and all(a.startswith("::error file=docs/API.md,line=") for a in annotations)
    assert ran[3][1].returncode == 1  # the gate fails the job as `check` decided


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("pre-commit") is None and not (Path(sys.executable).parent /
                                                   "pre-commit").exists():
        pytest.fail("pre-commit is not installed: it is in the test extra")
    return tmp_path_factory.mktemp("pre-commit-home")


def _try_repo(project: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    return subprocess.run([exe, "try-repo", str(ROOT), "schemacheck-diff", *args],
                          cwd=project, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PRE_COMMIT_HOME": str(home)})


def _git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t", *args],
                   cwd=project, check=True, capture_output=True)


@pytest.mark.timeout(900)
def test_pre_commit_hook_via_try_repo(tmp_path: Path, pre_commit_home: Path) -> None:
    hooks: list[dict[str, Any]] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == ["schemacheck-diff"]
    project = _project(tmp_path)
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    drift = _try_repo(project, pre_commit_home, "--all-files")
    assert drift.returncode == 1, drift.stdout + drift.stderr
    assert "Failed" in drift.stdout and "response-type-mismatch" in drift.stdout
    # a commit touching no docs, spec or config does not run it
    _git(project, "commit", "-q", "-m", "start")
    (project / "main.py").write_text("print(1)\n")
    _git(project, "add", "main.py")
    other = _try_repo(project, pre_commit_home)
    assert other.returncode == 0 and "Skipped" in other.stdout, other.stdout
    # fixed docs pass
    (project / "docs" / "API.md").write_text(FIXED)
    _git(project, "add", "-A")
    fixed = _try_repo(project, pre_commit_home)
    assert fixed.returncode == 0 and "Passed" in fixed.stdout, fixed.stdout + fixed.stderr
