"""Pause the cyclic garbage collector while a text is analysed.

An analysis makes tens of thousands of small objects (lattices, arcs, passes) that live
until it ends and hold no reference cycles, and a full collection meanwhile walks them
and every compiled phrasebook rule (over 100,000 objects): about a quarter of repair's
time went to the collector. Reference counting frees everything as usual while it is
paused; it runs again when the last paused analysis in the process ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_active = 0  # paused bodies running, in any thread
_resume = False  # whether the collector was on when the first of them began


@contextmanager
def paused() -> Iterator[None]:
    """Run the body with the cyclic collector off (if it was on): re-entrant and
    thread-safe, it is back on when the last paused body in the process ends."""
    global _active, _resume
    with _lock:
        if not _active:
            _resume = gc.isenabled()
            gc.disable()
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if not _active and _resume:
                gc.enable()
