"""The cyclic garbage collector paused around one file's work.

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
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


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
