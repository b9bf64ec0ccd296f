"""The skeleton of an OpenAPI document checked before it is read: each object the loader walks
(components, paths, path items, operations, parameters, responses, content) must have the JSON
type the specification gives it, or loading stops with one line naming the JSON pointer. A spec
is someone else's input; a list where a mapping belongs must not surface as a traceback."""

from __future__ import annotations

from typing import Any

from schemacheck.errors import SourceError

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def _esc(name: str) -> str:
    return str(name).replace("~", "~0").replace("/", "~1")


class _Shape:
    def __init__(self, source: str) -> None:
        self.source = source

    def need(self, value: Any, kind: type, pointer: str) -> Any:
        """`value` when it is of `kind` (None counts as absent), else a SourceError."""
        if value is None or isinstance(value, kind):
            return value
        names: dict[type, str] = {dict: "a mapping", list: "a list", str: "a string"}
        raise SourceError(f"{self.source}: {pointer or '#'} must be {names[kind]}, not "
                          f"{_json_type(value)}")

    def strings(self, value: Any, pointer: str) -> None:
        for index, item in enumerate(self.need(value, list, pointer) or []):
            self.need(item, str, f"{pointer}/{index}")


def _json_type(value: Any) -> str:
    for kind, name in ((bool, "a boolean"), (dict, "a mapping"), (list, "a list"),
                       (str, "a string"), ((int, float), "a number")):
        if isinstance(value, kind):
            return name
    return "null"


def check_skeleton(document: dict[str, Any], source: str) -> None:
    shape = _Shape(source)
    shape.need(document.get("info"), dict, "#/info")
    components = shape.need(document.get("components"), dict, "#/components") or {}
    shape.need(components.get("schemas"), dict, "#/components/schemas")
    shape.need(document.get("definitions"), dict, "#/definitions")
    shape.need(document.get("servers"), list, "#/servers")
    shape.need(document.get("security"), list, "#/security")
    shape.strings(document.get("produces"), "#/produces")
    paths = shape.need(document.get("paths"), dict, "#/paths") or {}
    for path, item in paths.items():
        at = f"#/paths/{_esc(path)}"
        if not isinstance(item, dict) or "$ref" in item:
            continue  # the loader skips what is not a path item, and follows $refs itself
        shape.need(item.get("parameters"), list, at + "/parameters")
        for method in METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                _operation(shape, op, f"{at}/{method}")


def _operation(shape: _Shape, op: dict[str, Any], at: str) -> None:
    shape.need(op.get("parameters"), list, at + "/parameters")
    for index, param in enumerate(op.get("parameters") or []):
        if isinstance(param, dict):
            content = shape.need(param.get("content"), dict, f"{at}/parameters/{index}/content")
            for media, item in (content or {}).items():
                shape.need(item, dict, f"{at}/parameters/{index}/content/{_esc(media)}")
    shape.need(op.get("responses"), dict, at + "/responses")
    shape.need(op.get("requestBody"), dict, at + "/requestBody")
    shape.need(op.get("security"), list, at + "/security")
    shape.strings(op.get("tags"), at + "/tags")
    shape.strings(op.get("produces"), at + "/produces")
