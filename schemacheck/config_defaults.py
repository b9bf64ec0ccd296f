"""The settings' defaults and the header rules, with no heavy imports: the runtime Config
(config.py) and the typed schema (config_schema.py) both read them, so commands that validate no
settings file (report, compare, rules, types, or flags alone) never import pydantic."""

from __future__ import annotations

import re


class PROBE:
    allow_writes = False
    concurrency = 8
    timeout = 10.0
    retries = 2
    field_by_field = False
    max_body_bytes = 1_000_000


class TOP:
    fail_on = "high"
    allow_remote_refs = False
    timeout = 30.0
    verify_tls = True


HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # RFC 9110 token
CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")  # a tab is allowed in a value, a newline not
