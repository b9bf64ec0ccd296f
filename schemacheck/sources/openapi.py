"""The backend's OpenAPI document (2.0, 3.0, 3.1; JSON or YAML; URL or file) -> operations and
the neutral schema model."""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import orjson

from schemacheck.diagnostics import Diagnostic
from schemacheck.errors import SourceError
from schemacheck.model import Schema, SchemaSet, reachable, ref_name, refs, type_names
from schemacheck.sources.discriminator import inline_discriminators, narrow_mapped
from schemacheck.sources.fetch import is_url, read_source
from schemacheck.sources.oas_schema import SchemaNormaliser, _esc
from schemacheck.sources.oas_shape import check_skeleton

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
SPLIT_SUFFIXES = ("-Input", "-Output")  # FastAPI names a model twice when input/output differ


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str  # path | query | header | cookie
    required: bool
    schema: Schema
    pointer: str


@dataclass
class Operation:
    method: str  # upper case
    path: str
    operation_id: str | None
    tags: list[str]
    summary: str
    parameters: list[Parameter]
    request: dict[str, Schema]  # media type -> schema
    request_required: bool
    responses: dict[str, dict[str, Schema]]  # status -> media type -> schema
    security: list[dict[str, list[str]]]
    pointer: str
    # OpenAPI 3 links of 2xx answers: (name, target operationId, {param: runtime expression})
    links: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    # a 3.1 webhook (`path` is its name): a request the API SENDS, so its body is what the
    # client receives (judged as a response) and its response what the client answers
    webhook: bool = False

    @property
    def key(self) -> str:
        return f"{self.method} webhook:{self.path}" if self.webhook else (
            f"{self.method} {self.path}")

    def request_schema(self) -> Schema | None:
        return _json_first(self.request)

    def success(self) -> tuple[str, Schema | None] | None:
        """The first 2xx response: (status, JSON schema or None for no body)."""
        for status in sorted(self.responses):
            if status.startswith("2") or status == "2XX":
                return status, _json_first(self.responses[status])
        if "default" in self.responses:
            return "default", _json_first(self.responses["default"])
        return None


@dataclass
class Spec:
    source: str
    version: str
    title: str
    operations: list[Operation] = field(default_factory=list)
    schemas: SchemaSet = field(default_factory=SchemaSet)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    digest: str = ""
    base_path: str = ""  # servers[0].url's path (3.x) or basePath (2.0): prefixes every path
    # Components that are no schema (parameters, responses, request bodies, headers): read
    # through the operations using them; generated clients (hey-api) also declare a type each.
    other_components: frozenset[str] = frozenset()
    webhooks: tuple[str, ...] = ()  # 3.1's webhooks, by name
    # their operations: compared like the API's own, never probed (the API sends them)
    webhook_operations: list[Operation] = field(default_factory=list)
    _index: dict[str, Operation] = field(default_factory=dict, repr=False)
    _usage: dict[str, set[str]] | None = field(default=None, repr=False)

    def operation(self, key: str) -> Operation | None:
        """The operation `METHOD /path`, by an index built on first use."""
        if len(self._index) != len(self.operations) + len(self.webhook_operations):
            self._index = {op.key: op for op in (*self.operations, *self.webhook_operations)}
        return self._index.get(key)

    def compared_operations(self) -> list[Operation]:
        """The operations the docs are compared with: the API's, then its webhooks."""
        return [*self.operations, *self.webhook_operations]

    def component_usage(self) -> dict[str, set[str]]:
        """The parts ("request", "response") each component is reachable from: one walk per
        part from every operation's bodies at once. Made when the spec is loaded, so that a
        spec loaded on the second core (cache.prefetch_spec) brings it along."""
        if self._usage is None:
            usage: dict[str, set[str]] = {}
            direct: dict[str, set[str]] = {}
            for part in ("request", "response"):
                roots: set[str] = set()
                for op in self.compared_operations():
                    # a webhook's body is sent by the API: a response, its answer a request
                    of_request = (part == "request") != op.webhook
                    body = op.request_schema() if of_request else (
                        op.success() or ("", None))[1]
                    roots |= refs(body or {})
                for name in reachable(roots, self.schemas.schemas, direct):
                    usage.setdefault(name, set()).add(part)
            self._usage = usage
        return self._usage

    def base_name(self, component: str) -> str:
        for suffix in SPLIT_SUFFIXES:
            if component.endswith(suffix):
                return component[: -len(suffix)]
        return component


# What a reference may carry beside `$ref` and still declare nothing of its own.
_ANNOTATIONS = frozenset({"$ref", "x-pointer", "description", "title", "deprecated",
                          "readOnly", "writeOnly"})


def alias_cycles(schemas: dict[str, Schema], source: str, prefix: str) -> list[Diagnostic]:
    """Components that are only references to one another (`A: $ref B`, `B: $ref A`)
    declare no schema: one warning per such cycle, at its first member by name."""
    found: list[Diagnostic] = []
    reported: set[frozenset[str]] = set()
    for name in sorted(schemas):
        chain: list[str] = []
        current: str | None = name
        while current is not None and current not in chain:
            schema = schemas.get(current)
            if schema is None or not set(schema) <= _ANNOTATIONS:
                current = None
                break
            chain.append(current)
            current = ref_name(schema)
        if current is None:
            continue
        cycle = chain[chain.index(current):]
        if frozenset(cycle) not in reported:
            reported.add(frozenset(cycle))
            start = min(cycle)
            loop = cycle[cycle.index(start):] + cycle[:cycle.index(start)] + [start]
            found.append(Diagnostic(
                "warning", f"{' -> '.join(loop)}: these components only refer to one another "
                "and declare no schema; treated as any", f"{source}#{prefix[1:]}{_esc(start)}"))
    return found


def _links(raw: Any) -> list[tuple[str, str, dict[str, str]]]:
    """A response's links that name their target by operationId (operationRef is not read)."""
    if not isinstance(raw, dict):
        return []
    out = []
    for name, link in sorted(raw.items(), key=lambda kv: str(kv[0])):
        if isinstance(link, dict) and isinstance(link.get("operationId"), str):
            found = link.get("parameters")
            params: dict[str, Any] = found if isinstance(found, dict) else {}
            out.append((str(name), link["operationId"],
                        {str(k): v for k, v in params.items() if isinstance(v, str)}))
    return out


def _json_first(content: dict[str, Schema]) -> Schema | None:
    for media in sorted(content, key=lambda m: (not _is_json(m), m)):
        return content[media]
    return None


def _is_json(media: str) -> bool:
    return media.split(";")[0].strip() in ("application/json", "*/*") or media.endswith("+json")


def parse_document(data: bytes, where: str) -> Any:
    # UTF-8 (with or without a BOM), or UTF-16/32 as RFC 8259's predecessors and YAML allow
    encoding = json.detect_encoding(data[:4])
    if encoding == "utf-8" and data.lstrip()[:1] in (b"{", b"[") and _fits_orjson(data):
        try:  # orjson reads 12 MB in half json's time; anything it refuses, json reads below
            return orjson.loads(data)
        except orjson.JSONDecodeError:  # NaN, 1e400, a lone surrogate, bad UTF-8, deep nesting
            pass
    text = data.decode(encoding, "replace")
    if text.lstrip()[:1] in ("{", "["):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise SourceError(f"{where}:{exc.lineno}: not valid JSON ({exc.msg})") from None
        except RecursionError:
            raise SourceError(f"{where}: JSON nests too deeply to load") from None
    from schemacheck.yamlsafe import load_yaml  # PyYAML only for a spec that is not JSON

    return load_yaml(text, where)


# Digits as "0", a minus kept, anything else a space: where a number could be too large.
_DIGIT_RUNS = bytes(48 if 48 <= b <= 57 else 45 if b == 45 else 32 for b in range(256))


def _fits_orjson(data: bytes) -> bool:
    """Whether no integer could lie outside orjson's 64 bits (beyond them it reads a float,
    silently, where json reads the exact integer): no run of 20 digits, nor a minus and 19.
    A run inside a string counts too: json then reads the document, only slower."""
    runs = data.translate(_DIGIT_RUNS)
    return runs.find(b"0" * 20) < 0 and runs.find(b"-" + b"0" * 19) < 0


def load_openapi(source: str, headers: dict[str, str] | None = None, timeout: float = 30.0,
                 verify: bool = True, allow_remote_refs: bool = False) -> Spec:
    import hashlib

    data = read_source(source, headers, timeout, verify)
    document = parse_document(data, source)
    spec = build_spec(document, source, allow_remote_refs)
    spec.digest = "sha256:" + hashlib.sha256(data).hexdigest()
    return spec


def build_spec(document: Any, source: str, allow_remote_refs: bool = False) -> Spec:
    if not isinstance(document, dict):
        raise SourceError(f"{source}: not an OpenAPI document (the top level is not a mapping)")
    raw_version = document.get("openapi") or document.get("swagger")
    version = str(raw_version or "")
    if not (version.startswith("2") or version.startswith("3.0") or version.startswith("3.1")):
        raise SourceError(f"{source}: not an OpenAPI 2.0/3.0/3.1 document "
                          f"(openapi/swagger is {raw_version!r})")
    check_skeleton(document, source)
    loader = _Loader(document, source, version, allow_remote_refs)
    try:
        return loader.spec()
    except RecursionError:
        raise SourceError(f"{source}: schemas nest too deeply to load") from None


class _Loader:
    def __init__(self, document: dict[str, Any], source: str, version: str,
                 allow_remote: bool) -> None:
        self.doc = document
        self.source = source
        self.version = version
        self.allow_remote = allow_remote
        self.v2 = version.startswith("2")
        self.prefix = "#/definitions/" if self.v2 else "#/components/schemas/"
        raw = document.get("definitions") if self.v2 else (document.get("components") or {}).get(
            "schemas")
        self.raw_components: dict[str, Any] = raw if isinstance(raw, dict) else {}
        self.schemas: dict[str, Schema] = {}
        self._busy: set[str] = set()
        self._external: dict[str, Any] = {}
        self.diagnostics: list[Diagnostic] = []
        self.norm = SchemaNormaliser(self.resolve_ref, self.component, version)

    # --- references ---------------------------------------------------------------------------
    def resolve_ref(self, target: str, pointer: str) -> tuple[str | None, Any]:
        if target.rstrip("/") == "#":  # JSON Schema's root recursion; an OpenAPI root is none
            self.diagnostics.append(Diagnostic(
                "warning", f"$ref {target!r} points at the whole OpenAPI document, not a "
                "schema; treated as any", f"{self.source}#{pointer[1:]}"))
            return None, ({}, target)
        if target.startswith(self.prefix) and "/" not in target[len(self.prefix):]:
            name = unquote(target[len(self.prefix):]).replace("~1", "/").replace("~0", "~")
            if name not in self.raw_components:
                raise SourceError(f"{self.source}: dangling $ref {target!r} at {pointer}")
            return name, None
        if target.startswith("#"):
            return None, (self.pointer(self.doc, target[1:], target, pointer), target)
        return None, self._external_ref(target, pointer)

    def _external_ref(self, target: str, pointer: str) -> tuple[Any, str]:
        file_part, _, fragment = target.partition("#")
        if is_url(file_part) or is_url(self.source):
            if not self.allow_remote:
                raise SourceError(f"{self.source}: remote $ref {target!r} at {pointer} refused "
                                  "(allow it with --allow-remote-refs)")
            base = self.source if is_url(self.source) else ""
            location = file_part if is_url(file_part) else posixpath.join(
                posixpath.dirname(urlsplit(base).path), file_part)
            if not is_url(location):
                location = base.split(urlsplit(base).path)[0] + location
        else:
            root = Path(self.source).resolve().parent
            candidate = (root / file_part).resolve()
            if file_part.startswith(("/", "file:")) or not candidate.is_relative_to(root):
                raise SourceError(f"{self.source}: $ref {target!r} at {pointer} points outside "
                                  "the spec's folder")
            location = str(candidate)
        if location not in self._external:
            self._external[location] = _parse(location, self.source)
        document = self._external[location]
        return self.pointer(document, fragment, target, pointer), target

    def pointer(self, document: Any, path: str, target: str, at: str) -> Any:
        node = document
        for raw in path.split("/")[1:] if path else []:
            part = unquote(raw).replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                raise SourceError(f"{self.source}: dangling $ref {target!r} at {at}")
        return node

    def deref(self, node: Any, pointer: str) -> tuple[Any, str]:
        """Follow a `$ref` to a non-schema object (parameter, response, request body)."""
        for _ in range(32):
            if not (isinstance(node, dict) and "$ref" in node):
                break
            target = str(node["$ref"])
            if target.startswith("#"):
                node, pointer = self.pointer(self.doc, target[1:], target, pointer), target
            else:
                node, pointer = self._external_ref(target, pointer)
        return node, pointer

    def component(self, name: str) -> Schema | None:
        if name in self.schemas:
            return self.schemas[name]
        if name in self._busy or name not in self.raw_components:
            return None
        self._busy.add(name)
        pointer = self.prefix + _esc(name)
        try:
            schema = self.norm.schema(self.raw_components[name], pointer)
        except RecursionError:  # thousands of levels: this schema only, not the document
            schema = {"x-pointer": pointer}
            self.diagnostics.append(Diagnostic(
                "error", f"schema {name!r} nests too deeply to load; treated as any",
                f"{self.source}#{pointer[1:]}"))
        finally:
            self._busy.discard(name)
        self.schemas[name] = schema
        return schema

    # --- the document -------------------------------------------------------------------------
    def spec(self) -> Spec:
        info: dict[str, Any] = self.doc["info"] if isinstance(self.doc.get("info"), dict) else {}
        spec = Spec(self.source, self.version, str(info.get("title", "")))
        spec.base_path = self.base_path()
        spec.other_components = self.other_components()
        hooks = self.doc.get("webhooks")
        spec.webhooks = tuple(sorted(str(name) for name in hooks)) if isinstance(
            hooks, dict) else ()
        for name in self.raw_components:
            self.component(name)
        self.diagnostics += alias_cycles(self.schemas, self.source, self.prefix)
        paths = self.doc.get("paths") or {}
        if not isinstance(paths, dict):
            raise SourceError(f"{self.source}: `paths` is not a mapping")
        security = self.doc.get("security") or []
        for path, item in paths.items():
            item_pointer = "#/paths/" + _esc(path)
            item, item_pointer = self.deref(item, item_pointer)
            if not isinstance(item, dict):
                continue
            shared = item.get("parameters") or []
            for method in METHODS:
                op = item.get(method)
                if isinstance(op, dict):
                    spec.operations.append(self.operation(path, method, op, shared, security,
                                                          f"{item_pointer}/{method}"))
        for name, item in (hooks if isinstance(hooks, dict) else {}).items():
            item_pointer = "#/webhooks/" + _esc(str(name))
            item, item_pointer = self.deref(item, item_pointer)
            if not isinstance(item, dict):
                continue
            for method in METHODS:
                op = item.get(method)
                if isinstance(op, dict):
                    hook = self.operation(str(name), method, op, item.get("parameters") or [],
                                          security, f"{item_pointer}/{method}")
                    hook.webhook = True
                    spec.webhook_operations.append(hook)
        # once, with the components' mappings and those written in an operation's body (a
        # second pass skipped what the first had narrowed, dropping inline values); models are
        # replaced, never changed in place, so the operations' references see the new ones
        narrow_mapped(self.schemas, inline_discriminators(
            body for op in spec.compared_operations()
            for body in (op.request_schema(), (op.success() or ("", None))[1])))
        spec.schemas = SchemaSet({k: self.schemas[k] for k in sorted(self.schemas)})
        if self.norm.legacy_nullable:
            # The author meant null; generated clients of 3.1 (hey-api) may ignore it.
            places = sorted(set(self.norm.legacy_nullable))
            more = f" (and {len(places) - 1} more places)" if len(places) > 1 else ""
            self.diagnostics.append(Diagnostic(
                "warning", "`nullable` is not an OpenAPI 3.1 keyword (3.1 writes "
                'type: [T, "null"]); read as nullable, as meant, though 3.1 tools may ignore '
                f"it (docs without null there are not reported){more}",
                f"{self.source}#{places[0][1:]}"))
        spec.diagnostics = self.diagnostics
        return spec

    def other_components(self) -> frozenset[str]:
        if self.v2:
            holders = [self.doc.get("parameters"), self.doc.get("responses")]
        else:
            components = self.doc.get("components")
            holders = [components.get(kind) for kind in (
                "parameters", "responses", "requestBodies", "headers")] if isinstance(
                components, dict) else []
        return frozenset(str(name) for held in holders if isinstance(held, dict)
                         for name in held)

    def base_path(self) -> str:
        if self.v2:
            raw = self.doc.get("basePath")
        else:
            servers = self.doc.get("servers")
            first = servers[0] if isinstance(servers, list) and servers else {}
            raw = urlsplit(str(first.get("url", ""))).path if isinstance(first, dict) else ""
        path = str(raw or "").rstrip("/")
        return path if path.startswith("/") else ""

    def operation(self, path: str, method: str, op: dict[str, Any], shared: list[Any],
                  security: list[Any], pointer: str) -> Operation:
        params: dict[tuple[str, str], Parameter] = {}
        request: dict[str, Schema] = {}
        request_required = False
        form: list[Parameter] = []
        for index, raw in [*enumerate(shared), *enumerate(op.get("parameters") or [])]:
            raw, at = self.deref(raw, f"{pointer}/parameters/{index}")
            if not isinstance(raw, dict) or "name" not in raw:
                continue
            location = str(raw.get("in", "query"))
            if location == "body":
                request["application/json"] = self.norm.schema(raw.get("schema"), at + "/schema")
                request_required = bool(raw.get("required"))
                continue
            param = Parameter(str(raw["name"]), location,
                              bool(raw.get("required")) or location == "path",
                              self._param_examples(self._param_schema(raw, at), raw, at), at)
            if location == "formData":
                form.append(param)
            else:
                params[(param.name, location)] = param
        if form:
            media = "multipart/form-data" if any(
                p.schema.get("format") == "binary" for p in form) else (
                "application/x-www-form-urlencoded")
            request[media] = {"type": "object",
                              "properties": {p.name: p.schema for p in form},
                              "required": [p.name for p in form if p.required]}
        body, body_at = self.deref(op.get("requestBody"), pointer + "/requestBody")
        if isinstance(body, dict):
            request_required = bool(body.get("required"))
            request.update(self._content(body.get("content"), body_at + "/content"))
        responses: dict[str, dict[str, Schema]] = {}
        links: list[tuple[str, str, dict[str, str]]] = []
        for status, raw in (op.get("responses") or {}).items():
            raw, at = self.deref(raw, f"{pointer}/responses/{_esc(str(status))}")
            if not isinstance(raw, dict):
                continue
            if self.v2:
                produces = op.get("produces") or self.doc.get("produces") or ["application/json"]
                schema = raw.get("schema")
                responses[str(status)] = {produces[0]: self.norm.schema(schema, at + "/schema")} \
                    if schema is not None else {}
            else:
                responses[str(status)] = self._content(raw.get("content"), at + "/content")
                if str(status).startswith("2"):
                    links += _links(raw.get("links"))
        return Operation(method.upper(), path, op.get("operationId"), list(op.get("tags") or []),
                         str(op.get("summary") or ""), sorted(params.values(), key=_param_key),
                         request, request_required, responses,
                         list(op.get("security", security) or []), pointer, links)

    def _param_schema(self, raw: dict[str, Any], at: str) -> Schema:
        if "schema" in raw:
            return self.norm.schema(raw["schema"], at + "/schema")
        if isinstance(raw.get("content"), dict) and raw["content"]:
            media = sorted(raw["content"])[0]
            item = raw["content"][media]
            decoded = self.norm.schema(item.get("schema") if isinstance(item, dict) else None,
                                       f"{at}/content/{_esc(media)}/schema")
            if type_names(decoded) <= {"string"} and type_names(decoded):
                return decoded
            # the URL carries the value serialised (`?filter={"a":1}`): a client may type it
            # as the value (hey-api) or as the text (openapi-typescript's `string`)
            text: Schema = {"type": "string", "contentMediaType": media,
                            "x-pointer": f"{at}/content/{_esc(media)}"}
            return {"anyOf": [decoded, text], "x-pointer": decoded.get("x-pointer", at)}
        return self.norm.schema(raw, at)  # 2.0: type/format/items/enum on the parameter

    def _param_examples(self, schema: Schema, raw: dict[str, Any], at: str) -> Schema:
        """The parameter's own `example`/`examples` (and 2.0's `x-example`) lead its schema's
        `examples`: values the probe can put in the URL (probe/param_examples.py)."""
        values = [raw[key] for key in ("example", "x-example") if key in raw]
        named = raw.get("examples")
        for key, item in sorted(named.items()) if isinstance(named, dict) else []:
            item, _ = self.deref(item, f"{at}/examples/{_esc(str(key))}")
            if isinstance(item, dict) and "value" in item:
                values.append(item["value"])
        if not values:
            return schema
        return {**schema, "examples": values + [v for v in schema.get("examples") or []
                                                 if v not in values]}

    def _content(self, content: Any, at: str) -> dict[str, Schema]:
        out: dict[str, Schema] = {}
        for media, item in (content or {}).items() if isinstance(content, dict) else []:
            schema = item.get("schema") if isinstance(item, dict) else None
            out[str(media)] = self.norm.schema(schema, f"{at}/{_esc(str(media))}/schema") \
                if schema is not None else {}
        return out


def _param_key(param: Parameter) -> tuple[int, str]:
    order = {"path": 0, "query": 1, "header": 2, "cookie": 3}
    return order.get(param.location, 4), param.name


def _parse(location: str, source: str) -> Any:
    return parse_document(read_source(location), location)
