"""The text of files that are not open in the editor, for position conversion.

Ranges of graph nodes in closed files still need their line text when the
client counts in UTF-16 or UTF-8. Files are read lazily and kept in a small
LRU keyed by (path, mtime, size), so an edited file is never served stale.
"""

from __future__ import annotations

import threading
from pathlib import Path

from cachetools import LRUCache

from graphwarden.analysis.safe_read import read_text
from graphwarden.lsp_server.positions import split_lines


class LineCache:
    """Thread-safe LRU of disk files' lines."""

    def __init__(self, maxsize: int = 256) -> None:
        self._cache: LRUCache[tuple[str, int, int], list[str]] = LRUCache(maxsize=maxsize)
        self._lock = threading.Lock()

    def get(self, path: Path) -> list[str]:
        """The lines of `path` as on disk now ([] when unreadable)."""
        try:
            st = path.stat()
        except OSError:
            return []
        key = (str(path), st.st_mtime_ns, st.st_size)
        with self._lock:
            hit = self._cache.get(key)
        if hit is not None:
            return hit
        try:
            lines = split_lines(read_text(path))
        except OSError:
            return []
        with self._lock:
            self._cache[key] = lines
        return lines
