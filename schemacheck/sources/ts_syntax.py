"""TypeScript syntax: tree-sitter parsing, declaration collection and JSDoc.

Nothing here builds schemas; it finds what is declared where (see ts_convert.py for meaning).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

import tree_sitter_typescript as tst
from tree_sitter import Language, Node, Parser, Tree

from schemacheck.diagnostics import Diagnostic

DECL_TYPES = ("interface_declaration", "type_alias_declaration", "enum_declaration",
              "class_declaration", "abstract_class_declaration")
KINDS = {"interface_declaration": "interface", "type_alias_declaration": "alias",
         "enum_declaration": "enum", "class_declaration": "class",
         "abstract_class_declaration": "class"}


@lru_cache(maxsize=2)
def _parser(lang: str) -> Parser:
    grammar = tst.language_tsx() if lang == "tsx" else tst.language_typescript()
    return Parser(Language(grammar))


def parse(text: bytes, lang: str = "typescript") -> Tree:
    return _parser(lang).parse(text)


@dataclass(frozen=True)
class Unit:
    """One parsed piece of TypeScript: a file, or one fenced block of a Markdown file."""

    path: str
    line_offset: int
    heading: str | None
    root: Node
    role: str | None = None  # a Markdown block's request or response, when its text says
    source: bytes = b""  # the bytes parsed: node.text copies through a memoryview, 6x slower

    def raw(self, node: Node) -> bytes:
        """A node's bytes, as node.text gives them (which the hot paths call 160,000 times
        on GitHub's types)."""
        if not self.source:
            return node.text or b""
        return self.source[node.start_byte:node.end_byte]

    def text(self, node: Node) -> str:
        return self.raw(node).decode("utf-8", "replace")

    def line(self, node: Node) -> int:
        return self.line_offset + node.start_point[0] + 1

    def where(self, node: Node) -> str:
        return f"{self.path}:{self.line(node)}"


@dataclass
class JsDoc:
    description: str = ""
    tags: dict[str, list[str]] = field(default_factory=dict)

    def first(self, tag: str) -> str | None:
        values = self.tags.get(tag)
        return values[0] if values else None


@dataclass
class Decl:
    name: str  # qualified: "Stripe.Address"
    kind: str  # interface | alias | enum | class | member (an openapi-typescript components
    # entry) | const (a value, `typeof` names it)
    node: Node  # the declaration; for a member, its type node
    unit: Unit
    namespace: str  # "" or "Stripe." : where unqualified names inside are looked up first
    params: list[tuple[str, Node | None]]
    doc: JsDoc | None
    scope: str = ""  # the module scope names inside resolve in (ts_scope.py)
    key: str = ""  # the $defs key: the name, qualified by its file when several files declare it


def text(node: Node) -> str:
    raw = node.text  # tree-sitter copies the bytes out on every access: once
    return raw.decode("utf-8", "replace") if raw is not None else ""


def string_value(node: Node) -> str:
    """The value of a string literal node, its escapes decoded as JavaScript does
    (`'Côte d\\'Ivoire'` is `Côte d'Ivoire`)."""
    raw = text(node)
    if len(raw) < 2 or raw[0] not in "'\"`":
        return raw
    if "\\" not in raw:
        return raw[1:-1]  # the common case: no escapes to decode
    if raw[0] == '"':
        try:
            return str(json.loads(raw))
        except ValueError:
            pass  # an escape JSON lacks (`\'`, `\x41`, `\u{1F600}`)
    decoded = _JS_ESCAPE.sub(_unescape, raw[1:-1])
    return decoded.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


# One escape sequence of a JavaScript string: its meaning is _unescape's.
_JS_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])")
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "v": "\v",
                   "0": "\0", "\n": "", "\r": "", "\r\n": "", "\u2028": "", "\u2029": ""}


def _unescape(match: re.Match[str]) -> str:
    escape = match.group(1)
    if escape[0] == "u" and len(escape) > 1:
        code = int(escape[2:-1] if escape[1] == "{" else escape[1:], 16)
        return chr(code) if code <= 0x10FFFF else escape
    if escape[0] == "x" and len(escape) == 3:
        return chr(int(escape[1:], 16))
    return _SIMPLE_ESCAPES.get(escape, escape)  # `\'` is `'`, `\q` is `q`


def number_value(node: Node) -> int | float:
    """A numeric literal: 42, 0x2A, 1e3, 1_000."""
    raw = text(node).replace("_", "")
    try:
        return int(raw, 0)
    except ValueError:
        return float(raw)


def jsdoc(node: Node) -> JsDoc | None:
    """The /** ... */ comment right before `node` (or before its export statement)."""
    target = node
    parent = node.parent
    if parent is not None and parent.type == "export_statement":
        target = parent
    return jsdoc_before(target.prev_named_sibling, target)


def jsdoc_before(prev: Node | None, target: Node) -> JsDoc | None:
    """Parse `prev` as the JSDoc of `target` when it is a /** */ comment ending just above."""
    if prev is None or prev.type != "comment" or prev.end_point[0] < target.start_point[0] - 1:
        return None
    return parse_jsdoc(text(prev))


def parse_jsdoc(body: str) -> JsDoc | None:
    """A comment's text as JSDoc: its description and its @tags (None unless /** */)."""
    if not body.startswith("/**"):
        return None
    doc = JsDoc()
    desc: list[str] = []
    tag: str | None = None
    for raw in body[3:-2].splitlines():
        line = raw.strip().lstrip("*").strip()
        if line.startswith("@"):
            tag, _, rest = line[1:].partition(" ")
            doc.tags.setdefault(tag, []).append(rest.strip())
        elif tag is not None:
            doc.tags[tag][-1] = (doc.tags[tag][-1] + "\n" + line).strip()
        elif line:
            desc.append(line)
    doc.description = " ".join(desc)
    return doc


def first_error(root: Node) -> Node | None:
    """The first ERROR or MISSING node, searching only subtrees that hold one."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "ERROR" or node.is_missing:
            return node
        stack.extend(c for c in reversed(node.children) if c.has_error or c.is_missing)
    return None


def _params(node: Node) -> list[tuple[str, Node | None]]:
    params = node.child_by_field_name("type_parameters")
    out: list[tuple[str, Node | None]] = []
    for param in params.named_children if params else []:
        if param.type != "type_parameter":
            continue
        name = param.child_by_field_name("name")
        default = param.child_by_field_name("value")
        out.append((text(name) if name else "", default.named_children[0]
                    if default and default.named_children else None))
    return out


def collect(unit: Unit, diagnostics: list[Diagnostic]) -> list[Decl]:
    """Every type-level declaration in the unit; statements (example code) are skipped."""
    decls: list[Decl] = []
    if unit.root.has_error:
        bad = first_error(unit.root)
        if bad is not None:
            near = text(bad).strip().splitlines()[0][:40] if text(bad).strip() else bad.type
            diagnostics.append(Diagnostic("error", f"syntax error near {near!r}", unit.where(bad)))
    _walk(unit.root, "", unit, decls)
    return decls


def _walk(block: Node, ns: str, unit: Unit, out: list[Decl]) -> None:
    for stmt in block.named_children:
        node = stmt
        if node.type == "export_statement":
            inner = node.child_by_field_name("declaration")
            if inner is None:
                continue
            node = inner
        if node.type in ("ambient_declaration", "expression_statement"):
            node = next((c for c in node.named_children), node)
        if node.has_error:
            continue  # reported once per unit by collect()
        if node.type == "statement_block":  # `declare global { ... }`
            _walk(node, ns, unit, out)
        elif node.type in ("internal_module", "module"):
            name_node = node.child_by_field_name("name")
            body = node.child_by_field_name("body")
            if body is not None and name_node is not None:
                prefix = ns if name_node.type == "string" else f"{ns}{text(name_node)}."
                _walk(body, prefix, unit, out)
        elif node.type in DECL_TYPES:
            _declare(node, ns, unit, out)
        elif node.type in ("lexical_declaration", "variable_declaration"):
            _declare_values(node, ns, unit, out)


def _declare(node: Node, ns: str, unit: Unit, out: list[Decl]) -> None:
    name_node = node.child_by_field_name("name")
    if name_node is None:
        return
    name = ns + text(name_node)
    kind = KINDS[node.type]
    out.append(Decl(name, kind, node, unit, ns, _params(node), jsdoc(node)))
    # `export interface components` or, with --export-type, `export type components = {...}`
    body = node.child_by_field_name("value" if kind == "alias" else "body")
    if name == ns + "components" and kind in ("interface", "alias"):
        _components_members(body, ns, unit, out)
    elif name == ns + "definitions" and kind in ("interface", "alias"):  # version 5, 2.0
        _members(body, ns, unit, out)


def _declare_values(node: Node, ns: str, unit: Unit, out: list[Decl]) -> None:
    """`const X = ...` (or `declare const X: T`): a value `typeof X` may name, kept under a
    name no type has (ts_consts.VALUE_PREFIX)."""
    for declarator in node.named_children:
        name_node = declarator.child_by_field_name("name")
        if declarator.type == "variable_declarator" and name_node is not None and (
                name_node.type == "identifier"):
            out.append(Decl(f"{ns}typeof {text(name_node)}", "const", declarator, unit, ns, [],
                            None))


def _components_members(body: Node | None, ns: str, unit: Unit, out: list[Decl]) -> None:
    """openapi-typescript output: `components["schemas"]["X"]` entries become named types
    (and, from a Swagger 2.0 document, openapi-typescript 5's `definitions["X"]`)."""
    if body is None or body.type not in ("interface_body", "object_type"):
        return
    for prop in body.named_children if body else []:
        name = prop.child_by_field_name("name")
        if prop.type != "property_signature" or name is None or string_value(name) != "schemas":
            continue
        annotation = prop.child_by_field_name("type")
        holder = annotation.named_children[0] if annotation and annotation.named_children else None
        if holder is not None and holder.type == "object_type":
            _members(holder, ns, unit, out)


def _members(holder: Node | None, ns: str, unit: Unit, out: list[Decl]) -> None:
    for member in holder.named_children if holder else []:
        key = member.child_by_field_name("name")
        member_type = member.child_by_field_name("type")
        if member.type != "property_signature" or not key or not member_type:
            continue
        value = member_type.named_children[0]
        if value.type == "type_identifier" and text(value) == string_value(key):
            continue  # `Color: Color` (--enum): the top-level `enum Color` is the type
        out.append(Decl(ns + string_value(key), "member", value, unit, ns, [], jsdoc(member)))
