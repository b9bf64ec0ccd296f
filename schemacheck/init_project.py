"""`schemacheck init`: look at the project, then write a schemacheck.yaml that runs as is.

It finds the documented types (Markdown with ```ts blocks, generated clients, .d.ts files),
the OpenAPI document (a local file, or the running server's), and the auth the spec declares,
and says what it found and what it could not. Every variable it writes has a `${VAR:-}`
default, so the next `schemacheck diff` runs before any secret is set.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from schemacheck.errors import SchemacheckError, SourceError
from schemacheck.sources.fetch import fetch_url, origin
from schemacheck.yamlsafe import load_yaml

SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "env", "__pycache__",
             ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", "dist", "build",
             "site-packages", ".next", ".nuxt", "coverage", "reports", ".cache"}
MAX_FILES = 20_000  # files looked at; a huge tree is cut short, and init says so
HEAD_BYTES = 65_536  # enough of a file to classify it
TS_FENCE = re.compile(r"^\s{0,3}(```|~~~)\s*(ts|typescript|tsx)\b", re.M | re.I)
SPEC_NAME = re.compile(r"^(openapi|swagger)([-_.][\w.-]*)?\.(json|ya?ml)$", re.I)
SPEC_PATHS = ("/openapi.json", "/api/v1/openapi.json", "/api/openapi.json")
DOC_PAGES = ("/docs", "/redoc")
# Swagger UI's `url: '/openapi.json'` and ReDoc's `spec-url="/openapi.json"`.
SPEC_LINK = re.compile(r"""(?:\burl|spec-url)\s*[:=]\s*["']([^"']+\.(?:json|ya?ml))["']""")


@dataclass
class Found:
    docs: list[tuple[str, str]] = field(default_factory=list)  # (path, what it is)
    spec: str | None = None
    spec_note: str = ""
    auth: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what was found, one line each
    missing: list[str] = field(default_factory=list)  # what could not be found or done


def _walk(root: Path, found: Found) -> list[Path]:
    files: list[Path] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.endswith(".egg-info"))
        files += [Path(folder) / n for n in sorted(names)]
        if len(files) >= MAX_FILES:
            found.missing.append(f"stopped looking after {MAX_FILES} files under {root}")
            break
    return files


def _head(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return handle.read(HEAD_BYTES).decode("utf-8", "replace")
    except OSError:
        return ""


def classify_doc(path: Path) -> str | None:
    """What kind of documented types a file holds, or None when it is not docs."""
    name = path.name.lower()
    if name.endswith((".md", ".markdown", ".mdx")):
        blocks = len(TS_FENCE.findall(_head(path)))
        return f"Markdown with {blocks} TypeScript block(s)" if blocks else None
    if not name.endswith(".ts") or name.endswith(".spec.ts") or name.endswith(".test.ts"):
        return None
    text = _head(path)
    top = text[:2000].lower()
    if "@hey-api/openapi-ts" in top or name == "types.gen.ts":
        return "@hey-api/openapi-ts client types"
    if "openapi-typescript" in top or (
            re.search(r"^export (interface|type) paths\b", text, re.M)
            and re.search(r"^export (interface|type) components\b", text, re.M)):
        return "openapi-typescript output"
    if "pydantic models" in top or "pydantic2ts" in top:
        return "pydantic2ts output"
    if name.endswith(".d.ts"):
        return "TypeScript declarations (.d.ts)"
    return None  # ordinary source code: not taken as documentation


def _spec_summary(data: Any) -> str | None:
    if not isinstance(data, dict) or not ("openapi" in data or "swagger" in data):
        return None
    version = data.get("openapi") or data.get("swagger")
    paths = data.get("paths")
    return f"OpenAPI {version}, {len(paths) if isinstance(paths, dict) else 0} path(s)"


def _parse(body: bytes, where: str) -> Any:
    try:
        return json.loads(body)
    except ValueError:
        try:
            return load_yaml(body, where)
        except SourceError:
            return None


def _local_spec(files: list[Path], root: Path) -> tuple[Path, str, Any] | None:
    candidates = sorted((f for f in files if SPEC_NAME.match(f.name)),
                        key=lambda f: (len(f.relative_to(root).parts), str(f)))
    for path in candidates:
        try:
            data = _parse(path.read_bytes(), str(path))
        except OSError:
            continue
        summary = _spec_summary(data)
        if summary:
            return path, summary, data
    return None


def _live_spec(base_url: str, found: Found) -> tuple[str, str, Any] | None:
    """Ask the running server, at its own origin only, where its OpenAPI document is."""
    base = base_url.rstrip("/")
    tried: list[str] = []

    def get(url: str) -> bytes | None:
        if origin(url) != origin(base_url):
            return None  # a link to another host is never followed
        tried.append(urlsplit(url).path)
        try:
            return fetch_url(url, {}, 5.0, True)
        except SourceError:
            return None

    for path in SPEC_PATHS:
        body = get(base + path)
        data = _parse(body, base + path) if body else None
        if summary := _spec_summary(data):
            return base + path, summary, data
    for page in DOC_PAGES:
        body = get(base + page)
        for link in SPEC_LINK.findall(body.decode("utf-8", "replace") if body else ""):
            url = urljoin(base + page, link)
            spec_body = get(url)
            data = _parse(spec_body, url) if spec_body else None
            if summary := _spec_summary(data):
                return url, f"{summary}; linked from {page}", data
    found.missing.append(f"no OpenAPI document at {base} (tried {', '.join(tried)})")
    return None


def _auth(spec: dict[str, Any], spec_url: str | None, found: Found) -> None:
    """Propose auth from securitySchemes: the OAuth2 password flow becomes `auth.login`, a
    bearer scheme `auth.bearer`, an API key header a header; all from variables."""
    schemes = ((spec.get("components") or {}).get("securitySchemes")
               or spec.get("securityDefinitions") or {})
    for name, scheme in sorted(schemes.items()):
        if not isinstance(scheme, dict):
            continue
        kind = scheme.get("type")
        password = ((scheme.get("flows") or {}).get("password") or {}).get("tokenUrl") or (
            scheme.get("tokenUrl") if scheme.get("flow") == "password" else None)
        if kind == "oauth2" and password:
            token_url = str(password)
            if spec_url and not token_url.startswith("/") and "://" not in token_url:
                token_url = urlsplit(urljoin(spec_url, token_url)).path
            found.auth = {"login": {"url": token_url, "username": "${API_USERNAME:-}",
                                    "password": "${API_PASSWORD:-}"}}
            found.notes.append(f"auth: OAuth2 password flow ({name}) at {token_url} -> "
                               "auth.login, from $API_USERNAME and $API_PASSWORD")
            return
        if (kind == "http" and str(scheme.get("scheme", "")).lower() == "bearer") or (
                kind == "oauth2"):
            found.auth = {"bearer": "${API_TOKEN:-}"}
            found.notes.append(f"auth: bearer token ({name}) -> auth.bearer, from $API_TOKEN")
            return
        if kind == "apiKey" and scheme.get("in") == "header" and scheme.get("name"):
            found.headers[str(scheme["name"])] = "${API_KEY:-}"
            found.notes.append(f"auth: API key header {scheme['name']} ({name}), from $API_KEY")
            return
        found.missing.append(f"auth: security scheme {name!r} ({kind}) is not one init can "
                             "set up; add headers: by hand")
    if not schemes:
        found.notes.append("auth: the spec declares no security scheme; none configured")


def discover(root: Path, base_url: str | None) -> Found:
    found = Found()
    files = _walk(root, found)
    for path in files:
        kind = classify_doc(path)
        if kind:
            found.docs.append((str(path.relative_to(root)), kind))
    for name, kind in found.docs:
        found.notes.append(f"docs: {name} ({kind})")
    if not found.docs:
        found.missing.append(f"no documented types under {root} (Markdown with ```ts blocks, "
                             "types.gen.ts, openapi-typescript or pydantic2ts output, .d.ts)")
    spec: Any = None
    if base_url:
        live = _live_spec(base_url, found)
        if live:
            found.spec, found.spec_note, spec = live
    local = _local_spec(files, root)
    if local and not found.spec:
        found.spec, found.spec_note, spec = str(local[0].relative_to(root)), local[1], local[2]
    elif local:
        found.notes.append(f"spec: also found {local[0].relative_to(root)}; the running "
                           "server's is used (it is what the backend serves)")
    if found.spec:
        found.notes.insert(len(found.docs), f"spec: {found.spec} ({found.spec_note})")
        _auth(spec, found.spec if "://" in found.spec else None, found)
    elif not base_url:
        found.missing.append("no OpenAPI file (openapi.json/yaml) found: pass --base-url to "
                             "ask the running server, or set `openapi:`")
    return found


def _q(value: str) -> str:
    return json.dumps(value)  # a JSON string is a YAML scalar, whatever it holds


def render_config(found: Found, base_url: str | None) -> str:
    lines = ["# schemacheck configuration, written by `schemacheck init` from what it found.",
             "# Flags override every value here; ${VAR:-} reads the environment.", "docs:"]
    lines += [f"  - {_q(path)}   # {kind}" for path, kind in found.docs] or [
        "  []   # none found: list .md/.ts/.d.ts files or folders here"]
    if found.spec:
        lines.append(f"openapi: {_q(found.spec)}   # {found.spec_note}")
    else:
        lines.append("# openapi: openapi.json   # not found: a URL or a file")
    if base_url:
        lines.append(f"base_url: {_q(base_url.rstrip('/'))}   # where `probe` sends requests")
    else:
        lines.append("# base_url: http://127.0.0.1:8000   # where `probe` sends requests")
    if found.headers:
        lines.append("headers:")
        lines += [f"  {_q(k)}: {_q(v)}" for k, v in sorted(found.headers.items())]
    if "login" in found.auth:
        login = found.auth["login"]
        lines += ["auth:   # set API_USERNAME and API_PASSWORD before `probe`",
                  "  login:", f"    url: {_q(login['url'])}",
                  f"    username: {_q(login['username'])}",
                  f"    password: {_q(login['password'])}"]
    elif "bearer" in found.auth:
        lines += ["auth:   # set API_TOKEN before `probe`",
                  f"  bearer: {_q(found.auth['bearer'])}"]
    lines += ["probe:", "  allow_writes: false   # or a list of operation globs it may send",
              "fail_on: high", ""]
    return "\n".join(lines)


def init_project(output: Path, base_url: str | None, force: bool) -> tuple[Found, str]:
    if output.exists() and not force:
        raise SchemacheckError(f"{output}: already exists (use --force to overwrite)")
    if base_url and urlsplit(base_url).scheme not in ("http", "https"):
        raise SchemacheckError(f"--base-url {base_url!r}: expected http(s)://host[:port]")
    root = output.parent if str(output.parent) else Path(".")
    found = discover(root, base_url)
    text = render_config(found, base_url)
    output.write_text(text, encoding="utf-8")
    return found, text
