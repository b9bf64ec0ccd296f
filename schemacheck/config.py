"""schemacheck.yaml: where the docs and the backend are, contracts, ignores, probe settings.

Errors name the file, line and key. `${VAR}` and `${VAR:-default}` are read from the
environment; a missing variable without a default is an error naming it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schemacheck.errors import ConfigError
from schemacheck.findings import Severity
from schemacheck.yamlsafe import Lines, load_yaml

DEFAULT_NAMES = ("schemacheck.yaml", "schemacheck.yml", ".schemacheck.yaml")
ENV = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")
TOP_KEYS = {"docs", "openapi", "base_url", "headers", "auth", "contracts", "ignore", "probe",
            "fail_on", "baseline", "allow_remote_refs", "timeout", "verify_tls"}
PROBE_KEYS = {"allow_writes", "path_params", "query_params", "concurrency", "timeout", "retries",
              "skip", "field_by_field", "max_body_bytes"}


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
    allow_writes: bool | list[str] = False
    path_params: dict[str, str] = field(default_factory=dict)
    query_params: dict[str, str] = field(default_factory=dict)
    concurrency: int = 8
    timeout: float = 10.0
    retries: int = 2
    skip: list[str] = field(default_factory=list)
    field_by_field: bool = False
    max_body_bytes: int = 1_000_000


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
    fail_on: Severity = Severity.high
    baseline: str | None = None
    allow_remote_refs: bool = False
    timeout: float = 30.0
    verify_tls: bool = True
    secrets: list[str] = field(default_factory=list, repr=False)  # redacted from every output

    def openapi_source(self) -> str | None:
        if self.openapi:
            return self.openapi
        return self.base_url.rstrip("/") + "/openapi.json" if self.base_url else None


AUTH_SCHEMES = ("bearer", "basic", "token", "apikey", "digest")


def secret_part(value: str) -> str:
    """The part of a header value to redact: `Bearer abc` -> `abc`, so reports keep the scheme."""
    scheme, _, rest = value.strip().partition(" ")
    return rest.strip() if rest.strip() and scheme.lower() in AUTH_SCHEMES else value


def find_config(explicit: str | None) -> Path | None:
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"{explicit}: config file not found")
        return path
    for name in DEFAULT_NAMES:
        if Path(name).is_file():
            return Path(name)
    return None


class _Reader:
    def __init__(self, path: Path, lines: Lines) -> None:
        self.path = path
        self.lines = lines
        self.secrets: list[str] = []

    def where(self, *keys: str) -> str:
        for depth in range(len(keys), 0, -1):
            line = self.lines.get(tuple(keys[:depth]))
            if line:
                return f"{self.path}:{line}: {'.'.join(keys)}"
        return f"{self.path}: {'.'.join(keys)}"

    def fail(self, message: str, *keys: str) -> ConfigError:
        return ConfigError(f"{self.where(*keys)}: {message}")

    def env(self, value: Any, *keys: str, secret: bool = False) -> Any:
        if not isinstance(value, str):
            return value

        def substitute(match: re.Match[str]) -> str:
            name, default = match.group(1), match.group(2)
            found = os.environ.get(name, default)
            if found is None:
                raise self.fail(f"environment variable {name} is not set", *keys)
            return found

        result = ENV.sub(substitute, value)
        if secret and result:
            self.secrets.append(secret_part(result))
        return result

    def typed(self, value: Any, kind: type | tuple[type, ...], *keys: str) -> Any:
        if not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(
                k.__name__ for k in kind)
            raise self.fail(f"expected {names}, got {type(value).__name__}", *keys)
        return value


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    lines: Lines = {}
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from None
    data = load_yaml(text, str(path), ConfigError, lines) or {}
    reader = _Reader(path, lines)
    reader.typed(data, dict, "(top level)")
    for key in data:
        if key not in TOP_KEYS:
            raise reader.fail(f"unknown key (expected one of {', '.join(sorted(TOP_KEYS))})",
                              str(key))
    base = path.parent
    config = Config(path=path)
    docs = data.get("docs", [])
    docs = [docs] if isinstance(docs, str) else reader.typed(docs, list, "docs")
    config.docs = [_relative(base, reader.env(d, "docs")) for d in docs]
    if "openapi" in data:
        source = str(reader.env(data["openapi"], "openapi"))
        config.openapi = source if "://" in source else _relative(base, source)
    if "base_url" in data:
        config.base_url = str(reader.env(data["base_url"], "base_url"))
    headers = reader.typed(data.get("headers", {}), dict, "headers")
    config.headers = {str(k): str(reader.env(v, "headers", str(k), secret=True))
                      for k, v in headers.items()}
    config.auth = _auth(reader, data.get("auth") or {})
    config.contracts = _contracts(reader, data.get("contracts") or {})
    config.ignores = _ignores(reader, data.get("ignore") or [])
    config.probe = _probe(reader, data.get("probe") or {})
    if "fail_on" in data:
        config.fail_on = Severity.parse(str(data["fail_on"]), reader.where("fail_on"))
    if data.get("baseline"):
        config.baseline = _relative(base, str(data["baseline"]))
    config.allow_remote_refs = bool(data.get("allow_remote_refs", False))
    config.timeout = float(reader.typed(data.get("timeout", 30.0), (int, float), "timeout"))
    config.verify_tls = bool(data.get("verify_tls", True))
    config.secrets = reader.secrets
    return config


def _relative(base: Path, value: str) -> str:
    path = Path(value)
    return str(path if path.is_absolute() else base / path) if str(base) != "." else value


def _auth(reader: _Reader, raw: Any) -> Auth:
    reader.typed(raw, dict, "auth")
    login = raw.get("login") or {}
    reader.typed(login, dict, "auth", "login")
    bearer = raw.get("bearer")
    match = ENV.fullmatch(bearer.strip()) if isinstance(bearer, str) else None
    return Auth(
        bearer=reader.env(bearer, "auth", "bearer", secret=True) if bearer else None,
        bearer_env=match.group(1) if match else None,
        login_url=reader.env(login.get("url"), "auth", "login", "url"),
        username=reader.env(login.get("username"), "auth", "login", "username"),
        password=reader.env(login.get("password"), "auth", "login", "password", secret=True),
    )


def _contracts(reader: _Reader, raw: Any) -> dict[str, dict[str, str]]:
    reader.typed(raw, dict, "contracts")
    out: dict[str, dict[str, str]] = {}
    for op, parts in raw.items():
        method, _, path = str(op).partition(" ")
        if method.upper() not in ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS") \
                or not path.startswith("/"):
            raise reader.fail("an operation is written 'METHOD /path'", "contracts", str(op))
        reader.typed(parts, dict, "contracts", str(op))
        for part in parts:
            if part not in ("request", "response", "query"):
                raise reader.fail("parts are request, response and query", "contracts",
                                  str(op), str(part))
        out[f"{method.upper()} {path}"] = {str(k): str(v) for k, v in parts.items()}
    return out


def _ignores(reader: _Reader, raw: Any) -> list[Ignore]:
    from schemacheck.rules import RULES

    reader.typed(raw, list, "ignore")
    out = []
    for index, item in enumerate(raw):
        key = ("ignore", str(index))
        reader.typed(item, dict, *key)
        rule = item.get("rule")
        if rule is not None and rule not in RULES:
            raise reader.fail(f"unknown rule id {rule!r}", *key, "rule")
        if not item.get("reason"):
            raise reader.fail("every ignore needs a reason", *key)
        out.append(Ignore(rule, item.get("operation"), item.get("location"), str(item["reason"])))
    return out


def _probe(reader: _Reader, raw: Any) -> ProbeSettings:
    reader.typed(raw, dict, "probe")
    for key in raw:
        if key not in PROBE_KEYS:
            raise reader.fail(f"unknown key (expected one of {', '.join(sorted(PROBE_KEYS))})",
                              "probe", str(key))
    settings = ProbeSettings()
    writes = raw.get("allow_writes", False)
    if isinstance(writes, list):
        settings.allow_writes = [" ".join(str(w).split()) for w in writes]
    else:
        settings.allow_writes = bool(reader.typed(writes, bool, "probe", "allow_writes"))
    for key in ("path_params", "query_params"):
        values = reader.typed(raw.get(key, {}), dict, "probe", key)
        setattr(settings, key, {str(k): str(reader.env(v, "probe", key, str(k)))
                                for k, v in values.items()})
    settings.concurrency = int(reader.typed(raw.get("concurrency", 8), int, "probe",
                                            "concurrency"))
    settings.timeout = float(reader.typed(raw.get("timeout", 10.0), (int, float), "probe",
                                          "timeout"))
    settings.retries = int(reader.typed(raw.get("retries", 2), int, "probe", "retries"))
    settings.skip = [str(s) for s in reader.typed(raw.get("skip", []), list, "probe", "skip")]
    settings.field_by_field = bool(raw.get("field_by_field", False))
    return settings


def auth_headers(config: Config) -> dict[str, str]:
    """The headers every request to the backend's origin carries: configured headers, then
    the bearer token (a login token is added by the probe once it has one)."""
    headers = dict(config.headers)
    if config.auth.bearer:
        headers.setdefault("Authorization", f"Bearer {config.auth.bearer}")
    return headers
