"""The pytest plugin in a real pytest run (pytester, in a subprocess so the plugin loads from
its entry point as in a user's project): a small FastAPI app's own tests assert its docs,
probed in-process through httpx's ASGITransport."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

APP = '''
from fastapi import FastAPI
from pydantic import BaseModel


class User(BaseModel):
    id: str
    email: str | None


def make_app(null_email: bool) -> FastAPI:
    app = FastAPI()

    @app.get("/api/users/{user_id}", response_model=User)
    def read_user(user_id: str) -> User:
        return User(id=user_id, email=None if null_email else "a@example.com")

    return app
'''

GOOD = """# Users

### GET /api/users/{user_id}

```ts
export interface User {
  id: string;
  email: string | null;
}
```
"""

# documents `email` as never null and adds a `name` the backend never sends
BAD = GOOD.replace("email: string | null;", "email: string;\n  name: string;")

TESTS = '''
from backend import make_app


def test_good_docs(schemacheck):
    run = schemacheck.check(make_app(null_email=True), docs="docs/GOOD.md",
                            path_params={"user_id": "u1"})
    run.assert_no_finding(at_or_above="high")
    users = [o for o in run.run.operations if o.operation == "GET /api/users/{user_id}"]
    assert users[0].probe.status == "passed"  # probed, in-process
    assert run.run.exchanges and run.run.exchanges[0].status == 200


def test_bad_docs(schemacheck):
    run = schemacheck.check(make_app(null_email=True), docs="docs/BAD.md",
                            path_params={"user_id": "u1"})
    rules = sorted({f.rule for f in run.at_or_above("high")})
    assert "response-field-missing" in rules
    nullable = [f for f in run.findings
                if f.rule == "response-field-nullable-but-documented-non-null"]
    assert nullable and nullable[0].confirmed  # the live null, seen in-process
    run.assert_no_finding(at_or_above="high")  # fails, with the console rendering


def test_static_only(schemacheck):
    run = schemacheck.check(make_app(null_email=False), docs="docs/BAD.md", probe=False)
    assert not run.run.exchanges
    assert run.at_or_above("info")
'''


NOT_USED = [arg for name in ("anyio", "platformdirs", "hypothesispytest", "xdist",
                             "xdist.looponfail", "timeout") for arg in ("-p", f"no:{name}")]


def test_plugin_in_a_pytest_run(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(backend=APP, test_docs=TESTS)
    (pytester.path / "docs").mkdir()
    (pytester.path / "docs" / "GOOD.md").write_text(GOOD)
    (pytester.path / "docs" / "BAD.md").write_text(BAD)
    # schemacheck's plugin still loads from its entry point; the other installed plugins,
    # which this project does not use, are left out (loading them cost the run ~1 s).
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q", *NOT_USED)
    result.assert_outcomes(passed=2, failed=1)
    out = result.stdout.str()
    assert "test_bad_docs" in out and "schemacheck: " in out
    assert "finding(s) at or above high" in out
    # the failure message is the console rendering: operation, location, rule, gate line
    result.stdout.fnmatch_lines(["*GET /api/users/{user_id}*", "*response.name*",
                                 "*response-field-missing*", "*gate: fail on high -> FAIL*"])


def test_check_outside_pytest(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    """`schemacheck.check` is the same function, for a script; an incomplete run fails."""
    import schemacheck
    from schemacheck.testing import check

    assert schemacheck.check is check
    namespace: dict = {}
    exec(APP, namespace)  # noqa: S102 - the app source above, to build it here
    (tmp_path / "GOOD.md").write_text(GOOD)
    run = schemacheck.check(namespace["make_app"](null_email=True),
                            docs=str(tmp_path / "GOOD.md"), probe=False)
    run.assert_no_finding(at_or_above="low")
    nothing = tmp_path / "none.md"
    nothing.write_text("# no types here\n")
    empty = schemacheck.check(namespace["make_app"](null_email=True), docs=str(nothing),
                              probe=False)
    with pytest.raises(AssertionError, match="INCOMPLETE: nothing was compared"):
        empty.assert_no_finding()
