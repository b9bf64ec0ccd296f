"""Safe YAML: no object-constructing tags, duplicate keys refused, alias expansion bounded.

PyYAML's safe loader shares aliased nodes, but everything that walks the result afterwards sees
them expanded; a "billion laughs" document must be an error here, not a hang later.
"""

from __future__ import annotations

from typing import Any

import yaml

from schemacheck.errors import SourceError

try:  # the C loader is several times faster on large specs
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_EXPANDED_NODES = 5_000_000
Lines = dict[tuple[str, ...], int]


def load_yaml(text: str | bytes, where: str, error: type[Exception] = SourceError,
              lines: Lines | None = None) -> Any:
    """Parse one YAML document; `lines`, when given, receives key path -> 1-based line."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check(node, where, error, lines)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        raise error(f"{where}{line}: invalid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise error(f"{where}: invalid YAML: {exc}") from None
    finally:
        loader.dispose()


def _check(root: yaml.Node, where: str, error: type[Exception], lines: Lines | None) -> None:
    sizes: dict[int, int] = {}
    # Iterative post-order walk: nesting thousands deep must not hit the recursion limit.
    stack: list[tuple[yaml.Node, tuple[str, ...], bool]] = [(root, (), False)]
    while stack:
        node, path, done = stack.pop()
        if id(node) in sizes and not done:
            continue
        children = _children(node)
        if not done:
            stack.append((node, path, True))
            if isinstance(node, yaml.MappingNode):
                seen: set[str] = set()
                for key, value in node.value:
                    name = str(key.value)
                    if name in seen and isinstance(key, yaml.ScalarNode):
                        raise error(f"{where}:{key.start_mark.line + 1}: duplicate key {name!r}")
                    seen.add(name)
                    if lines is not None and len(path) < 8:
                        lines.setdefault((*path, name), key.start_mark.line + 1)
                    stack.append((value, (*path, name), False))
            else:
                for index, child in enumerate(children):
                    if lines is not None and len(path) < 8:
                        lines.setdefault((*path, str(index)), child.start_mark.line + 1)
                    stack.append((child, (*path, str(index)), False))
            continue
        total = 1 + sum(sizes.get(id(c), 1) for c in children)
        if total > MAX_EXPANDED_NODES:
            raise error(f"{where}:{node.start_mark.line + 1}: YAML aliases expand to more than "
                        f"{MAX_EXPANDED_NODES} nodes")
        sizes[id(node)] = total


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []
