"""schemacheck: prove whether an API's TypeScript documentation matches its live backend."""

__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """`schemacheck.check(app, docs=...)`, imported only when used (it loads the pipeline)."""
    if name == "check":
        from schemacheck.testing import check

        return check
    raise AttributeError(f"module 'schemacheck' has no attribute {name!r}")
