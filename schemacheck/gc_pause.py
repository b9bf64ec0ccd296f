"""Cyclic garbage collection paused while a run builds its model.

Loading and diffing a large pair builds millions of dicts and records that form no reference
cycles; a collection meanwhile scans the whole loaded model and finds nothing (on GitHub's pair
it was a fifth of a cold `diff`). Reference counting still frees everything as usual.

What was built meanwhile is left in the youngest generation, so the first collection after would
scan all of it: the outermost pause ends by freezing what is alive (gc.freeze), which later
collections skip; it is the run's model, kept to the end of the process anyway."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic collection inside; nested uses keep it off until the outermost ends."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.freeze()
            gc.enable()
