"""Watching a folder for changes on disk, for clients that cannot watch files for the server.

A client that cannot register `workspace/didChangeWatchedFiles` watchers
(Neovim 0.11 on Linux) would never tell the server about a `git checkout`
in a terminal. The server then watches each folder itself (watchfiles, the
library `graphwarden watch` uses) and treats the events as the client's
would be treated (`WorkspaceState.disk_changed`: the folder's `FileFilter`
decides what enters the graph, an open buffer wins over the disk, config
files reload the folder). Events are grouped by watchfiles (50 ms of quiet,
at most 1 s) and debounced again by the folder's scheduler, so a branch
switch becomes one cycle.

The watch runs in watchfiles' thread (Rust, without the interpreter lock
while it waits); only the grouped events reach the event loop. The store
directory, written on every cycle, is filtered out before that.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

#: Quiet time that ends a group of raw events, and the longest a group waits (ms).
EVENT_STEP_MS = 50
EVENT_GROUP_MS = 1000
#: How often watchfiles hands over "nothing happened" (ms): the first time tells
#: that the watches are in place (logged, so tests and users can tell).
READY_PROBE_MS = 500


class DiskWatcher:
    """Watches one folder; hands workspace-relative paths that changed to `on_changes`."""

    def __init__(
        self,
        root: Path,
        on_changes: Callable[[list[str]], None],
        store_dir: Callable[[], Path | None],
    ) -> None:
        self.root = root
        self.on_changes = on_changes
        self.store_dir = store_dir
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._default: Any = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.ensure_future(self._run())

    def stop(self) -> None:
        """Stop watching (from the event loop)."""
        self._stop.set()
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def _accept(self, change: object, path: str) -> bool:
        store = self.store_dir()
        if store is not None and (path == str(store) or path.startswith(f"{store}/")):
            return False
        # watchfiles' own filter: VCS folders, caches, editor swap files.
        return self._default is None or bool(self._default(change, path))

    async def _run(self) -> None:
        import watchfiles

        self._default = watchfiles.DefaultFilter()
        ready = False
        try:
            async for events in watchfiles.awatch(
                self.root,
                watch_filter=self._accept,
                debounce=EVENT_GROUP_MS,
                step=EVENT_STEP_MS,
                stop_event=self._stop,
                rust_timeout=READY_PROBE_MS,
                yield_on_timeout=True,
                recursive=True,
                ignore_permission_denied=True,
            ):
                if not ready:
                    ready = True
                    log.info("watching %s for changes on disk", self.root)
                rels = sorted({rel for _, path in events if (rel := self._relative(path))})
                if rels:
                    self.on_changes(rels)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("watching %s for changes on disk failed", self.root)

    def _relative(self, path: str) -> str | None:
        with contextlib.suppress(ValueError):
            return Path(path).relative_to(self.root).as_posix()
        return None
