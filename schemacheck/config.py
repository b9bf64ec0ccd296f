"""Settings: where the docs and the backend are, contracts, ignores, probe settings.

Sources, strongest first: command-line flags (pipeline.settings), SCHEMACHECK_<KEY> environment
variables for the top-level scalar keys, then one settings file: the nearest schemacheck.yaml
(or .yml, .schemacheck.yaml) or pyproject.toml with a `[tool.schemacheck]` table, looking in the
current folder and then each parent (the first folder holding one wins; in one folder the YAML
file wins), as ruff finds its settings.

The schema (keys, types, ranges, defaults, descriptions) is config_schema.py. Every error names
the file, line and key, all errors are reported at once, and no error quotes a value. `${VAR}` and
`${VAR:-default}` read the environment; in `headers` and `auth` an unset variable is an error only
when the credentials are used, so a `diff` on a spec file never needs the probe's token.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schemacheck.config_defaults import PROBE, TOP
from schemacheck.errors import ConfigError
from schemacheck.findings import Severity
from schemacheck.input_files import read_input

if TYPE_CHECKING:  # pydantic is imported only when settings are validated, yaml when read
    from pydantic import ValidationError

    from schemacheck.config_schema import AuthSection, SettingsFile
    from schemacheck.yamlsafe import Lines

DEFAULT_NAMES = ("schemacheck.yaml", "schemacheck.yml", ".schemacheck.yaml")
ENV = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")
ENV_PREFIX = "SCHEMACHECK_"
# The top-level scalar keys settable from the environment (SCHEMACHECK_TIMEOUT=5 ...).
ENV_KEYS = ("docs", "openapi", "base_url", "fail_on", "baseline", "allow_remote_refs", "timeout",
            "verify_tls")
DEFERRED = ("headers", "auth")  # resolved when used (Config.require), not when loaded
DEFERRED_PROBE = (("probe", "path_params"), ("probe", "query_params"))  # text only: "" is valid
SECRET_KEYS = {("auth", "bearer"), ("auth", "login", "password")}
MAX_CONFIG_BYTES = 16 * 1024 * 1024  # a settings file; a pyproject.toml with it


@dataclass(frozen=True)
class Ignore:
    rule: str | None
    operation: str | None
    location: str | None
    reason: str


@dataclass(frozen=True)
class Auth:
    # the token itself (already interpolated); repr=False keeps it out of any debug print
    bearer: str | None = field(default=None, repr=False)
    bearer_env: str | None = None  # the variable it came from, to name it in messages
    login_url: str | None = None  # OAuth2 password flow token URL
    username: str | None = None
    password: str | None = field(default=None, repr=False)


@dataclass
class ProbeSettings:
    allow_writes: bool | list[str] = PROBE.allow_writes
    path_params: dict[str, str] = field(default_factory=dict)
    query_params: dict[str, str] = field(default_factory=dict)
    concurrency: int = PROBE.concurrency
    timeout: float = PROBE.timeout
    retries: int = PROBE.retries
    skip: list[str] = field(default_factory=list)
    field_by_field: bool = PROBE.field_by_field
    max_body_bytes: int = PROBE.max_body_bytes


@dataclass
class Config:
    path: Path | None = None
    docs: list[str] = field(default_factory=list)
    openapi: str | None = None
    base_url: str | None = None
    headers: dict[str, str] = field(default_factory=dict, repr=False)
    auth: Auth = field(default_factory=Auth)
    contracts: dict[str, dict[str, str]] = field(default_factory=dict)
    ignores: list[Ignore] = field(default_factory=list)
    probe: ProbeSettings = field(default_factory=ProbeSettings)
    fail_on: Severity = Severity[TOP.fail_on]
    baseline: str | None = None
    allow_remote_refs: bool = TOP.allow_remote_refs
    timeout: float = TOP.timeout
    verify_tls: bool = TOP.verify_tls
    secrets: list[str] = field(default_factory=list, repr=False)  # redacted from every output
    workflows: dict[str, Any] = field(default_factory=dict)  # as written; probe/workflow.py
    # key ("headers.X-Token") -> the error to raise when that setting is used: an unset ${VAR}
    unresolved: dict[str, str] = field(default_factory=dict, repr=False)

    def openapi_source(self) -> str | None:
        if self.openapi:
            return self.openapi
        return self.base_url.rstrip("/") + "/openapi.json" if self.base_url else None

    def require(self, *sections: str) -> None:
        """Fail, naming each unset variable, if a setting about to be used could not be read."""
        missing = [message for key, message in self.unresolved.items()
                   if not sections or key.split(".")[0] in sections]
        if missing:
            raise ConfigError("\n".join(missing))


AUTH_SCHEMES = ("bearer", "basic", "token", "apikey", "digest")


def secret_part(value: str) -> str:
    """The part of a header value to redact: `Bearer abc` -> `abc`, so reports keep the scheme."""
    scheme, _, rest = value.strip().partition(" ")
    return rest.strip() if rest.strip() and scheme.lower() in AUTH_SCHEMES else value


def find_config(explicit: str | None, start: Path | None = None) -> Path | None:
    """The settings file to read: `explicit`, else the nearest one up from `start` (the cwd)."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"{explicit}: " + ("not a regular file" if path.exists()
                                                 else "config file not found"))
        return path
    try:
        here = (start or Path.cwd()).resolve()
    except OSError:  # the working folder was removed under us: nothing to find
        return None
    for folder in (here, *here.parents):
        for name in (*DEFAULT_NAMES, "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_table(candidate)):
                # Found in the working folder: keep the short relative name for messages.
                return Path(name) if start is None and folder == here else candidate
    return None


def _has_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*[\"']?schemacheck\b", text, re.MULTILINE) is not None


def load_config(path: Path | None, environ: Mapping[str, str] | None = None) -> Config:
    """Read, interpolate and validate the settings; raises one ConfigError listing every error."""
    environ = os.environ if environ is None else environ
    if path is None and not any(ENV_PREFIX + key.upper() in environ for key in ENV_KEYS):
        return Config()  # nothing to validate: the defaults, without importing pydantic
    from pydantic import ValidationError

    from schemacheck.config_schema import SettingsFile

    data, lines = _read(path) if path is not None else ({}, {})
    reader = _Reader(path, lines)
    if not isinstance(data, dict):
        raise reader.error("the settings must be a mapping of keys", ())
    overrides = {key: value for key in ENV_KEYS
                 if (value := environ.get(ENV_PREFIX + key.upper())) is not None}
    reader.from_env.update(overrides)
    # A key the environment sets is not read from the file at all (its ${VAR}s included).
    resolved = {str(k): reader.interpolate(v, (str(k),), environ) for k, v in data.items()
                if str(k) not in overrides}
    for key, value in overrides.items():
        resolved[key] = [d.strip() for d in value.split(",") if d.strip()] \
            if key == "docs" else value
    try:
        settings = SettingsFile.model_validate(resolved)
    except ValidationError as exc:
        reader.validation(exc)
        settings = None
    if settings is not None:
        _check_contracts(reader, settings)
        _check_ignores(reader, settings)
    if reader.errors or settings is None:
        raise ConfigError("\n".join(dict.fromkeys(reader.sorted_errors())))
    return _build(path, settings, data, reader)


def settings_data(path: Path) -> Any:
    """The settings file's data as written (before interpolation and validation)."""
    return _read(path)[0]


def _read(path: Path) -> tuple[Any, Lines]:
    lines: Lines = {}
    try:
        text = read_input(path, MAX_CONFIG_BYTES, ConfigError).decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: cannot read (not UTF-8 text)") from None
    if path.name != "pyproject.toml":
        from schemacheck.yamlsafe import load_yaml

        return load_yaml(text, str(path), ConfigError, lines) or {}, lines
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {' '.join(str(exc).split())}") from None
    tool = document.get("tool")
    table = tool.get("schemacheck", {}) if isinstance(tool, dict) else {}
    return table, _toml_lines(text)


def _toml_lines(text: str) -> Lines:
    """key path (inside [tool.schemacheck]) -> line, from `[table]` headers and `key =` lines."""
    lines: Lines = {}
    table: tuple[str, ...] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$", line)
        if header:
            parts = tuple(p.strip().strip("\"'") for p in header.group(1).split("."))
            table = parts[2:] if parts[:2] == ("tool", "schemacheck") else None
            if table:
                lines.setdefault(table, number)
            continue
        key = re.match(r"\s*([A-Za-z0-9_\-\"'.]+)\s*=", line)
        if key and table is not None:
            path = (*table, *(p.strip().strip("\"'") for p in key.group(1).split(".")))
            lines.setdefault(path, number)
    return lines


class _Reader:
    """Collects errors, each naming where it was written: file:line and key, or the variable."""

    def __init__(self, path: Path | None, lines: Lines) -> None:
        self.path = path
        self.lines = lines
        self.errors: list[tuple[int, str]] = []
        self.secrets: list[str] = []
        self.unresolved: dict[str, str] = {}
        self.from_env: set[str] = set()

    def where(self, keys: tuple[str, ...]) -> str:
        dotted = ".".join(keys)
        if keys and keys[0] in self.from_env:
            return f"{ENV_PREFIX}{keys[0].upper()} (environment): {dotted}"
        if self.path is None:
            return dotted or "settings"
        line = self.line(keys)
        if line:
            return f"{self.path}:{line}: {dotted}"
        return f"{self.path}: {dotted}" if dotted else str(self.path)

    def line(self, keys: tuple[str, ...]) -> int:
        for depth in range(len(keys), 0, -1):
            if line := self.lines.get(tuple(keys[:depth])):
                return line
        return 0

    def sorted_errors(self) -> list[str]:
        """In the file's order: what a reader fixes top to bottom."""
        return [message for _, message in sorted(self.errors, key=lambda e: e[0])]

    def error(self, message: str, keys: tuple[str, ...]) -> ConfigError:
        return ConfigError(f"{self.where(keys)}: {message}")

    def add(self, message: str, keys: tuple[str, ...]) -> None:
        self.errors.append((self.line(keys), f"{self.where(keys)}: {message}"))

    def interpolate(self, value: Any, keys: tuple[str, ...], environ: Mapping[str, str],
                    depth: int = 0) -> Any:
        """${VAR} in every string value; nothing the schema knows sits deeper than 4 levels."""
        if isinstance(value, dict) and depth < 6:
            return {str(k): self.interpolate(v, (*keys, str(k)), environ, depth + 1)
                    for k, v in value.items()}
        if isinstance(value, list) and depth < 6:
            return [self.interpolate(v, (*keys, str(i)), environ, depth + 1)
                    for i, v in enumerate(value)]
        if not isinstance(value, str):
            return value
        unset: list[str] = []

        def substitute(match: re.Match[str]) -> str:
            found = environ.get(match.group(1), match.group(2))
            if found is None:
                unset.append(match.group(1))
                return ""
            return found

        result = ENV.sub(substitute, value)
        for name in unset:
            message = f"{self.where(keys)}: environment variable {name} is not set"
            if keys[0] in DEFERRED or keys[:2] in DEFERRED_PROBE:
                self.unresolved[".".join(keys)] = message
            else:
                self.errors.append((self.line(keys), message))
        if result and (keys[0] == "headers" or keys in SECRET_KEYS):
            self.secrets.append(secret_part(result) if keys[0] == "headers" else result)
        return result

    def validation(self, exc: ValidationError) -> None:
        for item in exc.errors():
            keys = tuple(str(k) for k in item["loc"])
            self.add(_message(item, keys), keys)


def _message(item: Any, keys: tuple[str, ...]) -> str:
    """pydantic's error as one short line; values are never quoted (they may be secrets),
    except for a severity, which is one of five words."""
    kind, ctx = item["type"], item.get("ctx") or {}
    if kind == "extra_forbidden":
        import difflib

        choices = _keys_at(keys[:-1])
        close = difflib.get_close_matches(keys[-1], choices, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"expected one of {', '.join(choices)}"
        return f"unknown key ({hint})"
    if kind == "literal_error" and keys == ("fail_on",):
        return f"unknown severity {str(item['input'])!r} (choose {ctx.get('expected', '')})"
    texts = {
        "missing": "required", "int_parsing": "expected an integer", "int_type":
        "expected an integer", "int_from_float": "expected a whole number", "float_parsing":
        "expected a number", "float_type": "expected a number", "string_type":
        "expected a string", "dict_type": "expected a mapping", "model_type": "expected a mapping",
        "model_attributes_type": "expected a mapping", "list_type": "expected a list",
        "string_too_short": "must not be empty", "finite_number": "expected a finite number",
    }
    if kind in texts:
        return texts[kind]
    bounds = {"greater_than": "greater than {gt}", "greater_than_equal": "at least {ge}",
              "less_than": "less than {lt}", "less_than_equal": "at most {le}"}
    if kind in bounds:
        shown = {k: f"{v:g}" if isinstance(v, (int, float)) else v for k, v in ctx.items()}
        return "must be " + bounds[kind].format(**shown)
    return str(item["msg"]).removeprefix("Value error, ")


def _keys_at(keys: tuple[str, ...]) -> list[str]:
    """The keys the schema allows at a path: walks models, skipping list indexes and map keys."""
    from schemacheck.config_schema import SettingsFile

    model: Any = SettingsFile
    skip = False
    for key in keys:
        if skip:
            skip = False
            continue
        info = model.model_fields.get(key) if _is_model(model) else None
        if info is None:
            return []
        model, skip = _inner(info.annotation)
    return sorted(model.model_fields) if _is_model(model) else []


def _is_model(value: Any) -> bool:
    from pydantic import BaseModel

    return isinstance(value, type) and issubclass(value, BaseModel)


def _inner(annotation: Any) -> tuple[Any, bool]:
    """A field's model type, and whether a list index or map key comes next in a path."""
    if _is_model(annotation):
        return annotation, False
    if getattr(annotation, "__origin__", None) in (list, dict):
        return _inner(annotation.__args__[-1])[0], True
    for arg in getattr(annotation, "__args__", ()):  # Optional[X], X | Y
        found = _inner(arg)
        if found[0] is not None:
            return found
    return None, False


METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")


def _check_contracts(reader: _Reader, settings: SettingsFile) -> None:
    for op in settings.contracts:
        method, _, path = op.partition(" ")
        # a 3.1 webhook is written 'POST webhook:name', as the reports name it
        if method.upper() not in METHODS or not path.startswith(("/", "webhook:")):
            reader.add("an operation is written 'METHOD /path' (or 'METHOD webhook:name')",
                       ("contracts", op))


def _check_ignores(reader: _Reader, settings: SettingsFile) -> None:
    import difflib

    from schemacheck.rules import RULES

    for index, item in enumerate(settings.ignore):
        if item.rule is not None and item.rule not in RULES:
            close = difflib.get_close_matches(item.rule, list(RULES), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            reader.add(f"unknown rule id {item.rule!r}{hint}", ("ignore", str(index), "rule"))


def _build(path: Path | None, s: SettingsFile, raw: dict[str, Any], reader: _Reader) -> Config:
    base = path.parent if path is not None else Path(".")

    def rebase(key: str, value: str) -> str:  # file paths are relative to the file
        return value if key in reader.from_env else _relative(base, value)

    config = Config(path=path)
    config.docs = [rebase("docs", d) for d in s.docs]
    if s.openapi:
        config.openapi = s.openapi if "://" in s.openapi else rebase("openapi", s.openapi)
    config.base_url = s.base_url
    config.headers = dict(s.headers)
    config.auth = _auth(s.auth, raw.get("auth"))
    config.contracts = {f"{op.partition(' ')[0].upper()} {op.partition(' ')[2]}":
                        parts.model_dump(exclude_none=True) for op, parts in s.contracts.items()}
    config.ignores = [Ignore(i.rule, i.operation, i.location, i.reason) for i in s.ignore]
    p = s.probe
    config.probe = ProbeSettings(
        allow_writes=p.allow_writes, path_params=dict(p.path_params),
        query_params=dict(p.query_params), concurrency=p.concurrency, timeout=p.timeout,
        retries=p.retries, skip=list(p.skip), field_by_field=p.field_by_field,
        max_body_bytes=p.max_body_bytes)
    config.fail_on = Severity[s.fail_on]
    config.baseline = rebase("baseline", s.baseline) if s.baseline else None
    config.allow_remote_refs = s.allow_remote_refs
    config.timeout = s.timeout
    config.verify_tls = s.verify_tls
    config.workflows = dict(s.workflows)
    config.secrets = reader.secrets
    config.unresolved = reader.unresolved
    return config


def _auth(auth: AuthSection, raw: Any) -> Auth:
    bearer = raw.get("bearer") if isinstance(raw, dict) else None
    match = ENV.fullmatch(bearer.strip()) if isinstance(bearer, str) else None
    login = auth.login
    return Auth(bearer=auth.bearer or None, bearer_env=match.group(1) if match else None,
                login_url=login.url if login else None,
                username=login.username if login else None,
                password=login.password if login else None)


def _relative(base: Path, value: str) -> str:
    path = Path(value)
    return str(path if path.is_absolute() else base / path) if str(base) != "." else value


def auth_headers(config: Config) -> dict[str, str]:
    """The headers every request to the backend's origin carries: configured headers, then
    the bearer token (a login token is added by the probe once it has one)."""
    config.require("headers", "auth")  # an unset ${VAR} there fails only now, when it is used
    headers = dict(config.headers)
    if config.auth.bearer:
        headers.setdefault("Authorization", f"Bearer {config.auth.bearer}")
    return headers
