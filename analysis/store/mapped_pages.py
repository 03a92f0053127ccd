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

Linux only (`/proc/self/maps`); elsewhere it does nothing. Called after big
jobs only: releasing after every keystroke's cycle would make the next cycle
fault its working set in again.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys
from pathlib import Path

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


def release_mapped_pages(data_file: Path) -> int:
    """Drop this process's mappings of `data_file`'s pages; returns the bytes advised."""
    if not sys.platform.startswith("linux"):
        return 0
    ranges = _mappings_of(data_file)
    if not ranges:
        return 0
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    libc.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    libc.madvise.restype = ctypes.c_int
    advised = 0
    for start, end in ranges:
        if libc.madvise(start, end - start, _MADV_DONTNEED) == 0:
            advised += end - start
        else:
            log.debug("madvise of %s failed: errno %d", data_file, ctypes.get_errno())
    return advised
