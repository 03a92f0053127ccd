"""One workspace folder's state: its Orchestrator, open buffers, and the cycle scheduler.

Threading model (why it looks like this):

* The event loop (pygls) owns everything in this module except the body of a
  cycle job. Requests read the latest committed LMDB snapshot on the loop and
  never wait for a cycle.
* Each folder has its own single-thread executor for cycles, so one folder's
  big re-index never delays another's edits, and pygls's own thread pool
  (used for stdin) is never occupied by enrichment.
* A job runs the cycle *and* computes the folder's diagnostics in the worker
  thread; the loop only diffs and publishes them.
* Edits are debounced (`debounceMs`) but never starved: a burst of typing
  still gets a cycle every MAX_WAIT seconds. A new edit asks the running edit
  cycle to stop (`request_cancel`); its changes are queued again, so they join
  the next cycle.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from graphwarden.analysis import CycleStats, FileChange, Orchestrator
from graphwarden.analysis.config import Settings, load_config
from graphwarden.analysis.languages import language_of
from graphwarden.lsp_server.settings import ServerSettings

if TYPE_CHECKING:
    from graphwarden.lsp_server.server import GraphwardenServer

log = logging.getLogger(__name__)

#: Longest an edit waits for its cycle while the user keeps typing.
MAX_WAIT = 1.0
#: Config files whose change means new settings (a new Orchestrator, a re-index).
CONFIG_FILES = ("pyproject.toml", "graphwarden.toml", "tsconfig.json")
#: Directory names a watched-file event is never indexed from.
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"}

# What a pending change to a path means when its cycle starts.
BUFFER, DISK = "buffer", "disk"


@dataclass
class Job:
    """One unit of work for the folder's executor."""

    index: bool = False
    changes: list[FileChange] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)
    #: Buffer texts the changes were taken from (for position conversion).
    texts: dict[str, str] = field(default_factory=dict)
    progress: Callable[[str, int, int], None] | None = None
    reindex: bool = False


@dataclass
class JobResult:
    stats: CycleStats | None
    diagnostics: dict[str, list[Any]]
    cancelled: bool = False


class WorkspaceState:
    """A workspace folder: its Orchestrator, overlays and scheduling."""

    def __init__(self, server: GraphwardenServer, root: Path, uri: str, settings: ServerSettings):
        self.server = server
        self.root = root
        self.uri = uri
        self.settings = settings
        self.orch: Orchestrator | None = None
        self.checker: Any = None
        self.executor = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix=f"gw-cycle-{root.name}"
        )
        self.pending: dict[str, str] = {}
        self._pending_since: float | None = None
        self.running: asyncio.Future[Any] | None = None
        self._running_job: Job | None = None
        self._timer: asyncio.TimerHandle | None = None
        self.needs_index = True
        self.indexed = asyncio.Event()
        #: Bumped after every job: part of every cache key (with the store revision).
        self.generation = 0
        self.closed = False
        #: Relative path -> uri of buffers open in the editor (they overlay the disk).
        self.open_docs: dict[str, str] = {}
        self._settled = asyncio.Event()
        self._settled.set()
        self.needs_collect = False
        #: Diagnostics last computed per relative path (pushed, or kept for pulls).
        self.published: dict[str, list[Any]] = {}
        self.result_ids: dict[str, str] = {}
        self.diagnostics_engine = server.diagnostics_for(self)

    # -- setup ------------------------------------------------------------------------

    def _build(self) -> tuple[Orchestrator, Any]:
        """A new Orchestrator (and guarantee checker) for the current settings (worker thread)."""
        settings, errors = load_config(self.root)
        self._apply_editor_settings(settings)
        orch = Orchestrator(self.root, settings)
        orch.config_errors = errors
        checker = None
        try:
            from graphwarden.analysis.guarantees.checker import GuaranteeChecker
        except ImportError:
            log.info("guarantee checking is not available in this build")
        else:
            try:
                checker = GuaranteeChecker(settings)
                orch.guarantee_hook = checker
            except Exception:  # a broken checker must not take the server down
                log.exception("could not set up guarantee checking for %s", self.root)
        return orch, checker

    def _apply_editor_settings(self, settings: Settings) -> None:
        """Editor settings override the workspace's config file (store path, enrichers)."""
        if self.settings.store_path:
            # The editor's setting is the user's choice: it may point anywhere.
            chosen = Path(self.settings.store_path).expanduser()
            settings.store_override = chosen if chosen.is_absolute() else self.root / chosen
        for name, on in self.settings.enrichers:
            if name in settings.enrichers:
                settings.enrichers[name] = on
            else:
                log.warning("unknown enricher %r in editor settings", name)

    def start(self) -> None:
        """Open the store and start the initial index (with progress)."""
        self._submit_setup()

    def _submit_setup(self) -> None:
        loop = asyncio.get_running_loop()

        def setup() -> tuple[Orchestrator, Any]:
            return self._build()

        fut = asyncio.wrap_future(self.executor.submit(setup), loop=loop)

        def done(f: asyncio.Future[Any]) -> None:
            if self.closed:
                return
            if f.cancelled() or f.exception() is not None:
                log.error("cannot open workspace %s: %r", self.root, f.exception())
                return
            self.orch, self.checker = f.result()
            self.needs_index = True
            self._kick()

        fut.add_done_callback(done)

    def reload(self) -> None:
        """New configuration: close the Orchestrator, open a new one, re-index."""
        if self.closed:
            return
        log.info("configuration of %s changed: re-opening the store and re-indexing", self.root)
        old = self.orch
        # Requests answer "nothing" until the new store is open, rather than
        # read a store that is being closed.
        self.orch = None
        self.indexed.clear()
        if old is not None:
            old.request_cancel()
            self.executor.submit(old.close)
        self._submit_setup()

    # -- paths ------------------------------------------------------------------------

    def relative(self, path: Path) -> str | None:
        """The workspace-relative POSIX path of `path`, or None if outside this folder."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return None

    def indexable(self, rel: str) -> bool:
        """Whether a watched-file event for `rel` should reach the graph."""
        parts = rel.split("/")
        if any(p in SKIP_DIRS for p in parts[:-1]):
            return False
        if self.orch is not None:
            try:
                store_rel = self.orch.store.path.resolve().relative_to(self.root).as_posix()
            except ValueError:
                store_rel = None
            if store_rel and (rel == store_rel or rel.startswith(store_rel + "/")):
                return False
        if language_of(rel) is None:
            return False
        # Never follow a symlink out of the workspace (Security in DESIGN.md).
        full = self.root / rel
        try:
            if full.is_symlink():
                full.resolve().relative_to(self.root)
        except ValueError:
            return False
        except (OSError, RuntimeError):
            # A name too long for the filesystem, a symlink loop: no file to index.
            return False
        return True

    # -- scheduling ---------------------------------------------------------------------

    def change(self, rel: str, kind: str, *, immediate: bool = False) -> None:
        """Queue a change to `rel` (BUFFER: take the open buffer; DISK: read the file)."""
        if self.closed:
            return
        self.pending[rel] = kind
        if self._pending_since is None:
            self._pending_since = time.monotonic()
        self._settled.clear()
        if (
            self.running is not None
            and self._running_job is not None
            and not (self._running_job.index or self._running_job.reindex)
            and self.orch is not None
        ):
            # The running cycle is already stale: stop it; its changes are queued again.
            self.orch.request_cancel()
        delay = 0.0 if immediate else self.settings.debounce_ms / 1000
        waited = time.monotonic() - self._pending_since
        self._arm(max(0.0, min(delay, MAX_WAIT - waited)))

    def _arm(self, delay: float) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = asyncio.get_running_loop().call_later(delay, self._kick)

    def _kick(self) -> None:
        """Start the next job if there is work and nothing is running."""
        self._timer = None
        if self.closed or self.running is not None or self.orch is None:
            return
        if not (self.pending or self.needs_index or self.needs_collect):
            self._settled.set()
            return
        self.needs_collect = False
        job = Job(index=self.needs_index)
        if job.index:
            job.progress = self.server.progress.start_index(self)
            # Buffers open before the index must overlay what it read from disk.
            for rel in self.open_docs:
                self.pending.setdefault(rel, BUFFER)
        for rel, kind in self.pending.items():
            uri = self.open_docs.get(rel)
            if kind == BUFFER and uri is not None:
                text = self.server.buffer_text(uri)
                if text is not None:
                    job.changes.append(FileChange(rel, text.encode("utf-8", "surrogatepass")))
                    job.texts[rel] = text
                    job.kinds[rel] = BUFFER
                    continue
            # Closed buffer or disk event: the disk decides (gone means deleted).
            exists = (self.root / rel).is_file()
            job.changes.append(FileChange(rel) if exists else FileChange(rel, deleted=True))
            job.kinds[rel] = DISK
        self.pending.clear()
        self._pending_since = None
        self._submit(job)

    def _submit(self, job: Job) -> None:
        loop = asyncio.get_running_loop()
        self._running_job = job
        self.running = asyncio.wrap_future(self.executor.submit(self._run_job, job), loop=loop)
        self.running.add_done_callback(lambda f: self._done(job, f))

    def _run_job(self, job: Job) -> JobResult:
        """Worker thread: the cycle, then this folder's diagnostics."""
        orch = self.orch
        if orch is None:
            return JobResult(None, {}, cancelled=True)
        stats: CycleStats | None = None
        full = False
        if job.reindex:
            stats = orch.reindex(progress=job.progress)
            full = True
        elif job.index:
            stats = orch.index_repository(progress=job.progress)
            full = True
        if stats is not None and stats.cancelled:
            return JobResult(stats, {}, cancelled=True)
        if job.changes:
            stats = orch.apply_changes(job.changes)
            if stats.cancelled:
                return JobResult(stats, {}, cancelled=True)
        diagnostics = self.diagnostics_engine.collect(orch, self.checker, stats, job.texts, full)
        return JobResult(stats, diagnostics)

    def _done(self, job: Job, fut: asyncio.Future[Any]) -> None:
        self.running = None
        self._running_job = None
        self.generation += 1
        if job.progress is not None:
            self.server.progress.end(job.progress)
        if self.closed:
            return
        if fut.cancelled():
            return
        exc = fut.exception()
        if exc is not None:
            log.error("cycle failed in %s: %r", self.root, exc, exc_info=exc)
            result = None
        else:
            result = fut.result()
        if result is not None and result.cancelled:
            # Cancelled (a newer edit, or the user): its changes join the next cycle.
            for rel, kind in job.kinds.items():
                self.pending.setdefault(rel, kind)
            if (job.index or job.reindex) and self.server.progress.was_cancelled_by_user(
                job.progress
            ):
                # needs_index stays set: the next change resumes indexing (with
                # the open buffers); disk changes are picked up by that index.
                log.info("indexing of %s cancelled; it resumes with the next change", self.root)
                self.pending.clear()
                self._settled.set()
                return
        elif result is not None:
            if job.index or job.reindex:
                self.needs_index = False
                self.indexed.set()
                stats = result.stats
                if stats is not None:
                    log.info(
                        "indexed %s: %d files, %d nodes, %d edges in %.2f s",
                        self.root,
                        stats.files,
                        stats.nodes,
                        stats.edges,
                        stats.seconds,
                    )
            self.server.publish(self, result.diagnostics)
        if self.pending or (self.needs_index and result is not None and not result.cancelled):
            if self._timer is None:
                self._kick()
        elif self._timer is None:
            self._settled.set()

    def recollect(self) -> None:
        """Recompute diagnostics without a cycle (the diagnostics settings changed)."""
        self.needs_collect = True
        if self._timer is None and self.running is None:
            self._kick()

    async def settled(self, timeout: float) -> None:
        """Wait (bounded) until queued and running work is done: for pull diagnostics only."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._settled.wait(), timeout)

    async def run_reindex(self) -> CycleStats | None:
        """Drop the store and index from scratch (the graphwarden.reindex command)."""
        while self.running is not None:
            await asyncio.shield(self.running)
        if self.orch is None:
            return None
        job = Job(reindex=True, progress=self.server.progress.start_index(self))
        self._submit(job)
        fut = self.running
        assert fut is not None
        try:
            result: JobResult = await asyncio.shield(fut)
        except Exception:
            return None
        return result.stats

    # -- shutdown -----------------------------------------------------------------------

    def close(self, wait: bool = True) -> None:
        """Stop the running cycle, close the store; no reader or writer is left behind."""
        if self.closed:
            return
        self.closed = True
        if self._timer is not None:
            self._timer.cancel()
        orch = self.orch
        if orch is not None:
            orch.request_cancel()
            # close() takes the cycle lock: it waits for the cancelled cycle to stop.
            f = self.executor.submit(orch.close)
            if wait:
                try:
                    f.result(timeout=30)
                except Exception:
                    log.exception("closing the store of %s failed", self.root)
        self.executor.shutdown(wait=wait, cancel_futures=False)


def is_directory(path: Path) -> bool:
    """`path.is_dir()`, False where the filesystem refuses the name (ENAMETOOLONG...)."""
    try:
        return path.is_dir()
    except OSError:
        return False


class Workspaces:
    """The workspace folders of a session (multi-root): one WorkspaceState each."""

    def __init__(self, server: GraphwardenServer) -> None:
        self.server = server
        self._states: dict[Path, WorkspaceState] = {}

    @staticmethod
    def path_of(uri: str) -> Path | None:
        """The filesystem path of a file: URI (None for untitled:, http:, ...)."""
        if not uri.startswith("file:"):
            return None
        from pygls.uris import to_fs_path

        try:
            path = to_fs_path(uri)
        except Exception:
            return None
        if not path:
            return None
        try:
            return Path(path).resolve()
        except (ValueError, OSError, RuntimeError):
            # A NUL in the path, one too long, a symlink loop: no file of ours.
            return None

    def initial_folders(self) -> list[tuple[str, Path]]:
        """The folders of the initialize request (or its rootUri)."""
        ws = self.server.workspace
        out: list[tuple[str, Path]] = []
        for folder in ws.folders.values():
            root = self.path_of(folder.uri)
            if root is not None and is_directory(root):
                out.append((folder.uri, root))
        if not out and ws.root_uri:
            root = self.path_of(ws.root_uri)
            if root is not None and is_directory(root):
                out.append((ws.root_uri, root))
        return out

    def add(self, uri: str, root: Path, settings: ServerSettings) -> WorkspaceState | None:
        if root in self._states:
            return self._states[root]
        state = WorkspaceState(self.server, root, uri, settings)
        self._states[root] = state
        # Documents opened before the folder existed (during initialize) join now.
        for doc_uri in list(self.server.workspace.text_documents):
            path = self.path_of(doc_uri)
            rel = state.relative(path) if path is not None else None
            if rel is not None and self.locate(doc_uri) == (state, rel):
                state.open_docs[rel] = doc_uri
        state.start()
        log.info("workspace folder %s", root)
        return state

    def remove(self, uri: str) -> None:
        root = self.path_of(uri)
        state = self._states.pop(root, None) if root is not None else None
        if state is not None:
            for rel in list(state.published):
                self.server.text_document_publish_diagnostics(
                    types.PublishDiagnosticsParams(uri=(state.root / rel).as_uri(), diagnostics=[])
                )
            state.close(wait=False)

    def states(self) -> list[WorkspaceState]:
        return list(self._states.values())

    def locate(self, uri: str) -> tuple[WorkspaceState, str] | None:
        """The folder holding `uri` (the innermost, for nested folders) and the relative path."""
        path = self.path_of(uri)
        if path is None:
            return None
        best: tuple[WorkspaceState, str] | None = None
        for root, state in self._states.items():
            rel = state.relative(path)
            if rel is not None and (best is None or len(str(root)) > len(str(best[0].root))):
                best = (state, rel)
        return best
