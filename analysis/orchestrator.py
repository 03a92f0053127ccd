"""The orchestrator: one stateful owner of a workspace's graph.

Adapters (the CLI, the language server, benchmarks) hold one `Orchestrator`
per workspace and do everything through it: index, apply changes, read
snapshots, query, run agent sessions, report health. It owns the settings,
the store, the enricher plan, the analysis pool, the coverage-gap ledger and
the cycle lock; the work itself lives beside it:

- the cycle's stages: `analysis/cycle/` (run in order by `cycle.run`);
- MVCC sessions: `analysis/sessions.py`;
- the health report: `analysis/health.py`.

Invariants: at most one cycle runs at a time (the cycle lock); readers never
take that lock, they read snapshots; a cancelled cycle's unfinished work is
kept as a `PendingWork` value and joins the next cycle; the enricher order
and dependency graph are computed once, when the enrichers are set (a cycle
between enrichers fails at start-up).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from graphwarden.analysis.config import ConfigError, Settings, load_config
from graphwarden.analysis.cycle.plan import EnricherPlan
from graphwarden.analysis.cycle.run import (
    run_cycle,
    standing_enricher_failures,
    standing_stopped_analyses,
)
from graphwarden.analysis.cycle.state import CycleEnvironment, PendingWork
from graphwarden.analysis.cycle.stats import (
    CommittedHook,
    CoverageGap,
    CycleStats,
    EnricherFailure,
    FileChange,
    GuaranteeHook,
    ImportRulesHook,
    Progress,
    ResultsHook,
)
from graphwarden.analysis.discovery import discover
from graphwarden.analysis.enrichers.base import Enricher
from graphwarden.analysis.enrichers.dataflow import StoppedAnalysis
from graphwarden.analysis.health import HealthReport, health_report
from graphwarden.analysis.indexer import AnalysisPool, read_source
from graphwarden.analysis.languages import content_digest
from graphwarden.analysis.model import hash_fields
from graphwarden.analysis.sessions import CommitResult, ConflictError, Session, SessionRegistry
from graphwarden.analysis.store import FileRecord, GraphStore, Snapshot
from graphwarden.analysis.store.locking import cycle_file_lock
from graphwarden.analysis.store.speculative import SpeculativeStore

log = logging.getLogger(__name__)

__all__ = [
    "CommitResult",
    "CommittedHook",
    "ConflictError",
    "CoverageGap",
    "CycleStats",
    "FileChange",
    "GuaranteeHook",
    "ImportRulesHook",
    "Orchestrator",
    "Progress",
    "ResultsHook",
    "Session",
]


class Orchestrator:
    """Owns one workspace: its settings, store, enrichers and the cycle."""

    def __init__(
        self,
        root: str | Path,
        settings: Settings | None = None,
        *,
        enrichers: list[Enricher] | None = None,
        workers: int | None = None,
        store_path: str | Path | None = None,
    ) -> None:
        self.root = Path(root).resolve()
        if settings is None:
            settings, errors = load_config(self.root)
            self.config_errors: list[ConfigError] = errors
        else:
            self.config_errors = []
        self.settings = settings
        if store_path is not None:
            # The caller (a user's flag, a test, a benchmark) chose the place.
            settings.store_override = Path(store_path)
        outside = settings.store_location_error()
        if outside is not None:
            raise outside
        self.store = GraphStore(settings.store_path)
        if enrichers is None:
            from graphwarden.analysis.enrichers import default_enrichers

            enrichers = default_enrichers(settings)
        # Kahn's algorithm: a cycle between enrichers fails here, at start-up.
        self._enricher_plan = EnricherPlan.of(enrichers)
        self._note_enricher_config()
        self.pool = AnalysisPool(workers)
        self.guarantee_hook: GuaranteeHook | None = None
        #: Told when a cycle's edited files' results are known (file-scoped
        #: enrichment done, guarantees checked), before its global passes run:
        #: the language server publishes them then (see cycle/run.py).
        self.results_hook: ResultsHook | None = None
        #: Told when a cycle's changed files are committed, before enrichment:
        #: the language server decodes an open document's new nodes then.
        self.committed_hook: CommittedHook | None = None
        #: Told when a cycle's commit changed what the rules over the import
        #: graph (contracts) say, before enrichment: the language server
        #: publishes a broken contract then.
        self.import_rules_hook: ImportRulesHook | None = None
        #: Also stop a cycle when this says so: a signal from another process
        #: (the language server bumps a shared counter its cycle worker reads).
        self.cancel_signal: Callable[[], bool] | None = None
        self._cycle_lock = threading.Lock()
        self._generation = 0
        self._gen_lock = threading.Lock()
        #: Work a cancelled cycle left; taken by the next cycle.
        self._pending = PendingWork()
        #: The store's revision when this process's last cycle ended: another
        #: process that committed since is seen as `CycleStats.foreign_writes`.
        self._last_revision: int | None = None
        #: Another process committed since this one's checker last saw the
        #: graph: the next cycle that completes checks every rule (its kept
        #: state, such as the live import graph, missed those commits).
        self._recheck_all = False
        #: Node id -> gap; the cycle's canary keeps it up to date.
        self.coverage_gaps: dict[str, CoverageGap] = {}
        #: The last cycle that completed (a cancelled one does not count).
        self.last_stats: CycleStats | None = None
        self._sessions = SessionRegistry()
        #: Runs a speculative cycle's front ends here, never in worker processes.
        self._speculative_pool = AnalysisPool(1)

    def _note_enricher_config(self) -> None:
        """Enrich everything on the next index when enrichers or their models changed."""
        digest = hash_fields(
            *sorted((e.metadata.name, e.config_digest()) for e in self._enricher_plan.ordered)
        )
        if self.store.get_meta("enricher_config") != digest:
            if self.store.revision:
                self.store.set_meta("enrichment_dirty", True)
            self.store.set_meta("enricher_config", digest)

    @property
    def enrichers(self) -> list[Enricher]:
        """The enrichers in the order they run (topological order of their dependencies)."""
        return self._enricher_plan.ordered

    @enrichers.setter
    def enrichers(self, enrichers: Sequence[Enricher]) -> None:
        # Order and dependency graph are recomputed together, never one without the other.
        self._enricher_plan = EnricherPlan.of(enrichers)

    # -- reading --------------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        """A cheap read-only view of the latest committed revision (no copying)."""
        return self.store.snapshot()

    get_context = snapshot

    def query(self, text: str) -> list[dict[str, str]]:
        """Run a Datalog query against the current snapshot; returns variable bindings."""
        from graphwarden.analysis.guarantees.datalog import run_query

        with self.snapshot() as snap:
            return run_query(text, snap)

    def health(self) -> HealthReport:
        return health_report(
            root=self.root,
            store=self.store,
            enricher_names=[e.metadata.name for e in self.enrichers],
            config_errors=self.config_errors,
            coverage_gaps=len(self.coverage_gaps),
            active_sessions=len(self._sessions),
            cycle_running=self._cycle_lock.locked(),
            last_stats=self.last_stats,
        )

    def warm_enrichers(self) -> None:
        """Let every enricher build what its first run here would (`Enricher.warm`)."""
        for enricher in self.enrichers:
            enricher.warm()

    def enricher_failures(self) -> list[EnricherFailure]:
        """The enricher failures standing in the store: what the graph and every
        result read from it are missing (`check` says so and fails)."""
        return standing_enricher_failures(self.store)

    def stopped_analyses(self) -> list[StoppedAnalysis]:
        """The entries whose data flow ran out of its budget: their findings may be
        missing (`check` warns, and passes)."""
        return standing_stopped_analyses(self.store)

    # -- cancellation -----------------------------------------------------------------

    def request_cancel(self) -> None:
        """Ask the running cycle to stop at its next checkpoint (a newer change is coming)."""
        with self._gen_lock:
            self._generation += 1

    def _cancel_check(self) -> Callable[[], bool]:
        """True once a cancel was requested after this call (read without the lock: an int),
        or once `cancel_signal` says so."""
        with self._gen_lock:
            gen = self._generation
        signal = self.cancel_signal
        if signal is None:
            return lambda: self._generation != gen
        return lambda: self._generation != gen or signal()

    # -- indexing ---------------------------------------------------------------------

    def discover(self) -> list[str]:
        found = discover(
            self.root, self.settings.include, self.settings.exclude, store_dir=str(self.store.path)
        )
        for rel, reason in found.skipped.items():
            log.info("not indexed: %s: %s", rel, reason)
        return found.files

    def index_repository(
        self, path: str | Path | None = None, progress: Progress | None = None
    ) -> CycleStats:
        """Bring the store up to date with the files on disk (cold or warm)."""
        if path is not None and Path(path).resolve() != self.root:
            raise ValueError(f"this orchestrator serves {self.root}, not {path}")
        self._reopen_if_replaced()
        t0 = time.perf_counter()
        files = self.discover()
        t_discover = time.perf_counter() - t0
        changes: list[FileChange] = []
        unchanged_records: list[FileRecord] = []
        with self.snapshot() as snap:
            known = {r.path: r for r in snap.files()}
        present = set(files)
        for rel in files:
            rec = known.get(rel)
            if rec is None:
                changes.append(FileChange(rel))
                continue
            try:
                st = (self.root / rel).stat()
            except OSError:
                changes.append(FileChange(rel))
                continue
            if st.st_size == rec.size and st.st_mtime_ns == rec.mtime_ns:
                continue
            src = read_source(self.root, rel)
            if src.data is not None and content_digest(src.data) == rec.content_hash:
                # Touched but identical: remember the new mtime, analyse nothing.
                rec.mtime_ns = src.mtime_ns
                unchanged_records.append(rec)
                continue
            changes.append(FileChange(rel, src.data) if src.data is not None else FileChange(rel))
        for rel in known:
            if rel not in present:
                changes.append(FileChange(rel, deleted=True))
        if unchanged_records:
            self.store.put_file_records(unchanged_records)
        # A previous run that died between analysis and enrichment left shards stale.
        full_enrichment = bool(self.store.get_meta("enrichment_dirty", False))
        stats = self.run_cycle(changes, progress=progress, full_enrichment=full_enrichment)
        stats.stage_seconds["discovery"] = t_discover
        # Whole-store figures for `index`; a per-keystroke cycle skips this scan.
        with self.snapshot() as snap:
            for rec in snap.files():
                stats.parse_errors += len(rec.parse_errors)
                stats.skipped_files += rec.skipped_reason is not None
        stats.seconds = time.perf_counter() - t0
        return stats

    def reindex(self, progress: Progress | None = None) -> CycleStats:
        """Drop the graph and index everything from scratch.

        The store is emptied in place, not deleted and reopened: requests
        reading it meanwhile (the server answers while a re-index runs) keep
        their snapshot, or see the graph as it refills, never a closed store.
        """
        # Not under a cycle that is committing, here or in another process.
        with self._cycle_lock, cycle_file_lock(self.store.path):
            self.store.clear()
            self.coverage_gaps.clear()
            # What was pending belonged to the old graph; the index redoes it all.
            self._pending = PendingWork()
            self._last_revision = None
            self._note_enricher_config()  # the meta table was emptied too
        return self.index_repository(progress=progress)

    # -- the cycle ----------------------------------------------------------------------

    def apply_changes(
        self, changes: Iterable[FileChange], progress: Progress | None = None
    ) -> CycleStats:
        """Run one cycle for edits (editor buffers, watched files, a branch switch)."""
        changes = list(changes)
        if self._reopen_if_replaced():
            # The store was deleted from under us: index everything into the
            # new one, then apply the edits that are not on disk (buffers).
            stats = self.index_repository(progress=progress)
            unsaved = [c for c in changes if c.content is not None]
            if stats.cancelled or not unsaved:
                return stats
            return self.run_cycle(unsaved, progress=progress)
        return self.run_cycle(changes, progress=progress)

    def _reopen_if_replaced(self) -> bool:
        """Open the store afresh if its directory was deleted or replaced; True if so."""
        with self._cycle_lock:
            if self.store.on_disk():
                return False
            log.warning(
                "the graph store at %s was deleted or replaced while in use: starting it afresh",
                self.store.path,
            )
            self.store.close()
            self.store = GraphStore(self.settings.store_path)
            self.coverage_gaps.clear()
            self._pending = PendingWork()
            self._last_revision = None
            return True

    def run_cycle(
        self,
        changes: list[FileChange],
        progress: Progress | None = None,
        full_enrichment: bool = False,
    ) -> CycleStats:
        """Run one cycle (see analysis/cycle/); waits for a running one to finish first."""
        # Two locks: the thread lock orders this process's cycles; the file
        # lock orders cycles of every process on this store (an editor's
        # server and a `graphwarden check` in a terminal), so each cycle
        # starts from everything the other committed.
        cancelled = self._cancel_check()
        with self.cycle_lock():
            return self.run_cycle_locked(changes, progress, full_enrichment, cancelled)

    def run_cycle_locked(
        self,
        changes: list[FileChange],
        progress: Progress | None = None,
        full_enrichment: bool = False,
        cancelled: Callable[[], bool] | None = None,
    ) -> CycleStats:
        """`run_cycle` for a caller that already holds `cycle_lock`."""
        if cancelled is None:
            cancelled = self._cancel_check()
        foreign = self._last_revision is not None and self.store.revision != self._last_revision
        self._recheck_all = self._recheck_all or foreign
        # Taken before the run: if the cycle raises, the work is dropped with
        # it rather than retried forever.
        pending, self._pending = self._pending, PendingWork()
        outcome = run_cycle(
            self._cycle_environment(),
            changes,
            pending,
            progress=progress,
            cancelled=cancelled,
            full_enrichment=full_enrichment,
            recheck_all=self._recheck_all,
        )
        self._pending = outcome.pending
        self._last_revision = self.store.revision
        self.store.clear_stale_readers()
        outcome.stats.foreign_writes = foreign
        if not outcome.stats.cancelled:
            self.last_stats = outcome.stats
            self._recheck_all = False
        return outcome.stats

    def _cycle_environment(self) -> CycleEnvironment:
        # Built for each cycle: the store (reindex), the hook and the settings
        # may have been replaced since the last one.
        return CycleEnvironment(
            root=self.root,
            settings=self.settings,
            store=self.store,
            pool=self.pool,
            enricher_plan=self._enricher_plan,
            max_file_bytes=self.settings.max_file_bytes,
            guarantee_hook=self.guarantee_hook,
            results_hook=self.results_hook,
            committed_hook=self.committed_hook,
            import_rules_hook=self.import_rules_hook,
            coverage_gaps=self.coverage_gaps,
        )

    @contextmanager
    def cycle_lock(self) -> Iterator[None]:
        """Hold the cycle locks (this process's and the store's): no cycle runs meanwhile."""
        with self._cycle_lock, cycle_file_lock(self.store.path):
            yield

    def speculative_cycle(
        self,
        changes: list[FileChange],
        guarantee_hook: GuaranteeHook,
        enrichers: Sequence[Enricher] | None = None,
        inspect: Callable[[Snapshot], None] | None = None,
    ) -> CycleStats:
        """Run a cycle for `changes` whose commits are thrown away (a what-if).

        The cycle runs as any other, against a `SpeculativeStore`: one write
        transaction, aborted at the end, so the store's revision, readers in
        other processes and this orchestrator's state (pending work, coverage
        gaps, the last stats) are as before. `guarantee_hook` checks the
        result inside the transaction; it must not be the workspace's own
        checker, whose kept state would then describe a graph that never was
        (`GuaranteeChecker.speculative_copy`). `enrichers`: a subset of the
        plan to run (None: all). `inspect` reads the speculative graph before
        it is thrown away. The caller holds `cycle_lock`.
        """
        plan = self._enricher_plan if enrichers is None else EnricherPlan.of(enrichers)
        with SpeculativeStore(self.store) as spec:
            env = CycleEnvironment(
                root=self.root,
                settings=self.settings,
                store=spec,
                # In this process: workers would read the committed store, not the transaction.
                pool=self._speculative_pool,
                enricher_plan=plan,
                max_file_bytes=self.settings.max_file_bytes,
                guarantee_hook=guarantee_hook,
                results_hook=None,
                committed_hook=None,
                import_rules_hook=None,
                coverage_gaps=dict(self.coverage_gaps),
            )
            outcome = run_cycle(
                env,
                changes,
                PendingWork(),
                progress=_no_progress,
                cancelled=_never,
                full_enrichment=False,
            )
            if inspect is not None:
                inspect(spec.snapshot())
            return outcome.stats

    # -- sessions (MVCC, see sessions.py) -------------------------------------------------

    @property
    def sessions(self) -> SessionRegistry:
        return self._sessions

    def begin_session(self, agent_id: str) -> Session:
        """Start buffering changes for one agent, based on the current revision."""
        return self._sessions.begin(agent_id, self.snapshot())

    def add_change(self, agent_id: str, change: FileChange) -> None:
        self._sessions.add_change(agent_id, change)

    def commit(self, agent_id: str) -> CommitResult:
        """Commit a session's changes to the graph as one cycle, unless they conflict
        (analysis/sessions.py); the files on disk are not written."""
        with self.cycle_lock():
            return self._sessions.commit(agent_id, self.snapshot, self.run_cycle_locked)

    def close(self) -> None:
        self.request_cancel()
        with self._cycle_lock:
            self._sessions.close_all()
            self.pool.close()
            self._speculative_pool.close()
            self.store.close()


def _no_progress(stage: str, done: int, total: int) -> None:
    """A speculative cycle reports no progress."""


def _never() -> bool:
    return False
