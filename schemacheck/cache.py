"""A content-addressed cache of loaded docs, loaded specs and static comparisons.

Why: parsing GitHub's 5 MB of types and 13 MB of OpenAPI takes most of a run, and CI reruns on
unchanged inputs are the common case. Each entry is keyed by the digests of the bytes it was
made from and by the tool's own fingerprint (its version plus a digest of its source files),
so an edited input or another build of schemacheck never reads an old entry. How entries are
stored, and the keys of the sources: cache_store.py.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
from functools import lru_cache
from typing import Any

from schemacheck import forked
from schemacheck.cache_store import (  # noqa: F401 (bypass..remember: the cache's interface)
    bypass,
    config_key,
    docs_key,
    enabled,
    entry_path,
    fingerprint,
    loads,
    read_entry,
    remember,
    spec_key,
    write_entry,
)
from schemacheck.forked import Forked
from schemacheck.model import SchemaSet
from schemacheck.sources.fetch import is_url
from schemacheck.sources.openapi import Spec, load_openapi
from schemacheck.sources.typescript import DocSet, load_docs

EXCERPT_BYTES = 64 * 1024  # larger declarations are quoted by parsing again, on demand


# --- the sources ------------------------------------------------------------------------------
class LazySchemas(SchemaSet):
    """A SchemaSet whose dict is unpickled on first use. The named schemas are most of an
    entry's bytes, and a warm `diff` (its comparison cached too) never reads them."""

    def __init__(self, schemas: dict[str, Any]) -> None:  # `schemas` stays unset until used
        self._blob = pickle.dumps(schemas, protocol=pickle.HIGHEST_PROTOCOL)

    def __getattr__(self, name: str) -> Any:
        if name != "schemas" or "_blob" not in self.__dict__:
            raise AttributeError(name)
        self.schemas = loads(self.__dict__.pop("_blob"))
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
    found = read_entry(full)
    if isinstance(found, CachedDocs):
        return found, key
    docs = load_docs(paths)
    write_entry(full, _storable(docs, paths))
    return docs, key


# A smaller spec loads in less time than a fork and its hand-over take.
MIN_PREFETCH = 256 * 1024
# Specs being loaded by a forked child while this process reads the docs (forked.py).
_pending: dict[tuple[str, bool], tuple[Forked, str | None]] = {}  # the child, the key


def prefetch_spec(source: str, allow_remote_refs: bool = False) -> None:
    """Start loading a local spec in a forked child, so that it is parsed and normalised while
    this process parses the docs. The child hands back the pickled Spec; cached_spec collects
    it. Only for a local file not already cached."""
    if is_url(source) or (source, allow_remote_refs) in _pending or _size(source) < MIN_PREFETCH:
        return
    key = spec_key(source, allow_remote_refs) if enabled() else None
    if key is not None and entry_path(f"spec {fingerprint()} {key}").is_file():
        return  # a warm run: reading the entry is quicker than any fork
    child = forked.start(lambda: _storable_spec(load_openapi(
        source, None, allow_remote_refs=allow_remote_refs)))
    if child is not None:
        _pending[(source, allow_remote_refs)] = (child, key)


def _size(source: str) -> int:
    try:
        return os.path.getsize(source)
    except OSError:  # not there: the load reports it
        return 0


def _collect(source: str, allow_remote_refs: bool) -> tuple[bytes, str | None]:
    """The child's pickled Spec (b"" if it failed) and the key of the bytes it read."""
    child, key = _pending.pop((source, allow_remote_refs))
    return forked.collect(child), key


def _storable_spec(spec: Spec) -> bytes:
    spec.component_usage()  # pairing's walk of the spec alone: made where the spec is loaded
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
        found = read_entry(full)
        if isinstance(found, Spec):
            return found, key
    spec = loads(payload) if payload else None
    if not isinstance(spec, Spec):  # no child, or it failed: load here (errors raise here)
        spec = load_openapi(source, headers, timeout, verify, allow_remote_refs)
        payload = _storable_spec(spec) if key is not None else b""
    if key is not None:
        write_entry(full, payload)
    return spec, key
