"""The workspace's baseline as the server sees it: `graphwarden-baseline.json` at the root.

Violations it records are not shown (as `graphwarden check --baseline
graphwarden-baseline.json` hides them); the "add to the baseline" action
writes it. The file's format is the library's
(`analysis/guarantees/baseline.py`); this only caches its fingerprints,
read again when the file's stamp (mtime, size, inode) changes.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from graphwarden.analysis import defaults
from graphwarden.analysis.guarantees.baseline import BaselineError, add_to_baseline, read_baseline
from graphwarden.analysis.guarantees.results import Violation

log = logging.getLogger(__name__)


class WorkspaceBaseline:
    """The fingerprints recorded in a folder's baseline file (none when it has none)."""

    def __init__(self, root: Path) -> None:
        self.path = root / defaults.BASELINE_FILE
        self._stamp: tuple[int, int, int] | None = None
        self._known: frozenset[str] = frozenset()

    def known(self) -> frozenset[str]:
        try:
            st = self.path.lstat()
        except OSError:
            self._stamp, self._known = None, frozenset()
            return self._known
        if not stat.S_ISREG(st.st_mode):
            # A symlink (which could lead out of the workspace), a FIFO...: not read.
            if self._stamp != (0, 0, st.st_ino):
                log.warning("%s is not a regular file: not read", self.path)
            self._stamp, self._known = (0, 0, st.st_ino), frozenset()
            return self._known
        stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
        if stamp != self._stamp:
            self._stamp = stamp
            try:
                self._known = frozenset(read_baseline(self.path))
            except BaselineError as exc:
                log.warning("%s: not hiding its violations", exc)
                self._known = frozenset()
        return self._known

    def add(self, violations: Iterable[Violation]) -> int:
        """Record `violations` in the file (created when missing); how many were new.

        Raises `BaselineError` when the path holds something else than a regular file
        (a symlink is neither followed nor replaced) or a file that is no baseline."""
        try:
            st: os.stat_result | None = self.path.lstat()
        except FileNotFoundError:
            st = None
        if st is not None and not stat.S_ISREG(st.st_mode):
            raise BaselineError(f"{self.path} is not a regular file: not changed")
        added = add_to_baseline(self.path, violations)
        self._stamp = None
        return added
