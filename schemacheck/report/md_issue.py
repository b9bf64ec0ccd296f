"""One issue section of the Markdown gap report: problem, endpoints, live evidence, the
documented interface with `// ←` markers, impact, fix options and a verifying curl."""

from __future__ import annotations

import json
from typing import Any

from schemacheck.catalog import RULES
from schemacheck.finding_parts import Evidence, Fix, Reproduction
from schemacheck.fixes import ts_type
from schemacheck.report.issues import Issue
from schemacheck.result import Excerpt, RunResult

BADGE = {"critical": "🔴 CRITICAL", "high": "🟠 HIGH", "medium": "🟡 MEDIUM", "low": "🔵 LOW",
         "info": "⚪ INFO"}
def _doc_type(issue: Issue) -> str | None:
    for finding in issue.findings:
        if finding.docs and finding.docs.type_name:
            return finding.docs.type_name
    return None


def _root_type(issue: Issue) -> str:
    cause = issue.root_cause
    return cause.split(":", 1)[1] if cause.startswith(("request:", "response:")) else (
        _doc_type(issue) or "")


def title_of(issue: Issue) -> str:
    first = issue.findings[0]
    headlines = [RULES[r].texts.headline if r in RULES else None for r in issue.rules]
    if headlines and all(headlines):  # every rule of the issue says what the type's drift is
        return f"`{_root_type(issue)}` schema mismatch: {headlines[0]}"
    if first.evidence and first.evidence.pydantic:  # a model that cannot hold the data
        error = first.evidence.pydantic[0]
        return (f"`{first.operation}` fails with {first.evidence.status}: "
                f"`{error.model}.{error.field}` cannot hold the stored value")
    summary = RULES[first.rule].summary.rstrip(".") if first.rule in RULES else first.rule
    target = _root_type(issue)
    return f"{summary} (`{target}`)" if target else summary


def fields_of(issue: Issue) -> list[str]:
    seen: list[str] = []
    for finding in issue.findings:
        shown = finding.where_shown
        name = shown.split(".", 1)[-1] if "." in shown else shown
        if name not in seen:
            seen.append(name)
    return seen


def _problem(issue: Issue) -> str:
    first = issue.findings[0]
    fields = ", ".join(f"`{f}`" for f in fields_of(issue))
    rule = RULES.get(first.rule)
    if rule and rule.texts.problem:
        return rule.texts.problem.format(fields=fields, message=first.message)
    return f"{rule.summary if rule else first.message} ({fields})"


def issue_section(number: int, issue: Issue, result: RunResult) -> list[str]:
    ops = issue.operations
    label = "Endpoints" if len(ops) > 1 else "Endpoint"
    lines = [f"### Issue {number}: {title_of(issue)} {BADGE[issue.severity]}", "",
             f"**Problem:** {_problem(issue)}", ""]
    if ops:
        lines += [f"**{label}:** " + " and ".join(f"`{o}`" for o in ops), ""]
    lines += _evidence(issue)
    lines += _docs_excerpt(issue, result)
    lines += _documented_example(issue, result)
    lines += _impact(issue, result)
    lines += _fixes(issue)
    lines += _verify(issue)
    lines += ["---", ""]
    return lines


def _evidence(issue: Issue) -> list[str]:
    live = next((f for f in issue.findings if f.evidence), None)
    if live is None:
        lines = ["**What the backend declares** (its OpenAPI; not confirmed live):", ""]
        for finding in issue.findings:
            where = finding.backend and finding.backend.where or ""
            ops = ", ".join(finding.operations) or "—"
            lines.append(f"- `{finding.location}` ({ops}): {finding.message}"
                         + (f" — `{where}`" if where else ""))
        return [*lines, ""]
    evidence = live.evidence or Evidence()
    operation = evidence.operation or next(iter(live.operations), "")
    head = f"live `{operation}` → {evidence.status}"
    if evidence.text is not None:  # a server's own error text, as it answered
        text = str(evidence.text or evidence.response or "")
        return [f"**Error** ({head}):", "```", text.strip(), "```", ""]
    response = evidence.response
    if isinstance(response, dict) and isinstance(response.get("detail"), list):
        shown = {"detail": [{k: e[k] for k in ("type", "loc", "msg") if k in e}
                            for e in response["detail"] if isinstance(e, dict)]}
        return [f"**Backend Validation Errors** ({head}):", "```json", pretty_json(shown), "```",
                ""]
    if response is not None:
        body = json.dumps(response, indent=2, ensure_ascii=False) if not isinstance(
            response, str) else response
        return [f"**Live answer** ({head}):", "```", body[:2000], "```", ""]
    return []


def pretty_json(value: Any, indent: int = 0) -> str:
    """JSON with two-space indents, but lists of plain values kept on one line."""
    pad = "  " * indent
    if isinstance(value, dict) and value:
        items = [f'{pad}  {json.dumps(k)}: {pretty_json(v, indent + 1)}' for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    if isinstance(value, list) and value and any(isinstance(v, (dict, list)) for v in value):
        items = [f"{pad}  {pretty_json(v, indent + 1)}" for v in value]
        return "[\n" + ",\n".join(items) + f"\n{pad}]"
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _docs_excerpt(issue: Issue, result: RunResult) -> list[str]:
    marks: dict[str, dict[str, str]] = {}
    missing: dict[str, list[str]] = {}
    for finding in issue.findings:
        owner = finding.docs and finding.docs.type_name
        name = finding.location.rsplit(".", 1)[-1]
        if not owner or owner not in result.docs_types:
            continue
        rule = RULES.get(finding.rule)
        text = rule.texts.marker if rule else finding.rule
        if finding.docs and finding.docs.present is False:
            missing.setdefault(owner, []).append(f"{name}: {text}")
        else:
            marks.setdefault(owner, {})[name] = text
    if not marks and not missing:
        return []
    owners = list(dict.fromkeys([*marks, *missing]))
    where = ", ".join(f"`{result.docs_types[o].get('x-source', '')}`" for o in owners)
    lines = [f"**What the docs say** ({where}):", "```typescript"]
    for owner in owners:
        excerpt = result.docs_excerpts.get(owner)
        if excerpt:
            lines += quoted_text(excerpt, result.docs_types[owner], marks.get(owner, {}),
                                 missing.get(owner, []))
        else:
            lines += interface_text(owner, result.docs_types[owner], marks.get(owner, {}),
                                    missing.get(owner, []))
        lines.append("")
    lines[-1] = "```"
    return [*lines, ""]


def interface_text(name: str, schema: dict[str, Any], marks: dict[str, str],
                   missing: list[str]) -> list[str]:
    props: dict[str, Any] = schema.get("properties", {})
    required = set(schema.get("required", []))
    rows = [(f"  {field}{'' if field in required else '?'}: {ts_type(sub)};", marks.get(field))
            for field, sub in props.items()]
    width = max((len(text) for text, _ in rows), default=0) + 2
    lines = [f"interface {name} {{"]
    lines += [text + (" " * (width - len(text)) + f"// ← {mark}" if mark else "")
              for text, mark in rows]
    lines += [f"  // ← missing {item}" for item in missing]
    return [*lines, "}"]


def quoted_text(excerpt: Excerpt, schema: dict[str, Any], marks: dict[str, str],
                missing: list[str]) -> list[str]:
    """The declaration as the docs wrote it; a marked line loses its own trailing comment
    and gets the marker instead, aligned with the other markers."""
    first = excerpt.first_line
    lines = list(excerpt.lines)
    comments = excerpt.comments
    marked: dict[int, str] = {}
    for field, mark in marks.items():
        where = str(schema.get("properties", {}).get(field, {}).get("x-source", ""))
        line = where.rpartition(":")[2]
        if line.isdigit() and 0 <= int(line) - first < len(lines):
            marked[int(line) - first] = mark
    width = 0  # markers start where the replaced comments did, and never inside code
    for index in marked:
        column = comments.get(str(first + index))
        code = lines[index][:column] if column is not None else lines[index]
        lines[index] = code.rstrip()
        width = max(width, len(lines[index]) + 2, column or 0)
    for index, mark in marked.items():
        lines[index] = lines[index].ljust(width) + f"// ← {mark}"
    if missing:
        lines[-1:-1] = [f"  // ← missing {item}" for item in missing]
    return lines


def _documented_example(issue: Issue, result: RunResult) -> list[str]:
    """The docs' own example call next to the required fields it leaves out."""
    example = next((e for op in issue.operations for e in result.docs_examples.get(op, [])),
                   None)
    required = [f for f in issue.findings if f.rule in RULES and RULES[f.rule].texts.example_note]
    if example is None or not required:
        return []
    left_out = [f for f in required if not _has_path(example.value, f.where_shown)]
    if not left_out:
        return []
    lines = [f"**The documented example** (`{example.where}`), as a client would copy it:",
             "```typescript", example.text, "```", "",
             "**What the backend actually requires** that the example leaves out:", ""]
    seen: set[str] = set()
    for finding in left_out:
        path = finding.where_shown.removeprefix("body.")
        if path not in seen:
            seen.add(path)
            documented = RULES[finding.rule].texts.example_note
            lines.append(f"- `{path}`: REQUIRED ({documented})")
    return [*lines, ""]


def _has_path(value: Any, location: str) -> bool:
    for key in location.removeprefix("body.").split("."):
        if not isinstance(value, dict) or key not in value:
            return False
        value = value[key]
    return True


def _impact(issue: Issue, result: RunResult) -> list[str]:
    summaries = {o.operation: o.summary for o in result.operations}
    lines = ["**Impact:**"]
    for op in issue.operations:
        label = f"`{op}`" + (f" ({summaries[op]})" if summaries.get(op) else "")
        rules = sorted((RULES[r] for r in {f.rule for f in issue.findings if op in f.operations}
                        if r in RULES), key=lambda r: (r.direction != "request", r.id))
        blocking = next((r for r in rules if r.texts.blocks), None)
        if blocking is not None:
            lines.append(f"- **BLOCKS** {label}: {blocking.texts.impact}")
        else:
            impacts = "; ".join(sorted({r.texts.impact for r in rules}))
            lines.append(f"- {label}: {impacts}")
    if not issue.operations:
        lines.append(f"- {RULES[issue.findings[0].rule].doc}" if issue.findings[0].rule in RULES
                     else f"- {issue.findings[0].message}")
    return [*lines, ""]


def _fixes(issue: Issue) -> list[str]:
    backend: dict[str, list[str]] = {}
    docs: dict[str, list[str]] = {}
    for finding in issue.findings:
        fix = finding.fix or Fix()
        if fix.backend:
            rows = backend.setdefault(fix.backend.model or "Model", [])
            if fix.backend.line not in rows:
                rows.append(fix.backend.line)
        if fix.docs:
            rows = docs.setdefault(fix.docs.type or "Type", [])
            if fix.docs.line not in rows:
                rows.append(fix.docs.line)
    if not backend and not docs:
        return []
    lines = ["**Fix options:**", ""]
    if backend:
        lines += ["Option 1: make the backend match the docs (Pydantic):", "```python"]
        for model, rows in backend.items():
            lines += [f"class {model}(BaseModel):", *(f"    {row}" for row in rows), ""]
        lines[-1] = "```"
        lines.append("")
    if docs:
        label = "Option 2" if backend else "Option 1"
        lines += [f"{label}: make the docs match the backend (TypeScript):", "```typescript"]
        for owner, rows in docs.items():
            lines += [f"interface {owner} {{", *(f"  {row}" for row in rows), "}", ""]
        lines[-1] = "```"
        lines.append("")
    if backend and docs:
        first = issue.findings[0].rule
        pick = "Option 2" if first in RULES and RULES[first].direction == "response" else (
            "Option 1")
        why = ("the frontend is already built against the docs" if pick == "Option 1"
               else "the docs should describe what the backend really sends")
        lines += [f"**Recommendation:** {pick}, because {why}.", ""]
    return lines


def _verify(issue: Issue) -> list[str]:
    commands: dict[str, str] = {}
    for finding in issue.findings:
        evidence = finding.evidence or Evidence()
        places: list[Evidence | Reproduction] = [evidence, *(evidence.more or ())]
        for seen in places:
            curl = seen.curl
            operation = seen.operation or next(iter(finding.operations), None)
            if curl and operation and operation not in commands:
                commands[operation] = curl
    if not commands:
        return []
    lines = ["**Verify** (after the fix this answers 2xx):", "```bash"]
    for op, command in commands.items():
        lines += [f"# {op}", command]
    return [*lines, "```", ""]
