"""Workflows: a declared sequence of requests (create a job -> read it -> approve its
storyboard -> delete it) with values flowing from one answer into the next (`{{create.id}}`).

Declared in the config (`workflows:`, the user's explicit choice: every step is sent as
written) or in the docs (a ```schemacheck block holding the same YAML: write steps obey the
probe's write rules). Every object a step creates is cleaned up with the rest of the run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schemacheck.errors import SourceError
from schemacheck.yamlsafe import load_yaml

REF = re.compile(r"\{\{\s*([A-Za-z_][\w-]*)((?:\.[\w-]+|\[\d+\])*)\s*\}\}")
STEP = re.compile(r"^(GET|HEAD|POST|PUT|PATCH|DELETE)\s+(/\S*)$")
FENCE = re.compile(r"^(?P<indent>[ \t>]*)(?P<fence>`{3,}|~{3,})\s*schemacheck\b.*$")


@dataclass(frozen=True)
class Step:
    name: str
    method: str
    path: str  # with {{refs}}
    body: Any = None  # None: the documented minimal payload
    expect: int | None = None  # None: any 2xx


@dataclass(frozen=True)
class Workflow:
    name: str
    steps: tuple[Step, ...]
    where: str  # file:line of the declaration
    explicit: bool  # declared in the config: sent as written
    origin: str = "docs"  # config | docs | spec (OpenAPI links)


@dataclass
class Values:
    """Answers of earlier steps, by step name."""

    answers: dict[str, Any] = field(default_factory=dict)

    def fill(self, text: str) -> str | None:
        """`text` with every {{step.field}} replaced; None when a reference has no value."""
        missing = False

        def one(match: re.Match[str]) -> str:
            nonlocal missing
            value = self.lookup(match.group(1), match.group(2))
            if value is None or isinstance(value, (dict, list)):
                missing = True
                return ""
            return str(value).lower() if isinstance(value, bool) else str(value)

        result = REF.sub(one, text)
        return None if missing else result

    def fill_body(self, body: Any) -> Any:
        if isinstance(body, str):
            whole = REF.fullmatch(body.strip())
            if whole:  # a whole-value reference keeps the value's JSON type
                return self.lookup(whole.group(1), whole.group(2))
            return self.fill(body)
        if isinstance(body, dict):
            return {k: self.fill_body(v) for k, v in body.items()}
        if isinstance(body, list):
            return [self.fill_body(v) for v in body]
        return body

    def lookup(self, step: str, path: str) -> Any:
        here = self.answers.get(step)
        for part in re.findall(r"\.([\w-]+)|\[(\d+)\]", path):
            key, index = part
            if key and isinstance(here, dict):
                here = here.get(key)
            elif index and isinstance(here, list) and int(index) < len(here):
                here = here[int(index)]
            else:
                return None
        return here


def parse(raw: Any, where: str, explicit: bool) -> list[Workflow]:
    """`{name: [ {step: "METHOD /path", body?, expect?}, ... ]}` -> workflows; a clear
    SourceError naming the place otherwise."""
    if not isinstance(raw, dict):
        raise SourceError(f"{where}: workflows: expected a mapping of name -> steps")
    flows: list[Workflow] = []
    for name, steps in raw.items():
        if not isinstance(steps, list) or not steps:
            raise SourceError(f"{where}: workflow {name!r}: expected a list of steps")
        parsed: list[Step] = []
        for index, item in enumerate(steps):
            parsed.append(_step(item, f"{where}: workflow {name!r} step {index + 1}"))
        names = [s.name for s in parsed]
        if len(set(names)) != len(names):
            raise SourceError(f"{where}: workflow {name!r}: step names must be unique")
        flows.append(Workflow(str(name), tuple(parsed), where, explicit,
                              "config" if explicit else "docs"))
    return flows


def _step(item: Any, where: str) -> Step:
    if not isinstance(item, dict):
        raise SourceError(f"{where}: write a step as `name: METHOD /path`")
    request_keys = [k for k, v in item.items() if isinstance(v, str) and STEP.match(
        " ".join(v.split()))]
    if len(request_keys) != 1:
        raise SourceError(f"{where}: write a step as `name: METHOD /path` (one per step)")
    name = str(request_keys[0])
    method, path = STEP.match(" ".join(str(item[name]).split())).groups()  # type: ignore[union-attr]
    unknown = set(item) - {name, "body", "expect"}
    if unknown:
        raise SourceError(f"{where}: unknown key {sorted(map(str, unknown))[0]!r} (a step takes "
                          "body and expect)")
    expect = item.get("expect")
    if expect is not None and (not isinstance(expect, int) or not 100 <= expect <= 599):
        raise SourceError(f"{where}: expect: an HTTP status such as 201")
    return Step(name, method, path, item.get("body"), expect)


def from_markdown(paths: list[str]) -> list[Workflow]:
    """Workflows in ```schemacheck blocks of Markdown docs (`workflows:` YAML, as in the
    config). Fences of three or more backticks or tildes, at any indent."""
    flows: list[Workflow] = []
    for path in paths:
        if not path.endswith((".md", ".markdown")):
            continue
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except OSError:
            continue  # the docs loader already reports an unreadable file
        index = 0
        while index < len(lines):
            match = FENCE.match(lines[index])
            if not match:
                index += 1
                continue
            fence, indent = match.group("fence"), len(match.group("indent"))
            start = index + 1
            end = start
            while end < len(lines) and not lines[end].strip().lstrip(">").strip().startswith(
                    fence):
                end += 1
            body = "\n".join(line[indent:] for line in lines[start:end])
            where = f"{path}:{index + 1}"
            data = load_yaml(body, where) or {}
            if isinstance(data, dict) and "workflows" in data:
                flows += parse(data["workflows"], where, explicit=False)
            index = end + 1
    return flows


def match_operation(method: str, path: str, templates: list[tuple[str, str]]
                    ) -> tuple[str, dict[str, str]] | None:
    """The spec path (and its parameter values) a concrete request path belongs to."""
    clean = path.split("?")[0].rstrip("/") or "/"
    best: tuple[int, str, dict[str, str]] | None = None
    for op_method, template in templates:
        if op_method != method:
            continue
        names = re.findall(r"\{([^}]+)\}", template)
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "([^/]+)",
                               re.escape(template.rstrip("/") or "/")) + "$"
        found = re.match(pattern, clean)
        if found is None:
            continue
        fixed = len(template) - sum(len(n) + 2 for n in names)  # prefer literal segments
        if best is None or fixed > best[0]:
            best = (fixed, template, dict(zip(names, found.groups(), strict=True)))
    return (best[1], best[2]) if best else None


def from_links(operations: list[Any]) -> list[Workflow]:
    """Two-step workflows from OpenAPI links: call the operation, then the linked one with its
    path parameters taken from the answer (`$response.body#/id` -> `{{source.id}}`). Links of
    operations that need path values themselves, or that map a parameter from elsewhere than
    the response body, are left out. They obey the write rules, like workflows from the docs."""
    by_id = {op.operation_id: op for op in operations if op.operation_id}
    flows: list[Workflow] = []
    for op in operations:
        if "{" in op.path:
            continue
        for name, target_id, params in op.links:
            target = by_id.get(target_id)
            if target is None:
                continue
            path = target.path
            for param in re.findall(r"\{([^}]+)\}", target.path):
                expression = params.get(param, "")
                if not expression.startswith("$response.body#/"):
                    path = ""
                    break
                dotted = "".join("." + part.replace("~1", "/").replace("~0", "~") for part in
                                 expression.removeprefix("$response.body#/").split("/"))
                path = path.replace("{" + param + "}", "{{source" + dotted + "}}")
            if not path:
                continue
            steps = (Step("source", op.method, op.path), Step("linked", target.method, path))
            flows.append(Workflow(f"link {name}: {op.key} -> {target.key}", steps,
                                  f"{op.pointer}/responses", explicit=False, origin="spec"))
    return flows
