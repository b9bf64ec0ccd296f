"""Forking as in the CLI, inside a test: xdist's worker runs threads (forked.py then refuses),
and the machine running the suite may have one core. Returns the pids of the children forked."""

from __future__ import annotations

import threading

import pytest

from schemacheck import forked


def allow_forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(forked, "_cores", lambda: 2)
    children: list[int] = []
    real_fork = forked.os.fork

    def fork() -> int:
        pid = real_fork()
        children.append(pid)
        return pid

    monkeypatch.setattr(forked.os, "fork", fork)
    return children
