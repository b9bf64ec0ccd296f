"""Work done meanwhile on the second core: a forked child computes bytes, the parent reads them
later. Threads would take turns (tree-sitter and the model's Python code hold the GIL).

The bytes come back through a shared anonymous mapping made before the fork: the child copies
them in and the parent reads them in place, where a pipe moved 8 MB (a pickled GitHub spec) in
64 KiB turns of both processes (0.04 s against 0.008 s). The pipe still says when the child is
done and how much it wrote, and carries a payload too large for the mapping.

A child started to `serve` stays after its first answer and runs the tasks it is then sent (a
function and its arguments, pickled: the child has the parent's code) one by one, until the
parent closes the task pipe. Why: data a child made itself is its own, where data it shares
with the parent since the fork costs both a copy-on-write fault on every page they touch (the
judging of GitHub's contracts: 0.18 s alone, 0.23 s beside a sleeping fork). The docs' child
keeps the half it converted and judges its half of the contracts there (`park`, `unpark`)."""

from __future__ import annotations

import mmap
import os
import pickle
import select
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# Address space only: an untouched page of a shared anonymous mapping takes no memory.
SHARED_BYTES = 256 << 20
_IN_MAPPING, _IN_PIPE = b"M", b"P"
_HEADER = 9  # where the bytes are (a byte), how many (8)


@dataclass
class Forked:
    pid: int
    pipe: int  # the answers' read end
    shared: mmap.mmap | None  # the answers' bytes
    tasks: int | None = None  # a serving child's task pipe: the write end
    task_space: mmap.mmap | None = None  # the tasks' bytes
    reaped: bool = False  # its descriptors closed: never closed twice (the numbers get reused)


def start(work: Callable[[], bytes], serve: bool = False) -> Forked | None:
    """Run `work` in a forked child; None where forking is not safe (no fork, or another
    thread running, which the child would not have) or would not pay (one core)."""
    if not hasattr(os, "fork") or threading.active_count() > 1 or _cores() < 2:
        return None
    shared = _mapping()
    task_space = _mapping() if serve else None
    read_end, write_end = os.pipe()
    task_read, task_write = os.pipe() if serve else (-1, -1)
    pid = os.fork()
    if pid == 0:  # the child: hand the result over and leave without any cleanup
        status = 1
        try:
            os.close(read_end)
            if serve:
                os.close(task_write)
            _hand_over(write_end, shared, work())
            if serve:
                _serve(task_read, task_space, write_end, shared)
            status = 0
        finally:
            os._exit(status)  # any failure (Ctrl-C included): an exit status collect refuses
    os.close(write_end)
    if serve:
        os.close(task_read)
    return Forked(pid, read_end, shared, task_write if serve else None, task_space)


def _mapping() -> mmap.mmap | None:
    flags = mmap.MAP_SHARED | getattr(mmap, "MAP_ANONYMOUS", 0) | getattr(
        mmap, "MAP_NORESERVE", 0)
    try:
        return mmap.mmap(-1, SHARED_BYTES, flags=flags)
    except (OSError, ValueError):  # no room for the address range: the pipe alone
        return None


def _hand_over(fd: int, space: mmap.mmap | None, payload: bytes) -> None:
    if space is not None and len(payload) <= len(space):
        space[:len(payload)] = payload
        _write_all(fd, _IN_MAPPING + len(payload).to_bytes(8, "big"))
    else:
        _write_all(fd, _IN_PIPE + len(payload).to_bytes(8, "big") + payload)


def _receive(fd: int, space: mmap.mmap | None) -> bytes | None:
    """One handed-over payload; None if the other end closed (or broke off) first."""
    header = _read_exact(fd, _HEADER)
    if len(header) < _HEADER:
        return None
    size = int.from_bytes(header[1:], "big")
    if header[:1] == _IN_MAPPING:
        return space[:size] if space is not None and size <= len(space) else None
    payload = _read_exact(fd, size)
    return payload if len(payload) == size else None


def _serve(tasks: int, task_space: mmap.mmap | None, answers: int,
           shared: mmap.mmap | None) -> None:
    while (task := _receive(tasks, task_space)) is not None:
        function, args = pickle.loads(task)
        _hand_over(answers, shared, function(*args))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read_exact(fd: int, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _cores() -> int:
    """The cores this process may run on (its affinity, as a container's cpuset sets it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def answer(forked: Forked) -> bytes:
    """The child's next answer; b"" if it failed or was killed first (it is then reaped)."""
    payload = _receive(forked.pipe, forked.shared)
    if payload is None:
        collect(forked)
        return b""
    return payload


def ask(forked: Forked, function: Callable[..., bytes], *args: Any) -> bool:
    """Send a serving child a task (answered by answer()); False if it is gone."""
    if forked.tasks is None or forked.reaped:
        return False
    try:
        _hand_over(forked.tasks, forked.task_space, pickle.dumps(
            (function, args), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:  # the child died: a broken pipe
        return False
    return True


def collect(forked: Forked) -> bytes:
    """What the child handed over (a serving child: its next answer, then it is told to stop):
    b"" if it failed, was killed or handed over less than it said (the caller then does the
    work itself). The child is reaped."""
    if forked.reaped:
        return b""
    if forked.tasks is not None:
        os.close(forked.tasks)  # a serving child leaves once its task pipe is closed
    try:
        payload = _receive(forked.pipe, forked.shared) or b""
        _, status = os.waitpid(forked.pid, 0)
        return payload if status == 0 else b""
    finally:
        _release(forked, tasks=False)


def _release(forked: Forked, tasks: bool = True) -> None:
    forked.reaped = True
    os.close(forked.pipe)
    if tasks and forked.tasks is not None:
        os.close(forked.tasks)
    for space in (forked.shared, forked.task_space):
        if space is not None:
            space.close()


def ready(forked: Forked) -> bool:
    """Whether the child has begun handing over (or ended): answer() will not wait long."""
    return bool(select.select([forked.pipe], [], [], 0)[0])


def abandon(forked: Forked) -> None:
    """The caller did the child's work itself first: stop the child and reap it."""
    if forked.reaped:
        return
    try:
        os.kill(forked.pid, signal.SIGKILL)
    except ProcessLookupError:  # already gone
        pass
    os.waitpid(forked.pid, 0)
    _release(forked)


# --- a serving child kept for later work ---------------------------------------------------------
_parked: list[tuple[Forked, Any]] = []  # at most one: the child, and what it holds


def park(forked: Forked, holds: Any) -> None:
    """Keep a serving child, idle, with a note of what it holds, for a later unpark()."""
    for old, _ in _parked:
        abandon(old)
    _parked[:] = [(forked, holds)]


def unpark() -> tuple[Forked, Any] | None:
    """The parked child and what it holds (the caller now owns it: collect it when done)."""
    return _parked.pop() if _parked else None
