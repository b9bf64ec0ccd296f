"""Safe YAML, read as JSON's data model: no object-constructing tags, duplicate keys refused,
alias expansion bounded, self-referencing anchors refused.

PyYAML's safe loader shares aliased nodes, but everything that walks the result afterwards sees
them expanded; a "billion laughs" document must be an error here, not a hang later. An anchor
whose node contains its own alias (`a: &a [*a]`) would be an endless structure: refused.

Everything after loading expects JSON: mapping keys become strings as written in the file
(`200:` is "200", `true:` is "true", `~:` is "~"); timestamps and `!!binary` stay the text they
were written as; `!!set` is a mapping of nulls and `!!omap`/`!!pairs` a list of one-key mappings.
A key that is itself a mapping or a list is an error with its line.
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

_TAG = "tag:yaml.org,2002:"
_STR, _MERGE = _TAG + "str", _TAG + "merge"
# Tags whose Python values are not JSON: read them as the nearest JSON shape instead.
_RETAG = {_TAG + "timestamp": _STR, _TAG + "binary": _STR, _TAG + "set": _TAG + "map",
          _TAG + "omap": _TAG + "seq", _TAG + "pairs": _TAG + "seq"}


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
        problem = " ".join(str(exc.problem or exc.context).split())
        raise error(f"{where}{line}: invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise error(f"{where}: invalid YAML: {' '.join(str(exc).split())}") from None
    except RecursionError:  # pragma: no cover - libyaml bounds nesting before this
        raise error(f"{where}: YAML nested too deeply") from None
    finally:
        loader.dispose()


def _check(root: yaml.Node, where: str, error: type[Exception], lines: Lines | None) -> None:
    sizes: dict[int, int] = {}
    active: set[int] = set()  # nodes being walked: meeting one again means a cycle
    # Iterative post-order walk: nesting thousands deep must not hit the recursion limit.
    stack: list[tuple[yaml.Node, tuple[str, ...], bool]] = [(root, (), False)]
    while stack:
        node, path, done = stack.pop()
        if done:
            active.discard(id(node))
            total = 1 + sum(sizes.get(id(c), 1) for c in _children(node))
            if total > MAX_EXPANDED_NODES:
                raise error(f"{where}:{node.start_mark.line + 1}: YAML aliases expand to more "
                            f"than {MAX_EXPANDED_NODES} nodes")
            sizes[id(node)] = total
            continue
        if id(node) in active:
            raise error(f"{where}:{node.start_mark.line + 1}: a YAML anchor refers to itself "
                        "(recursive alias)")
        if id(node) in sizes:
            continue
        node.tag = _RETAG.get(node.tag, node.tag)
        active.add(id(node))
        stack.append((node, path, True))
        # Deep paths are only needed for line numbers near the top: keep them short so a deeply
        # nested document costs memory linear in its size.
        deep = len(path) >= 8
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                name = _key_name(key, where, error)
                if name in seen and key.tag != _MERGE:
                    raise error(f"{where}:{key.start_mark.line + 1}: duplicate key {name!r}")
                seen.add(name)
                if lines is not None and not deep:
                    lines.setdefault((*path, name), key.start_mark.line + 1)
                stack.append((value, path if deep else (*path, name), False))
        elif isinstance(node, yaml.SequenceNode):
            for index, child in enumerate(node.value):
                if lines is not None and not deep:
                    lines.setdefault((*path, str(index)), child.start_mark.line + 1)
                stack.append((child, path if deep else (*path, str(index)), False))


def _key_name(key: yaml.Node, where: str, error: type[Exception]) -> str:
    """A mapping key as the string it is written as; JSON has no other kind of key."""
    if not isinstance(key, yaml.ScalarNode):
        raise error(f"{where}:{key.start_mark.line + 1}: a mapping key must be a plain value, "
                    "not a mapping or a list")
    if key.tag != _MERGE:
        key.tag = _STR
    return str(key.value)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []
