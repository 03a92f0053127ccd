"""One workspace folder in the server: its cycle worker, store reader, buffers, and when cycles run.

Processes (why it looks like this): the server process answers requests and
never runs a cycle. Each folder has a **cycle worker**, a process of its
own (`graphwarden.analysis.cycle_worker`) that opens the workspace and owns
the orchestrator, its analysis pool and the store's one LMDB writer. The
server holds a read-only handle on the same store (`StoreReader`) and
answers every request from a snapshot of the latest committed revision:
under CPython's interpreter lock a cycle in a thread of this process would
share one core with the requests; in another process it shares nothing,
and LMDB lets readers in other processes see each commit as it lands.

* The event loop (pygls) owns everything here. *When* a cycle runs is the
  library's `CycleScheduler` (debounce, maximum wait, a stale cycle
  cancelled and its changes requeued): the same rules as `graphwarden
  watch`. Jobs are prepared on the loop (buffer texts are read there) and
  cross to the worker as plain data; the worker's results come back to the
  loop, where diagnostics are converted and published. Cancelling the
  running cycle is a counter in shared memory, read by the cycle's own
  cancel check: it never waits for the pipe.
* Publish first: the worker reports the edited files' results before the
  cycle's global passes (the unreferenced enricher), and the diagnostics
  go out then; the end of the cycle may publish again.
* A worker that dies is started again; the job it ran is retried after a
  warm index (`finished`), and requests keep being answered meanwhile.
* *What* enters the graph is the library's `FileFilter`, the rule
  `graphwarden index` follows: a gitignored, excluded or `build/` file opened
  in the editor stays out. Changes on disk come from the client's file
  watchers, or, for a client that cannot register them, from the server's
  own (`disk_watch.py`).

Size: one module, because it is the one owner of a folder's mutable state on
the event loop (buffers, the worker, the reader, pending changes, settings);
the features that read it are elsewhere and stay short.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from lsprotocol import types

from graphwarden.analysis import CycleStats, FileChange, defaults
from graphwarden.analysis.config import ConfigError, Settings
from graphwarden.analysis.cycle.stats import CoverageGap, EnricherFailure
from graphwarden.analysis.cycle_worker import (
    CycleReport,
    CycleRequest,
    CycleWorker,
    WorkerClosed,
    WorkerDied,
    WorkerInfo,
    WorkspaceResults,
)
from graphwarden.analysis.discovery import FileFilter
from graphwarden.analysis.enrichers.dataflow import StoppedAnalysis
from graphwarden.analysis.gc_pause import tidy_heap
from graphwarden.analysis.guarantees.results import Violation
from graphwarden.analysis.languages import language_of
from graphwarden.analysis.model import ParseError
from graphwarden.analysis.navigation import module_naming, warm_file_nodes
from graphwarden.analysis.scheduler import (
    AsyncioTimers,
    Batch,
    CycleScheduler,
    Outcome,
)
from graphwarden.analysis.store import Snapshot
from graphwarden.analysis.store.graph_store import StoreReader
from graphwarden.analysis.workspace import UserChoices
from graphwarden.lsp_server.baseline import WorkspaceBaseline
from graphwarden.lsp_server.disk_watch import DiskWatcher
from graphwarden.lsp_server.editor import Editor
from graphwarden.lsp_server.progress import IndexProgress, IndexTask
from graphwarden.lsp_server.settings import LOG_LEVELS, ServerSettings, apply_log_level

log = logging.getLogger(__name__)

#: Config files whose change means new settings (a new worker, a re-index).
CONFIG_FILES = ("pyproject.toml", "graphwarden.toml", "tsconfig.json")

# Where a pending change's content comes from when its cycle starts (scheduler tags).
BUFFER, DISK = "buffer", "disk"

T = TypeVar("T")

#: Diagnostics per workspace-relative file.
FileDiagnostics = dict[str, list[types.Diagnostic]]


@dataclass
class FolderResults:
    """The folder's latest results from its worker: what diagnostics and hovers show."""

    violations: list[Violation] = field(default_factory=list)
    coverage_gaps: list[CoverageGap] = field(default_factory=list)
    parse_errors: dict[str, list[ParseError]] = field(default_factory=dict)
    #: Errors of the configuration file and of its rules (with file and line).
    config_errors: list[ConfigError] = field(default_factory=list)
    #: What the graph misses: enricher failures standing, entries whose data flow
    #: stopped at its budget.
    enricher_failures: list[EnricherFailure] = field(default_factory=list)
    stopped: list[StoppedAnalysis] = field(default_factory=list)

    def adds_nothing(self, new: WorkspaceResults) -> bool:
        """Whether `new` says only what these results say already (a cycle's final
        results after its early ones, when its global passes found nothing new)."""
        return (
            new.violations is None
            and new.coverage_gaps is None
            and new.incomplete is None
            and not new.all_parse_errors
            and all(self.parse_errors.get(p, []) == e for p, e in new.parse_errors.items())
        )

    def update(self, new: WorkspaceResults) -> None:
        if new.violations is not None:
            self.violations = new.violations
        if new.coverage_gaps is not None:
            self.coverage_gaps = new.coverage_gaps
        if new.incomplete is not None:
            self.enricher_failures, self.stopped = new.incomplete
        if new.all_parse_errors:
            self.parse_errors = {}
        for path, errors in new.parse_errors.items():
            if errors:
                self.parse_errors[path] = errors
            else:
                self.parse_errors.pop(path, None)


class DiagnosticsSink(Protocol):
    """Where a folder's diagnostics go (`features/diagnostics.py`), all on the event loop."""

    def refresh(self, state: WorkspaceState, changed: list[str], texts: dict[str, str]) -> None:
        """The folder's results changed: convert what changed and publish it.

        `changed`: files whose text the cycle read anew (their positions must
        be converted again); `texts`: the buffer texts the cycle read."""
        ...

    def forget(self, state: WorkspaceState) -> None:
        """The folder is gone: clear what was published for it."""
        ...


class WorkspaceState:
    """A workspace folder: its worker, store reader, overlays, file filter and scheduling."""

    def __init__(
        self,
        root: Path,
        uri: str,
        settings: ServerSettings,
        *,
        editor: Editor,
        progress: IndexProgress,
        diagnostics: DiagnosticsSink,
        indexed: Callable[[], None] = lambda: None,
        watch_disk: bool = False,
    ) -> None:
        self.root = root
        self.uri = uri
        self.settings = settings
        self.editor = editor
        self.progress = progress
        self.diagnostics = diagnostics
        #: Called after an index (initial or re-index) committed: views the
        #: client asked for before it (code lenses) are asked for again.
        self.indexed = indexed
        #: The worker's view of the workspace once it opened it (None before).
        self.info: WorkerInfo | None = None
        #: This process's read-only handle on the store (None until it exists).
        self.reader: StoreReader | None = None
        self.worker: CycleWorker | None = None
        self.results = FolderResults()
        #: `graphwarden-baseline.json`: the violations it records are not shown.
        self.baseline = WorkspaceBaseline(root)
        #: What may enter the graph (None until the configuration is read).
        self.filter: FileFilter | None = None
        #: Relative path -> uri of buffers open in the editor (they overlay the disk).
        self.open_docs: dict[str, str] = {}
        #: Bumped whenever results arrive: part of every cache key (with the store revision).
        self.generation = 0
        self.closed = False
        loop = asyncio.get_running_loop()
        self.loop = loop
        self.scheduler: CycleScheduler[CycleRequest, CycleReport] = CycleScheduler(
            self,
            self,
            AsyncioTimers(loop),
            debounce=self._debounce(),
            max_wait=defaults.MAX_WAIT_MS / 1000,
            name=root.name,
        )
        self._progress: IndexTask | None = None
        #: Buffer texts the running job was prepared from (for position conversion).
        self._texts: dict[str, str] = {}
        self._reindex_waiters: list[asyncio.Future[CycleStats | None]] = []
        #: Jobs lost with a dead worker in a row (a job that kills it is not retried forever).
        self._retries = 0
        self._restart: asyncio.Future[None] | None = None
        #: The running job reported its edited files' results ("early").
        self._early_seen = False
        #: ... or what its edit changed of the contracts' results ("import-rules").
        self._import_rules_seen = False
        self._current_waiters: list[asyncio.Future[None]] = []
        self.watcher: DiskWatcher | None = None
        self._watch_disk = watch_disk
        #: A release of the store pages this process mapped is due (`_release_pages_later`).
        self._release_pending = False

    @property
    def settings_of_workspace(self) -> Settings | None:
        """The workspace's settings (the worker's), None until it has opened the workspace."""
        return self.info.settings if self.info is not None else None

    @property
    def violations(self) -> list[Violation]:
        return self.results.violations

    # -- opening and closing ------------------------------------------------------------

    def start(self) -> None:
        """Start the folder's cycle worker (it opens the workspace, then we index it)."""
        log.info("workspace folder %s: %s", self.root, self.settings.summary())
        choices = UserChoices(
            store=Path(self.settings.store_path) if self.settings.store_path else None,
            enrichers=dict(self.settings.enrichers),
        )

        def current(callback: Callable[[T], None]) -> Callable[[T], None]:
            # A worker replaced by a reload may still report: only this one counts.
            return lambda value: callback(value) if self.worker is worker else None

        worker = CycleWorker(
            self.root,
            choices,
            self.loop,
            on_opened=current(self._opened),
            on_open_failed=current(self._open_failed),
            on_early=current(self._early),
            on_committed=current(self._committed),
            on_import_rules=current(self._import_rules),
            on_progress=lambda stage, done, total: (
                self._on_progress(stage, done, total) if self.worker is worker else None
            ),
            log_level=LOG_LEVELS.get(self.settings.log_level, logging.INFO),
        )
        self.worker = worker
        worker.start()
        if self._watch_disk:
            self.watch_disk()

    def watch_disk(self) -> None:
        """Watch this folder for changes on disk (the client cannot do it for us)."""
        self._watch_disk = True
        if self.watcher is None and not self.closed:
            self.watcher = DiskWatcher(self.root, self.disk_changed, self._store_dir)
            self.watcher.start()

    def _opened(self, info: WorkerInfo) -> None:
        """The worker opened the workspace (first start, or a restart after it died)."""
        if self.closed:
            return
        first = self.info is None
        self.info = info
        if first:
            for warning in info.warnings:
                log.warning("%s: %s", self.root, warning)
        self.results.config_errors = list(info.config_errors)
        self._follow_store(info.store_id)
        self.filter = self._file_filter()
        self.scheduler.debounce = self._debounce()
        if first:
            log.info("opened %s (store %s)", self.root, info.store_path)
            self.scheduler.request_index()
            self.scheduler.start()
        elif not self.busy:
            # A new worker after one died while idle: what the dead one held in
            # memory (a cancelled cycle's leftover work) is gone; a warm index
            # catches up (re-enriching everything if the store says it must).
            self.scheduler.request_index()

    def _open_failed(self, reason: str) -> None:
        log.error("cannot open workspace %s: %s", self.root, reason)

    def _follow_store(self, store_id: tuple[int, int]) -> None:
        """Read the store the worker writes (a re-index makes a new one at the same path)."""
        info = self.info
        if info is None or store_id == (0, 0):
            return
        reader = self.reader
        if reader is not None and _file_id(reader) == store_id:
            return
        try:
            new = StoreReader(info.store_path)
        except Exception as exc:
            log.warning("cannot read the store of %s yet: %r", self.root, exc)
            return
        self.reader = new
        if reader is not None:
            with contextlib.suppress(Exception):
                reader.close()

    def reload(self) -> None:
        """New configuration: a new worker on the new settings, then a re-index."""
        if self.closed:
            return
        if self._restart is not None and not self._restart.done():
            return  # a new worker is on its way: it reads the configuration as it is then
        log.info("configuration of %s changed: re-opening the store and re-indexing", self.root)
        old_worker, old_reader = self.worker, self.reader
        # Requests answer "nothing" until the new store is open, rather than
        # read a store that is being closed.
        self.worker = self.reader = self.info = None
        self.filter = None
        self.scheduler.pause()
        self._progress_end()
        if old_reader is not None:
            old_reader.close()

        async def restart() -> None:
            if old_worker is not None:
                # One writer at a time: the old worker closes its store first.
                await self.loop.run_in_executor(None, old_worker.close)
            if not self.closed:
                self.start()

        self._restart = asyncio.ensure_future(restart())

    def close(self, wait: bool = True) -> None:
        """Stop the running cycle, the worker and the watcher; no reader or writer is left behind."""
        if self.closed:
            return
        self.closed = True
        self.scheduler.close()
        self._resolve_reindex(None)
        if self.watcher is not None:
            with contextlib.suppress(RuntimeError):  # the loop may be gone already
                self.loop.call_soon_threadsafe(self.watcher.stop)
        worker = self.worker
        if worker is not None:
            # The worker stops its cycle at the next checkpoint and closes its store.
            worker.close(wait=wait)
        reader, self.reader = self.reader, None
        if reader is not None:
            with contextlib.suppress(Exception):
                reader.close()

    # -- reading ---------------------------------------------------------------------------

    def snapshot(self) -> tuple[Snapshot, Settings] | None:
        """The latest committed revision and the workspace's settings (None without a store)."""
        reader, info = self.reader, self.info
        if reader is None or info is None:
            return None
        self._release_pages_later()
        return reader.snapshot(), info.settings

    def _release_pages_later(self) -> None:
        """This process is reading the store: unmap what it read a little later.

        Requests touch few pages each, but a session's requests touch most of
        the store (400 hovers and definitions over Django map 180 MB of it);
        the page cache keeps them, and a page read again is a minor fault.
        At most one release is pending; any thread may call this.
        """
        if self._release_pending or self.closed:
            return
        self._release_pending = True
        self.loop.call_soon_threadsafe(
            self.loop.call_later, defaults.SERVER_RELEASE_SECONDS, self._release_pages
        )

    def _release_pages(self) -> None:
        self._release_pending = False
        reader = self.reader
        if reader is not None and not self.closed:
            _WARMER.submit(_release_pages, reader)

    # -- settings and paths ----------------------------------------------------------------

    def apply_settings(self, new: ServerSettings) -> None:
        """Apply changed editor settings: reopen the store only when needed."""
        old, self.settings = self.settings, new
        apply_log_level(new.log_level)
        if new != old:
            log.info("settings of %s: %s", self.root, new.summary())
        if new.log_level != old.log_level and self.worker is not None:
            self.worker.set_log_level(LOG_LEVELS.get(new.log_level, logging.INFO))
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
            s = self.settings_of_workspace
            ms = s.debounce_ms if s is not None else defaults.DEBOUNCE_MS
        return ms / 1000

    def _file_filter(self) -> FileFilter | None:
        # Built again for every full index: .gitignore files may have changed.
        info = self.info
        if info is None:
            return None
        s = info.settings
        return FileFilter(self.root, s.include, s.exclude, store_dir=info.store_path)

    def _store_dir(self) -> Path | None:
        if self.info is not None:
            return self.info.store_path
        return self.root / defaults.STORE_DIR

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

    def change(
        self, rel: str, kind: str, *, immediate: bool = False, leading: bool = False
    ) -> None:
        """Queue a change to `rel` (BUFFER: take the open buffer; DISK: read the file);
        `leading`: an edit, run at once after a pause (the scheduler's leading edge)."""
        if not self.closed:
            self.scheduler.change(rel, kind, immediate=immediate, leading=leading)

    def disk_changed(self, rels: list[str]) -> None:
        """Files changed on disk (the client's watchers or ours): what they mean here."""
        reload = refilter = recollect = False
        for rel in rels:
            name = rel.rsplit("/", 1)[-1]
            if rel == defaults.BASELINE_FILE:
                recollect = True
                continue
            if name in CONFIG_FILES:
                reload |= rel in CONFIG_FILES or name == "tsconfig.json"
                continue
            if name == ".gitignore":
                refilter = True
                continue
            if rel in self.open_docs or not self.accepts(rel):
                continue  # the buffer wins while it is open
            # Debounced like edits: a branch switch's hundreds of events make one cycle.
            self.change(rel, DISK)
        if reload:
            self.reload()
        elif refilter:
            self.refilter()
        if recollect and not reload:
            self.recollect()

    def recollect(self) -> None:
        """Publish again from the results at hand (the diagnostics settings changed)."""
        self.diagnostics.refresh(self, [], {})

    def refilter(self) -> None:
        """A .gitignore changed: what belongs in the graph may have too (a warm index)."""
        self.scheduler.request_index()

    @property
    def busy(self) -> bool:
        """Changes are queued or a job is running."""
        return bool(self.scheduler.pending) or self.scheduler.running is not None

    @property
    def results_current(self) -> bool:
        """Every edit so far has its results: nothing queued, and the running job (if
        any) has reported its edited files' results (its global passes may still run),
        or what its edit did to the contracts (a broken one is news enough to answer a
        pull: the rest follows with a refresh request if it changes the file's)."""
        s = self.scheduler
        reported = self._early_seen or self._import_rules_seen
        return s.settled or (not s.pending and s.running is not None and reported)

    async def current(self, timeout: float) -> None:
        """Wait (bounded) until `results_current`: a pull right after an edit is answered
        as soon as that edit's diagnostics are known, not after the cycle's global pass."""
        if self.results_current:
            return
        waiter: asyncio.Future[None] = self.loop.create_future()
        self._current_waiters.append(waiter)
        self.scheduler.when_settled(self._wake_current)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(waiter, timeout)

    def _wake_current(self) -> None:
        if not self.results_current:
            return
        waiters, self._current_waiters = self._current_waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    async def run_reindex(self) -> CycleStats | None:
        """Drop the store and index from scratch (the graphwarden.reindex command)."""
        if self.closed or self.info is None:
            return None
        waiter: asyncio.Future[CycleStats | None] = self.loop.create_future()
        self._reindex_waiters.append(waiter)
        self.scheduler.request_reindex()
        return await waiter

    def _resolve_reindex(self, stats: CycleStats | None) -> None:
        waiters, self._reindex_waiters = self._reindex_waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(stats)

    # -- the scheduler's executor: the current worker -----------------------------------------

    def submit(self, job: CycleRequest, done: Callable[[Outcome[CycleReport]], None]) -> None:
        self._early_seen = self._import_rules_seen = False
        worker = self.worker
        if worker is None:
            done(Outcome(error=RuntimeError("the folder has no cycle worker (re-opening)")))
            return
        worker.submit(job, done)

    # -- the scheduler's owner (CycleOwner), on the event loop ----------------------------

    def prepare(self, batch: Batch) -> CycleRequest:
        """Turn a batch into a job for the worker: buffer texts are read here, on the loop."""
        job = CycleRequest(index=batch.index, reindex=batch.reindex)
        self._texts = {}
        if batch.full:
            self.filter = self._file_filter()
            self._progress = self.progress.start_index(self.root.name, self.cancel_running)
            job.progress = self._progress is not None
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
                self._texts[rel] = text
                continue
            # Closed buffer or disk event: the disk decides (gone means deleted).
            batch.changes[rel] = DISK
            exists = (self.root / rel).is_file()
            job.changes.append(FileChange(rel) if exists else FileChange(rel, deleted=True))
        return job

    def was_cancelled(self, result: CycleReport) -> bool:
        return result.cancelled

    def cancel_running(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def _on_progress(self, stage: str, done: int, total: int) -> None:
        if self._progress is not None:
            self._progress(stage, done, total)

    def _progress_end(self) -> None:
        if self._progress is not None:
            self.progress.end(self._progress)
            self._progress = None

    def _committed(self, paths: list[str]) -> None:
        """A cycle committed these files' new nodes: requests already read that revision."""
        if not self.closed:
            self._warm_open_documents(paths)

    def _warm_open_documents(self, paths: list[str]) -> None:
        reader, info = self.reader, self.info
        opened = [p for p in paths if p in self.open_docs]
        if reader is not None and info is not None and paths:
            # The first request on the new revision must find what it needs
            # ready: an edited open document's nodes decoded, the module naming
            # computed if files came or went. Done now, in a thread (the loop
            # goes on answering meanwhile); cached, so mostly a no-op. Asked
            # when the cycle commits (`_committed`): a request on the edited
            # file reads the new revision from then on, some 20 ms before the
            # results come (Django's query.py while typing: 7 ms of decoding
            # in a hover, the p99's cause); again with the results, for
            # clients whose cycle had no commit message (a worker replaced).
            _WARMER.submit(_warm, reader, opened, info.settings)
            self._release_pages_later()

    def _early(self, results: WorkspaceResults) -> None:
        """The edited files' results, before the cycle's global passes: publish them now."""
        if self.closed:
            return
        self._early_seen = True
        # What the cycle does next (its callers' data flow, the global passes)
        # must not hold a newer edit as an overdue cycle would.
        self.scheduler.results_reported()
        self._take(results)
        self._wake_current()

    def _import_rules(self, results: WorkspaceResults) -> None:
        """What the contracts say after an edit, before its enrichment: publish it now,
        and answer a waiting pull (the other rules' results follow with `_early`)."""
        if self.closed:
            return
        self._import_rules_seen = True
        self._take(results)
        self._wake_current()

    def _take(self, results: WorkspaceResults) -> None:
        self.results.update(results)
        self.generation += 1
        self._warm_open_documents(results.changed_paths)
        self.diagnostics.refresh(self, results.changed_paths, self._texts)

    def finished(self, batch: Batch, outcome: Outcome[CycleReport]) -> None:
        try:
            self._finished(batch, outcome)
        finally:
            self._wake_current()

    def _finished(self, batch: Batch, outcome: Outcome[CycleReport]) -> None:
        self._progress_end()
        report = outcome.result if outcome.error is None and not outcome.cancelled else None
        if batch.reindex:
            self._resolve_reindex(report.index_stats if report is not None else None)
        if self.closed:
            return
        if isinstance(outcome.error, WorkerDied):
            self._retry(batch)
            return
        if isinstance(outcome.error, WorkerClosed):
            # A reload closed the worker mid-job: the new worker indexes anyway;
            # the batch's edits come after.
            for rel, kind in batch.changes.items():
                self.scheduler.change(rel, kind, immediate=True)
            return
        if outcome.error is not None:
            log.error("cycle failed in %s: %s", self.root, outcome.error)
            return
        self._retries = 0
        result = outcome.result
        if result is not None:
            self._follow_store(result.store_id)
        if report is None:
            if outcome.cancelled and batch.full:
                log.info("indexing of %s cancelled; it resumes with the next change", self.root)
            return
        stats = report.index_stats
        if stats is not None:
            log.info(
                "indexed %s: %d files, %d nodes, %d edges in %.2f s",
                self.root,
                stats.files,
                stats.nodes,
                stats.edges,
                stats.seconds,
            )
            self.indexed()
        # After the early results of the same job, the final ones usually add
        # nothing: converting and comparing every file's diagnostics again
        # would delay the pull those early results just woke.
        if report.results is not None and not (
            self._early_seen and self.results.adds_nothing(report.results)
        ):
            self._take(report.results)
        # The results are out: a quiet moment to collect and freeze the heap
        # (an index's worth of caches), so later full collections are short
        # instead of pausing a request for tens of milliseconds.
        tidy_heap()

    def _retry(self, batch: Batch) -> None:
        """The worker died in this batch: bring the graph up to date again, then its changes.

        The new worker starts from the store as the dead one left it: a warm
        index re-reads what changed on disk and, if the dead cycle had not
        finished its enrichment, re-enriches everything; the buffers are
        overlaid again. A batch that keeps killing its worker is dropped."""
        self._retries += 1
        if self._retries > 2:
            log.error("giving up on a cycle of %s that its worker died in twice", self.root)
            return
        log.info("retrying the cycle of %s in a new worker", self.root)
        for rel, kind in batch.changes.items():
            self.scheduler.change(rel, kind, immediate=True)
        # With the changes queued: one job, the index first, then the changes.
        self.scheduler.request_index()


#: Decodes edited open documents' nodes when their revision lands, and unmaps
#: the store pages requests read (one thread for the server: it is short
#: work, and it must not compete with itself).
_WARMER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gw-warm")


def _warm(reader: StoreReader, files: list[str], settings: Settings) -> None:
    try:
        warm_file_nodes(reader.snapshot, files, lambda snap: module_naming(snap, settings))
    except Exception as exc:  # the store was replaced meanwhile: nothing to warm
        log.debug("could not warm %s: %r", files, exc)


def _release_pages(reader: StoreReader) -> None:
    try:
        reader.release_mapped_pages("after requests")
    except Exception as exc:  # closed meanwhile: nothing is mapped any more
        log.debug("could not release the pages of %s: %r", reader.path, exc)


def _file_id(reader: StoreReader) -> tuple[int, int]:
    try:
        st = (reader.path / "data.mdb").stat()
    except OSError:
        return (0, 0)
    return (st.st_dev, st.st_ino) if st.st_ino == reader.inode else (0, 0)
