"""The live probe: minimal documented requests against the backend, answers read as findings."""
