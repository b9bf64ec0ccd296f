"""Contracts: which documented type is the request, query or response of which operation.

Sources, strongest first: the config, a JSDoc tag (`@endpoint`, `@request`, `@response`), the
Markdown heading a block stands under, the operationId in openapi-typescript's `operations`
interface, then matching documented type names to the operation's component names. Documented
types no contract reaches are paired with components by name.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache

from schemacheck.facts import SPLIT_SUFFIXES, Contract, model_name
from schemacheck.model import META_KEYS, Schema, reachable, ref, ref_name, refs
from schemacheck.sources.markdown import endpoint_of
from schemacheck.sources.openapi import METHODS, Operation, Spec
from schemacheck.sources.typescript import DocSet

ROLE_SUFFIXES = {
    "request": ("request", "input", "body", "payload", "create", "update", "command"),
    "response": ("response", "output", "result", "reply"),
    "query": ("query", "filters", "searchparams", "queryparams"),
}
NAME_SUFFIXES = ("request", "response", "input", "output", "schema", "model", "create",
                 "public", "dto", "body")
PARTS = ("request", "query", "response")


@dataclass
class ContractSet:
    contracts: list[Contract] = field(default_factory=list)
    uncovered: list[str] = field(default_factory=list)  # operations no documented type covers
    unmatched: list[str] = field(default_factory=list)  # documented types matching nothing
    # documented operations the backend does not have: (operation, documented type, file:line)
    removed: list[tuple[str, str, str]] = field(default_factory=list)
    # pairings refused because most fields disagree: {operation, docs, backend, score}
    refused: list[dict[str, object]] = field(default_factory=list)
    # contracts whose backend body declares nothing (any): paired, but nothing to compare
    unconstrained: list[Contract] = field(default_factory=list)


def normalise(name: str) -> str:
    """`JobContext-Input` -> `jobcontext`; `UserPublic` -> `user`."""
    base = re.sub(r"[^a-z0-9]", "", model_name(name).lower())
    changed = True
    while changed:
        changed = False
        for suffix in NAME_SUFFIXES:
            if base.endswith(suffix) and len(base) > len(suffix):
                base, changed = base[: -len(suffix)], True
    return base


def role_of(name: str) -> str | None:
    low = re.sub(r"[^a-z]", "", name.lower())
    for role in ("query", "request", "response"):
        if low.endswith(ROLE_SUFFIXES[role]) or (role == "request" and low.startswith(
                ("create", "update", "new"))):
            return role
    return None


def backend_component(schema: Schema | None) -> str | None:
    """The component name a part refers to, looking through one array level."""
    if not schema:
        return None
    name = ref_name(schema)
    if name is None and schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        inner = ref_name(schema["items"])
        return f"{inner}[]" if inner else None
    return name


def part_schema(op: Operation, part: str) -> Schema | None:
    if part == "request":
        return op.request_schema()
    if part == "response":
        success = op.success()
        return success[1] if success else None
    params = [p for p in op.parameters if p.location == "query"]
    if not params:
        return None
    return {"type": "object", "properties": {p.name: p.schema for p in params},
            "required": [p.name for p in params if p.required]}


def doc_part_schema(doc_type: str) -> Schema:
    return {"type": "array", "items": ref(doc_type[:-2])} if doc_type.endswith("[]") else ref(
        doc_type)


def bare_name(name: str) -> str:
    """A type's name less the namespace it is declared in (`Schemas.Order` -> `Order`)."""
    return name.rpartition(".")[2]


def declaring_file(docs: DocSet, name: str) -> str:
    """The file a documented type is declared in (its source less the line)."""
    return docs.declaring_file(name)


class _Matcher:
    def __init__(self, docs: DocSet, spec: Spec) -> None:
        self.docs = docs
        self.spec = spec
        # files holding a generated client of this spec (Matching.build): of a name declared
        # in several files (two services' `types.gen.ts`, each with its `User`), theirs
        self.homes: frozenset[str] = frozenset()
        self.loose: dict[str, list[str]] = {}
        self.plain: dict[str, list[str]] = {}  # the name as declared -> keys (one per file)
        # the name less its punctuation: generators spell `Owner-Input` as `OwnerInput`
        # (orval, swagger-typescript-api) or `Owner_Input` (openapi-typescript-codegen)
        self.compact: dict[str, list[str]] = {}
        for name, info in docs.types.items():
            if not docs.schemas.schemas[name].get("x-generic"):
                bare = bare_name(info.plain)
                self.loose.setdefault(normalise(bare), []).append(name)
                self.plain.setdefault(info.plain, []).append(name)
                # typed-openapi's `Schemas.Order` is `Order` when names are compared
                self.compact.setdefault(_compact(bare), []).append(name)

    def by_name(self, component: str | None) -> str | None:
        if not component:
            return None
        array = component.endswith("[]")
        base = self.spec.base_name(component.removesuffix("[]"))
        found: str | None = base if base in self.docs.types else None
        if found is None:
            declared = self.at_home(self.plain.get(base, []))
            found = declared[0] if len(declared) == 1 else None
        if found is None:  # `Owner-Input` as `OwnerInput`: before `Owner`, which both are
            spelled = self.at_home(self.compact.get(_compact(component.removesuffix("[]")), []))
            found = spelled[0] if len(spelled) == 1 else None
        if found is None:
            candidates = self.at_home(self.loose.get(normalise(base), []))
            found = candidates[0] if len(candidates) == 1 else None
        return f"{found}[]" if found and array else found

    def at_home(self, names: list[str]) -> list[str]:
        """Of several documented types, those in the spec's own client files, when any."""
        if len(names) < 2 or not self.homes:
            return names
        return [n for n in names if declaring_file(self.docs, n) in self.homes] or names


@dataclass
class Matching:
    """What the strategies read: the docs, the spec, the config and indexes built once."""

    docs: DocSet
    spec: Spec
    configured: dict[str, dict[str, str]]
    matcher: _Matcher
    by_heading: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    by_jsdoc: dict[tuple[str, str], list[tuple[str, str | None]]] = field(default_factory=dict)
    by_url: dict[str, list[str]] = field(default_factory=dict)  # hey-api `XData` by its `url`
    # typed-openapi's `Endpoints.post_X` (`method`, `path`, `parameters`, `responses`)
    by_endpoint: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    # hey-api `<Method><Name>WebhookRequest` by its `key` (the webhook's name)
    by_hook: dict[str, list[str]] = field(default_factory=dict)
    refused: list[dict[str, object]] = field(default_factory=list)
    generics: list[str] = field(default_factory=list)  # `Page<T>` and the like, sorted
    # the types paired through a route (by_url, by_endpoint): no type named for the operation
    routed: frozenset[str] = frozenset()
    compact_keys: list[str] = field(default_factory=list)  # matcher.compact's keys, sorted

    def names_begin(self, stem: str) -> bool:
        """Whether a documented type's compact name begins with `stem`: most operations of
        a large API have no type named for them, and need not try each suffix."""
        at = bisect_left(self.compact_keys, stem)
        return at < len(self.compact_keys) and self.compact_keys[at].startswith(stem)

    @classmethod
    def build(cls, docs: DocSet, spec: Spec,
              configured: dict[str, dict[str, str]] | None) -> Matching:
        found = cls(docs, spec, configured or {}, _Matcher(docs, spec))
        endpoints = Endpoints(spec)
        found.generics = sorted(name for name in docs.types
                                if docs.schemas.schemas[name].get("x-generic"))
        for name, info in docs.types.items():
            endpoint = endpoint_of(info.heading)
            if endpoint:
                found.by_heading.setdefault(endpoints.key(*endpoint), []).append(name)
            for method, path, role in info.endpoints:
                found.by_jsdoc.setdefault(endpoints.key(method, path), []).append((name, role))
            described = endpoint_described(docs.schemas.schemas.get(name, {}))
            if described is not None:
                found.by_endpoint.setdefault(endpoints.key(*described), []).append(name)
            url = client_url(docs.schemas.schemas.get(name, {}))
            if url is not None and info.plain.endswith("Data"):
                found.by_url.setdefault(url, []).append(name)
            hook = _literal(docs.schemas.schemas.get(name, {}), "key")
            if hook is not None and info.plain.endswith(HOOK_REQUEST):
                found.by_hook.setdefault(hook, []).append(name)
        found.matcher.homes = _home_files(found)
        found.routed = frozenset(n for names in (*found.by_url.values(),
                                                 *found.by_endpoint.values()) for n in names)
        found.compact_keys = sorted(found.matcher.compact)
        return found


def _home_files(m: Matching) -> frozenset[str]:
    """The files of a hey-api client generated from this spec: those holding the only
    `XData` (or `XWebhookRequest`) of one of its operations. Several clients in one docs
    folder declare the same names; a name is then the one in these files. Empty (no
    preference) for one file, or when no operation tells the files apart."""
    docs = m.docs
    files = {declaring_file(docs, n) for names in (*m.by_url.values(), *m.by_hook.values())
             for n in names} | {declaring_file(docs, e.paths_key) for e in (
                 *docs.paths.values(), *docs.webhooks.values())}
    if len(files) < 2:
        return frozenset()
    homes: set[str] = set()
    for op in m.spec.compared_operations():
        owners = {declaring_file(docs, n) for n in (
            m.by_hook.get(op.path, []) if op.webhook else _url_candidates(m, op))}
        owners |= {declaring_file(docs, e.paths_key)
                   for e in docs.path_entries(op.method, op.path, op.webhook)}
        if len(owners) == 1:
            homes |= owners
    return frozenset(homes)


Chosen = dict[str, tuple[str, str]]  # part -> (documented type, how)
# A strategy proposes (part, documented type) pairs for one operation; earlier strategies win.
# It sees what is chosen so far, because classifying a type depends on what is left.
Strategy = Callable[[Matching, Operation, Chosen], Iterator[tuple[str, str]]]


def by_config(m: Matching, op: Operation, chosen: Chosen) -> Iterator[tuple[str, str]]:
    yield from m.configured.get(op.key, {}).items()


def by_jsdoc(m: Matching, op: Operation, chosen: Chosen) -> Iterator[tuple[str, str]]:
    """`@request`, `@response` (a role) or `@endpoint` (classified) on the declaration."""
    for name, role in m.by_jsdoc.get((op.method, _path_shape(op.path)), []):
        part = role or _classify(name, op, chosen, m.matcher)
        if not part:
            continue
        if m.docs.types[name].route:  # a route method's `this.request<OrderPage>` is OrderPage
            found = _renamed(m.docs, name)
            # its `query: ListOrdersParams` may hold the path parameters too
            named = _without_path_params(m, op, found) if part == "query" else found
            if named:
                yield part, named
        else:
            yield part, name


def by_heading(m: Matching, op: Operation, chosen: Chosen) -> Iterator[tuple[str, str]]:
    """The Markdown heading (`### POST /jobs`) a block stands under."""
    for name in _roots(m.by_heading.get((op.method, _path_shape(op.path)), []), m.docs):
        part = _classify(name, op, chosen, m.matcher, m.docs.types[name].role)
        if part:
            yield part, name


def by_operation_id(m: Matching, op: Operation, chosen: Chosen) -> Iterator[tuple[str, str]]:
    """openapi-typescript's `operations[operationId]`."""
    yield from _generated_parts(m.docs, op, m.matcher.homes).items()


HOOK_REQUEST = "WebhookRequest"


def _literal(schema: Schema, member: str) -> str | None:
    """The one string literal a member is typed as (`url: '/orders/{id}'`, `key: 'newPet'`)."""
    found = schema.get("properties", {}).get(member, {})
    values = found.get("enum") if isinstance(found, dict) else None
    if isinstance(values, list) and len(values) == 1 and isinstance(values[0], str):
        return values[0]
    return None


def client_url(schema: Schema) -> str | None:
    """The `url: '/orders/{id}'` literal of a hey-api (`@hey-api/openapi-ts`) `XData` type."""
    url = _literal(schema, "url")
    return url if url is not None and url.startswith("/") else None


ENDPOINT_MEMBERS = frozenset({"parameters", "responses"})


def endpoint_described(schema: Schema) -> tuple[str, str] | None:
    """(METHOD, /path) of a type that describes one endpoint by literals: typed-openapi's
    `{method: "POST", path: "/payments", parameters: {body, query, path}, responses: {200}}`."""
    method, path = _literal(schema, "method"), _literal(schema, "path")
    if method is None or path is None or not path.startswith("/") or method.lower() not in (
            METHODS) or not ENDPOINT_MEMBERS & set(schema.get("properties", {})):
        return None
    return method.upper(), path


def by_endpoint_type(m: Matching, op: Operation, chosen: Chosen) -> Iterator[tuple[str, str]]:
    """A type describing the endpoint by its `method` and `path` literals: its
    `parameters.body`, `parameters.query` and `responses[<status>]`; of several for one
    endpoint (two services' clients), the one in the spec's own files."""
    if not m.by_endpoint:  # no typed-openapi client: no path shape to make
        return
    found = m.matcher.at_home(m.by_endpoint.get((op.method, _path_shape(op.path)), []))
    if op.webhook or len(found) != 1:
        return
    schema = m.docs.schemas.schemas[found[0]].get("properties", {})
    params = (m.docs.schemas.deref(schema["parameters"])[0] if isinstance(
        schema.get("parameters"), dict) else {}).get("properties", {})
    answers = (m.docs.schemas.deref(schema["responses"])[0] if isinstance(
        schema.get("responses"), dict) else {}).get("properties", {})
    success = op.success()
    candidates = {"request": ("body", params.get("body")), "query": ("query", params.get(
        "query")), "response": (success[0] if success else "", answers.get(
            success[0]) if success else None)}
    for part, (member, value) in candidates.items():
        named = _registered(m, op, value, f"{found[0]}.{member}", part)
        if named:
            yield part, named


def _registered(m: Matching, op: Operation, schema: object, name: str,
                part: str) -> str | None:
    """What a generated client's member holding one part stands for: the documented type it
    names by reference, else the inline schema registered as `name` for the diff to walk.
    None when it says the part is absent: missing, `never`, or a query of no fields (`{}`,
    `Record<string, never>`) where the operation takes none; where it takes some, the empty
    query is the docs' word that it needs none, compared (a required one is a 422)."""
    if not isinstance(schema, dict) or _is_never(schema):
        return None
    named = ref_name(schema) if set(schema) - {"x-source", "description"} == {"$ref"} else None
    if named and named in m.docs.types:
        return named
    if part == "query" and not schema.get("properties") and not any(
            p.location == "query" for p in op.parameters):
        return None
    m.docs.schemas.schemas[name] = schema
    return name


# Per-operation types named `<OperationId><Suffix>`: orval (`ListOrdersParams`, `PayBody`,
# `UploadUploadPost200` for an inline answer), swagger-typescript-api's --extract-* options
# (`ListOrdersParams`, `PayPayload`, `ListOrdersData` = the answer). `{status}`: the success
# status code.
OPERATION_SUFFIXES = {"query": ("params", "queryparams", "query"),
                      "request": ("body", "payload", "requestbody"),
                      "response": ("{status}", "data", "responsebody")}


def by_operation_name(m: Matching, op: Operation, chosen: Chosen
                      ) -> Iterator[tuple[str, str]]:
    """A type named for the operation: its operationId (any case or punctuation) and a
    suffix that says which part (OPERATION_SUFFIXES). An alias is its target; of a query
    type, the operation's path parameters (swagger-typescript-api puts both in one type)
    are left out."""
    stem = _compact(op.operation_id or "")
    if not stem or op.webhook or not m.names_begin(stem):
        return
    success = op.success()
    status = success[0] if success else "-"
    compact = m.matcher.compact
    for part, suffixes in OPERATION_SUFFIXES.items():
        for suffix in suffixes:
            key = stem + (status if suffix == "{status}" else suffix)
            if key not in compact:  # most operations of a large API: no such type
                continue
            found = [n for n in m.matcher.at_home(compact[key]) if n not in m.routed]
            if len(found) != 1:
                continue
            name: str | None = _renamed(m.docs, found[0])
            if part == "query" and name is not None:
                name = _without_path_params(m, op, name)
            if name:
                yield part, name
            break


def _without_path_params(m: Matching, op: Operation, name: str) -> str | None:
    """The query type less the operation's path parameters (None: nothing else is left)."""
    schema = m.docs.schemas.deref(m.docs.schemas.schemas[name])[0]
    props = schema.get("properties", {})
    # swagger-typescript-api camel-cases a path parameter (`thread_id` as `threadId`), never
    # a query one: a field spelled like a path parameter that no query parameter is named
    in_path = {_compact(p.name) for p in op.parameters if p.location == "path"}
    in_query = {p.name for p in op.parameters if p.location == "query"}
    path = {k for k in props if k not in in_query and _compact(k) in in_path}
    if not path:
        return name if props else None
    if not set(props) - path:
        return None
    kept = dict(schema, properties={k: v for k, v in props.items() if k not in path})
    if "required" in schema:
        kept["required"] = [r for r in schema["required"] if r not in path]
    m.docs.schemas.schemas[f"{name}.query"] = kept
    return f"{name}.query"


def by_client_data(m: Matching, op: Operation, chosen: Chosen) -> Iterator[tuple[str, str]]:
    """hey-api's `<Operation>Data` (`body`, `query`, `url`) and `<Operation>Responses` (by
    status code), found by the operation's path and then its operationId or method; for a
    webhook its `<Method><Name>WebhookRequest` (`body`, `key`), found by the name."""
    data = _hook_request(m, op) if op.webhook else _client_data(m, op)
    if data is None:
        return
    stem = m.docs.types[data].plain.removesuffix("Data")
    schema = m.docs.schemas.schemas[data].get("properties", {})
    # hey-api writes no answer type for a webhook
    responses = [] if op.webhook else m.matcher.at_home(
        m.matcher.plain.get(stem + "Responses", []))
    success = op.success()
    candidates = {
        "request": schema.get("body"), "query": schema.get("query"),
        "response": m.docs.schemas.schemas[responses[0]].get("properties", {}).get(
            success[0] if success else "") if len(responses) == 1 else None}
    for part, found in candidates.items():
        # a webhook has no `Responses` type (nor an answer to pair): the name is never used
        name = f"{responses[0]}.{success[0]}" if part == "response" and success and (
            responses) else f"{data}.{part}"
        registered = _registered(m, op, found, name, part)
        if registered:
            yield part, registered


def _is_never(schema: Schema) -> bool:
    """`never` (`body?: never`): what a generated client writes for "this part is absent"."""
    return schema.get("not") == {} and set(schema) <= {"not", "x-source", "description"}


def _url_candidates(m: Matching, op: Operation) -> list[str]:
    """hey-api `XData` types whose `url` is the operation's path (with or without the
    servers' base path)."""
    path = op.path.removeprefix(m.spec.base_path) if m.spec.base_path else op.path
    return m.by_url.get(op.path, []) or m.by_url.get(path or "/", [])


def _client_data(m: Matching, op: Operation) -> str | None:
    found = m.matcher.at_home(_url_candidates(m, op))
    if len(found) > 1:  # one path, several methods: the operationId, else the method prefix
        wanted = re.sub(r"[^a-z0-9]", "", (op.operation_id or "").lower())
        found = [n for n in found if wanted and re.sub(
            r"[^a-z0-9]", "", m.docs.types[n].plain.lower()) == wanted + "data"] or [
            n for n in found if m.docs.types[n].plain.lower().startswith(op.method.lower())]
    return found[0] if len(found) == 1 else None


def _hook_request(m: Matching, op: Operation) -> str | None:
    """hey-api's `<Method><Name>WebhookRequest` for a webhook: by its `key`, then the
    method its name starts with when the webhook has several."""
    found = m.by_hook.get(op.path, [])
    if len(found) > 1:
        found = [n for n in found if m.docs.types[n].plain.lower().startswith(op.method.lower())]
    return found[0] if len(found) == 1 else None


def by_name(m: Matching, op: Operation, chosen: Chosen) -> Iterator[tuple[str, str]]:
    """A documented type named like the component the part refers to; a match found only
    after suffix stripping is refused when most fields disagree."""
    for part in ("request", "response"):
        component = backend_component(part_schema(op, part))
        found = m.matcher.by_name(component)
        if found and component and not _refused(m, found, component, op.key):
            yield part, found


def by_shape(m: Matching, op: Operation, chosen: Chosen) -> Iterator[tuple[str, str]]:
    """A documented generic wrapper (`Page<T>`, `Paginated<T>`) for a backend envelope
    (`Page_ItemPublic_`, `XPagination`) whose fields it shares."""
    for part in ("request", "response") if m.generics else ():
        component = backend_component(part_schema(op, part))
        if not component or component.endswith("[]"):
            continue
        envelope = m.spec.schemas.schemas.get(component, {})
        scored = ((agreement(m.docs.schemas.schemas[name], envelope), name)
                  for name in m.generics)
        # a generic that is no object (`CancelablePromise<T>`, a function) scores None
        best = max(((score, name) for score, name in scored if score is not None),
                   default=None)
        if best and best[0] >= MIN_AGREEMENT:
            yield part, best[1]


STRATEGIES: list[tuple[str, Strategy]] = [
    ("config", by_config), ("jsdoc", by_jsdoc), ("heading", by_heading),
    ("operation-id", by_operation_id), ("client-data", by_client_data),
    ("endpoint-type", by_endpoint_type), ("operation-name", by_operation_name),
    ("name", by_name),
    ("shape", by_shape)]
MIN_AGREEMENT = 0.5  # share of field names a name-or-shape pairing must have in common


def agreement(doc: Schema, backend: Schema) -> float | None:
    """The share of field names two object types have in common (None: not both objects)."""
    dprops, bprops = set(doc.get("properties", {})), set(backend.get("properties", {}))
    if not dprops or not bprops:
        return None
    return len(dprops & bprops) / len(dprops | bprops)


def _refused(m: Matching, doc_type: str, component: str, where: str | None) -> bool:
    """A loose name match (after suffix stripping) whose fields mostly disagree."""
    base = m.spec.base_name(component.removesuffix("[]"))
    key = doc_type.removesuffix("[]")
    if (m.docs.types[key].plain if key in m.docs.types else key) == base:
        return False  # the same name, as declared: not a loose match
    score = agreement(m.docs.schemas.schemas.get(doc_type.removesuffix("[]"), {}),
                      m.spec.schemas.schemas.get(component.removesuffix("[]"), {}))
    if score is None or score >= MIN_AGREEMENT:
        return False
    item: dict[str, object] = {"operation": where, "docs": doc_type, "backend": component,
                               "score": round(score, 2)}
    if item not in m.refused:
        m.refused.append(item)
    return True


def make_contracts(docs: DocSet, spec: Spec,
                   configured: dict[str, dict[str, str]] | None = None) -> ContractSet:
    result = ContractSet()
    m = Matching.build(docs, spec, configured)
    hooks_bare: list[str] = []  # uncovered only in docs that document webhooks
    for op in spec.compared_operations():
        made = len(result.contracts)
        chosen: Chosen = {}
        for how, strategy in STRATEGIES:
            for part, name in strategy(m, op, chosen):
                chosen.setdefault(part, (name, how))
        for part in PARTS:
            if part in chosen and part_schema(op, part) is not None:
                name, how = chosen[part]
                backend = backend_component(part_schema(op, part)) or f"{op.pointer}"
                result.contracts.append(Contract(operation=op.key, part=part, doc_type=name,
                                                 backend=backend, how=how,
                                                 direction=part_direction(op, part)))
        if len(result.contracts) == made and (op.request_schema() is not None or _has_body(op)):
            (hooks_bare if op.webhook else result.uncovered).append(op.key)
    if docs.webhooks or m.by_hook:  # whether or not one of them paired
        result.uncovered += hooks_bare
    _component_pairs(result, m)
    result.removed = removed_operations(docs, spec)
    result.refused = m.refused
    return result


def part_direction(op: Operation, part: str) -> str:
    """Who sends the part: the client sends a request (and query), the API its response. A
    webhook turns it round: the API sends its body (a response-direction body, judged by
    the response rules), the client answers it."""
    sent_by_api = (part == "response") != op.webhook
    return "response" if sent_by_api else "request"


# A path parameter as docs write it: `{id}`, or a whole segment `:id` (Express), `<id>`, `[id]`.
_PARAM = re.compile(r"\{[^}]*\}|(?<=/)(?::[A-Za-z_][\w-]*|<[^>/]*>|\[[^\]/]*\])(?=/|$)")


def _path_shape(path: str) -> str:
    """`/items/{itemId}/`, `/items/{id}`, `/items/:id`, `/items/<id>`, `/items/[id]` and
    `/items/{id}?expand=1` are one path: parameter names, a query and a trailing slash do not
    matter."""
    path = path.split("?", 1)[0].split("#", 1)[0]
    return _PARAM.sub("{}", path).rstrip("/") or "/"


class Endpoints:
    """The spec's operations by (method, path shape), made once: a documented endpoint's key,
    and the spec's own (method, path) for it. Docs that write the servers' base path
    (`/api/v3/jobs` where the spec says `/jobs` under `servers: /api/v3`) name the same
    operation."""

    def __init__(self, spec: Spec) -> None:
        self.by_shape = {(op.method, _path_shape(op.path)): (op.method, op.path)
                         for op in spec.operations}
        self.base = _path_shape(spec.base_path) if spec.base_path else "/"

    def key(self, method: str, path: str) -> tuple[str, str]:
        shape = _path_shape(path)
        if self.base != "/" and shape.startswith(self.base + "/") and (
                method, shape) not in self.by_shape:
            return method, shape[len(self.base):]
        return method, shape

    def operation(self, method: str, path: str) -> tuple[str, str]:
        """The spec's (method, path), or the docs' own when the spec has none: examples
        attach to their operation."""
        return self.by_shape.get(self.key(method, path), (method, path))


def removed_operations(docs: DocSet, spec: Spec) -> list[tuple[str, str, str]]:
    """Operations the docs name (a heading, a JSDoc tag) that the backend has no longer."""
    endpoints = Endpoints(spec)
    named: dict[tuple[str, str], tuple[str, str]] = {}
    for name, info in sorted(docs.types.items(), key=lambda item: item[1].source):
        endpoint = endpoint_of(info.heading)
        for method, path in [*([endpoint] if endpoint else []),
                             *((m, p) for m, p, _ in info.endpoints)]:
            named.setdefault((method, path), (name, info.source))
    return sorted((f"{method} {path}", name, source)
                  for (method, path), (name, source) in named.items()
                  if endpoints.key(method, path) not in endpoints.by_shape)


def _generated_parts(docs: DocSet, op: Operation, homes: frozenset[str] = frozenset()
                     ) -> dict[str, str]:
    """openapi-typescript's `operations[operationId]`: the request body, success response and
    query parameters it documents, registered as named schemas for the diff to walk."""
    entry, label = _generated_operation(docs, op, homes)
    if entry is None:
        return {}
    success = op.success()
    status = success[0] if success else ""
    # openapi-typescript 6+ (and 5 for 3.x); openapi-typescript 5 for Swagger 2.0 writes
    # `parameters: {body: {<name>: T}, formData: {...}}` and `responses: {200: {schema: T}}`
    paths: dict[str, list[tuple[str, ...]]] = {
        "request": [("requestBody", "content"), ("parameters", "body", "*"),
                    ("parameters", "formData")],
        "query": [("parameters", "query")],
        "response": [("responses", status, "content"), ("responses", status, "schema")]}
    found: dict[str, str] = {}
    for part, ways in paths.items():
        schema: Schema | None = None
        for keys in ways:
            schema = _follow(docs, entry, keys)
            if schema is not None:
                break
        if schema and keys[-1] == "content":
            media = (_member(docs, schema) or {}).get("properties", {})
            schema = media.get("application/json") or next(iter(media.values()), None)
        if schema and not _is_never(schema) and (keys[-1] not in ("query", "formData")
                                                 or (_member(docs, schema) or {}).get(
                                                     "properties")):
            name = f"{label}.{part}"
            docs.schemas.schemas[name] = schema
            found[part] = name
    return found


def _follow(docs: DocSet, schema: Schema | None, keys: tuple[str, ...]) -> Schema | None:
    """The member at `keys` as written there (a reference stays one, so the diff sees the
    named type); `*` is an object's only member (a 2.0 body parameter, by its name)."""
    for index, key in enumerate(keys):
        props = (_member(docs, schema) if index else schema or {}) or {}
        members = props.get("properties", {})
        if key == "*":
            key = next(iter(members)) if len(members) == 1 else ""
        schema = members.get(key)
        if schema is None:
            return None
    return schema


def _generated_operation(docs: DocSet, op: Operation, homes: frozenset[str] = frozenset()
                         ) -> tuple[Schema | None, str]:
    """The generated types' operation for `op`: by method + path in their `paths` interface
    first; by operationId only when no `paths` entry claims that id for another operation
    (an id reused by a different path would compare unrelated types)."""
    listed = docs.path_entry(op.method, op.path, op.webhook, homes)
    if listed is not None:
        label = f"operations.{listed.operation_id}" if listed.operation_id else (
            f"webhooks.{op.method} {op.path}" if op.webhook else f"paths.{op.key}")
        return docs.operation_schema(op.method, op.path, op.webhook, homes), label
    holder = docs.schemas.schemas.get("operations", {}).get("properties", {})
    if not op.operation_id or op.operation_id not in holder or any(
            e.operation_id == op.operation_id for e in (*docs.paths.values(),
                                                        *docs.webhooks.values())):
        return None, ""
    return _member(docs, holder[op.operation_id]), f"operations.{op.operation_id}"


def _member(docs: DocSet, schema: Schema | None) -> Schema | None:
    return docs.schemas.deref(schema)[0] if schema else None


def _has_body(op: Operation) -> bool:
    success = op.success()
    return bool(success and success[1])


def _classify(name: str, op: Operation, chosen: dict[str, tuple[str, str]],
              matcher: _Matcher, block_role: str | None = None) -> str | None:
    """Which part of `op` a documented type is: the one whose component it names, else what
    the Markdown around it says (`Request:`, `#### Response`), else what its name says
    (`JobCreate`), else a write's body first."""
    for part in ("request", "response"):
        if matcher.by_name(backend_component(part_schema(op, part))) == name:
            return part
    said = block_role if block_role and (
        block_role != "request" or op.request_schema() is not None) else None
    role = said or role_of(name)
    if role:
        return role
    if op.request_schema() is not None and "request" not in chosen and op.method in (
            "POST", "PUT", "PATCH"):
        return "request"
    return "response" if "response" not in chosen else None


def _roots(names: list[str], docs: DocSet) -> list[str]:
    """Types under one heading that no other type under it refers to."""
    referenced: set[str] = set()
    for name in names:
        referenced |= refs(docs.schemas.schemas.get(name, {})) - {name}
    return [n for n in names if n not in referenced and not docs.schemas.schemas[n].get(
        "x-generic")]


# openapi-typescript's wrappers: what they hold is paired (by path, operationId, component
# name); the wrappers themselves are no type of the API.
GENERATED_CONTAINERS = frozenset({"paths", "operations", "components", "webhooks", "$defs",
                                  "definitions", "external",  # these two: version 5
                                  "ApiPaths"})  # --make-paths-enum: the paths, as an enum


def _component_pairs(result: ContractSet, m: Matching) -> None:
    docs, spec = m.docs, m.spec
    direct: dict[str, set[str]] = {}  # each docs schema's own references, walked once
    covered = reachable({c.doc_type for c in result.contracts}, docs.schemas.schemas, direct)
    usage = spec.component_usage()
    layout = GENERATED_CONTAINERS if _generated_layout(docs) else frozenset()
    # openapi-typescript: what an operation's parameters or headers name is compared (or not)
    # through that operation, and matches no component of its own
    found: list[set[str]] = []  # built when first asked: most runs never need it

    def from_operations() -> set[str]:
        if not found:
            found.append(reachable({n for n, t in docs.types.items() if t.plain in (
                "paths", "operations", "webhooks")}, docs.schemas.schemas, direct))
        return found[0]
    wrappers = _client_wrappers(m) | _webhook_types(m) | _operation_types(m) | {
        n for names in m.by_endpoint.values() for n in names} | {
        n for n, t in docs.types.items() if t.route}  # paired through their operation
    holders = {t.plain.split(".")[0] for t in docs.types.values() if t.route}
    wrappers |= {n for n, t in docs.types.items() if t.plain in holders}  # `DefaultService`
    others = {normalise(name) for name in spec.other_components}
    exact = {_compact(name) for name in spec.other_components}
    writable = _writable_views(m)
    loose: dict[str, list[str]] = {}  # components by normalised name, built when first asked
    prefix = _name_prefix(result.contracts, docs)
    for name in sorted(docs.types):
        if name not in m.matcher.at_home(m.matcher.plain.get(docs.types[name].plain, [name])):
            continue  # the same name in another service's client: not this spec's type
        if name in covered or docs.schemas.schemas[name].get("x-generic") \
                or docs.types[name].plain in layout or name in wrappers \
                or name in writable.values():
            continue
        plain = bare_name(docs.types[name].plain)
        component = _component_for(plain, spec, loose)
        if component is None and prefix and plain.startswith(prefix):
            component = _component_for(plain[len(prefix):], spec, loose)
        if m.by_url and (_numbered(plain, others) if component is None else (
                _compact(component) != _compact(plain) and _numbered(plain, others, exact))):
            # hey-api's type for a parameter or response component: see operations (named
            # exactly so, it is no schema found only by a looser name: GitHub's parameter
            # `billing-usage-report-model` is `BillingUsageReportModel`, not the schema
            # `billing-usage-report` less a `Model` suffix)
            continue
        if component is None and layout and (name in from_operations() or _root_type(
                docs.types[name].plain, others) or _alias_of(docs, name) in docs.types):
            continue  # `type SchemaPet = components["schemas"]["Pet"]`: Pet is judged itself
        if component is None or _refused(m, name, component, None):
            result.unmatched.append(name)
            continue
        for direction in sorted(usage.get(component, {"response"})):
            # hey-api's `X` is what the backend sends; `XWritable` (no readOnly) what it takes
            doc_type = writable.get(name, name) if direction == "request" else name
            if doc_type not in covered:
                result.contracts.append(Contract(operation=None, part="component",
                                                 doc_type=doc_type, backend=component,
                                                 how="name", direction=direction))
    if result.unmatched:  # a type only a component paired by name uses is compared there
        paired = reachable({c.doc_type for c in result.contracts if c.part == "component"},
                           docs.schemas.schemas, direct)
        paired |= _merged_into(covered | paired, docs)
        result.unmatched = [name for name in result.unmatched if name not in paired]


def _name_prefix(contracts: list[Contract], docs: DocSet) -> str:
    """The prefix every documented type paired with a component by a stronger way than its
    name puts before the component's name (swagger-typescript-api's --type-prefix I:
    `IOrderPage` for `OrderPage`), when at least two show it and none another: a type no
    operation reaches (`IProblem`, an error answer) is then the component less it."""
    seen: set[str] = set()
    prefixed: set[str] = set()  # distinct types: one used by two operations is one witness
    for c in contracts:
        name = c.doc_type.removesuffix("[]")
        component = c.backend.removesuffix("[]")
        if name not in docs.types or c.how == "name" or component.startswith("#"):
            continue
        plain = bare_name(docs.types[name].plain)
        if plain != component and plain.endswith(component):
            seen.add(plain[: -len(component)])
            prefixed.add(name)
        elif plain == component:
            seen.add("")
    return next(iter(seen)) if len(seen) == 1 and len(prefixed) >= 2 else ""


def _merged_into(used: set[str], docs: DocSet) -> set[str]:
    """The types merged in whole into a compared type, and theirs (orval's `OrderAllOf` in
    `Order = OrderBase & OrderAllOf`): compared through it, though no reference remains."""
    found: set[str] = set()
    todo = [part for name in used for part in docs.merged.get(name, [])]
    while todo:
        name = todo.pop()
        if name not in found:
            found.add(name)
            todo += docs.merged.get(name, [])
    return found


# openapi-typescript's --root-types: `Response404 = components["responses"]["404"]` (and
# `Schema<X>`, an alias of X); a clash of names gets `_2`
ROOT_PREFIXES = ("Response", "Parameter", "RequestBody", "Header", "PathItem")


def _root_type(name: str, others: set[str]) -> bool:
    bare = re.sub(r"_[0-9]+$", "", name)
    return any(bare.startswith(p) and normalise(bare[len(p):]) in others for p in ROOT_PREFIXES)


def _alias_of(docs: DocSet, name: str) -> str | None:
    """The documented type `name` only renames (`type A = B`, no other constraint)."""
    schema = docs.schemas.schemas.get(name, {})
    target = ref_name(schema)
    if target is None or any(k not in META_KEYS and k != "$ref" for k in schema):
        return None
    return target


def _renamed(docs: DocSet, name: str) -> str:
    """The documented type `name` stands for through aliases that only rename
    (`ListOrdersData = OrderPage`): the named type the fields are declared in."""
    seen = {name}
    target = _alias_of(docs, name)
    while target in docs.types and target not in seen:
        seen.add(name := target)
        target = _alias_of(docs, name)
    return name


def _generated_layout(docs: DocSet) -> bool:
    """openapi-typescript's output: its `paths` has entries, or is empty (a spec of webhooks
    only writes `paths = Record<string, never>`) in the file declaring `components`."""
    if docs.paths:
        return True
    files: dict[str, set[str]] = {}
    for item in docs.types.values():
        files.setdefault(item.plain, set()).add(item.source.rpartition(":")[0])
    return bool(files.get("paths", set()) & (files.get("components", set())
                                             | files.get("webhooks", set())
                                             | files.get("definitions", set())))


def _numbered(name: str, names: set[str], exact: set[str] | None = None) -> bool:
    """`name`, less the number hey-api appends to tell clashing names apart (`Fields2`), is
    one of `names` (normalised); with `exact`, one of those compact names (no suffix
    stripped) instead."""
    if exact is not None:
        return _compact(name) in exact or _compact(name.rstrip("0123456789")) in exact
    return normalise(name) in names or normalise(name.rstrip("0123456789")) in names


def _writable_views(m: Matching) -> dict[str, str]:
    """hey-api's read view `X` -> its write view `XWritable`, when both are declared."""
    if not m.by_url:
        return {}
    plain = m.matcher.plain
    return {plain[p[:-8]][0]: plain[p][0] for p in plain if p.endswith("Writable")
            and len(plain.get(p[:-8], [])) == 1 and len(plain[p]) == 1}


def _component_for(name: str, spec: Spec, loose: dict[str, list[str]]) -> str | None:
    if name in spec.schemas.schemas:
        return name
    for suffix in SPLIT_SUFFIXES:
        if name + suffix in spec.schemas.schemas:
            return name + suffix
    if not loose:
        for component in spec.schemas.schemas:
            loose.setdefault(normalise(component), []).append(component)
    candidates = loose.get(normalise(name), [])
    if len(candidates) > 1:  # hey-api's `ItemInput` is `Item-Input`, not `Item-Output`
        candidates = [c for c in candidates if _compact(c) == _compact(name)]
    return candidates[0] if len(candidates) == 1 else None


@cache  # a few thousand names, asked again by several strategies
def _compact(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _client_wrappers(m: Matching) -> set[str]:
    """hey-api's per-operation wrappers (`XData`, `XResponses`, `XResponse`, `XErrors`,
    `XError`) and its `ClientOptions`: what they hold is paired through the operations, they
    are no type of the API themselves."""
    if not m.by_url:
        return set()
    plain = m.matcher.plain
    stems = [m.docs.types[n].plain.removesuffix("Data") for names in m.by_url.values()
             for n in names]
    wanted = {stem + suffix for stem in stems
              for suffix in ("Data", "Responses", "Response", "Errors", "Error")}
    wanted.add("ClientOptions")
    # hey-api numbers a wrapper whose name a schema already has (`ResolvePlaceResponse2`)
    return {name for p, names in plain.items() if p in wanted or (
        p.rstrip("0123456789") in wanted and p.rstrip("0123456789") != p) for name in names}


# orval's fetch client wraps each answer: `<op>Response<status> = {data: T, status: 200}`,
# `<op>ResponseSuccess`, `<op>ResponseError`, `<op>Response` (their union); its axios
# client `<Op>Result = AxiosResponse<T>`
WRAPPER_SUFFIXES = ("response", "responsesuccess", "responseerror", "result")


def _operation_types(m: Matching) -> set[str]:
    """Types named for an operation (by_operation_name's, an alias or a path-only
    `<Op>Params` included) and orval's answer wrappers: what they hold is paired through the
    operation, they are no type of the API themselves. A component's own name stays one."""
    compact = m.matcher.compact
    plain = [s for suffixes in OPERATION_SUFFIXES.values() for s in suffixes if s != "{status}"]
    wanted: set[str] = set()
    for op in m.spec.compared_operations():
        stem = _compact(op.operation_id or "")
        if not stem or not m.names_begin(stem):
            continue
        statuses = sorted(op.responses)
        wanted.update(key for key in (
            *(stem + suffix for suffix in plain), *(stem + status for status in statuses),
            *(stem + suffix + status for suffix in WRAPPER_SUFFIXES
              for status in ("", *statuses))) if key in compact)
    components = {_compact(name) for name in m.spec.schemas.schemas}
    return {name for key in wanted - components for name in compact[key]}


def _webhook_types(m: Matching) -> set[str]:
    """hey-api's wrappers for the spec's webhooks (`<Method><Name>WebhookRequest`, or
    `<OperationId>WebhookRequest`, found by its `key`; the `Webhooks` union, `ClientOptions`):
    what they hold is paired through the webhooks (by_client_data), they are no type of the
    API themselves. A `...WebhookPayload` no webhook paired is set aside too."""
    if not m.spec.webhooks:
        return set()
    kinds = ("webhookrequest", "webhookpayload")
    wanted = {"webhooks", "clientoptions"} | {
        method + _compact(hook) + kind for hook in m.spec.webhooks for kind in kinds
        for method in ("", *METHODS)}
    return {name for p, names in m.matcher.plain.items() if _compact(p) in wanted
            for name in names} | {name for names in m.by_hook.values() for name in names}
