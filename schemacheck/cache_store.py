"""The cache's entries on disk, the digests of the inputs, and the keys of the sources.

Layout, in the manner of ruff's cache: `.schemacheck_cache/` in the working directory (or
$SCHEMACHECK_CACHE_DIR), holding a CACHEDIR.TAG and a .gitignore of `*`, one file per entry
named by its key's digest. Writes go to a temporary file first and `os.replace` it into place,
so concurrent runs see a whole entry or none. An entry that does not start with its full key,
or fails to load, is a miss. `--no-cache` (or SCHEMACHECK_NO_CACHE=1) bypasses the cache.

Kept apart from cache.py (which stores loaded sources) so that a warm run imports no loader.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import os
import pickle
import re
import stat
import sys
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from schemacheck import __version__
from schemacheck.errors import SourceError
from schemacheck.gc_pause import paused
from schemacheck.sources.doc_files import display_path, expand
from schemacheck.sources.fetch import is_url

T = TypeVar("T")
MAGIC = b"schemacheck-cache 1\n"
MAX_ENTRIES = 64  # the oldest entries beyond this are removed after each write
MAX_DIGEST_BYTES = 1 << 30  # inputs above this are over every loader's limit: never hashed
# A $ref to anything but "#...": the spec's meaning then depends on other files or hosts.
EXTERNAL_REF = re.compile(rb"""\$ref["']?\s*:(?!\s*["']?#)""")
TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
       "# This file is a cache directory tag created by schemacheck.\n"
       "# For information about cache directory tags see https://bford.info/cachedir/\n")
DIGESTS = "digests"  # the file digests by stat (see file_digest)
RACY_NS = 2_000_000_000  # a digest taken this soon after the file's mtime is not reused
MAX_DIGESTS = 4096

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
    package = os.path.dirname(os.path.abspath(__file__))
    modules = sorted(os.path.relpath(os.path.join(folder, name), package)
                     for folder, _, names in os.walk(package)
                     for name in names if name.endswith(".py"))
    for module in modules:
        digest.update(module.encode() + b"\0" +
                      file_digest(os.path.join(package, module))[0].encode())
    save_digests()
    return digest.hexdigest()


# --- file digests, reused while a file's stat is unchanged (as ruff and git do) -------------
_digests: dict[str, tuple[tuple[int, ...], int, str, bool | None]] | None = None
_digests_dir: Path | None = None
_digests_changed = False


def _known() -> dict[str, tuple[tuple[int, ...], int, str, bool | None]]:
    """path -> (stat signature, when digested, sha256, has external $refs or None)."""
    global _digests, _digests_dir, _digests_changed
    folder = cache_dir()
    if _digests is None or _digests_dir != folder:
        found = read_entry(DIGESTS, path=folder / DIGESTS) if enabled() else None
        _digests, _digests_dir, _digests_changed = (
            found if isinstance(found, dict) else {}), folder, False
    return _digests


def file_digest(path: Path | str, refs: bool = False) -> tuple[str, bool | None]:
    """The sha256 of the file's bytes (and, with `refs`, whether it has external $refs).
    Reused from an earlier run while (size, mtime, ctime, inode, device) are unchanged and
    the digest was taken well after the last change, so an edit within the clock's
    resolution is never missed; otherwise the bytes are read and hashed again."""
    global _digests_changed
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_DIGEST_BYTES:  # a pipe would block:
        raise OSError(errno.EINVAL, "not a regular file of a cacheable size")  # no cache
    signature = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
    known = _known() if enabled() else {}
    name = os.path.abspath(path)
    entry = known.get(name)
    if (entry is not None and entry[0] == signature and entry[1] - st.st_mtime_ns > RACY_NS
            and (entry[3] is not None or not refs)):
        return entry[2], entry[3]
    data = Path(path).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    external = bool(EXTERNAL_REF.search(data)) if refs else None
    if enabled():
        known[name] = (signature, time.time_ns(), digest, external)
        _digests_changed = True
    return digest, external


def save_digests() -> None:
    """Store the digests learnt in this run (the newest MAX_DIGESTS)."""
    global _digests_changed
    if not _digests_changed or _digests is None or not enabled():
        return
    if len(_digests) > MAX_DIGESTS:
        for name in sorted(_digests, key=lambda n: _digests[n][1])[:-MAX_DIGESTS]:
            del _digests[name]
    write_entry(DIGESTS, _digests, path=cache_dir() / DIGESTS)
    _digests_changed = False


# --- entries ----------------------------------------------------------------------------------
def entry_path(key: str) -> Path:
    return cache_dir() / hashlib.sha256(key.encode()).hexdigest()


def read_entry(key: str, path: Path | None = None) -> Any:
    """The value stored under `key`, or None for a miss (absent, another key, corrupt)."""
    try:
        data = (path or entry_path(key)).read_bytes()
    except OSError:
        return None
    header = MAGIC + key.encode() + b"\n"
    if not data.startswith(header):
        return None  # written by another build, or a digest collision: never unpickled
    try:
        return loads(memoryview(data)[len(header):])
    except Exception:  # a truncated or damaged entry is a miss, not an error
        return None


def loads(data: bytes | memoryview) -> Any:
    with paused():  # unpickling builds millions of dicts; collecting meanwhile finds nothing
        return pickle.loads(data)


def write_entry(key: str, value: Any, path: Path | None = None) -> None:
    try:
        payload = value if isinstance(value, bytes) else pickle.dumps(
            value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # something unpicklable (e.g. a parse tree) got in: just do not cache
        return
    import tempfile  # here: a warm run writes nothing

    folder = cache_dir()
    try:
        _prepare(folder)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(MAGIC + key.encode() + b"\n")
                out.write(payload)
            os.replace(temp, path or entry_path(key))
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
    found = read_entry(full)
    if found is not None:
        return found
    value = make()
    write_entry(full, value)
    return value


def config_key(config: Any) -> str:
    """Every setting but the credentials (the fields a dataclass keeps out of its repr, and
    `auth`): a cached comparison is reused only under the very same configuration, so a
    setting that comes to affect the rules can never be served a stale result."""
    return repr([(f.name, getattr(config, f.name)) for f in dataclasses.fields(config)
                 if f.repr and f.name not in ("auth", "path")])


# --- the keys of the sources ------------------------------------------------------------------
def docs_key(paths: list[str]) -> str | None:
    """What the loaded docs depend on: each file's bytes and the path reports show for it."""
    try:
        files = expand(paths)
        key = repr([(display_path(p), file_digest(p)[0]) for p in files])
    except (OSError, SourceError):
        return None  # let the loader report it, the same way as without a cache
    save_digests()
    return key


def spec_key(source: str, allow_remote_refs: bool) -> str | None:
    """A local spec whose $refs stay inside it: keyed by its bytes. A URL, or a spec that
    refers to other files or hosts, is loaded afresh each run (its meaning lies elsewhere)."""
    if is_url(source):
        return None
    try:
        digest, external = file_digest(Path(source), refs=True)
    except OSError:
        return None
    save_digests()
    if external:
        return None
    return repr((source, allow_remote_refs, digest))
