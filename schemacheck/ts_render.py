"""The backend's schemas written as TypeScript, naming the documented types where the docs
already have one for a component and spelling the others out inline."""

from __future__ import annotations

from schemacheck.contracts import ContractSet, normalise
from schemacheck.model import Schema, SchemaSet, ref_name, split_null, type_names
from schemacheck.sources.openapi import Spec
from schemacheck.ts_nodes import key_text, literal

TS_NAMES = {"string": "string", "integer": "number", "number": "number", "boolean": "boolean",
            "null": "null", "object": "Record<string, unknown>", "array": "unknown[]"}
MAX_INLINE = 4  # nesting spelled out before `unknown`


def doc_names(contracts: ContractSet, doc_types: list[str], spec: Spec) -> dict[str, str]:
    """Backend component -> the documented type that stands for it: by contract, by name,
    then by the loose name (`JobContext-Input` -> `JobContext`)."""
    names: dict[str, str] = {}
    for contract in contracts.contracts:
        if not contract.doc_type.endswith("[]") and not contract.backend.startswith("#"):
            names.setdefault(contract.backend.removesuffix("[]"), contract.doc_type)
    loose: dict[str, list[str]] = {}
    for name in doc_types:
        loose.setdefault(normalise(name), []).append(name)
    for component in spec.schemas.schemas:
        base = spec.base_name(component)
        if base in doc_types:
            names.setdefault(component, base)
        elif len(loose.get(normalise(base), [])) == 1:
            names.setdefault(component, loose[normalise(base)][0])
    return names


class TsRenderer:
    def __init__(self, backend: SchemaSet, names: dict[str, str]) -> None:
        self.backend = backend
        self.names = names

    def render(self, schema: Schema | None, quote: str, depth: int = 0) -> str:
        """The whole type, `| null` included when the backend allows null."""
        if not schema:
            return "unknown"
        core, nullable = split_null(schema)
        body = self.core(core, quote, depth)
        return f"{body} | null" if nullable and body != "unknown" else body

    def core(self, core: Schema, quote: str, depth: int = 0) -> str:
        name = ref_name(core)
        if name:
            if name in self.names:
                return self.names[name]
            resolved = self.backend.deref(core)[0]
            return self.render(resolved, quote, depth + 1) if depth < MAX_INLINE else "unknown"
        if "enum" in core:
            return " | ".join(literal(v, quote) for v in core["enum"])
        if "const" in core:
            return literal(core["const"], quote)
        if isinstance(core.get("items"), dict):
            inner = self.render(core["items"], quote, depth + 1)
            return f"({inner})[]" if "|" in inner or "&" in inner else f"{inner}[]"
        members = core.get("anyOf") or core.get("oneOf")
        if isinstance(members, list) and members:
            return " | ".join(dict.fromkeys(self.render(m, quote, depth + 1) for m in members))
        parts = core.get("allOf")
        if isinstance(parts, list) and parts:
            rendered = [self.render(m, quote, depth + 1) for m in parts]
            return rendered[0] if len(rendered) == 1 else " & ".join(
                f"({r})" if "|" in r else r for r in rendered)
        props = core.get("properties")
        if isinstance(props, dict) and props and depth < MAX_INLINE:
            required = set(core.get("required", []))
            parts = [f"{key_text(k, quote)}{'' if k in required else '?'}: "
                     f"{self.render(v, quote, depth + 1)}" for k, v in props.items()]
            return "{ " + "; ".join(parts) + " }"
        if isinstance(core.get("additionalProperties"), dict):
            value = self.render(core["additionalProperties"], quote, depth + 1)
            return f"Record<string, {value}>"
        kinds = sorted(type_names(core) - {"null"})
        return " | ".join(TS_NAMES.get(k, "unknown") for k in kinds) if kinds else "unknown"
