"""The watching loop behind `graphwarden watch`: re-run the cycle whenever files change.

File events (watchfiles) are fed to the `CycleScheduler` the language server
uses too: a debounce, a maximum wait while changes keep coming, a stale cycle
cancelled and its changes requeued. Cycles run in a worker thread, so events
keep arriving (and can cancel a stale cycle) while one runs. What enters the
graph is decided by `FileFilter`, the rule of `graphwarden index`. What a
cycle did is handed to the caller as `CycleStats`; saying it in words is the
command line's job (`graphwarden.cli.commands.watch`), so nothing here prints.
"""

from __future__ import annotations

import asyncio
import faulthandler
import logging
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from graphwarden.analysis import defaults
from graphwarden.analysis.discovery import FileFilter
from graphwarden.analysis.orchestrator import CycleStats, FileChange, Orchestrator
from graphwarden.analysis.scheduler import (
    AsyncioTimers,
    Batch,
    CycleScheduler,
    Outcome,
    ThreadExecutor,
)

log = logging.getLogger(__name__)

#: How long the watcher waits before it reports a quiet period (its readiness).
READY_PROBE_MS = 100
#: Longest a stop (Ctrl-C, `stop`) may take, workspace closed included, before the
#: process reports where it waits and exits.
STOP_DEADLINE_S = 45
#: Quiet time after which watchfiles hands a group of raw events over.
EVENT_STEP_MS = 50
#: The scheduler's tag for every change here: the disk decides.
DISK = "disk"


class _Watcher:
    """The scheduler's owner for one watched workspace (methods run on the loop)."""

    def __init__(self, orch: Orchestrator, on_cycle: Callable[[CycleStats], None]) -> None:
        self.orch = orch
        self.on_cycle = on_cycle
        with orch.snapshot() as snap:
            #: Files in the graph: a deletion matters only for those.
            self.known = {rec.path for rec in snap.files()}
        self.filter = self._new_filter()

    def _new_filter(self) -> FileFilter:
        s = self.orch.settings
        return FileFilter(self.orch.root, s.include, s.exclude, store_dir=self.orch.store.path)

    def relevant(self, paths: Iterable[str]) -> list[str]:
        """The workspace-relative paths among `paths` that may change the graph."""
        rels = []
        for p in paths:
            try:
                rel = Path(p).relative_to(self.orch.root).as_posix()
            except ValueError:
                continue
            if rel == ".gitignore" or rel.endswith("/.gitignore"):
                self.filter = self._new_filter()  # new files are judged by the new rules
            elif rel in self.known or self.filter.accepts(rel):
                rels.append(rel)
        return rels

    # -- CycleOwner ----------------------------------------------------------------------

    def prepare(self, batch: Batch) -> list[FileChange]:
        changes = []
        for rel in sorted(batch.changes):
            if (self.orch.root / rel).is_file():
                if rel in self.known or self.filter.accepts(rel):
                    self.known.add(rel)
                    changes.append(FileChange(rel))
            elif rel in self.known:
                self.known.discard(rel)
                changes.append(FileChange(rel, deleted=True))
        return changes

    def run(self, changes: list[FileChange]) -> CycleStats | None:
        """The worker thread: one cycle (None when the events changed nothing we index)."""
        return self.orch.apply_changes(changes) if changes else None

    def was_cancelled(self, result: CycleStats | None) -> bool:
        return result is not None and result.cancelled

    def cancel_running(self) -> None:
        self.orch.request_cancel()

    def finished(self, batch: Batch, outcome: Outcome[CycleStats | None]) -> None:
        if outcome.error is not None:
            log.error("cycle failed: %r", outcome.error, exc_info=outcome.error)
        elif not outcome.cancelled and outcome.result is not None:
            self.on_cycle(outcome.result)


def watch_workspace(
    orch: Orchestrator,
    debounce_ms: int = defaults.DEBOUNCE_MS,
    *,
    on_ready: Callable[[CycleStats], None],
    on_cycle: Callable[[CycleStats], None],
    stop: threading.Event | None = None,
    max_wait_ms: int = defaults.MAX_WAIT_MS,
) -> int:
    """Index, then re-run the cycle on every debounced batch of changes until stopped.

    `on_ready` gets the initial cycle's stats once the OS watches are in place
    (a change made after it is never missed); `on_cycle` gets every later
    cycle's. Ctrl-C stops the loop (and the running cycle) and returns 0.
    From the moment the loop stops, a deadline of `STOP_DEADLINE_S` runs: the
    caller calls `stopped()` once it has closed the workspace, or the process
    prints every thread's stack and exits 1.
    """
    try:
        return asyncio.run(_watch(orch, debounce_ms, max_wait_ms, on_ready, on_cycle, stop))
    except KeyboardInterrupt:
        return 0


async def _watch(
    orch: Orchestrator,
    debounce_ms: int,
    max_wait_ms: int,
    on_ready: Callable[[CycleStats], None],
    on_cycle: Callable[[CycleStats], None],
    stop: threading.Event | None,
) -> int:
    import watchfiles

    loop = asyncio.get_running_loop()
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gw-watch")
    stop_event = asyncio.Event()
    bridge = asyncio.ensure_future(_bridge(stop, stop_event)) if stop is not None else None
    scheduler: CycleScheduler[list[FileChange], CycleStats | None] | None = None
    try:
        stats = await loop.run_in_executor(pool, orch.index_repository)
        watcher = _Watcher(orch, on_cycle)
        scheduler = CycleScheduler(
            watcher,
            ThreadExecutor(watcher.run, pool, loop.call_soon_threadsafe),
            AsyncioTimers(loop),
            debounce=debounce_ms / 1000,
            max_wait=max_wait_ms / 1000,
            name=orch.root.name,
        )
        scheduler.start()
        ready = False
        # yield_on_timeout: the watcher yields an empty batch when a quiet period
        # passes. The first yield proves the OS watches are in place, and only then
        # is `on_ready` called: a change made after it is never missed.
        async for events in watchfiles.awatch(
            orch.root,
            debounce=max_wait_ms,
            step=EVENT_STEP_MS,
            stop_event=stop_event,
            rust_timeout=READY_PROBE_MS,
            yield_on_timeout=True,
            recursive=True,
            ignore_permission_denied=True,
        ):
            if not ready:
                ready = True
                on_ready(stats)
            for rel in watcher.relevant(path for _change, path in events):
                scheduler.change(rel, DISK)
    finally:
        # Stopping must never hang (Ctrl-C once seen to wait for ever under
        # load, not reproduced): past STOP_DEADLINE_S, every thread's stack
        # goes to stderr and the process exits 1. The caller disarms it once
        # it has closed the workspace (`stopped`).
        faulthandler.dump_traceback_later(STOP_DEADLINE_S, exit=True)
        if bridge is not None:
            bridge.cancel()
        if scheduler is not None:
            scheduler.close()
        # A running cycle stops at its next checkpoint; wait for it before the
        # caller closes the store.
        orch.request_cancel()
        pool.shutdown(wait=True)
    return 0


def stopped() -> None:
    """The caller has closed what the watch used: disarm the stop deadline."""
    faulthandler.cancel_dump_traceback_later()


async def _bridge(stop: threading.Event, event: asyncio.Event) -> None:
    """Set `event` once the caller's thread-side `stop` is set (polled: it has no waiter)."""
    while not stop.is_set():
        await asyncio.sleep(EVENT_STEP_MS / 1000)
    event.set()
