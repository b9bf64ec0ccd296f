"""A content-addressed cache of loaded docs, loaded specs and static comparisons.

Why: parsing GitHub's 5 MB of types and 13 MB of OpenAPI takes most of a run, and CI reruns on
unchanged inputs are the common case. Each entry is keyed by the digests of the bytes it was
made from and by the tool's own fingerprint (its version plus a digest of its source files),
so an edited input or another build of schemacheck never reads an old entry.

Layout, in the manner of ruff's cache: `.schemacheck_cache/` in the working directory (or
$SCHEMACHECK_CACHE_DIR), holding a CACHEDIR.TAG and a .gitignore of `*`, one file per entry
named by its key's digest. Writes go to a temporary file first and `os.replace` it into place,
so concurrent runs see a whole entry or none. An entry that does not start with its full key,
or fails to load, is a miss. `--no-cache` (or SCHEMACHECK_NO_CACHE=1) bypasses the cache.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
import pickle
import re
import sys
import tempfile
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from schemacheck import __version__
from schemacheck.errors import SourceError
from schemacheck.model import SchemaSet
from schemacheck.sources.fetch import is_url
from schemacheck.sources.openapi import Spec, load_openapi
from schemacheck.sources.typescript import DocSet, display_path, expand, load_docs

T = TypeVar("T")
MAGIC = b"schemacheck-cache 1\n"
MAX_ENTRIES = 64  # the oldest entries beyond this are removed after each write
EXCERPT_BYTES = 64 * 1024  # larger declarations are quoted by parsing again, on demand
# A $ref to anything but "#...": the spec's meaning then depends on other files or hosts.
EXTERNAL_REF = re.compile(rb"""\$ref["']?\s*:(?!\s*["']?#)""")
TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
       "# This file is a cache directory tag created by schemacheck.\n"
       "# For information about cache directory tags see https://bford.info/cachedir/\n")

_bypassed = False


def bypass(on: bool = True) -> None:
    """`--no-cache`: neither read nor write entries until bypass(False)."""
    global _bypassed
    _bypassed = on


def enabled() -> bool:
    return not _bypassed and os.environ.get("SCHEMACHECK_NO_CACHE", "") in ("", "0")


def cache_dir() -> Path:
    return Path(os.environ.get("SCHEMACHECK_CACHE_DIR") or ".schemacheck_cache")


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """The version, the Python, and the bytes of every module: a development build whose code
    changed under an unchanged version number must not read entries an older build wrote."""
    digest = hashlib.sha256(f"{__version__} {sys.version_info[:2]}".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- entries ----------------------------------------------------------------------------------
def _entry_path(key: str) -> Path:
    return cache_dir() / hashlib.sha256(key.encode()).hexdigest()


def _read(key: str) -> Any:
    """The value stored under `key`, or None for a miss (absent, another key, corrupt)."""
    try:
        data = _entry_path(key).read_bytes()
    except OSError:
        return None
    header = MAGIC + key.encode() + b"\n"
    if not data.startswith(header):
        return None  # written by another build, or a digest collision: never unpickled
    try:
        return _loads(memoryview(data)[len(header):])
    except Exception:  # a truncated or damaged entry is a miss, not an error
        return None


def _loads(data: bytes | memoryview) -> Any:
    gc.disable()  # unpickling builds millions of dicts; collecting meanwhile finds nothing
    try:
        return pickle.loads(data)
    finally:
        gc.enable()


def _write(key: str, value: Any) -> None:
    try:
        payload = value if isinstance(value, bytes) else pickle.dumps(
            value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # something unpicklable (e.g. a parse tree) got in: just do not cache
        return
    folder = cache_dir()
    try:
        _prepare(folder)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(MAGIC + key.encode() + b"\n")
                out.write(payload)
            os.replace(temp, _entry_path(key))
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        _prune(folder)
    except OSError:
        return  # a read-only or full disk costs speed, never the run


def _prepare(folder: Path) -> None:
    if (folder / "CACHEDIR.TAG").is_file():
        return
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".gitignore").write_text("# Automatically created by schemacheck.\n*\n")
    (folder / "CACHEDIR.TAG").write_text(TAG)


def _prune(folder: Path) -> None:
    entries = [e for e in os.scandir(folder) if e.is_file() and len(e.name) == 64]
    if len(entries) <= MAX_ENTRIES:
        return
    entries.sort(key=lambda e: e.stat().st_mtime_ns)
    for entry in entries[:-MAX_ENTRIES]:
        try:
            os.unlink(entry.path)
        except OSError:
            pass  # another run removed it first


def remember(kind: str, key: str | None, make: Callable[[], T]) -> T:
    """`make()`, or the value an earlier run stored for the same kind and key."""
    if key is None or not enabled():
        return make()
    full = f"{kind} {fingerprint()} {key}"
    found = _read(full)
    if found is not None:
        return found
    value = make()
    _write(full, value)
    return value


def config_key(config: Any) -> str:
    """Every setting but the credentials (the fields a dataclass keeps out of its repr, and
    `auth`): a cached comparison is reused only under the very same configuration, so a
    setting that comes to affect the rules can never be served a stale result."""
    return repr([(f.name, getattr(config, f.name)) for f in dataclasses.fields(config)
                 if f.repr and f.name not in ("auth", "path")])


# --- the sources ------------------------------------------------------------------------------
class LazySchemas(SchemaSet):
    """A SchemaSet whose dict is unpickled on first use. The named schemas are most of an
    entry's bytes, and a warm `diff` (its comparison cached too) never reads them."""

    def __init__(self, schemas: dict[str, Any]) -> None:  # `schemas` stays unset until used
        self._blob = pickle.dumps(schemas, protocol=pickle.HIGHEST_PROTOCOL)

    def __getattr__(self, name: str) -> Any:
        if name != "schemas" or "_blob" not in self.__dict__:
            raise AttributeError(name)
        self.schemas = _loads(self.__dict__.pop("_blob"))
        return self.schemas


@dataclasses.dataclass
class CachedDocs(DocSet):
    """A DocSet read back from the cache: no parse trees, so quotations of the declarations are
    kept as they were made; one too large to keep is made again by parsing the files anew."""

    load_paths: list[str] = dataclasses.field(default_factory=list)
    excerpts: dict[str, Any] = dataclasses.field(default_factory=dict)

    def excerpt(self, name: str) -> dict[str, Any] | None:
        if name in self.excerpts or name not in self.types:
            return self.excerpts.get(name)
        return _parsed_again(tuple(self.load_paths)).excerpt(name)


@lru_cache(maxsize=4)
def _parsed_again(paths: tuple[str, ...]) -> DocSet:
    return load_docs(list(paths))


def docs_key(paths: list[str]) -> str | None:
    """What the loaded docs depend on: each file's bytes and the path reports show for it."""
    try:
        files = expand(paths)
        return repr([(display_path(p), _file_digest(p)) for p in files])
    except (OSError, SourceError):
        return None  # let the loader report it, the same way as without a cache


def _storable(docs: DocSet, paths: list[str]) -> CachedDocs:
    excerpts: dict[str, Any] = {}
    for name, decl in docs.declarations.items():
        node = getattr(decl, "node", None)
        if node is not None and node.end_byte - node.start_byte <= EXCERPT_BYTES:
            excerpts[name] = docs.excerpt(name)
    plain = {f.name: getattr(docs, f.name) for f in dataclasses.fields(DocSet)}
    return CachedDocs(**{**plain, "declarations": {}, "schemas": LazySchemas(
        docs.schemas.schemas)}, load_paths=list(paths), excerpts=excerpts)


def cached_docs(paths: list[str]) -> tuple[DocSet, str | None]:
    """load_docs(paths) through the cache; also returns the key (None: not cacheable)."""
    key = docs_key(paths) if enabled() else None
    if key is None:
        return load_docs(paths), None
    full = f"docs {fingerprint()} {key}"
    found = _read(full)
    if isinstance(found, CachedDocs):
        return found, key
    docs = load_docs(paths)
    _write(full, _storable(docs, paths))
    return docs, key


def spec_key(source: str, allow_remote_refs: bool) -> str | None:
    """A local spec whose $refs stay inside it: keyed by its bytes. A URL, or a spec that
    refers to other files or hosts, is loaded afresh each run (its meaning lies elsewhere)."""
    if is_url(source):
        return None
    try:
        data = Path(source).read_bytes()
    except OSError:
        return None
    if EXTERNAL_REF.search(data):
        return None
    return repr((source, allow_remote_refs, hashlib.sha256(data).hexdigest()))


# Specs being loaded by a forked child while this process reads the docs: the second core.
_pending: dict[tuple[str, bool], tuple[int, int, str | None]] = {}  # pid, pipe, key


def prefetch_spec(source: str, allow_remote_refs: bool = False) -> None:
    """Start loading a local spec in a forked child, so that it is parsed and normalised while
    this process parses the docs (tree-sitter holds the GIL: threads would take turns). The
    child hands back the pickled Spec through a pipe; cached_spec collects it. Only for a
    local file not already cached, and only where forking is safe: no other thread running."""
    if (is_url(source) or not hasattr(os, "fork") or threading.active_count() > 1
            or (source, allow_remote_refs) in _pending):
        return
    key = spec_key(source, allow_remote_refs) if enabled() else None
    if key is not None and _entry_path(f"spec {fingerprint()} {key}").is_file():
        return  # a warm run: reading the entry is quicker than any fork
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: load, hand the result over, leave without any cleanup
        try:
            os.close(read_end)
            payload = _storable_spec(load_openapi(source, None,
                                                  allow_remote_refs=allow_remote_refs))
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
        finally:
            os._exit(0)  # any failure leaves the pipe empty: the parent loads it itself
    os.close(write_end)
    _pending[(source, allow_remote_refs)] = (pid, read_end, key)


def _collect(source: str, allow_remote_refs: bool) -> tuple[bytes, str | None]:
    """The child's pickled Spec (b"" if it failed) and the key of the bytes it read."""
    pid, read_end, key = _pending.pop((source, allow_remote_refs))
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    os.waitpid(pid, 0)
    return payload, key


def _storable_spec(spec: Spec) -> bytes:
    lazy = dataclasses.replace(spec, schemas=LazySchemas(spec.schemas.schemas), _index={})
    return pickle.dumps(lazy, protocol=pickle.HIGHEST_PROTOCOL)


def cached_spec(source: str, headers: dict[str, str] | None = None, timeout: float = 30.0,
                verify: bool = True, allow_remote_refs: bool = False
                ) -> tuple[Spec, str | None]:
    """load_openapi(...) through the cache; also returns the key (None: not cacheable)."""
    if (source, allow_remote_refs) in _pending:  # the key was taken before the child read
        payload, key = _collect(source, allow_remote_refs)
    else:
        payload, key = b"", spec_key(source, allow_remote_refs) if enabled() else None
    full = f"spec {fingerprint()} {key}"
    if key is not None and not payload:
        found = _read(full)
        if isinstance(found, Spec):
            return found, key
    spec = _loads(payload) if payload else None
    if not isinstance(spec, Spec):  # no child, or it failed: load here (errors raise here)
        spec = load_openapi(source, headers, timeout, verify, allow_remote_refs)
        payload = _storable_spec(spec) if key is not None else b""
    if key is not None:
        _write(full, payload)
    return spec, key
