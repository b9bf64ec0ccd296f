"""Reporters: each renders a RunResult and never recomputes a finding."""
