"""forked.py: work handed to a forked child comes back as bytes, a failure as b"" (the caller
then does the work itself), and nothing is forked where it cannot be safe or pay."""

from __future__ import annotations

import threading

import pytest

from schemacheck import forked


@pytest.fixture(autouse=True)
def _one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # xdist's threads: as the CLI
    monkeypatch.setattr(forked, "_cores", lambda: 2)


def test_the_child_hands_its_bytes_back() -> None:
    child = forked.start(lambda: b"x" * 1_000_000)  # more than a pipe holds at once
    assert child is not None
    assert forked.collect(child) == b"x" * 1_000_000


def test_a_failing_child_hands_back_nothing() -> None:
    def work() -> bytes:
        raise ValueError("the child's own error")

    child = forked.start(work)
    assert child is not None and forked.collect(child) == b""


@pytest.mark.parametrize("threads, cores", [(2, 2), (1, 1)])
def test_no_fork_beside_a_thread_or_on_one_core(threads: int, cores: int,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threading, "active_count", lambda: threads)
    monkeypatch.setattr(forked, "_cores", lambda: cores)
    monkeypatch.setattr(forked.os, "fork", lambda: pytest.fail("forked"))
    assert forked.start(lambda: b"x") is None


def test_a_killed_child_hands_back_nothing() -> None:
    import os
    import signal

    def work() -> bytes:  # killed (as by the OOM killer) before it hands anything over
        os.kill(os.getpid(), signal.SIGKILL)
        return b"never"

    child = forked.start(work)
    assert child is not None and forked.collect(child) == b""


@pytest.mark.parametrize("shared", [16, None])
def test_a_payload_the_mapping_cannot_hold_comes_through_the_pipe(
        shared: int | None, monkeypatch: pytest.MonkeyPatch) -> None:
    # 16: a mapping smaller than the payload; None: no mapping could be made
    if shared is None:
        monkeypatch.setattr(forked, "_mapping", lambda: None)
    else:
        monkeypatch.setattr(forked, "SHARED_BYTES", shared)
    child = forked.start(lambda: bytes(range(256)) * 4000)
    assert child is not None
    assert forked.collect(child) == bytes(range(256)) * 4000


def test_the_mapping_is_released_after_collecting() -> None:
    child = forked.start(lambda: b"y" * 5000)
    assert child is not None and child.shared is not None
    assert forked.collect(child) == b"y" * 5000
    assert child.shared.closed


def test_an_abandoned_child_releases_its_mapping() -> None:
    import time

    child = forked.start(lambda: time.sleep(30) or b"late")  # type: ignore[func-returns-value]
    assert child is not None
    forked.abandon(child)
    assert child.shared is not None and child.shared.closed
