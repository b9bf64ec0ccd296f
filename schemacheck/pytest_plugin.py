"""pytest plugin (entry point `pytest11`): a backend's own tests assert its docs, in-process.

    def test_docs_tell_the_truth(schemacheck):
        run = schemacheck.check(app, docs="docs/API.md")
        run.assert_no_finding(at_or_above="high")

The work is in testing.py; this module only registers the fixture.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from schemacheck.testing import CheckResult, check

__all__ = ["CheckResult", "Checker", "check", "schemacheck"]


class Checker:
    """What the `schemacheck` fixture gives a test: `schemacheck.check(app, docs=...)`."""

    check = staticmethod(check)


@pytest.fixture
def schemacheck() -> Iterator[Checker]:
    yield Checker()
