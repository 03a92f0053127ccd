"""What the cycle's stages share, and what a cancelled cycle leaves behind.

Three values, so that no stage reaches into the orchestrator:

- `CycleEnvironment`: what the cycle may use of its workspace (store, pool,
  enricher plan, guarantee hook, the coverage-gap ledger), built by the
  orchestrator for each cycle;
- `CycleState`: one run's working state, filled stage by stage (the merged
  changes, the delta, the blast radius, the canary's baseline, the stats);
- `PendingWork`: the changes, re-enrichment targets and delta a cancelled
  cycle leaves; the orchestrator hands it, as a value, to the next cycle.

Invariant: a `CycleState` lives for one cycle and is never shared between
cycles; all that crosses from one cycle to the next is a `PendingWork`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from graphwarden.analysis.config import Settings
from graphwarden.analysis.cycle.blast_radius import Radius
from graphwarden.analysis.cycle.canary import CanaryBaseline
from graphwarden.analysis.cycle.plan import EnricherPlan
from graphwarden.analysis.cycle.stats import (
    CommittedHook,
    CoverageGap,
    CycleStats,
    FileChange,
    GuaranteeHook,
    ImportRulesHook,
    Progress,
    ResultsHook,
)
from graphwarden.analysis.enrichers.base import FileReads
from graphwarden.analysis.indexer import PARALLEL_THRESHOLD, AnalysisPool
from graphwarden.analysis.languages import language_of
from graphwarden.analysis.store import Batch, CommitDelta, Snapshot


class CycleStore(Protocol):
    """What a cycle uses of its store: a `GraphStore`, or a `SpeculativeStore`
    (a what-if whose commits are never committed)."""

    @property
    def path(self) -> Path: ...

    @property
    def revision(self) -> int: ...

    def snapshot(self) -> Snapshot: ...

    def commit(
        self,
        batches: Iterable[Batch],
        per_batch: list[CommitDelta] | None = None,
        track_ids: bool = True,
    ) -> CommitDelta: ...

    def get_meta(self, key: str, default: object = None) -> object: ...

    def set_meta(self, key: str, value: object) -> None: ...

    def sync(self) -> None: ...

    def release_mapped_pages(self, why: str = "") -> int: ...


@dataclass(frozen=True)
class CycleEnvironment:
    """The parts of a workspace one cycle reads and writes, besides the store."""

    root: Path
    settings: Settings
    store: CycleStore
    pool: AnalysisPool
    enricher_plan: EnricherPlan
    max_file_bytes: int
    guarantee_hook: GuaranteeHook | None
    #: Told when the edited files' results are known, before the global passes.
    results_hook: ResultsHook | None
    #: Told when the changed files' new nodes are committed, before enrichment.
    committed_hook: CommittedHook | None
    #: Told when the rules over the import graph changed their results, before enrichment.
    import_rules_hook: ImportRulesHook | None
    #: The workspace's gaps by node id; the canary updates it in place.
    coverage_gaps: dict[str, CoverageGap]


@dataclass(frozen=True)
class PendingWork:
    """Work a cancelled cycle leaves for the next one.

    The changes themselves go again (re-analysing a file already committed
    finds nothing new, and a file not yet committed needs it), with the files
    whose enrichment is not done and the delta committed so far, which the
    enrichers' `relevant_files` must still see.
    """

    changes: dict[str, FileChange] = field(default_factory=dict)
    reenrich: set[str] = field(default_factory=set)
    delta: CommitDelta = field(default_factory=CommitDelta)
    #: Enricher name -> files only that enricher must still run for (enrichment
    #: deferred until the edited files' results were out: `CycleState.deferred`).
    deferred: dict[str, set[str]] = field(default_factory=dict)


@dataclass
class CycleState:
    """One cycle's working state: what its stages hand each other."""

    #: The last change to each path; carried-over changes under newer ones.
    changes: dict[str, FileChange]
    #: Paths the cycle analyses or deletes (files of no known language are ignored).
    changed: set[str]
    deleted: set[str]
    #: Files a cancelled cycle left to re-enrich.
    carried_targets: set[str]
    #: Enricher name -> files a cancelled cycle left to that enricher alone
    #: (its deferred enrichment: `PendingWork.deferred`).
    carried_deferred: dict[str, set[str]]
    #: Everything the cycle committed (and the carried delta).
    delta: CommitDelta
    #: Re-enrich every file (a previous run died between analysis and enrichment).
    full_enrichment: bool
    #: What the delta names may not be all that changed since the global passes
    #: last ran: another process committed since this one's last cycle, or the
    #: store says a cycle stopped before its global passes and none of that
    #: cycle's work was carried here (a what-if's store, a process that
    #: died). The global passes then run in full.
    global_passes_in_full: bool
    #: The store held no nodes when the cycle began: a cold index, where
    #: pre-commit comparisons and cross-file propagation have nothing to compare.
    empty_store: bool
    progress: Progress
    cancelled: Callable[[], bool]
    started_at: float
    stats: CycleStats = field(default_factory=CycleStats)
    #: Unchanged files the change reaches, and for which enrichers (blast_radius.py;
    #: readers of an edited body only for the enrichers that read bodies across
    #: files, body_dependents.py).
    radius: Radius = field(default_factory=Radius)
    #: Enricher name -> files an upstream enricher's changed output sends to it
    #: (kept from the file-scoped enrichment for the global passes after it).
    propagated: dict[str, set[str]] = field(default_factory=dict)
    canary: CanaryBaseline = field(default_factory=CanaryBaseline)
    #: The file a cycle edits alone -> how much of what enrichers read of it
    #: the edit kept as it was (its summary's definitions, or all its rows):
    #: enrichers that read no more (`EnricherMetadata.reads_of_its_file`)
    #: need not run there for its own sake (cycle/enrichment.py).
    kept_reads: dict[str, FileReads] = field(default_factory=dict)
    #: The files the store listed as not enriched since their nodes last
    #: changed, when the cycle began (None: unknown; run.py's `_unenriched`).
    unenriched: set[str] | None = None
    #: Enricher name -> files whose enrichment by it waits until the edited
    #: files' results are out: with a results hook, an enricher whose output no
    #: other enricher reads (data flow) runs first for the edited files alone;
    #: the callers an edited body sends it to follow with the global passes
    #: (cycle/enrichment.py: `enrich_deferred`).
    deferred: dict[str, list[str]] = field(default_factory=dict)
    #: Enricher name -> the files it ran on in this cycle, failed or not ("" for
    #: a global pass that ran): their failures listed before are superseded.
    enriched_by: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def begin(
        cls,
        store: CycleStore,
        changes: Iterable[FileChange],
        pending: PendingWork,
        progress: Progress | None,
        cancelled: Callable[[], bool],
        full_enrichment: bool,
        started_at: float,
        global_passes_in_full: bool = False,
    ) -> CycleState:
        """The state a cycle starts from: its changes joined by `pending`'s."""
        by_path: dict[str, FileChange] = {}
        for change in changes:
            by_path[change.path] = change  # the last change to a path wins
        for path, change in pending.changes.items():
            by_path.setdefault(path, change)  # newer changes win over carried ones
        with store.snapshot() as snap:
            empty_store = snap.counts()["nodes"] == 0
        return cls(
            changes=by_path,
            changed={
                c.path for c in by_path.values() if c.deleted or language_of(c.path) is not None
            },
            deleted={c.path for c in by_path.values() if c.deleted},
            carried_targets=set(pending.reenrich),
            carried_deferred={k: set(v) for k, v in pending.deferred.items() if v},
            delta=CommitDelta().merge(pending.delta),
            full_enrichment=full_enrichment,
            global_passes_in_full=global_passes_in_full,
            empty_store=empty_store,
            progress=progress or _no_progress,
            cancelled=cancelled,
            started_at=started_at,
        )

    @property
    def big(self) -> bool:
        """A cold index, a full enrichment or a branch switch: a cycle that reads
        and writes much of the store (it goes to the analysis pool)."""
        return self.empty_store or self.full_enrichment or len(self.changed) >= PARALLEL_THRESHOLD

    def record_stage(self, name: str, t0: float) -> None:
        """Add the time since `t0` to stage `name` and mark the stage completed."""
        self.stats.stage_seconds[name] = self.stats.stage_seconds.get(name, 0.0) + (
            time.perf_counter() - t0
        )
        if name not in self.stats.stages_completed:
            self.stats.stages_completed.append(name)

    def cancel(self, reenrich: set[str]) -> PendingWork:
        """Mark the cycle cancelled; the work it leaves for the next one."""
        self.stats.cancelled = True
        self.stats.seconds = time.perf_counter() - self.started_at
        return PendingWork(dict(self.changes), set(reenrich), self.delta, self._deferred_left())

    def cancel_global(self) -> PendingWork:
        """Cancelled after the results went out: what is left is the delta the global
        passes must see, and the files whose enrichment was deferred."""
        self.stats.cancelled = True
        self.stats.seconds = time.perf_counter() - self.started_at
        return PendingWork({}, set(), self.delta, self._deferred_left())

    def _deferred_left(self) -> dict[str, set[str]]:
        """The deferred enrichment not done: this cycle's and what it carried (run or
        not: running it again finds the same)."""
        left = {k: set(v) for k, v in self.carried_deferred.items()}
        for name, files in self.deferred.items():
            left.setdefault(name, set()).update(files)
        return {k: v for k, v in left.items() if v}


def _no_progress(stage: str, done: int, total: int) -> None:
    """Progress nobody listens to."""
