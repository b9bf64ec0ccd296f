"""Generated route methods: the types an operation's client method is written with
(swagger-typescript-api's routes; openapi-typescript-codegen's services, further down).

Without its --extract-* options the generator writes a query and an inline body only in the
method's parameters, and the answer only as `this.request<T, E>`:

    /** @name ListOrders
     * @request GET:/orders */
    listOrders: (query?: {status?: Status; limit?: number}, params: RequestParams = {}) =>
      this.request<OrderPage, any>({...}),

(in an object under the `Api` class, or a field of a route class with --modular). Each of
those types becomes a member declaration (`orders.listOrders.query`, `.request`, `.response`)
carrying its endpoint and part, as a JSDoc `@request`/`@response` tag would.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from schemacheck.sources.ts_syntax import Decl, Unit, jsdoc_before, text

# `@request GET:/orders/{orderId}`: the method and path, as the generator writes them
_ROUTE = re.compile(r"^([A-Z]+):(/\S*)$")
# files without either hold no route method: not walked
MARKS = (b"this.request<", b"__request(")
# the parameter names it gives the query and the body
PARAMS = {"query": "query", "data": "request"}
NOTHING = frozenset({"void", "any", "unknown", "never"})
Route = tuple[str, str, str]  # (METHOD, /path, part)


def route_decls(unit: Unit) -> list[tuple[Decl, Route]]:
    """Every route method's query, body and answer types in the unit's classes."""
    out: list[tuple[Decl, Route]] = []
    for stmt in unit.root.named_children:
        node = stmt.child_by_field_name("declaration") if stmt.type == "export_statement" \
            else stmt
        if node is None or node.type != "class_declaration":
            continue
        name = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        if body is None or name is None:
            continue
        for member in body.named_children:
            field_name = member.child_by_field_name("name")
            value = member.child_by_field_name("value")
            if member.type == "method_definition" and field_name is not None:
                out += _service(member, f"{text(name)}.{text(field_name)}", unit)
            if member.type != "public_field_definition" or field_name is None or value is None:
                continue
            if value.type == "arrow_function":  # --modular: `listOrders = (...) => ...`
                out += _route(value, member, f"{text(name)}.{text(field_name)}", unit)
            elif value.type == "object":  # `orders = { listOrders: (...) => ..., }`
                for pair in value.named_children:
                    key = pair.child_by_field_name("key")
                    method = pair.child_by_field_name("value")
                    if pair.type == "pair" and key is not None and method is not None and (
                            method.type == "arrow_function"):
                        out += _route(method, pair, f"{text(field_name)}.{text(key)}", unit)
    return out


def _route(function: Node, holder: Node, name: str, unit: Unit) -> list[tuple[Decl, Route]]:
    doc = jsdoc_before(holder.prev_named_sibling, holder)
    found = _ROUTE.match((doc.first("request") or "") if doc else "")
    if found is None:
        return []
    method, path = found.group(1), found.group(2)
    parts: list[tuple[str, Node]] = []
    params = function.child_by_field_name("parameters")
    for param in params.named_children if params is not None else []:
        pattern = param.child_by_field_name("pattern")
        annotation = param.child_by_field_name("type")
        part = PARAMS.get(text(pattern)) if pattern is not None else None
        if part and annotation is not None and annotation.named_children:
            parts.append((part, annotation.named_children[0]))
    answer = _answer_type(function.child_by_field_name("body"))
    if answer is not None:
        parts.append(("response", answer))
    return [(Decl(f"{name}.{part}", "member", node, unit, "", [], None), (method, path, part))
            for part, node in parts]


def _answer_type(body: Node | None) -> Node | None:
    """T of the `this.request<T, E>(...)` the method returns."""
    if body is None or body.type != "call_expression":
        return None
    callee = body.child_by_field_name("function")
    args = body.child_by_field_name("type_arguments")
    if callee is None or text(callee) != "this.request" or args is None or not (
            args.named_children):
        return None
    first = args.named_children[0]
    return None if text(first) in NOTHING else first


# openapi-typescript-codegen's services: `public static pay(formData?: {...}):
# CancelablePromise<Payment> { return __request(OpenAPI, {method: 'POST', url: '/payments',
# formData: formData}) }`; its query is separate arguments, `query: {'status': status}`.
BODY_KEYS = ("body", "formData")


def _service(method: Node, name: str, unit: Unit) -> list[tuple[Decl, Route]]:
    options = _request_options(method.child_by_field_name("body"))
    if options is None:
        return []
    verb, url = options.get("method"), options.get("url")
    if verb is None or url is None or verb.type != "string" or url.type != "string":
        return []
    route_method, path = text(verb)[1:-1].upper(), text(url)[1:-1]
    if not path.startswith("/"):
        return []
    params: dict[str, Node | None] = {}
    for param in (method.child_by_field_name("parameters") or method).named_children:
        pattern = param.child_by_field_name("pattern")
        if pattern is not None:
            params[text(pattern)] = param.child_by_field_name("type")
    parts: list[tuple[str, Node]] = []
    for key in BODY_KEYS:
        value = options.get(key)
        annotation = params.get(text(value)) if value is not None else None
        if annotation is not None and annotation.named_children:
            parts.append(("request", annotation.named_children[0]))
            break
    query = options.get("query")
    picked: list[tuple[str, str]] = []
    for pair in query.named_children if query is not None and query.type == "object" else []:
        sent, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
        if pair.type == "pair" and sent is not None and value is not None and (
                value.type == "identifier"):
            picked.append((text(sent).strip("'\""), text(value)))
    arguments = method.child_by_field_name("parameters")
    out: list[tuple[Decl, Route]] = []
    if picked and arguments is not None:
        out.append((Decl(f"{name}.query", "arguments", arguments, unit, "", [], None,
                         picked=tuple(picked)), (route_method, path, "query")))
    returns = method.child_by_field_name("return_type")
    answer = returns.named_children[0] if returns is not None and returns.named_children \
        else None
    args = answer.child_by_field_name("type_arguments") if answer is not None and (
        answer.type == "generic_type") else None
    if args is not None and args.named_children and text(args.named_children[0]) not in (
            NOTHING):
        parts.append(("response", args.named_children[0]))
    return out + [(Decl(f"{name}.{part}", "member", node, unit, "", [], None),
                   (route_method, path, part)) for part, node in parts]


def _request_options(body: Node | None) -> dict[str, Node] | None:
    """The options object of the `return __request(OpenAPI, {...})` a service method is."""
    statements = body.named_children if body is not None else []
    if len(statements) != 1 or statements[0].type != "return_statement":
        return None
    call = statements[0].named_children[0] if statements[0].named_children else None
    callee = call.child_by_field_name("function") if call is not None and (
        call.type == "call_expression") else None
    args = call.child_by_field_name("arguments") if call is not None else None
    if callee is None or text(callee) != "__request" or args is None or len(
            args.named_children) != 2 or args.named_children[1].type != "object":
        return None
    found: dict[str, Node] = {}
    for pair in args.named_children[1].named_children:
        key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
        if pair.type == "pair" and key is not None and value is not None:
            found[text(key).strip("'\"")] = value
    return found
