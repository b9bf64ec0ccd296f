"""Work done meanwhile on the second core: a forked child computes bytes, the parent reads them
later. Threads would take turns (tree-sitter and the model's Python code hold the GIL)."""

from __future__ import annotations

import os
import select
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Forked:
    pid: int
    pipe: int  # the read end


def start(work: Callable[[], bytes]) -> Forked | None:
    """Run `work` in a forked child; None where forking is not safe (no fork, or another
    thread running, which the child would not have) or would not pay (one core)."""
    if not hasattr(os, "fork") or threading.active_count() > 1 or _cores() < 2:
        return None
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: hand the result over and leave without any cleanup
        status = 1
        try:
            os.close(read_end)
            payload = work()
            with os.fdopen(write_end, "wb") as out:
                out.write(len(payload).to_bytes(8, "big") + payload)
            status = 0
        finally:
            os._exit(status)  # any failure (Ctrl-C included): an exit status collect refuses
    os.close(write_end)
    return Forked(pid, read_end)


def _cores() -> int:
    """The cores this process may run on (its affinity, as a container's cpuset sets it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def collect(forked: Forked) -> bytes:
    """What the child handed over: b"" if it failed, was killed or handed over less than it
    said (the caller then does the work itself)."""
    with os.fdopen(forked.pipe, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(forked.pid, 0)
    size, payload = int.from_bytes(data[:8], "big"), data[8:]
    if status != 0 or len(data) < 8 or size != len(payload):
        return b""
    return payload


def ready(forked: Forked) -> bool:
    """Whether the child has begun handing over (or ended): collect() will not wait long."""
    return bool(select.select([forked.pipe], [], [], 0)[0])


def abandon(forked: Forked) -> None:
    """The caller did the child's work itself first: stop the child and reap it."""
    try:
        os.kill(forked.pid, signal.SIGKILL)
    except ProcessLookupError:  # already gone
        pass
    os.waitpid(forked.pid, 0)
    os.close(forked.pipe)
