"""One workspace folder in the server: its open workspace, open buffers, and when its cycles run.

Threading model (why it looks like this):

* The event loop (pygls) owns everything here except a job's body. Requests
  read the latest committed LMDB snapshot on the loop and never wait for a
  cycle.
* Each folder has its own single-thread executor, so one folder's big
  re-index never delays another's edits, and pygls's own thread pool (used
  for stdin) is never occupied by enrichment. Opening and closing the store
  run there too, in order with the cycles.
* *When* a cycle runs is the library's `CycleScheduler` (debounce, maximum
  wait, a stale cycle cancelled and its changes requeued): the same rules as
  `graphwarden watch`. This module prepares the jobs on the loop (buffer
  texts are read there), runs them in the worker thread (the cycle, then the
  folder's diagnostics) and hands the results to the diagnostics publisher.
* *What* enters the graph is the library's `FileFilter`, the rule
  `graphwarden index` follows: a gitignored, excluded or `build/` file opened
  in the editor stays out.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from lsprotocol import types

from graphwarden.analysis import CycleStats, FileChange, defaults
from graphwarden.analysis.discovery import FileFilter
from graphwarden.analysis.guarantees.checker import GuaranteeChecker
from graphwarden.analysis.languages import language_of
from graphwarden.analysis.orchestrator import Orchestrator
from graphwarden.analysis.scheduler import (
    AsyncioTimers,
    Batch,
    CycleScheduler,
    Outcome,
    ThreadExecutor,
    wait_settled,
)
from graphwarden.analysis.workspace import OpenWorkspace, UserChoices, open_workspace
from graphwarden.lsp_server.editor import Editor
from graphwarden.lsp_server.progress import IndexProgress, IndexTask
from graphwarden.lsp_server.settings import ServerSettings, apply_log_level

log = logging.getLogger(__name__)

#: Config files whose change means new settings (a new Orchestrator, a re-index).
CONFIG_FILES = ("pyproject.toml", "graphwarden.toml", "tsconfig.json")

# Where a pending change's content comes from when its cycle starts (scheduler tags).
BUFFER, DISK = "buffer", "disk"

#: Diagnostics per workspace-relative file.
FileDiagnostics = dict[str, list[types.Diagnostic]]


@dataclass
class CycleJob:
    """A prepared batch: values the worker thread runs with (no buffer is read there)."""

    index: bool = False
    reindex: bool = False
    changes: list[FileChange] = field(default_factory=list)
    #: Buffer texts the changes were taken from (for position conversion).
    texts: dict[str, str] = field(default_factory=dict)
    progress: IndexTask | None = None


@dataclass
class CycleResult:
    """What a job did: the last cycle's stats, the index's, and the folder's diagnostics."""

    stats: CycleStats | None = None
    index_stats: CycleStats | None = None
    diagnostics: FileDiagnostics = field(default_factory=dict)
    cancelled: bool = False


class DiagnosticsSink(Protocol):
    """Where a folder's diagnostics go (`features/diagnostics.py`)."""

    def collect(
        self,
        state: WorkspaceState,
        workspace: OpenWorkspace,
        stats: CycleStats | None,
        texts: dict[str, str],
        full: bool,
    ) -> FileDiagnostics:
        """Every file's diagnostics after a cycle (runs in the folder's worker thread)."""
        ...

    def publish(self, state: WorkspaceState, diagnostics: FileDiagnostics) -> None:
        """Send what changed (on the event loop)."""
        ...

    def forget(self, state: WorkspaceState) -> None:
        """The folder is gone: clear what was published for it."""
        ...


class WorkspaceState:
    """A workspace folder: its open workspace, overlays, file filter and scheduling."""

    def __init__(
        self,
        root: Path,
        uri: str,
        settings: ServerSettings,
        *,
        editor: Editor,
        progress: IndexProgress,
        diagnostics: DiagnosticsSink,
    ) -> None:
        self.root = root
        self.uri = uri
        self.settings = settings
        self.editor = editor
        self.progress = progress
        self.diagnostics = diagnostics
        self.workspace: OpenWorkspace | None = None
        #: What may enter the graph (None until the configuration is read).
        self.filter: FileFilter | None = None
        #: Relative path -> uri of buffers open in the editor (they overlay the disk).
        self.open_docs: dict[str, str] = {}
        #: Bumped after every job: part of every cache key (with the store revision).
        self.generation = 0
        self.closed = False
        self.executor = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix=f"gw-cycle-{root.name}"
        )
        loop = asyncio.get_running_loop()
        self.scheduler: CycleScheduler[CycleJob, CycleResult] = CycleScheduler(
            self,
            ThreadExecutor(self._run, self.executor, loop.call_soon_threadsafe),
            AsyncioTimers(loop),
            debounce=self._debounce(),
            max_wait=defaults.MAX_WAIT_MS / 1000,
            name=root.name,
        )
        self._progress: IndexTask | None = None
        self._reindex_waiters: list[asyncio.Future[CycleStats | None]] = []

    @property
    def orch(self) -> Orchestrator | None:
        return self.workspace.orchestrator if self.workspace is not None else None

    @property
    def checker(self) -> GuaranteeChecker | None:
        return self.workspace.checker if self.workspace is not None else None

    # -- opening and closing ------------------------------------------------------------

    def start(self) -> None:
        """Open the workspace (in the worker thread), then index it."""
        log.info("workspace folder %s: %s", self.root, self.settings.summary())
        choices = UserChoices(
            store=Path(self.settings.store_path) if self.settings.store_path else None,
            enrichers=dict(self.settings.enrichers),
        )
        opening = asyncio.wrap_future(self.executor.submit(open_workspace, self.root, choices))
        opening.add_done_callback(self._opened)

    def _opened(self, fut: asyncio.Future[OpenWorkspace]) -> None:
        if fut.cancelled() or fut.exception() is not None:
            log.error("cannot open workspace %s: %s", self.root, fut.exception())
            return
        ws = fut.result()
        if self.closed:  # closed while it was opening: release the store at once
            with contextlib.suppress(Exception):
                ws.close()
            return
        for warning in ws.warnings:
            log.warning("%s: %s", self.root, warning)
        self.workspace = ws
        self.filter = self._file_filter()
        self.scheduler.debounce = self._debounce()
        log.info("opened %s (store %s)", self.root, ws.orchestrator.store.path)
        self.scheduler.request_index()
        self.scheduler.start()

    def reload(self) -> None:
        """New configuration: close the workspace, open it again, re-index."""
        if self.closed:
            return
        log.info("configuration of %s changed: re-opening the store and re-indexing", self.root)
        old = self.workspace
        # Requests answer "nothing" until the new store is open, rather than
        # read a store that is being closed.
        self.workspace = None
        self.filter = None
        self.scheduler.pause()
        if old is not None:
            old.orchestrator.request_cancel()
            self.executor.submit(old.close)
        self.start()

    def close(self, wait: bool = True) -> None:
        """Stop the running cycle, close the store; no reader or writer is left behind."""
        if self.closed:
            return
        self.closed = True
        self.scheduler.close()
        self._resolve_reindex(None)
        ws = self.workspace
        if ws is not None:
            ws.orchestrator.request_cancel()
            # close() takes the cycle lock: it waits for the cancelled cycle to stop.
            closing = self.executor.submit(ws.close)
            if wait:
                try:
                    closing.result(timeout=30)
                except Exception:
                    log.exception("closing the store of %s failed", self.root)
        self.executor.shutdown(wait=wait, cancel_futures=False)

    # -- settings and paths ----------------------------------------------------------------

    def apply_settings(self, new: ServerSettings) -> None:
        """Apply changed editor settings: reopen the store only when needed."""
        old, self.settings = self.settings, new
        apply_log_level(new.log_level)
        if new != old:
            log.info("settings of %s: %s", self.root, new.summary())
        self.scheduler.debounce = self._debounce()
        if new.store_affecting() != old.store_affecting():
            self.reload()
        elif new.diagnostics != old.diagnostics:
            self.recollect()

    def _debounce(self) -> float:
        """Seconds of quiet before an edit's cycle: the editor's setting if the user
        made one, else the workspace's `debounce_ms`."""
        ms = self.settings.debounce_ms
        if ms is None:
            ms = self.workspace.settings.debounce_ms if self.workspace else defaults.DEBOUNCE_MS
        return ms / 1000

    def _file_filter(self) -> FileFilter | None:
        # Built again for every full index: .gitignore files may have changed.
        orch = self.orch
        if orch is None:
            return None
        s = orch.settings
        return FileFilter(orch.root, s.include, s.exclude, store_dir=orch.store.path)

    def relative(self, path: Path) -> str | None:
        """The workspace-relative POSIX path of `path`, or None if outside this folder."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return None

    def uri_of(self, rel: str) -> str:
        """The URI the client knows a file by (an open buffer's own spelling first)."""
        return self.open_docs.get(rel) or (self.root / rel).as_uri()

    def accepts(self, rel: str) -> bool:
        """Whether `rel` may enter the graph (the rule `graphwarden index` follows).

        Before the configuration is read only the extension is known; the job
        asks again when it starts.
        """
        f = self.filter
        return f.accepts(rel) if f is not None else language_of(rel) is not None

    # -- scheduling ----------------------------------------------------------------------

    def change(self, rel: str, kind: str, *, immediate: bool = False) -> None:
        """Queue a change to `rel` (BUFFER: take the open buffer; DISK: read the file)."""
        if not self.closed:
            self.scheduler.change(rel, kind, immediate=immediate)

    def recollect(self) -> None:
        """Recompute diagnostics without a cycle (the diagnostics settings changed)."""
        self.scheduler.request_collect()

    def refilter(self) -> None:
        """A .gitignore changed: what belongs in the graph may have too (a warm index)."""
        self.scheduler.request_index()

    @property
    def busy(self) -> bool:
        """Changes are queued or a job is running."""
        return bool(self.scheduler.pending) or self.scheduler.running is not None

    async def settled(self, timeout: float) -> None:
        """Wait (bounded) until queued and running work is done: for pull diagnostics only."""
        await wait_settled(self.scheduler, timeout)

    async def run_reindex(self) -> CycleStats | None:
        """Drop the store and index from scratch (the graphwarden.reindex command)."""
        if self.closed or self.workspace is None:
            return None
        waiter: asyncio.Future[CycleStats | None] = asyncio.get_running_loop().create_future()
        self._reindex_waiters.append(waiter)
        self.scheduler.request_reindex()
        return await waiter

    def _resolve_reindex(self, stats: CycleStats | None) -> None:
        waiters, self._reindex_waiters = self._reindex_waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(stats)

    # -- the scheduler's owner (CycleOwner), on the event loop ----------------------------

    def prepare(self, batch: Batch) -> CycleJob:
        """Turn a batch into values for the worker: buffer texts are read here, on the loop."""
        job = CycleJob(index=batch.index, reindex=batch.reindex)
        if batch.full:
            self.filter = self._file_filter()
            self._progress = job.progress = self.progress.start_index(
                self.root.name, self.cancel_running
            )
            # Buffers open before the index must overlay what it read from disk.
            for rel in self.open_docs:
                batch.changes.setdefault(rel, BUFFER)
        for rel, kind in list(batch.changes.items()):
            if not self.accepts(rel):
                del batch.changes[rel]  # an ignored file never enters the graph
                continue
            uri = self.open_docs.get(rel)
            text = self.editor.buffer_text(uri) if kind == BUFFER and uri is not None else None
            if text is not None:
                job.changes.append(FileChange(rel, text.encode("utf-8", "surrogatepass")))
                job.texts[rel] = text
                continue
            # Closed buffer or disk event: the disk decides (gone means deleted).
            batch.changes[rel] = DISK
            exists = (self.root / rel).is_file()
            job.changes.append(FileChange(rel) if exists else FileChange(rel, deleted=True))
        return job

    def was_cancelled(self, result: CycleResult) -> bool:
        return result.cancelled

    def cancel_running(self) -> None:
        orch = self.orch
        if orch is not None:
            orch.request_cancel()

    def finished(self, batch: Batch, outcome: Outcome[CycleResult]) -> None:
        self.generation += 1
        if self._progress is not None:
            self.progress.end(self._progress)
            self._progress = None
        result = outcome.result if outcome.error is None and not outcome.cancelled else None
        if batch.reindex:
            self._resolve_reindex(result.index_stats if result is not None else None)
        if self.closed:
            return
        if outcome.error is not None:
            log.error("cycle failed in %s: %r", self.root, outcome.error, exc_info=outcome.error)
            return
        if outcome.cancelled:
            if batch.full:
                log.info("indexing of %s cancelled; it resumes with the next change", self.root)
            return
        if result is None:
            return
        stats = result.index_stats
        if stats is not None:
            log.info(
                "indexed %s: %d files, %d nodes, %d edges in %.2f s",
                self.root,
                stats.files,
                stats.nodes,
                stats.edges,
                stats.seconds,
            )
        self.diagnostics.publish(self, result.diagnostics)

    # -- the worker thread ------------------------------------------------------------------

    def _run(self, job: CycleJob) -> CycleResult:
        """The cycle, then this folder's diagnostics."""
        ws = self.workspace
        if ws is None:
            return CycleResult(cancelled=True)
        orch = ws.orchestrator
        index_stats: CycleStats | None = None
        if job.reindex:
            index_stats = orch.reindex(progress=job.progress)
        elif job.index:
            index_stats = orch.index_repository(progress=job.progress)
        if index_stats is not None and index_stats.cancelled:
            return CycleResult(index_stats, index_stats, cancelled=True)
        stats = index_stats
        if job.changes:
            stats = orch.apply_changes(job.changes)
            if stats.cancelled:
                return CycleResult(stats, index_stats, cancelled=True)
        full = job.index or job.reindex
        diagnostics = self.diagnostics.collect(self, ws, stats, job.texts, full)
        return CycleResult(stats, index_stats, diagnostics)
