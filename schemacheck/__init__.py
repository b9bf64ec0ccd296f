"""schemacheck: prove whether an API's TypeScript documentation matches its live backend."""

__version__ = "0.1.0"
