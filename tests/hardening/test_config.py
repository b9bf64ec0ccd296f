"""The typed settings: booleans and numbers after ${VAR}, ranges, every error at once with
file:line and a did-you-mean, no secret in any message, lazy credentials, --no-config, the JSON
Schema for editors, SCHEMACHECK_* variables and [tool.schemacheck] in pyproject.toml."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from schemacheck.cli import app
from schemacheck.config import Config, find_config, load_config
from schemacheck.config_schema import json_schema
from schemacheck.errors import ConfigError
from schemacheck.pipeline import Overrides, settings

ROOT = Path(__file__).resolve().parents[2]
DOCS = str(ROOT / "fixtures/v3/docs")
runner = CliRunner()


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> str:
    from fixtures.v3.app import create_app

    path = tmp_path_factory.mktemp("spec") / "openapi.json"
    path.write_text(json.dumps(create_app(fixed=False).openapi()))
    return str(path)


def _load(tmp_path: Path, text: str, env: dict[str, str] | None = None) -> Config:
    path = tmp_path / "schemacheck.yaml"
    path.write_text(text)
    return load_config(path, env or {})


def _error(tmp_path: Path, text: str, env: dict[str, str] | None = None) -> str:
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, text, env)
    return str(caught.value)


# --- types after interpolation --------------------------------------------------------------

@pytest.mark.parametrize(("written", "expected"), [
    ('"false"', False), ("'0'", False), ('"TRUE"', True), ("'1'", True), ("false", False),
    ("true", True), ("0", False), ("1", True)])
def test_quoted_booleans_mean_what_they_say(tmp_path: Path, written: str, expected: bool) -> None:
    config = _load(tmp_path, f"allow_remote_refs: {written}\nverify_tls: {written}\n")
    assert config.allow_remote_refs is expected and config.verify_tls is expected


@pytest.mark.parametrize(("env", "expected"), [({}, False), ({"ALLOW_WRITES": "true"}, True),
                                               ({"ALLOW_WRITES": "0"}, False)])
def test_allow_writes_from_a_variable(tmp_path: Path, env: dict[str, str], expected: bool) -> None:
    config = _load(tmp_path, "probe:\n  allow_writes: ${ALLOW_WRITES:-false}\n", env)
    assert config.probe.allow_writes is expected


def test_allow_writes_list_and_numbers_from_variables(tmp_path: Path) -> None:
    config = _load(tmp_path, "timeout: ${T}\nprobe:\n  concurrency: ${C:-3}\n  allow_writes:\n"
                             "    - POST   /api/jobs\n", {"T": "2.5"})
    assert config.timeout == 2.5 and config.probe.concurrency == 3
    assert config.probe.allow_writes == ["POST /api/jobs"]


def test_max_body_bytes_is_read(tmp_path: Path) -> None:
    assert _load(tmp_path, "probe:\n  max_body_bytes: 4096\n").probe.max_body_bytes == 4096


def test_scalars_in_string_maps_are_text(tmp_path: Path) -> None:
    config = _load(tmp_path, "headers:\n  X-Version: 2\n  X-Flag: true\nprobe:\n"
                             "  path_params: {jobId: 7}\n")
    assert config.headers == {"X-Version": "2", "X-Flag": "true"}
    assert config.probe.path_params == {"jobId": "7"}


# --- errors: all at once, file:line, did-you-mean, no value quoted -----------------------------

def test_every_error_at_once_with_its_line(tmp_path: Path) -> None:
    text = ("docs: [a]\n"                 # 1
            "timeout: -1\n"              # 2
            "base_uri: http://x\n"       # 3
            "probe:\n"                   # 4
            "  concurency: 4\n"          # 5
            "  retries: many\n"          # 6
            "  max_body_bytes: 0\n"      # 7
            "allow_remote_refs: maybe\n"  # 8
            "fail_on: severe\n")         # 9
    lines = _error(tmp_path, text).splitlines()
    assert [line.split(": ", 1)[0].rsplit(":", 1)[1] for line in lines] == \
        ["2", "3", "5", "6", "7", "8", "9"]
    joined = "\n".join(lines)
    assert "schemacheck.yaml:2: timeout: must be greater than 0" in joined
    assert "schemacheck.yaml:3: base_uri: unknown key (did you mean 'base_url'?)" in joined
    assert "schemacheck.yaml:5: probe.concurency: unknown key (did you mean 'concurrency'?)" \
        in joined
    assert "schemacheck.yaml:6: probe.retries: expected an integer" in joined
    assert "schemacheck.yaml:7: probe.max_body_bytes: must be at least 1024" in joined
    assert "schemacheck.yaml:8: allow_remote_refs: expected true or false" in joined
    assert "schemacheck.yaml:9: fail_on: unknown severity 'severe'" in joined


@pytest.mark.parametrize(("text", "message"), [
    ("probe:\n  concurrency: 0\n", "probe.concurrency: must be at least 1"),
    ("probe:\n  timeout: 0\n", "probe.timeout: must be greater than 0"),
    ("probe:\n  retries: true\n", "probe.retries: expected a number, got a boolean"),
    ("ignore:\n  - rule: response-field-missin\n    reason: x\n",
     "ignore.0.rule: unknown rule id 'response-field-missin' (did you mean "
     "'response-field-missing'?)"),
    ("ignore:\n  - rule: response-field-missing\n", "ignore.0.reason: required"),
    ("contracts:\n  FETCH /x: {request: A}\n", "contracts.FETCH /x: an operation is written"),
    ("contracts:\n  GET /x: {body: A}\n", "contracts.GET /x.body: unknown key (expected one of "
                                       "query, request, response)"),
    ("auth:\n  login: {username: u}\n", "auth.login.url: required"),
    ("docs: 5\n", "docs: expected a path or a list of paths"),
    ("probe: [1, 2]\n", "probe: expected a mapping"),
    ("- a\n- b\n", "the settings must be a mapping"),
])
def test_one_error_names_file_line_and_key(tmp_path: Path, text: str, message: str) -> None:
    assert message in _error(tmp_path, text)


def test_errors_never_quote_a_secret(tmp_path: Path) -> None:
    message = _error(tmp_path, "auth:\n  bearer: [tok-s3cr3t-123]\n  login:\n    url: /t\n"
                               "    password: {p: pw-s3cr3t-456}\nheaders:\n"
                               "  Authorization: [hdr-s3cr3t-789]\n")
    assert "auth.bearer: expected a string" in message
    assert "s3cr3t" not in message


def test_malformed_header_flag_names_the_header_not_its_token(spec: str) -> None:
    result = runner.invoke(app, ["diff", "--docs", DOCS, "--openapi", spec, "--no-config",
                                 "--header", "Authorization Bearer tok-s3cr3t-abc"])
    assert result.exit_code == 2
    assert "--header Authorization...: write it as 'Name: value'" in result.stderr
    assert "s3cr3t" not in result.output
    alone = runner.invoke(app, ["diff", "--docs", DOCS, "--openapi", spec, "--no-config",
                                "--header", "tok-s3cr3t-abc"])
    assert alone.exit_code == 2 and "s3cr3t" not in alone.output


@pytest.mark.parametrize(("flag", "message"), [
    (["--timeout", "-1"], "--timeout -1: must be a number of seconds above 0"),
    (["--timeout", "0"], "--timeout 0: must be"),
    (["--concurrency", "0"], "--concurrency 0: must be at least 1"),
])
def test_cli_ranges(spec: str, flag: list[str], message: str) -> None:
    result = runner.invoke(app, ["probe", "--docs", DOCS, "--openapi", spec, "--no-config",
                                 "--base-url", "http://127.0.0.1:9", *flag])
    assert result.exit_code == 2 and message in result.stderr, result.output


# --- ${VAR} in credentials is read when used --------------------------------------------------

def test_diff_does_not_need_the_probes_token(spec: str, tmp_path: Path) -> None:
    config = tmp_path / "schemacheck.yaml"
    config.write_text(f"docs: [{DOCS}]\nopenapi: {spec}\nbase_url: http://127.0.0.1:9\n"
                      "headers:\n  X-Key: ${SC_UNSET_KEY}\n"
                      "auth:\n  bearer: ${SC_UNSET_TOKEN}\n")
    diff = runner.invoke(app, ["diff", "--config", str(config), "--format", "json"])
    assert diff.exit_code == 1 and json.loads(diff.stdout)["findings"], diff.output
    probe = runner.invoke(app, ["probe", "--config", str(config), "--format", "json"])
    assert probe.exit_code == 2
    assert "schemacheck.yaml:5: headers.X-Key: environment variable SC_UNSET_KEY is not set" \
        in probe.stderr
    assert "schemacheck.yaml:7: auth.bearer: environment variable SC_UNSET_TOKEN" in probe.stderr


def test_a_header_flag_replaces_an_unset_file_header(tmp_path: Path) -> None:
    config = tmp_path / "schemacheck.yaml"
    config.write_text("docs: [a]\nopenapi: o.json\nheaders:\n  X-Key: ${SC_UNSET_KEY}\n")
    cfg = settings(Overrides(config=str(config), headers=["X-Key: given"]))
    cfg.require("headers")
    assert cfg.headers == {"X-Key": "given"}


# --- --no-config ------------------------------------------------------------------------------

def test_no_config_ignores_the_folders_file(spec: str, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "schemacheck.yaml").write_text("probe:\n  concurency: 3\n")
    monkeypatch.chdir(tmp_path)
    args = ["diff", "--docs", DOCS, "--openapi", spec, "--format", "json"]
    assert runner.invoke(app, args).exit_code == 2
    assert runner.invoke(app, [*args, "--no-config"]).exit_code == 1


# --- the JSON Schema --------------------------------------------------------------------------

def test_the_json_schema_for_editors_is_current() -> None:
    written = (ROOT / "schemacheck/schema/config.schema.json").read_text()
    assert written == json_schema(), ("regenerate: python -m schemacheck.config_schema > "
                                      "schemacheck/schema/config.schema.json")


def test_every_key_is_described() -> None:
    schema = json.loads(json_schema())
    models = [schema, *schema["$defs"].values()]
    for model in models:
        for name, prop in model.get("properties", {}).items():
            assert prop.get("description"), name


def test_the_bundled_example_validates_against_the_json_schema() -> None:
    import jsonschema
    import yaml

    data = yaml.safe_load((ROOT / "fixtures/v3/schemacheck.yaml").read_text())
    data["base_url"] = "http://127.0.0.1:8000"
    jsonschema.validate(data, json.loads(json_schema()))


# --- SCHEMACHECK_* variables and pyproject.toml -----------------------------------------------

def test_precedence_flag_over_environment_over_file(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "schemacheck.yaml"
    config.write_text("docs: [a]\nopenapi: o.json\nfail_on: high\ntimeout: 9\n")
    assert settings(Overrides(config=str(config))).fail_on.name == "high"
    monkeypatch.setenv("SCHEMACHECK_FAIL_ON", "medium")
    monkeypatch.setenv("SCHEMACHECK_TIMEOUT", "4")
    cfg = settings(Overrides(config=str(config)))
    assert (cfg.fail_on.name, cfg.timeout) == ("medium", 4.0)
    assert settings(Overrides(config=str(config), fail_on="low")).fail_on.name == "low"


def test_a_key_set_by_the_environment_is_not_read_from_the_file(tmp_path: Path) -> None:
    config = _load(tmp_path, "base_url: ${SC_UNSET_URL}\n", {"SCHEMACHECK_BASE_URL": "http://h"})
    assert config.base_url == "http://h"


def test_environment_alone_with_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SCHEMACHECK_DOCS", "a.md, b.ts")
    monkeypatch.setenv("SCHEMACHECK_OPENAPI", "spec.json")
    monkeypatch.setenv("SCHEMACHECK_ALLOW_REMOTE_REFS", "1")
    cfg = settings(Overrides())
    assert cfg.docs == ["a.md", "b.ts"] and cfg.openapi == "spec.json" and cfg.allow_remote_refs


def test_a_bad_environment_value_names_the_variable(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SCHEMACHECK_TIMEOUT", "soon")
    with pytest.raises(ConfigError, match=r"SCHEMACHECK_TIMEOUT \(environment\): timeout: "
                                          r"expected a number"):
        settings(Overrides(docs=["a"], openapi="o.json"))


PYPROJECT = """[project]
name = "app"

[tool.ruff]
line-length = 90

[tool.schemacheck]
docs = ["docs/API.md"]
openapi = "openapi.json"
fail_on = "medium"

[tool.schemacheck.probe]
concurrency = 2
allow_writes = ["POST /jobs"]
"""


def test_pyproject_table_found_from_a_subfolder(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    (tmp_path / "src" / "pkg").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "src" / "pkg")
    found = find_config(None)
    assert found == tmp_path.resolve() / "pyproject.toml"
    cfg = load_config(found, {})
    assert cfg.docs == [str(tmp_path.resolve() / "docs/API.md")]  # relative to the file
    assert cfg.openapi == str(tmp_path.resolve() / "openapi.json")
    assert cfg.fail_on.name == "medium" and cfg.probe.concurrency == 2
    assert cfg.probe.allow_writes == ["POST /jobs"]


def test_nearest_file_wins_and_yaml_wins_in_one_folder(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    sub = tmp_path / "service"
    sub.mkdir()
    (sub / "pyproject.toml").write_text("[project]\nname = 'no-table-here'\n")
    monkeypatch.chdir(sub)
    assert find_config(None) == tmp_path.resolve() / "pyproject.toml"  # no table: skipped
    (sub / "schemacheck.yaml").write_text("docs: [x]\n")
    (sub / "pyproject.toml").write_text("[tool.schemacheck]\ndocs = ['y']\n")
    assert find_config(None) == Path("schemacheck.yaml")


def test_pyproject_errors_have_lines(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(PYPROJECT.replace("concurrency = 2", "concurrency = 0\nconcurency = 1"))
    with pytest.raises(ConfigError) as caught:
        load_config(path, {})
    message = str(caught.value)
    assert "pyproject.toml:13: probe.concurrency: must be at least 1" in message
    assert "pyproject.toml:14: probe.concurency: unknown key (did you mean 'concurrency'?)" \
        in message
    path.write_text("[tool.schemacheck]\ndocs = [\n")
    with pytest.raises(ConfigError, match=r"pyproject.toml: invalid TOML"):
        load_config(path, {})
    path.write_text("tool = 5\n")  # no table at all: the defaults
    assert load_config(path, {}).docs == []
    path.write_text("[tool]\nschemacheck = 5\n")
    with pytest.raises(ConfigError, match=r"the settings must be a mapping"):
        load_config(path, {})


def test_cli_reads_pyproject_settings(spec: str, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        f"[tool.schemacheck]\ndocs = [{json.dumps(DOCS)}]\nopenapi = {json.dumps(spec)}\n"
        "[[tool.schemacheck.ignore]]\nrule = 'request-field-required-but-documented-optional'\n"
        "reason = 'accepted'\n")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["diff", "--format", "json"])
    data = json.loads(result.stdout)
    assert data["ignored"] and all(f["rule"] != "request-field-required-but-documented-optional"
                                   for f in data["findings"])


# --- header values that httpx would refuse, quoting them ---------------------------------------

def test_a_header_value_with_a_line_break_is_refused_unquoted(tmp_path: Path) -> None:
    message = _error(tmp_path, 'headers:\n  Authorization: "Bearer tok-s3cr3t\\nX: y"\n')
    assert "headers.Authorization: a header value cannot hold line breaks" in message
    assert "s3cr3t" not in message
    named = _error(tmp_path, 'headers:\n  "Bad Name": x\n')
    assert "headers: header name 'Bad Name': letters, digits" in named


def test_a_header_flag_with_a_control_character_is_refused_unquoted(spec: str) -> None:
    result = runner.invoke(app, ["diff", "--docs", DOCS, "--openapi", spec, "--no-config",
                                 "--header", "Authorization: Bearer tok-s3cr3t\x01"])
    assert result.exit_code == 2 and "--header Authorization: the value cannot" in result.stderr
    assert "s3cr3t" not in result.output


def test_probe_path_params_from_unset_variables_do_not_stop_diff(spec: str,
                                                                 tmp_path: Path) -> None:
    config = tmp_path / "schemacheck.yaml"
    config.write_text(f"docs: [{DOCS}]\nopenapi: {spec}\nbase_url: http://127.0.0.1:9\n"
                      "probe:\n  path_params:\n    jobId: ${SC_UNSET_JOB}\n")
    assert runner.invoke(app, ["diff", "--config", str(config), "--format", "json"]
                         ).exit_code == 1
    probe = runner.invoke(app, ["probe", "--config", str(config), "--format", "json"])
    assert probe.exit_code == 2
    assert "probe.path_params.jobId: environment variable SC_UNSET_JOB" in probe.stderr


def test_max_body_bytes_reaches_the_probe(tmp_path: Path) -> None:
    from tests.hardening.rawhttp import raw_server, statuses

    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
                                "paths": {"/items": {"get": {"responses": {
                                    "200": {"description": "ok"}}}}}}))
    docs = tmp_path / "d.md"
    docs.write_text("### GET /items\n\n```ts\nexport interface Items { name: string }\n```\n")
    body = json.dumps({"name": "x" * 5000}).encode()
    with raw_server(statuses([(200, {"content-type": "application/json"}, body)])) as url:
        config = tmp_path / "schemacheck.yaml"
        config.write_text(f"docs: [{docs}]\nopenapi: {spec}\nbase_url: {url}\n"
                          "probe:\n  max_body_bytes: 2048\n")
        result = runner.invoke(app, ["probe", "--config", str(config), "--format", "json"])
    exchanges = json.loads(result.stdout)["exchanges"]
    items = [e for e in exchanges if e["operation"] == "GET /items"]
    assert items and items[0]["truncated"] is True and items[0]["status"] == 200


def test_defaults_without_a_file_are_the_schemas(tmp_path: Path) -> None:
    from dataclasses import replace

    plain = load_config(None, {})  # the fast path: no file, no SCHEMACHECK_*, no validation
    validated = _load(tmp_path, "{}\n")
    assert replace(validated, path=None) == plain
    schema = json.loads(json_schema())
    probe = schema["$defs"]["ProbeSection"]["properties"]
    assert probe["concurrency"]["default"] == plain.probe.concurrency
    assert probe["max_body_bytes"]["default"] == plain.probe.max_body_bytes
    assert schema["properties"]["timeout"]["default"] == plain.timeout


def test_importing_the_cli_does_not_import_pydantic() -> None:
    import subprocess
    import sys

    code = ("import sys, schemacheck.cli, schemacheck.pipeline, schemacheck.gate; "
            "print('pydantic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


def test_error_text_that_looks_like_markup_is_printed_as_written(tmp_path: Path) -> None:
    (tmp_path / "schemacheck.yaml").write_text('"[red]x": 1\nfail_on: "[b]"\n')
    result = runner.invoke(app, ["diff", "--config", str(tmp_path / "schemacheck.yaml")])
    assert result.exit_code == 2
    assert "[red]x: unknown key" in result.stderr and "unknown severity '[b]'" in result.stderr
