"""The rule record and its registry: one place that says, per finding kind, how severe it is,
how it reads in every report, how to fix it and which live evidence confirms it.

A leaf: nothing here imports the pipeline, the sources, the diff or the probe, so reporters and
`schemacheck rules` load the whole catalog without tree-sitter or httpx.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from schemacheck.facts import FieldFact
from schemacheck.findings import Declared, Evidence, Finding, Fix, Place, Severity

DIRECTIONS = ("request", "response", "operation", "docs", "probe")

# A static rule's check: the message when the fact shows the drift, else None.
Check = Callable[[FieldFact], "str | None"]
# A fix builder: the backend's and the docs' line for one fact, or None.
FixBuilder = Callable[[FieldFact], "Fix | None"]
# A severity policy: the severity for this context, or None for the rule's default.
Policy = Callable[[Mapping[str, Any]], "Severity | None"]

# The kinds of live evidence a probe can bring, and what each means. `confirmed_by` names them.
EVIDENCE: dict[str, str] = {
    "rejected-missing": "a 422 whose error names the field as missing",
    "rejected-extra": "a 422 whose error names the field as not permitted",
    "rejected-invalid": "a 422 whose error names the field with a type, null or value error",
    "response-null": "a live 2xx body holding null where the docs promise a value",
    "response-absent": "a live 2xx body leaving the documented field out",
    "response-type": "a live 2xx body holding another type than documented",
    "response-enum": "a live 2xx body holding a value the docs do not list",
    "response-extra": "a live 2xx body holding a field the docs do not declare",
    "example-refused": "the docs' request example, sent as written, answered 422 or 5xx",
}
# The probe's own word for what a live body showed at a field (Evidence.live).
LIVE_KINDS = {"missing": "response-absent", "null": "response-null", "enum": "response-enum",
              "type": "response-type", "undocumented": "response-extra",
              "example-refused": "example-refused"}


@dataclass(frozen=True, kw_only=True)
class Texts:
    """How a rule reads in the reports."""

    marker: str  # the `// ← ...` comment beside the documented field
    impact: str  # what a client following the docs suffers, one sentence
    complexity: str = "Unknown"  # the priority matrix's estimate of the fix
    blocks: bool = False  # every affected endpoint is unusable ("BLOCKS" in the report)
    headline: str | None = None  # an issue's title when all its rules have one
    problem: str | None = None  # the problem line: {fields} and {message} filled in
    example_note: str | None = None  # beside a field the docs' example call leaves out


@dataclass(frozen=True, kw_only=True)
class Rule:
    id: str
    direction: str  # request | response | operation | docs (the docs' own examples) | probe
    severity: Severity  # the default
    summary: str  # one line, ends with a full stop
    doc: str  # the longer explanation
    texts: Texts
    policy: Policy | None = None  # context -> severity, when it depends on what was seen
    policy_doc: str = ""  # the policy in words (rule docs show it)
    check: Check | None = None  # static rules: fact -> message
    fix: FixBuilder | None = None  # static rules: fact -> fix suggestions
    confirmed_by: tuple[str, ...] = ()  # EVIDENCE kinds that confirm a finding of this rule
    mirror: str | None = None  # the same drift's rule in the other direction
    waiver: str | None = None  # why there is no mirror
    test: str | None = None  # rules without a fixture pair: the test that triggers them
    # the drift is in an enum's values: declared where a named enum is (`type Color`), one
    # finding for every field of that enum (rootcause.py)
    at_enum: bool = False

    def severity_for(self, context: Mapping[str, Any]) -> Severity:
        chosen = self.policy(context) if self.policy else None
        return chosen if chosen is not None else self.severity


class DuplicateRule(ValueError):
    """Two rules registered under one id: a programming error, raised at import."""


RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    if rule.id in RULES:
        raise DuplicateRule(f"rule {rule.id!r} is registered twice")
    if rule.direction not in DIRECTIONS:
        raise ValueError(f"rule {rule.id!r}: unknown direction {rule.direction!r}")
    unknown = [kind for kind in rule.confirmed_by if kind not in EVIDENCE]
    if unknown:
        raise ValueError(f"rule {rule.id!r}: unknown evidence kind(s) {unknown}")
    RULES[rule.id] = rule
    return rule


def get(rule_id: str) -> Rule:
    try:
        return RULES[rule_id]
    except KeyError:
        raise KeyError(f"no rule {rule_id!r} in the catalog") from None


def severity_for(rule_id: str, **context: Any) -> Severity:
    """The rule's severity for what was seen (`method="GET"`, `backend_closed=True`, ...)."""
    return get(rule_id).severity_for(context)


def make_finding(rule_id: str, *, operation: str | None, location: str, message: str,
                 docs: Declared | None = None, backend: Declared | None = None,
                 evidence: Evidence | None = None, fix: Fix | None = None,
                 root_cause: str = "", affects: Iterable[Place] = (),
                 **context: Any) -> Finding:
    """A Finding of a catalogued rule, its severity decided by the rule's policy."""
    return Finding(rule=rule_id, severity=severity_for(rule_id, **context).name,
                   operation=operation, location=location, message=message, docs=docs,
                   backend=backend, evidence=evidence, fix=fix, root_cause=root_cause,
                   affects=tuple(affects))


def evidence_kinds(evidence: Evidence) -> set[str]:
    """Which EVIDENCE kinds a probe's evidence shows: a 422 error (`error`), what the probe
    saw at a response field (`live`) or the violations of a live body (`violations`)."""
    kinds: set[str] = set()
    live = LIVE_KINDS.get(str(evidence.live))
    if live:
        kinds.add(live)
    error = evidence.error
    if isinstance(error, Mapping):
        kind = str(error.get("type", ""))
        kinds.add("rejected-missing" if kind == "missing" else
                  "rejected-extra" if kind == "extra_forbidden" else "rejected-invalid")
    for violation in evidence.violations or ():
        message = violation.message
        if message.startswith("None is not"):
            kinds.add("response-null")
        elif message.endswith("is a required property"):
            kinds.add("response-absent")
        elif "is not one of" in message:
            kinds.add("response-enum")
        elif "is not of type" in message:
            kinds.add("response-type")
    return kinds


def confirms(rule_id: str, evidence: Evidence) -> bool:
    """Whether live evidence proves a finding of this rule (the probe calls this for a static
    finding at the location the evidence names)."""
    rule = RULES.get(rule_id)
    return bool(rule and set(rule.confirmed_by) & evidence_kinds(evidence))
