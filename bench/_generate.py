"""A generated API of any size: an OpenAPI 3.1 description and the TypeScript types that
openapi-typescript would write for it (the layout of @octokit/openapi-types), so that a
correct diff pairs every operation by its operationId and reports nothing.

Each resource has a component with a dozen fields of varied shapes (nullable, enum, array,
nested object, a nullable reference to one of 50 flat summaries), GET/list/POST/PATCH/DELETE
operations, and prose descriptions like a real API's. About 1.4 KB of JSON per operation.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

STATES = ["queued", "running", "done", "failed"]


def _fields(i: int) -> tuple[dict[str, Any], list[tuple[str, str, bool]]]:
    """The component's JSON schema and its TypeScript members (name, type, required)."""
    summary = f"summary{i % 50}"  # flat, like GitHub's simple-user: shared, not chained
    props: dict[str, Any] = {
        "id": {"type": "integer", "description": f"Unique identifier of the r{i} resource."},
        "node_id": {"type": "string"},
        "name": {"type": "string", "description": "The name as shown to users."},
        "description": {"type": ["string", "null"]},
        "state": {"type": "string", "enum": STATES},
        "private": {"type": "boolean"},
        "tags": {"type": "array", "items": {"type": "string"}},
        "score": {"type": "number"},
        "created_at": {"type": "string", "format": "date-time"},
        "owner": {"type": "object", "required": ["login", "id"], "properties": {
            "login": {"type": "string"}, "id": {"type": "integer"},
            "site_admin": {"type": "boolean"}}},
        "url": {"type": "string", "format": "uri"},
    }
    ts = [("id", "number", True), ("node_id", "string", True), ("name", "string", True),
          ("description", "string | null", True),
          ("state", " | ".join(f'"{s}"' for s in STATES), True), ("private", "boolean", True),
          ("tags", "string[]", False), ("score", "number", False),
          ("created_at", "string", True),
          ("owner", "{\n        login: string;\n        id: number;\n        "
                    "site_admin?: boolean;\n      }", True),
          ("url", "string", True)]
    props["parent"] = {"anyOf": [{"$ref": f"#/components/schemas/{summary}"},
                                 {"type": "null"}]}
    ts.append(("parent", f'components["schemas"]["{summary}"] | null', False))
    required = [name for name, _, req in ts if req]
    return {"title": f"R{i}", "type": "object", "properties": props,
            "required": required}, ts


def generate(operations: int) -> tuple[dict[str, Any], str]:
    resources = max(1, operations // 5)
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {}
    ts_paths, ts_schemas, ts_ops = [], [], []
    count = 0
    for i in range(min(resources, 50)):
        schemas[f"summary{i}"] = {"type": "object", "required": ["id", "name"], "properties": {
            "id": {"type": "integer"}, "name": {"type": "string"},
            "url": {"type": "string", "format": "uri"}}}
        ts_schemas.append(f'    "summary{i}": {{\n      id: number;\n      name: string;\n'
                          '      url?: string;\n    };')
    for i in range(resources):
        schema, members = _fields(i)
        schemas[f"r{i}"] = schema
        body = "\n".join(f"      {n}{'' if req else '?'}: {t};" for n, t, req in members)
        ts_schemas.append(f'    "r{i}": {{\n{body}\n    }};')
        ref = {"$ref": f"#/components/schemas/r{i}"}
        ok = {"description": "Response", "content": {"application/json": {"schema": ref}}}
        listing = {"description": "Response", "content": {"application/json": {
            "schema": {"type": "array", "items": ref}}}}
        write = {"type": "object", "required": ["name"], "properties": {
            "name": {"type": "string"}, "description": {"type": "string"},
            "private": {"type": "boolean"}}}
        item = f"/r{i}/{{r{i}_id}}"
        param = [{"name": f"r{i}_id", "in": "path", "required": True,
                  "schema": {"type": "integer"}, "example": 42}]
        ops = [("get", f"/r{i}", f"r{i}/list", [], None, listing, "200"),
               ("post", f"/r{i}", f"r{i}/create", [], write, ok, "201"),
               ("get", item, f"r{i}/get", param, None, ok, "200"),
               ("patch", item, f"r{i}/update", param, write, ok, "200"),
               ("delete", item, f"r{i}/delete", param, None, None, "204")]
        for method, path, op_id, params, req, resp, status in ops:
            if count >= operations:
                break
            count += 1
            operation: dict[str, Any] = {
                "operationId": op_id, "summary": f"{method.upper()} r{i}",
                "description": f"Operation {op_id}: reads or changes r{i} resources. " * 3,
                "tags": [f"r{i}"], "parameters": params,
                "responses": {status: resp or {"description": "No content"}}}
            if req:
                operation["requestBody"] = {"required": True, "content": {
                    "application/json": {"schema": req}}}
            paths.setdefault(path, {})[method] = operation
            ts_paths.append(f'  "{path}": {{ {method}: operations["{op_id}"]; }};')
            ts_ops.append(_ts_operation(op_id, params, req, resp, status, i))
    spec = {"openapi": "3.1.0", "info": {"title": f"generated ({operations} operations)",
                                         "version": "1"},
            "paths": paths, "components": {"schemas": schemas}}
    text = ("export interface paths {\n" + "\n".join(ts_paths) + "\n}\n"
            "export interface components {\n  schemas: {\n" + "\n".join(ts_schemas) +
            "\n  };\n}\nexport interface operations {\n" + "\n".join(ts_ops) + "\n}\n")
    return spec, text


def _ts_operation(op_id: str, params: list[dict[str, Any]], req: dict[str, Any] | None,
                  resp: dict[str, Any] | None, status: str, i: int) -> str:
    lines = [f'  "{op_id}": {{']
    if params:
        lines.append(f"    parameters: {{ path: {{ r{i}_id: number }} }};")
    if req:
        lines.append('    requestBody: { content: { "application/json": '
                     "{ name: string; description?: string; private?: boolean } } };")
    if resp is None:
        lines.append(f"    responses: {{ {status}: {{ content: never }} }};")
    else:
        array = "[]" if "items" in resp["content"]["application/json"]["schema"] else ""
        lines.append(f'    responses: {{ {status}: {{ content: {{ "application/json": '
                     f'components["schemas"]["r{i}"]{array} }} }} }};')
    lines.append("  };")
    return "\n".join(lines)


def write(folder: Path, operations: int) -> tuple[Path, Path]:
    """Write (once) the generated pair into `folder`; returns (types.d.ts, openapi.json)."""
    docs, spec = folder / f"gen-{operations}.d.ts", folder / f"gen-{operations}.json"
    if not (docs.is_file() and spec.is_file()):
        folder.mkdir(parents=True, exist_ok=True)
        document, text = generate(operations)
        spec.write_text(json.dumps(document, indent=2))
        docs.write_text(text)
    return docs, spec
