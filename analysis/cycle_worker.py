"""A workspace's cycles in a process of their own: the process that owns the LMDB writer.

Why: under CPython's interpreter lock a cycle run in a thread of the
language server shares one core with the requests (hover p99 57 ms while
typing, definition p99 87 ms idle). The cycle worker is one long-lived
process per workspace folder: it opens the workspace (`open_workspace`: the
orchestrator with its own analysis pool, the guarantee checker, and the
store's one writer) and runs every cycle. Its parent only reads snapshots,
through its own read-only handle (`StoreReader`): LMDB lets readers in other
processes see each commit as it lands, and never makes them wait.

`CycleWorker` is the parent's side, a `JobExecutor` for the `CycleScheduler`.
Jobs (`CycleRequest`: changes in) and results (`CycleReport`: stats,
violations, coverage gaps, parse errors out) cross a pipe as plain data.
Cancellation does not queue behind a job: the parent bumps a counter in
shared memory that the running cycle's cancel check reads
(`Orchestrator.cancel_signal`), so a newer edit stops a stale cycle at its
next checkpoint, wherever the pipe is.

Messages from the worker: ``opened`` (`WorkerInfo`) or ``open-failed`` (the
reason; the worker then exits and is not restarted), ``progress`` (stage,
done, total: index runs), ``log`` (a formatted record, re-logged in the
parent under its logger's name), ``committed`` (the paths whose new nodes
a cycle just committed, before its enrichment: the parent decodes open
documents' nodes then, so the first request on that revision does not),
``import-rules`` (`WorkspaceResults` when the contracts' results changed
right after that commit), ``early`` (`WorkspaceResults` once the edited files' results are known,
before the global passes: see cycle/run.py), and ``done`` (`CycleReport`)
or ``failed`` (the job raised).

Threading, in the parent: every method is called on the owner's asyncio
loop, except `close`, which may be called from any thread. The loop reads the
pipe itself (`add_reader`: a message is handled without a thread hand-over),
while a sender thread writes to it (a large buffer must never block the loop
while the worker is busy or starting).

A worker that dies (killed, crashed) is started again at once, and the job
it was running ends with `WorkerDied`: the owner decides how to retry it
(the language server asks for a warm index first, which also re-enriches
everything if the dead cycle left the store's enrichment half done). After
`MAX_DEATHS` deaths in a row without a finished job, it stays down. A worker
whose parent dies exits: it watches a lifeline pipe the parent never writes.

Size: both sides of the pipe (the parent's CycleWorker and the child's
loop), the message types and the restart logic are here together because the
protocol between them is private: each side is only correct against the
other.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import ctypes
import logging
import multiprocessing
import multiprocessing.util
import os
import queue
import sys
import threading
import time
import traceback
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from graphwarden.analysis import defaults
from graphwarden.analysis.config import ConfigError, Settings
from graphwarden.analysis.cycle.stats import (
    CoverageGap,
    CycleStats,
    EnricherFailure,
    FileChange,
)
from graphwarden.analysis.enrichers.dataflow import StoppedAnalysis
from graphwarden.analysis.gc_pause import tidy_heap
from graphwarden.analysis.guarantees.results import Violation
from graphwarden.analysis.model import ParseError
from graphwarden.analysis.scheduler import Outcome
from graphwarden.analysis.workspace import OpenWorkspace, UserChoices, open_workspace

log = logging.getLogger(__name__)

#: Deaths in a row (no job finished between them) after which a worker stays down.
MAX_DEATHS = 3
#: Seconds between two progress messages of one stage (the last one always goes).
PROGRESS_INTERVAL = 0.1


class WorkerDied(Exception):
    """The cycle worker ended while it ran a job (killed, crashed)."""


class WorkerClosed(Exception):
    """The job's worker was closed (by its owner) before the job ended."""


@dataclass
class CycleRequest:
    """One job: bring the workspace up to date (`index`, `reindex`), then apply `changes`."""

    index: bool = False
    reindex: bool = False
    changes: list[FileChange] = field(default_factory=list)
    #: Send "progress" messages (the parent shows an index run's progress).
    progress: bool = False

    @property
    def full(self) -> bool:
        return self.index or self.reindex


@dataclass
class WorkspaceResults:
    """What a workspace's diagnostics are made of, after a cycle, as plain data."""

    revision: int
    #: Every current violation; None when unchanged since the previous results.
    violations: list[Violation] | None
    #: Every current coverage gap; None when unchanged since the previous results.
    coverage_gaps: list[CoverageGap] | None
    #: Parse errors of the files the cycle changed ([]: none any more), or of
    #: every file when `all_parse_errors` (a full index).
    parse_errors: dict[str, list[ParseError]]
    all_parse_errors: bool
    #: The files the cycle analysed or deleted.
    changed_paths: list[str]
    #: What the graph misses: the enricher failures and the entries whose data
    #: flow stopped at its budget standing in the store; None when unchanged.
    incomplete: tuple[list[EnricherFailure], list[StoppedAnalysis]] | None = None


@dataclass
class CycleReport:
    """How a job ended: its cycles' stats and the results after it."""

    stats: CycleStats | None = None
    index_stats: CycleStats | None = None
    cancelled: bool = False
    results: WorkspaceResults | None = None
    #: The store's data file (device, inode): a re-index makes a new one.
    store_id: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class WorkerInfo:
    """What the parent learns once the worker has opened the workspace."""

    pid: int
    store_path: Path
    store_id: tuple[int, int]
    #: The workspace's settings, the user's choices applied (the same object
    #: the orchestrator runs with, so both processes name modules alike).
    settings: Settings
    #: Errors of the configuration file and of the rules in it.
    config_errors: list[ConfigError]
    #: Problems with the user's choices (an unknown enricher name...).
    warnings: list[str]


Message = tuple[Any, ...]


# -- the parent's side ------------------------------------------------------------------------


class CycleWorker:
    """Runs a workspace's cycles in a worker process (see the module docstring)."""

    def __init__(
        self,
        root: Path,
        choices: UserChoices,
        loop: asyncio.AbstractEventLoop,
        *,
        on_opened: Callable[[WorkerInfo], None],
        on_open_failed: Callable[[str], None],
        on_early: Callable[[WorkspaceResults], None],
        on_import_rules: Callable[[WorkspaceResults], None],
        on_progress: Callable[[str, int, int], None],
        on_committed: Callable[[list[str]], None] | None = None,
        log_level: int = logging.INFO,
    ) -> None:
        self.root = root
        self.choices = choices
        self.loop = loop
        self.on_opened = on_opened
        self.on_open_failed = on_open_failed
        self.on_early = on_early
        self.on_progress = on_progress
        self.on_committed = on_committed
        self.on_import_rules = on_import_rules
        self.log_level = log_level
        self._ctx = multiprocessing.get_context("spawn")
        #: Bumped by `cancel`; a job's cycle stops once it differs from the value
        #: the job was sent with.
        self._cancel: ctypes.c_longlong = self._ctx.RawValue(ctypes.c_longlong, 0)
        self._instance = 0
        self._proc: multiprocessing.process.BaseProcess | None = None
        self._outbox: queue.SimpleQueue[Message | None] | None = None
        self._conn: Connection | None = None
        self._lifeline: Connection | None = None
        self._running: tuple[int, Callable[[Outcome[CycleReport]], None]] | None = None
        self._job_ids = 0
        self._deaths = 0
        self._failed = False
        self._closing = False
        self.info: WorkerInfo | None = None

    @property
    def pid(self) -> int | None:
        proc = self._proc
        return proc.pid if proc is not None else None

    # -- lifecycle ------------------------------------------------------------------------

    def start(self) -> None:
        """Start a worker process; it opens the workspace and says "opened"."""
        # `python -c ...` in the current directory (often the workspace):
        # without this, a workspace's `multiprocessing/` would be imported by
        # the child before any of our code runs (see AnalysisPool).
        os.environ["PYTHONSAFEPATH"] = "1"
        self._instance += 1
        instance = self._instance
        loop = self.loop
        conn, child_conn = self._ctx.Pipe(duplex=True)
        life_read, life_write = self._ctx.Pipe(duplex=False)
        proc = self._ctx.Process(
            target=worker_main,
            args=(child_conn, life_read, self._cancel, self.root, self.choices, self.log_level),
            name=f"graphwarden-cycles-{self.root.name}",
            daemon=False,  # it starts processes of its own (the analysis pool)
        )
        proc.start()
        # The child holds its ends now: when it dies, our reads see EOF.
        child_conn.close()
        life_read.close()
        self._proc, self._conn, self._lifeline = proc, conn, life_write
        outbox: queue.SimpleQueue[Message | None] = queue.SimpleQueue()
        self._outbox = outbox
        threading.Thread(
            target=_send_loop, args=(conn, outbox), name="gw-worker-send", daemon=True
        ).start()
        loop.add_reader(conn.fileno(), self._readable, conn, instance)
        _LIVE.add(self)
        log.info("cycle worker of %s started (pid %s)", self.root, proc.pid)

    def close(self, wait: bool = True, timeout: float = 30.0) -> None:
        """Stop the running cycle and the worker (which closes its store); from any thread."""
        if self._closing:
            return
        self._closing = True
        self.cancel()
        self._send(("close",))
        proc = self._proc
        if proc is None:
            return
        if wait:
            proc.join(timeout)
            if proc.is_alive():
                log.warning("the cycle worker of %s did not stop; killing it", self.root)
                proc.kill()
                proc.join(5)
            self._release()
        else:
            # Nobody waits: the worker finishes closing by itself; its
            # lifeline is dropped once it is gone.
            threading.Thread(target=self._reap, args=(proc, timeout), daemon=True).start()

    def _reap(self, proc: multiprocessing.process.BaseProcess, timeout: float) -> None:
        proc.join(timeout)
        if proc.is_alive():
            proc.kill()
            proc.join(5)
        self._release()

    def _release(self) -> None:
        if self._outbox is not None:
            self._outbox.put(None)  # ends the sender thread
        conn = self._conn
        if conn is not None and not conn.closed:
            # The reader is the loop's; remove it there (this may be another thread).
            with contextlib.suppress(RuntimeError):  # the loop is closed: nothing to remove
                self.loop.call_soon_threadsafe(self._close_conn, conn)
        if self._lifeline is not None:
            with contextlib.suppress(OSError):
                self._lifeline.close()

    def _close_conn(self, conn: Connection) -> None:
        if not conn.closed:
            self._stop_reading(conn)
            with contextlib.suppress(OSError):
                conn.close()

    # -- JobExecutor --------------------------------------------------------------------------

    def submit(self, job: CycleRequest, done: Callable[[Outcome[CycleReport]], None]) -> None:
        if self._closing:
            done(Outcome(error=WorkerClosed(f"the cycle worker of {self.root} is closed")))
            return
        if self._failed:
            done(Outcome(error=WorkerDied(f"the cycle worker of {self.root} could not start")))
            return
        self._job_ids += 1
        self._running = (self._job_ids, done)
        self._send(("cycle", self._job_ids, self._cancel.value, job))

    def cancel(self) -> None:
        """Ask the running cycle (and any job sent before this call) to stop."""
        self._cancel.value += 1

    def set_log_level(self, level: int) -> None:
        self.log_level = level
        self._send(("log-level", level))

    # -- internals ------------------------------------------------------------------------

    def _send(self, msg: Message) -> None:
        if self._outbox is not None:
            self._outbox.put(msg)

    def _readable(self, conn: Connection, instance: int) -> None:
        """The pipe has data (on the loop): handle every whole message there is."""
        try:
            while conn.poll():
                try:
                    msg = conn.recv()
                except (EOFError, OSError):
                    raise
                except Exception:  # a message that cannot be unpickled: say so, go on
                    log.exception("unreadable message from the cycle worker of %s", self.root)
                    continue
                self._on_message(instance, msg)
        except (EOFError, OSError):
            self._stop_reading(conn)
            self._on_exit(instance)

    def _stop_reading(self, conn: Connection) -> None:
        with contextlib.suppress(Exception):  # closed already, or the loop is gone
            self.loop.remove_reader(conn.fileno())

    def _on_message(self, instance: int, msg: Message) -> None:
        if instance != self._instance:
            return  # from a worker that has since been replaced
        kind = msg[0]
        if kind == "log":
            _relog(msg[1], msg[2], msg[3])
        elif kind == "progress":
            if self._running is not None and self._running[0] == msg[1]:
                self.on_progress(msg[2], msg[3], msg[4])
        elif kind == "early":
            if self._running is not None and self._running[0] == msg[1]:
                self.on_early(msg[2])
        elif kind == "import-rules":
            running = self._running
            if running is not None and running[0] == msg[1]:
                self.on_import_rules(msg[2])
        elif kind == "committed":
            running = self._running
            if running is not None and running[0] == msg[1] and self.on_committed is not None:
                self.on_committed(msg[2])
        elif kind in ("done", "failed"):
            running = self._running
            if running is None or running[0] != msg[1]:
                return
            self._running = None
            self._deaths = 0
            if kind == "done":
                running[1](Outcome(result=msg[2]))
            else:
                running[1](
                    Outcome(error=RuntimeError(f"the cycle failed in the worker:\n{msg[2]}"))
                )
        elif kind == "opened":
            self.info = msg[1]
            self.on_opened(msg[1])
        elif kind == "open-failed":
            self._failed = True
            self.on_open_failed(msg[1])

    def _on_exit(self, instance: int) -> None:
        if instance != self._instance:
            return
        proc = self._proc
        code = None
        if proc is not None:
            proc.join(5)
            code = proc.exitcode
        running, self._running = self._running, None
        restart = not (self._closing or self._failed)
        if restart:
            self._deaths += 1
            log.error(
                "the cycle worker of %s ended unexpectedly (exit code %s)%s",
                self.root,
                code,
                "; starting a new one" if self._deaths <= MAX_DEATHS else "",
            )
            self._release()
            if self._deaths > MAX_DEATHS:
                self._failed = True
                log.error(
                    "the cycle worker of %s died %d times in a row: the graph is no longer "
                    "updated (re-open the folder to try again)",
                    self.root,
                    self._deaths,
                )
            else:
                self.start()
        if running is not None:
            if restart:
                error: Exception = WorkerDied(f"the cycle worker ended (exit code {code})")
            else:
                error = WorkerClosed("the cycle worker was closed")
            running[1](Outcome(error=error))


#: Workers of this process, for `_stop_all`.
_LIVE: weakref.WeakSet[CycleWorker] = weakref.WeakSet()


def _stop_all() -> None:
    """At exit, end the workers nobody closed (a crash of the owner, a lost reference).

    multiprocessing joins every live child at exit, and a worker exits only
    when its lifeline closes, which happens at our exit: without this the two
    would wait for each other forever. Registered after multiprocessing's own
    exit handler, so it runs first.
    """
    for worker in list(_LIVE):
        worker._closing = True
        for conn in (worker._lifeline, worker._conn):
            if conn is not None:
                with contextlib.suppress(OSError):
                    conn.close()
        proc = worker._proc
        if proc is not None:
            proc.join(5)
            if proc.is_alive():
                proc.kill()


atexit.register(_stop_all)


def _send_loop(conn: Connection, outbox: queue.SimpleQueue[Message | None]) -> None:
    """The sender thread: writes queued messages until None (or the worker is gone)."""
    while True:
        msg = outbox.get()
        if msg is None:
            return
        try:
            conn.send(msg)
        except (OSError, ValueError):
            return  # the worker is gone; the reader thread reports it


def _relog(level: int, name: str, text: str) -> None:
    logger = logging.getLogger(name)
    if logger.isEnabledFor(level):
        logger.log(level, "%s", text)


# -- the worker's side --------------------------------------------------------------------------


def worker_main(
    conn: Connection,
    lifeline: Connection,
    cancel: ctypes.c_longlong,
    root: Path,
    choices: UserChoices,
    log_level: int,
) -> None:
    """The worker process: open the workspace, then run jobs until told to close."""
    # Our stdout may be the parent's protocol channel (a language server on
    # stdio): nothing here may ever write to it, C libraries included.
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    threading.Thread(target=_watch_lifeline, args=(lifeline,), daemon=True).start()
    outbox = _Outbox(conn)
    _log_to(outbox, log_level)
    try:
        ws = open_workspace(root, choices)
    except Exception as exc:  # a store that may not go there, a foreign store...
        outbox.send(("open-failed", str(exc) or repr(exc)))
        return
    runner = _Runner(ws, outbox, cancel)
    #: The store pages the last jobs mapped are still mapped.
    mapped = True
    try:
        outbox.send(("opened", runner.info()))
        while True:
            try:
                if mapped and not conn.poll(defaults.WORKER_RELEASE_IDLE_SECONDS):
                    # Idle: unmap what the cycles read (mapped_pages.py); a
                    # burst of edits keeps its working set mapped.
                    ws.orchestrator.store.release_mapped_pages("idle")
                    mapped = False
                    continue
                msg = conn.recv()
            except (EOFError, OSError):
                break
            if msg[0] == "cycle":
                runner.run(msg[1], msg[2], msg[3])
                mapped = True
            elif msg[0] == "log-level":
                logging.getLogger().setLevel(msg[1])
            elif msg[0] == "close":
                break
    finally:
        ws.close()


def _watch_lifeline(lifeline: Connection) -> None:
    """Exit at once when the parent is gone (its end of the lifeline closes)."""
    with contextlib.suppress(Exception):
        lifeline.recv()
    os._exit(0)


class _Outbox:
    """The worker's end of the pipe; any thread may send (log records come from anywhere)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.lock = threading.Lock()

    def send(self, msg: Message) -> None:
        with self.lock:
            try:
                self.conn.send(msg)
            except (OSError, ValueError):
                os._exit(0)  # the parent is gone


class _PipeLogHandler(logging.Handler):
    def __init__(self, outbox: _Outbox) -> None:
        super().__init__()
        self.outbox = outbox

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.outbox.send(("log", record.levelno, record.name, self.format(record)))
        except Exception:
            self.handleError(record)


def _log_to(outbox: _Outbox, level: int) -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    handler = _PipeLogHandler(outbox)
    handler.setFormatter(logging.Formatter("%(message)s"))
    root.addHandler(handler)
    root.setLevel(level)


class _Runner:
    """Runs jobs on the open workspace and says what came of them."""

    def __init__(self, ws: OpenWorkspace, outbox: _Outbox, cancel: ctypes.c_longlong) -> None:
        self.ws = ws
        self.outbox = outbox
        self.cancel = cancel
        self._sent_violations: list[Violation] | None = None
        self._sent_gaps: list[CoverageGap] | None = None
        self._sent_incomplete: tuple[list[EnricherFailure], list[StoppedAnalysis]] | None = None
        self._job: tuple[int, CycleRequest] | None = None
        self._early = False
        ws.orchestrator.results_hook = self._results_ready
        ws.orchestrator.committed_hook = self._committed
        ws.orchestrator.import_rules_hook = self._import_rules_changed

    def info(self) -> WorkerInfo:
        orch = self.ws.orchestrator
        return WorkerInfo(
            os.getpid(),
            orch.store.path,
            self._store_id(),
            orch.settings,
            self.ws.config_errors,
            self.ws.warnings,
        )

    def _store_id(self) -> tuple[int, int]:
        try:
            st = (self.ws.orchestrator.store.path / "data.mdb").stat()
        except OSError:
            return (0, 0)
        return (st.st_dev, st.st_ino)

    def run(self, job_id: int, epoch: int, job: CycleRequest) -> None:
        orch = self.ws.orchestrator
        cancel = self.cancel
        orch.cancel_signal = lambda: cancel.value != epoch
        self._job = (job_id, job)
        try:
            report = self._run(job_id, job)
        except Exception:
            self.outbox.send(("failed", job_id, traceback.format_exc()))
            return
        finally:
            self._job = None
            self._early = False
        # A big cycle (an index, a branch switch) closes the analysis pool
        # and unmaps the store's pages it read (cycle/run.py); one cancelled
        # halfway may leave the pool up, with hundreds of megabytes of caches
        # editing needs none of: let them go (the next big cycle starts new
        # ones). Before reporting: the memory an index took is given back when
        # the editor says it is done.
        orch.pool.close()
        self.outbox.send(("done", job_id, report))
        if job.full and not report.cancelled:
            # The index enriched in the pool's processes: what this process's
            # first edit would build (the taint models) is built now, not then.
            orch.warm_enrichers()
        if not report.cancelled:
            # Not a quiet moment when a newer job waits (it cancelled this
            # one): a full collection would hold that job up (30–40 ms on
            # Django); the next job that finishes tidies instead.
            tidy_heap()

    def _run(self, job_id: int, job: CycleRequest) -> CycleReport:
        orch = self.ws.orchestrator
        progress = _ProgressSender(self.outbox, job_id) if job.progress else None
        # Early results only from the job's last cycle (an index followed by
        # the buffers' overlay must not show what the disk says meanwhile).
        self._early = not job.changes
        index_stats: CycleStats | None = None
        if job.reindex:
            index_stats = orch.reindex(progress=progress)
        elif job.index:
            index_stats = orch.index_repository(progress=progress)
        if index_stats is not None and index_stats.cancelled:
            return CycleReport(index_stats, index_stats, True, None, self._store_id())
        stats = index_stats
        if job.changes:
            self._early = True
            stats = orch.apply_changes(job.changes)
            if stats.cancelled:
                return CycleReport(stats, index_stats, True, None, self._store_id())
        results = self.results(stats, job.full)
        if stats is not None:
            log.debug(
                "cycle of %d files (blast radius %d) in %.0f ms: %s",
                stats.changed_files + stats.deleted_files,
                stats.blast_radius_files,
                stats.seconds * 1000,
                _stages(stats),
            )
        return CycleReport(stats, index_stats, False, results, self._store_id())

    def _committed(self, paths: list[str]) -> None:
        """The orchestrator's committed hook: the changed files' nodes are in the store."""
        if self._job is None or not self._early:
            return
        self.outbox.send(("committed", self._job[0], paths))

    def _import_rules_changed(self, stats: CycleStats) -> None:
        """The orchestrator's import rules hook: a contract's result changed, before enrichment."""
        self._send_results("import-rules", stats)

    def _results_ready(self, stats: CycleStats) -> None:
        """The orchestrator's results hook: the edited files' results, before the global passes."""
        if self._send_results("early", stats):
            log.debug("results sent: %s", _stages(stats))

    def _send_results(self, kind: str, stats: CycleStats) -> bool:
        """Send the running job's results as they are now, as message `kind` (not
        while an index runs ahead of a job's buffers); whether they were sent."""
        if self._job is None or not self._early:
            return False
        job_id, job = self._job
        self.outbox.send((kind, job_id, self.results(stats, job.full)))
        return True

    def results(self, stats: CycleStats | None, full: bool) -> WorkspaceResults:
        orch, checker = self.ws.orchestrator, self.ws.checker
        violations: list[Violation] | None = checker.violations
        if violations == self._sent_violations:
            violations = None
        else:
            self._sent_violations = violations
        gaps: list[CoverageGap] | None = sorted(orch.coverage_gaps.values(), key=_gap_key)
        if gaps == self._sent_gaps:
            gaps = None
        else:
            self._sent_gaps = gaps
        parse_errors: dict[str, list[ParseError]] = {}
        changed = list(stats.changed_paths) if stats is not None else []
        with orch.snapshot() as snap:
            if full:
                for rec in snap.files():
                    if rec.parse_errors:
                        parse_errors[rec.path] = list(rec.parse_errors)
            else:
                for path in changed:
                    found = snap.file(path)
                    parse_errors[path] = list(found.parse_errors) if found is not None else []
            revision = snap.revision
        incomplete: tuple[list[EnricherFailure], list[StoppedAnalysis]] | None = (
            orch.enricher_failures(),
            orch.stopped_analyses(),
        )
        if incomplete == self._sent_incomplete:
            incomplete = None
        else:
            self._sent_incomplete = incomplete
        return WorkspaceResults(revision, violations, gaps, parse_errors, full, changed, incomplete)


def _stages(stats: CycleStats) -> str:
    return ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in stats.stage_seconds.items())


def _gap_key(gap: CoverageGap) -> tuple[str, str]:
    return (gap.file, gap.node_id)


class _ProgressSender:
    """A cycle's `Progress`: stage changes and the last step always, otherwise every 100 ms."""

    def __init__(self, outbox: _Outbox, job_id: int) -> None:
        self.outbox = outbox
        self.job_id = job_id
        self._stage = ""
        self._last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage == self._stage and done < total and now - self._last < PROGRESS_INTERVAL:
            return
        self._stage, self._last = stage, now
        self.outbox.send(("progress", self.job_id, stage, done, total))
