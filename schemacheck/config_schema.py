"""The settings' one typed schema: validation, defaults, every key's description and the JSON
Schema for editors (schemacheck/schema/config.schema.json) all come from these models.

The models describe what a settings file holds (schemacheck.yaml or `[tool.schemacheck]`);
config.py turns a validated file into the Config the rest of the tool reads. Values arrive here
after `${VAR}` interpolation, so a boolean or a number may come as text: "true"/"false"/"1"/"0"
are booleans, "10" is a number; anything else is an error naming the key.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from schemacheck.config_defaults import CONTROL, HEADER_NAME, PROBE, TOP

BOOL_WORDS = {"true": True, "false": False, "1": True, "0": False}
SEVERITIES = ("critical", "high", "medium", "low", "info")


def _bool(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in BOOL_WORDS:
        return BOOL_WORDS[value.strip().lower()]
    if isinstance(value, int) and not isinstance(value, bool) and value in (0, 1):
        return bool(value)
    if not isinstance(value, bool):
        raise ValueError('expected true or false ("true", "false", "1" or "0" also do)')
    return value


def _number(value: Any) -> Any:
    if isinstance(value, bool):  # YAML's `yes` is not a count of seconds
        raise ValueError("expected a number, got a boolean")
    return value


def _text(value: Any) -> Any:
    """Scalars in string maps (headers, path params): `X-Version: 2` means "2"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return value


def _writes(value: Any) -> Any:
    if isinstance(value, list):
        if not all(isinstance(v, str) for v in value):
            raise ValueError("expected a list of operation globs such as 'POST /api/jobs'")
        return [" ".join(v.split()) for v in value]
    try:
        return _bool(value)
    except ValueError:
        raise ValueError("expected true, false or a list of operation globs") from None


def _paths(value: Any) -> Any:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("expected a path or a list of paths")
    return value




def _header_value(value: Any) -> Any:
    value = _text(value)
    if isinstance(value, str) and CONTROL.search(value):
        # httpx would refuse it later with an error quoting the value, token and all.
        raise ValueError("a header value cannot hold line breaks or control characters")
    return value


def _header_names(value: Any) -> Any:
    if isinstance(value, dict):
        for name in value:
            if not isinstance(name, str) or not HEADER_NAME.fullmatch(name):
                raise ValueError(f"header name {str(name)!r}: letters, digits and "
                                 "-!#$%&'*+.^_`|~ only")
    return value


def _severity(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


Bool = Annotated[bool, BeforeValidator(_bool), WithJsonSchema(
    {"anyOf": [{"type": "boolean"}, {"enum": ["true", "false", "1", "0"]},
               {"type": "string", "pattern": r"^\$\{"}]})]
_STRINGS = {"type": "array", "items": {"type": "string"}}
Writes = Annotated[bool | list[str], BeforeValidator(_writes), WithJsonSchema(
    {"anyOf": [{"type": "boolean"}, {"type": "string"}, _STRINGS]})]
Paths = Annotated[list[str], BeforeValidator(_paths), WithJsonSchema(
    {"anyOf": [{"type": "string"}, _STRINGS]})]
Int = Annotated[int, BeforeValidator(_number)]
Float = Annotated[float, BeforeValidator(_number)]
Text = Annotated[str, BeforeValidator(_text)]
HeaderValue = Annotated[str, BeforeValidator(_header_value)]
Severity = Annotated[Literal[SEVERITIES], BeforeValidator(_severity)]  # type: ignore[valid-type]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Login(_Section):
    url: str = Field(description="The OAuth2 password flow's token URL (`tokenUrl`), on the "
                                 "base URL's origin or relative to it.")
    username: str | None = Field(None, description="The login's username (use ${VAR}).")
    password: str | None = Field(None, description="The login's password (use ${VAR}); never "
                                                   "written to any output.")


class AuthSection(_Section):
    bearer: str | None = Field(None, description="A bearer token sent as `Authorization: Bearer "
                                                 "...`; write it as ${VAR}. Never printed.")
    login: Login | None = Field(None, description="Log in with the OAuth2 password flow and use "
                                                  "the token it returns.")


class Parts(_Section):
    request: str | None = Field(None, description="The documented type of the request body.")
    response: str | None = Field(None, description="The documented type of the 2xx response.")
    query: str | None = Field(None, description="The documented type of the query parameters.")


class IgnoreEntry(_Section):
    rule: str | None = Field(None, description="A rule id (see `schemacheck rules`).")
    operation: str | None = Field(None, description="An operation glob, e.g. 'GET /internal/*'.")
    location: str | None = Field(None, description="A location glob, e.g. 'body.creative.*'.")
    reason: str = Field(min_length=1, description="Why it is accepted (required).")


class ProbeSection(_Section):
    allow_writes: Writes = Field(
        PROBE.allow_writes,
        description="true sends POST/PUT/PATCH (and DELETE of objects the probe created); a list "
                    "of operation globs allows exactly those, actions included.")
    path_params: dict[str, Text] = Field(
        default_factory=dict, description="Values for path parameters, by name.")
    query_params: dict[str, Text] = Field(
        default_factory=dict, description="Values for query parameters, by name.")
    concurrency: Int = Field(PROBE.concurrency, ge=1, le=256,
                             description="Requests in flight at once.")
    timeout: Float = Field(PROBE.timeout, gt=0, le=3600,
                           description="Seconds one request may take in all: connect, headers "
                                       "and body.")
    retries: Int = Field(PROBE.retries, ge=0, le=10,
                         description="Retries on connection errors and 502/503/504 "
                                     "(Retry-After respected).")
    skip: list[str] = Field(default_factory=list, description="Operation globs never sent.")
    field_by_field: Bool = Field(PROBE.field_by_field,
                                 description="For allowed writes, add each optional and drop "
                                             "each required field alone.")
    max_body_bytes: Int = Field(PROBE.max_body_bytes, ge=1024, le=1_073_741_824,
                                description="Bytes of an answer read; the rest is cut off.")


class SettingsFile(_Section):
    """schemacheck.yaml, or `[tool.schemacheck]` in pyproject.toml."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="schemacheck settings")

    docs: Paths = Field(default_factory=list, description=".ts, .d.ts and .md files, "
                                  "directories or globs, relative to this file.")
    openapi: str | None = Field(None, description="The backend's OpenAPI: a URL or a file "
                                                  "(default: {base_url}/openapi.json).")
    base_url: str | None = Field(None, description="Where the live backend answers; the probe "
                                                   "sends requests only to its origin.")
    headers: Annotated[dict[str, HeaderValue], BeforeValidator(_header_names)] = Field(
        default_factory=dict, description="Headers sent when fetching the spec and probing; "
                                          "values are never printed.")
    auth: AuthSection = Field(default_factory=lambda: AuthSection.model_validate({}),
                              description="Credentials.")
    contracts: dict[str, Parts] = Field(default_factory=dict, description="'METHOD /path' -> "
                                        "the documented request/response/query type names.")
    ignore: list[IgnoreEntry] = Field(default_factory=list, description="Findings accepted on "
                                      "purpose, each with a reason.")
    probe: ProbeSection = Field(default_factory=lambda: ProbeSection.model_validate({}),
                                description="Live probe settings.")
    fail_on: Severity = Field(TOP.fail_on, description="The lowest severity that fails the gate.")
    baseline: str | None = Field(None, description="A baseline file (`schemacheck baseline`): "
                                                   "only findings not in it fail.")
    allow_remote_refs: Bool = Field(TOP.allow_remote_refs,
                                    description="Follow $refs to other hosts.")
    timeout: Float = Field(TOP.timeout, gt=0, le=3600,
                           description="Seconds the whole spec fetch may take.")
    verify_tls: Bool = Field(TOP.verify_tls,
                             description="Verify TLS certificates (spec fetch and probe).")
    workflows: dict[str, list[dict[str, Any]]] = Field(
        default_factory=dict, description="Request sequences the probe runs as written: name "
        "-> steps, each `name: METHOD /path` with optional `body` and `expect`; "
        "`{{step.field}}` takes a value from an earlier step's answer.")


def json_schema() -> str:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              **SettingsFile.model_json_schema(by_alias=True)}
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":  # python -m schemacheck.config_schema > schemacheck/schema/...
    print(json_schema(), end="")
