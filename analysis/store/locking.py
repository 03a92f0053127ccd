"""The cross-process cycle lock: one cycle at a time on a store, whoever runs it.

LMDB already serialises write transactions across processes, but a cycle is
many transactions (analysis in chunks, then each enricher) computed against
snapshots in between. Two processes interleaving their cycles on one store
(an editor's server and `graphwarden check` in a terminal, or two editors on
one folder) could each enrich against a graph the other is half-way through
changing. An advisory file lock held for a whole cycle orders them: each
cycle starts from everything the other committed. Readers never take it.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = "cycle.lock"


@contextmanager
def cycle_file_lock(store_dir: Path) -> Iterator[None]:
    """Hold the store's cycle lock (blocking until another process's cycle ends)."""
    fd = os.open(store_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
