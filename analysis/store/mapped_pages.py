"""Letting go of the store's pages a process mapped, after a big job.

LMDB reads through a shared, read-only memory map of `data.mdb`. Every page
a process reads stays in its page tables, and in its resident size and PSS,
until the process exits: after a cold index of Django the language server's
cycle worker maps about 250 MB of the store it read once (enrichment, the
global pass) and will not read again while the developer edits one file.
`release_mapped_pages` drops those mappings (`madvise(MADV_DONTNEED)`); the
pages stay in the kernel's page cache, so the next read of one is a minor
fault, not a disk read, and what the process shows afterwards is what it
touches since. Nothing is lost: a clean file-backed page is re-read from the
same file (LMDB never writes through this map: `writemap` is off).

Linux only (`/proc/self/maps`); elsewhere it does nothing. Who calls it:
a big cycle (a cold index, a branch switch), in the cycle's process and in
each enrichment worker, every `defaults.BIG_CYCLE_RELEASE_SECONDS` while it
runs (`released_periodically`: between them its commits, enrichers, global
passes and rules read the whole store, and a cold index of Django otherwise
ends with 250 MB of it mapped in each process: the tree's peak memory), and
after each of enrichment's write transactions (their edges land all over the
store; on Linux 6.18 a fault maps the whole 2 MB folio of the page cache
around the page, so one transaction mapped 180 MB);
the cycle worker once it has been idle for
`defaults.WORKER_RELEASE_IDLE_SECONDS` (not after every keystroke's cycle:
the next one would fault its working set in again), and the language server
`defaults.SERVER_RELEASE_SECONDS` after its requests first read the store
(the kernel maps 64 KiB or more around each page touched: a pass of hover and
definition over Django maps about 180 MB; what one request reads again comes
back as a few minor faults, microseconds).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import logging
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from graphwarden.analysis import defaults

log = logging.getLogger(__name__)

_MADV_DONTNEED = 4


def _mappings_of(path: Path) -> list[tuple[int, int]]:
    """The address ranges of this process mapping `path` (Linux)."""
    target = str(path.resolve())
    out = []
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                parts = line.split(maxsplit=5)
                if len(parts) == 6 and parts[5].rstrip("\n") == target:
                    start, end = (int(x, 16) for x in parts[0].split("-"))
                    out.append((start, end))
    except OSError:
        return []
    return out


def mapped_bytes(data_file: Path, process: int | str = "self") -> int:
    """How much of `data_file` a process (this one) has mapped now (its resident size
    in `/proc/PID/smaps`; 0 elsewhere). Milliseconds: for logs, not for every cycle."""
    target = str(data_file.resolve())
    total = 0
    inside = False
    try:
        with open(f"/proc/{process}/smaps", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                first = line.split(maxsplit=1)[0]
                if "-" in first and not first.endswith(":"):
                    inside = line.rstrip("\n").endswith(" " + target)
                elif inside and first == "Rss:":
                    total += int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return 0
    return total


@functools.cache
def _madvise() -> Callable[[int, int, int], int]:
    # The process's own symbols include libc's (no `find_library`: it runs
    # ldconfig in a subprocess); ctypes releases the interpreter lock around
    # the call, so a thread releasing pages never stalls the others.
    madvise = ctypes.CDLL(None, use_errno=True).madvise
    madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    madvise.restype = ctypes.c_int
    return madvise


def release_mapped_pages(data_file: Path, why: str = "") -> int:
    """Drop this process's mappings of `data_file`'s pages; returns the bytes advised.
    With `why` (the occasion), logs at debug level how much was mapped."""
    if not sys.platform.startswith("linux"):
        return 0
    if why and log.isEnabledFor(logging.DEBUG):
        log.debug("%s: unmapped %d KiB of the store's pages", why, mapped_bytes(data_file) // 1024)
    ranges = _mappings_of(data_file)
    if not ranges:
        return 0
    madvise = _madvise()
    advised = 0
    for start, end in ranges:
        if madvise(start, end - start, _MADV_DONTNEED) == 0:
            advised += end - start
        else:
            log.debug("madvise of %s failed: errno %d", data_file, ctypes.get_errno())
    return advised


@contextlib.contextmanager
def released_periodically(
    data_file: Path, every: float = defaults.BIG_CYCLE_RELEASE_SECONDS
) -> Iterator[None]:
    """While the block runs, unmap this process's pages of `data_file` every
    `every` seconds (a thread: safe while others read, a page they touch again
    is a minor fault), and once more at its end."""
    if not sys.platform.startswith("linux"):
        yield
        return
    stop = threading.Event()

    def release_until_stopped() -> None:
        while not stop.wait(every):
            release_mapped_pages(data_file)

    thread = threading.Thread(
        target=release_until_stopped, name="graphwarden-release-pages", daemon=True
    )
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        release_mapped_pages(data_file)
