"""The cycle's stages, in order: the one place that says what runs when.

Each stage lives in its own module; this one sequences them, checks for
cancellation between them, and turns a cancellation into `PendingWork` for
the next cycle. The caller (the orchestrator) holds the cycle lock.

Invariants: the store is marked ``enrichment_dirty`` from before the first
commit until enrichment is done (a process that dies in between re-enriches
everything next time); guarantees run only after all of the cycle's
enrichment, never between analysis and enrichment; the test checkpoints
``cycle`` (the cycle begins) and ``enrichment`` (analysis committed,
enrichment not begun) stay at those points, since tests hold processes there.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from graphwarden.analysis.checkpoints import checkpoint
from graphwarden.analysis.cycle import canary
from graphwarden.analysis.cycle.analysis_commit import COMMIT_CHUNK, analyse_and_commit
from graphwarden.analysis.cycle.enrichment import enrich
from graphwarden.analysis.cycle.state import CycleEnvironment, CycleState, PendingWork
from graphwarden.analysis.cycle.stats import CycleStats, FileChange, Progress


@dataclass(frozen=True)
class CycleOutcome:
    """A cycle's stats, and the work it leaves (nothing unless it was cancelled)."""

    stats: CycleStats
    pending: PendingWork


def run_cycle(
    env: CycleEnvironment,
    changes: Iterable[FileChange],
    pending: PendingWork,
    *,
    progress: Progress | None,
    cancelled: Callable[[], bool],
    full_enrichment: bool,
) -> CycleOutcome:
    """Take the graph from its state to one with `changes` (and `pending`) applied."""
    started_at = time.perf_counter()
    checkpoint("cycle")
    state = CycleState.begin(
        env.store, changes, pending, progress, cancelled, full_enrichment, started_at
    )
    env.store.set_meta("enrichment_dirty", True)

    # 1-3. analysis, pre-commit blast radius, commit
    if not analyse_and_commit(env, state):
        return _cancelled(state, state.carried_targets | state.changed)

    # 4. selective enrichment
    checkpoint("enrichment")
    t0 = time.perf_counter()
    # Every enricher runs for `targets`; some only for parts of the radius.
    targets = state.changed | state.radius.files | state.carried_targets
    if full_enrichment:
        with env.store.snapshot() as snap:
            targets |= {r.path for r in snap.files()}
    state.delta.changed_files |= targets | state.radius.all_files()
    if not enrich(env, state, targets):
        return _cancelled(state, targets | state.radius.all_files())
    env.store.set_meta("enrichment_dirty", False)
    state.record_stage("enrichment", t0)

    # 5. guarantees
    t0 = time.perf_counter()
    if env.guarantee_hook is not None:
        with env.store.snapshot() as snap:
            # A cold or full run changed everything: check every rule.
            whole_graph = state.empty_store or state.full_enrichment
            state.stats.guarantees_checked = env.guarantee_hook.check(
                snap, None if whole_graph else state.delta
            )
    state.record_stage("guarantees", t0)

    # 6. coverage canary
    t0 = time.perf_counter()
    if state.canary.content_changes:
        with env.store.snapshot() as snap:
            canary.judge(snap, state.canary, state.delta, env.coverage_gaps, state.stats)
    canary.forget_files(env.coverage_gaps, state.deleted)
    state.record_stage("coverage", t0)

    _finish(env, state)
    return CycleOutcome(state.stats, PendingWork())


def _cancelled(state: CycleState, reenrich: set[str]) -> CycleOutcome:
    return CycleOutcome(state.stats, state.cancel(reenrich))


def _finish(env: CycleEnvironment, state: CycleState) -> None:
    """The graph's figures after the cycle; a big cycle is flushed to disk."""
    stats = state.stats
    with env.store.snapshot() as snap:
        counts = snap.counts()
        stats.revision = snap.revision
        stats.files = counts["files"]
        stats.nodes = counts["nodes"]
        stats.edges = counts["edges"]
    if len(state.changed) > COMMIT_CHUNK:
        env.store.sync()
    stats.seconds = time.perf_counter() - state.started_at
