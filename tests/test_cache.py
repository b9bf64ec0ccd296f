"""The cache of loaded docs, specs and static comparisons: transparent, invalidated by any
change of input, never trusting an entry it cannot verify."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from schemacheck import cache, cache_store
from schemacheck.cli import app
from tests.forking import allow_forks

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()

DOCS = """
/** @response GET /items/{id} */
export interface ItemResponse {
  id: string;
  name: string; // shown to the user
  tags?: string[];
}
"""


def _spec(name_type: str = "string") -> dict[str, Any]:
    item = {"type": "object", "required": ["id", "name"], "properties": {
        "id": {"type": "string"}, "name": {"type": name_type},
        "tags": {"type": "array", "items": {"type": "string"}}}}
    return {"openapi": "3.1.0", "info": {"title": "items", "version": "1"},
            "paths": {"/items/{id}": {"get": {
                "operationId": "get_item",
                "parameters": [{"name": "id", "in": "path", "required": True,
                                "schema": {"type": "string"}}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Item"}}}}}}}},
            "components": {"schemas": {"Item": item}}}


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SCHEMACHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("SCHEMACHECK_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, Path]:
    docs, spec = tmp_path / "items.ts", tmp_path / "openapi.json"
    docs.write_text(DOCS)
    spec.write_text(json.dumps(_spec()))
    return docs, spec


def _diff(docs: Path | str, spec: Path | str, *extra: str) -> tuple[int, str]:
    result = runner.invoke(app, ["diff", "--docs", str(docs), "--openapi", str(spec),
                                 "--format", "json", *extra], env={"SOURCE_DATE_EPOCH": "0"})
    return result.exit_code, result.stdout


def _refuse(*args: object, **kwargs: object) -> None:
    raise AssertionError("read again although its outputs are cached")


def _no_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, loading a source or comparing them again fails the test: a warm run
    must come from the cache alone."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("loaded again although the cache holds it")

    monkeypatch.setattr(cache, "load_docs", refuse)
    monkeypatch.setattr(cache, "load_openapi", refuse)
    monkeypatch.setattr("schemacheck.pipeline._compare", refuse)


def test_warm_run_reports_byte_for_byte_what_the_cold_run_did(
        store: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # The V3 example: findings, quoted docs excerpts and examples all come through the cache.
    from fixtures.v3.app import create_app

    spec = tmp_path / "v3.json"
    spec.write_text(json.dumps(create_app(fixed=False).openapi()))
    docs = ROOT / "fixtures/v3/docs"
    cold = _diff(docs, spec)
    assert cold[0] == 1 and json.loads(cold[1])["findings"]
    # docs, spec, the comparison, and the run's outputs (replay.py)
    assert len([p for p in store.iterdir() if len(p.name) == 64]) == 4
    fresh = {fmt: runner.invoke(app, ["diff", "--no-cache", "--docs", str(docs), "--openapi",
                                      str(spec), "--format", fmt],
                                env={"SOURCE_DATE_EPOCH": "0"}).stdout for fmt in ("md", "console")}
    _no_loading(monkeypatch)
    assert _diff(docs, spec) == cold
    for fmt, text in fresh.items():  # every report renders the same from the cached parts
        warm = runner.invoke(app, ["diff", "--docs", str(docs), "--openapi", str(spec),
                                   "--format", fmt], env={"SOURCE_DATE_EPOCH": "0"})
        assert warm.stdout == text


def test_types_warm_equals_cold(store: Path, inputs: tuple[Path, Path],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    docs, _ = inputs
    cold = runner.invoke(app, ["types", str(docs), "--format", "json"])
    console = runner.invoke(app, ["types", str(docs)])
    _no_loading(monkeypatch)
    monkeypatch.setattr("schemacheck.cache.cached_docs", _refuse)  # replayed, not read
    warm = runner.invoke(app, ["types", str(docs), "--format", "json"])
    assert cold.exit_code == warm.exit_code == 0 and warm.stdout == cold.stdout
    assert runner.invoke(app, ["types", str(docs)]).stdout == console.stdout != ""


def test_a_changed_docs_file_or_spec_is_read_again(store: Path,
                                                   inputs: tuple[Path, Path]) -> None:
    docs, spec = inputs
    code, before = _diff(docs, spec)
    assert code == 0, before
    assert not json.loads(before)["findings"]
    docs.write_text(DOCS.replace("name: string", "name: number"))
    code, after = _diff(docs, spec)
    assert [f["rule"] for f in json.loads(after)["findings"]] == ["response-type-mismatch"]
    docs.write_text(DOCS)
    spec.write_text(json.dumps(_spec("integer")))
    code, after = _diff(docs, spec)
    assert [f["location"] for f in json.loads(after)["findings"]] == ["response.name"]
    spec.write_text(json.dumps(_spec()))
    assert _diff(docs, spec) == (0, before)  # and back: the first entries serve again


def test_corrupt_or_foreign_entries_are_misses(store: Path, inputs: tuple[Path, Path]) -> None:
    docs, spec = inputs
    cold = _diff(docs, spec)
    entries = [p for p in store.iterdir() if len(p.name) == 64]
    assert len(entries) == 4
    for i, entry in enumerate(entries):
        data = entry.read_bytes()
        # truncated; another build's header (never unpickled); random bytes
        entry.write_bytes([data[: len(data) // 2], b"schemacheck-cache 1\nother key\n" +
                           data.split(b"\n", 2)[2], b"\x80\x04garbage"][i % 3])
    assert _diff(docs, spec) == cold


def test_no_cache_neither_reads_nor_writes(store: Path, inputs: tuple[Path, Path]) -> None:
    docs, spec = inputs
    cold = _diff(docs, spec, "--no-cache")
    assert not store.exists()
    assert _diff(docs, spec) == cold
    assert (store / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172")
    assert (store / ".gitignore").read_text().splitlines()[-1] == "*"


def test_a_spec_with_references_to_other_files_is_not_cached(
        store: Path, inputs: tuple[Path, Path]) -> None:
    docs, spec = inputs
    document = _spec()
    (spec.parent / "item.json").write_text(json.dumps(document["components"]["schemas"]["Item"]))
    document["components"]["schemas"]["Item"] = {"$ref": "item.json"}
    spec.write_text(json.dumps(document))
    assert cache.spec_key(str(spec), False) is None
    code, before = _diff(docs, spec)
    assert code == 0 and not json.loads(before)["findings"]
    item = json.loads((spec.parent / "item.json").read_text())
    item["properties"]["name"]["type"] = "integer"
    (spec.parent / "item.json").write_text(json.dumps(item))  # the spec file is unchanged
    code, after = _diff(docs, spec)
    assert [f["location"] for f in json.loads(after)["findings"]] == ["response.name"]


def test_entries_beyond_the_limit_are_pruned(store: Path, inputs: tuple[Path, Path],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_store, "MAX_ENTRIES", 2)
    docs, spec = inputs
    _diff(docs, spec)
    assert len([p for p in store.iterdir() if len(p.name) == 64]) == 2


def test_the_spec_loaded_in_a_forked_child_is_the_same(
        store: Path, inputs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    from schemacheck.config import Config
    from schemacheck.pipeline import finish, run_static

    forked = allow_forks(monkeypatch)
    monkeypatch.setattr(cache, "MIN_PREFETCH", 0)  # a small spec: forked all the same
    docs, spec = inputs
    spec.write_text(json.dumps(_spec("integer")))
    cache.bypass()
    try:
        loaded = run_static(Config(docs=[str(docs)], openapi=str(spec)), "2026-01-01")
        finish(loaded)
        assert forked and not cache._pending  # a child loaded it, and it was collected
        monkeypatch.setattr(cache, "prefetch_spec", lambda *args, **kwargs: None)
        alone = run_static(Config(docs=[str(docs)], openapi=str(spec)), "2026-01-01")
        finish(alone)
        assert loaded.result.dumps() == alone.result.dumps()
        assert [f.location for f in loaded.result.findings] == ["response.name"]
        # a spec the child cannot load: the parent loads it and reports the one error
        spec.write_text("{ not json")
        monkeypatch.undo()
        allow_forks(monkeypatch)
        monkeypatch.setattr(cache, "MIN_PREFETCH", 0)
        broken = run_static(Config(docs=[str(docs)], openapi=str(spec)), "2026-01-01")
        assert broken.spec is None and [d.message for d in broken.result.diagnostics] == [
            f"{spec}:1: not valid JSON (Expecting property name enclosed in double quotes)"]
    finally:
        cache.bypass(False)


def test_another_configuration_is_compared_again(store: Path, inputs: tuple[Path, Path]) -> None:
    from schemacheck.config import Config
    from schemacheck.pipeline import run_static

    docs, spec = inputs
    docs.write_text(DOCS + "export interface OtherItem { id: number; name: string; }\n")

    def findings(contracts: dict[str, dict[str, str]]) -> list[str]:
        loaded = run_static(Config(docs=[str(docs)], openapi=str(spec), contracts=contracts))
        return [f"{f.rule} {f.location}" for f in loaded.result.findings]

    assert findings({}) == []
    # the same inputs, a configured pairing: a cached comparison must not answer for it
    assert findings({"GET /items/{id}": {"response": "OtherItem"}}) == [
        "response-type-mismatch response.id", "response-field-undocumented response.tags"]
    assert findings({}) == []


def _no_running(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, running the pipeline at all fails the test: the run must be replayed."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("ran again although its outputs are cached")

    _no_loading(monkeypatch)
    monkeypatch.setattr("schemacheck.pipeline.run_static", refuse)
    monkeypatch.setattr("schemacheck.pipeline.run_all", refuse)


def _invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"SOURCE_DATE_EPOCH": "0", **(env or {})})
    return result.exit_code, result.stdout, result.stderr


def test_a_warm_diff_is_replayed_with_its_file_and_messages(
        store: Path, inputs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    docs, spec = inputs
    broken = tmp_path / "broken.ts"  # an input error: printed on stderr beside --format json
    broken.write_text("export interface Broken { id: string\n")
    args = ("diff", "--docs", str(docs), "--docs", str(broken), "--openapi", str(spec),
            "--format", "md")
    cold_out, warm_out = tmp_path / "cold.md", tmp_path / "warm.md"
    cold = _invoke(*args, "-o", str(cold_out))
    assert "error:" in cold[2] and f"wrote {cold_out}" in cold[2]
    piped = _invoke(*args[:-2])  # the console text on a pipe: its own entry
    _no_running(monkeypatch)
    warm = _invoke(*args, "-o", str(warm_out))
    assert warm[:2] == cold[:2] and warm[2] == cold[2].replace(str(cold_out), str(warm_out))
    assert warm_out.read_bytes() == cold_out.read_bytes()
    assert _invoke(*args[:-2]) == piped


def test_a_changed_flag_setting_date_or_baseline_runs_again(
        store: Path, inputs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    docs, spec = inputs
    spec.write_text(json.dumps(_spec("integer")))  # one finding, high
    args = ("diff", "--docs", str(docs), "--openapi", str(spec), "--format", "json")
    code, out, _ = _invoke(*args)
    assert code == 1 and json.loads(out)["gate"]["fail_on"] == "high"
    calls: list[object] = []
    from schemacheck import pipeline

    real = pipeline.run_static
    monkeypatch.setattr(pipeline, "run_static", lambda *a, **k: calls.append(a) or real(*a, **k))

    def ran(*extra: str, env: dict[str, str] | None = None) -> dict[str, Any]:
        before = len(calls)
        code, out, _ = _invoke(*args, *extra, env=env)
        assert len(calls) == before + 1, f"{extra} {env}: replayed, not run"
        return json.loads(out)

    assert _invoke(*args)[1] == out and not calls  # unchanged: replayed
    assert ran("--fail-on", "critical")["gate"]["exit_code"] == 0
    assert ran(env={"SCHEMACHECK_FAIL_ON": "medium"})["gate"]["fail_on"] == "medium"
    assert _invoke(*args, env={"SCHEMACHECK_FAIL_ON": "critical"})[0] == 0  # = the flag's run
    assert ran(env={"SOURCE_DATE_EPOCH": "86400"})["generated"] == "1970-01-02"
    baseline = tmp_path / "baseline.json"
    (tmp_path / "b").write_text(out)
    assert _invoke("baseline", "--from", str(tmp_path / "b"), "-o", str(baseline))[0] == 0
    assert ran("--baseline", str(baseline))["gate"]["baselined"]
    baseline.write_text(json.dumps({"version": 1, "findings": []}))
    assert not ran("--baseline", str(baseline))["gate"]["baselined"]  # its bytes changed
    (tmp_path / "schemacheck.yaml").write_text("fail_on: critical\n")
    monkeypatch.chdir(tmp_path)  # another directory, and a settings file found there
    assert ran()["gate"]["fail_on"] == "critical"


def test_digests_are_reused_by_stat_and_an_edit_keeping_size_and_mtime_is_seen(
        store: Path, inputs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import time

    docs, _ = inputs
    old = time.time_ns() - 10 * 10**9  # long before the digest: not a racy entry
    os.utime(docs, ns=(old, old))
    first = cache_store.docs_key([str(docs)])
    real = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        assert path != docs, "read again although its stat is unchanged"
        return real(path)

    with monkeypatch.context() as patch:
        patch.setattr(Path, "read_bytes", read_bytes)
        assert cache_store.docs_key([str(docs)]) == first
    docs.write_text(DOCS.replace("name: string", "name: number"))  # the same size
    os.utime(docs, ns=(old, old))  # and the old mtime back: the ctime still moved
    assert cache_store.docs_key([str(docs)]) != first
    # a file digested within 2 s of its last change is read again next time (git's racy rule)
    docs.write_text(DOCS)
    fresh = cache_store.docs_key([str(docs)])
    with monkeypatch.context() as patch:
        seen: list[Path] = []
        patch.setattr(Path, "read_bytes", lambda path: seen.append(path) or real(path))
        assert cache_store.docs_key([str(docs)]) == fresh and docs in seen


def test_a_damaged_replay_entry_is_a_miss(store: Path, inputs: tuple[Path, Path],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from schemacheck import replay

    docs, spec = inputs
    cold = _diff(docs, spec)
    keys: list[str | None] = []
    real = replay.recall
    monkeypatch.setattr(replay, "recall", lambda key: keys.append(key) or real(key))
    assert _diff(docs, spec) == cold
    entry = cache_store.entry_path(str(keys[-1]))
    data = entry.read_bytes()
    for damaged in (data[: len(data) - 9], data[: data.index(b"\n", 20) + 1] + b"\x80\x05x.",
                    data.replace(b"run ", b"RUN ", 1)):
        entry.write_bytes(damaged)
        assert _diff(docs, spec) == cold  # run in full, and the entry written anew
        assert entry.read_bytes() == data


def test_check_without_probe_is_replayed_with_its_reports(
        store: Path, inputs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    docs, spec = inputs
    spec.write_text(json.dumps(_spec("integer")))

    def check(out: Path, *extra: str) -> tuple[tuple[int, str, str], dict[str, bytes]]:
        result = _invoke("check", "--docs", str(docs), "--openapi", str(spec), "--no-probe",
                         "--out", str(out), "--report", "md,json,sarif", *extra)
        return result, {p.name: p.read_bytes() for p in sorted(out.iterdir())}

    cold, cold_reports = check(tmp_path / "cold")
    cold_json, _ = check(tmp_path / "cold-json", "--format", "json")
    _no_running(monkeypatch)
    warm, warm_reports = check(tmp_path / "warm")
    assert warm_reports == cold_reports and len(cold_reports) == 3
    assert warm[:2] == cold[:2] and warm[2] == cold[2].replace("cold", "warm")
    assert check(tmp_path / "warm-json", "--format", "json")[0][:2] == cold_json[:2]


def test_the_console_on_a_terminal_is_replayed_with_its_colours(
        store: Path, inputs: tuple[Path, Path], tmp_path: Path) -> None:
    import os
    import sys

    pty = pytest.importorskip("pty")
    import fcntl
    import struct
    import termios

    docs, spec = inputs
    spec.write_text(json.dumps(_spec("integer")))

    def on_a_terminal(*extra: str) -> tuple[bytes, int]:
        pid, fd = pty.fork()
        if pid == 0:  # the child: schemacheck with a 120-column terminal as its streams
            os.environ.update(SOURCE_DATE_EPOCH="0", TERM="xterm-256color")
            os.environ.pop("NO_COLOR", None)
            os.execv(sys.executable, [sys.executable, "-m", "schemacheck", "diff", "--docs",
                                      str(docs), "--openapi", str(spec), *extra])
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        out = b""
        while True:
            try:
                data = os.read(fd, 65536)
            except OSError:  # the child has gone
                break
            if not data:
                break
            out += data
        return out, os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])

    cold = on_a_terminal()
    assert cold[1] == 1 and b"\x1b[" in cold[0]  # drawn by rich, in colour
    assert len([p for p in store.iterdir() if len(p.name) == 64]) == 4
    assert on_a_terminal() == cold == on_a_terminal("--no-cache")


def test_a_settings_file_is_not_validated_again_while_it_and_its_variables_stand(
        store: Path, inputs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    docs, spec = inputs
    settings = tmp_path / "schemacheck.yaml"
    settings.write_text(f"docs:\n  - ${{DOCS_FILE}}\nopenapi: {spec}\n"
                        "auth:\n  bearer: ${SOME_TOKEN}\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DOCS_FILE", str(docs))
    monkeypatch.setenv("SOME_TOKEN", "t0k3n-value-1")
    cold = _invoke("diff", "--format", "json")
    assert cold[0] == 0, cold
    for entry in store.iterdir():  # neither the credential nor its variable's value
        assert b"t0k3n-value" not in entry.read_bytes()
    with monkeypatch.context() as patch:
        patch.setattr("schemacheck.settings.load_config", _refuse)
        assert _invoke("diff", "--format", "json") == cold
        patch.setenv("SOME_TOKEN", "t0k3n-value-2")  # only `auth` reads it: still replayed
        assert _invoke("diff", "--format", "json") == cold
    other = tmp_path / "other.ts"
    other.write_text(DOCS.replace("name: string", "name: number"))
    monkeypatch.setenv("DOCS_FILE", str(other))  # a variable the docs come from
    code, out, _ = _invoke("diff", "--format", "json")
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["response-type-mismatch"]
    settings.write_text(settings.read_text() + "fail_on: critical\n")  # the file's bytes
    code, out, _ = _invoke("diff", "--format", "json")
    assert code == 0 and json.loads(out)["gate"]["fail_on"] == "critical"
    monkeypatch.setenv("SCHEMACHECK_FAIL_ON", "info")
    assert _invoke("diff", "--format", "json")[0] == 1
