"""The rule catalog: every finding kind, static and live, declared once.

The diff's rules (rules.py), the probe (probe/interpret.py) and every reporter build and render
findings only through it; `schemacheck rules` and docs/rules.md are generated from it.
"""

from __future__ import annotations

from schemacheck.catalog import probe as _probe
from schemacheck.catalog import static as _static
from schemacheck.catalog.registry import (
    DIRECTIONS,
    EVIDENCE,
    RULES,
    DuplicateRule,
    Rule,
    Texts,
    confirms,
    evidence_kinds,
    get,
    make_finding,
    register,
    severity_for,
)

del _probe, _static  # imported for their registrations

__all__ = ["DIRECTIONS", "EVIDENCE", "RULES", "DuplicateRule", "Rule", "Texts", "confirms",
           "evidence_kinds", "get", "make_finding", "register", "severity_for"]
