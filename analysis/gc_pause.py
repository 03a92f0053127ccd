"""The heap: the cyclic collector paused around one file's work, the long-lived heap
frozen, and freed memory handed back to the system between jobs.

Analysing a file (its syntax tree, nodes, edges, data-flow IR) or enriching
one allocates many objects that live until the file is done and then die
by reference count. Collections while they live promote them to the oldest
generation, and CPython starts a full collection (a walk of the whole heap:
in an enrichment worker, every decoded summary it holds) whenever enough
objects have been promoted since the last one: a cold index of Django spent
about a fifth of its CPU in such walks. With the collector paused for the
file, its temporaries are gone before it looks; what the file left behind
(caches, reference cycles) is collected as usual afterwards, so memory
stays bounded by one file's work.

Memory a process freed stays its own until the C allocator gives it back,
which glibc does only from the top of its heap: after a chunk of files, the
freed memory between what lives on is still counted against the process.
`return_freed_memory` asks for it to be given back (`malloc_trim`), where
that exists.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)

#: Objects in the collector's oldest generation from which `tidy_heap`
#: collects and freezes (below, a full collection is cheap anyway).
FREEZE_ABOVE = 50_000


def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    trim: Callable[[int], int] | None = getattr(libc, "malloc_trim", None)
    return trim


#: glibc's `malloc_trim`, or None (another C library, another system).
_MALLOC_TRIM = _malloc_trim()


def return_freed_memory() -> None:
    """Give the memory this process freed back to the system, where the C library can.

    Called by the pool's worker processes after each chunk of files: an
    enrichment worker's PSS on Django's cold index peaked at 130-135 MB
    without it, 108-113 MB with it (the live heap at a chunk's end is about
    30 MB; the rest was freed memory still held). About a millisecond."""
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic collection inside (a caller's own pause is left as it was)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def tidy_heap() -> None:
    """Collect and freeze the long-lived heap once it has grown, at a quiet moment.

    A long-lived process (the cycle worker after an index, the language
    server with its decoded-node caches) holds hundreds of thousands of
    objects; every full collection walks them all: 15-40 ms in the server
    on Django, 250 ms in a worker on a loaded machine, landing in whatever
    request or cycle runs then. Called between jobs (after results are
    out), this runs one full collection (finding cyclic garbage among
    earlier frozen objects too) and freezes what survives: later
    collections walk only what is newer. Frozen objects are still freed by
    reference counting. Only when the oldest generation holds
    `FREEZE_ABOVE` objects, so typing, whose cycles keep little, never pays.
    """
    if len(gc.get_objects(generation=2)) < FREEZE_ABOVE:
        return
    t0 = time.perf_counter()
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    return_freed_memory()
    log.debug(
        "heap collected and frozen (%d objects) in %.0f ms",
        gc.get_freeze_count(),
        (time.perf_counter() - t0) * 1000,
    )
