"""The cycle's stages, in order: the one place that says what runs when.

Each stage lives in its own module; this one sequences them, checks for
cancellation between them, and turns a cancellation into `PendingWork` for
the next cycle. The caller (the orchestrator) holds the cycle lock.

Publish first, then the rest: with an `ImportRulesHook` (the language
server), a small cycle checks the rules over the import graph (contracts,
import cycles) right after its commit, since that graph is made of the
committed import statements and no enricher's output: a contract an edit
breaks is published a whole enrichment before the rest. With a `ResultsHook`,
once the file-scoped enrichers are done the guarantees are checked and the
hook is told (the server publishes the edited file's diagnostics then); only
after that do the deferred enrichment (the data flow of the callers an edited
body reaches: `CycleState.deferred`, tens of milliseconds a file, none of
which the edited files' results read) and the deferred global passes run
(the unreferenced enricher: a few hundred milliseconds over the whole graph,
a few over what an edit's delta can reach), cancellable by the next edit,
and the rules their output changed are checked again. A cancelled global
pass leaves its delta, and deferred enrichment its files, to the next cycle,
which runs them again. Without a hook (the command line) the
global passes run before the one check.

Invariants: the store is marked ``enrichment_dirty`` from before the first
commit until all enrichment, global passes included, is done (a process that
dies in between re-enriches everything next time, and a cycle that finds
the mark without carried work runs the global passes in full); guarantees run only after
the enrichment their rules read: between analysis and enrichment only those
over the import graph, which read none, and a rule that reads a global
pass's output again after that pass; the test checkpoints ``cycle`` (the
cycle begins), ``enrichment`` (analysis committed, enrichment not begun, the
import-graph rules not checked), ``import-rules`` (those checked and
reported, enrichment not begun) and ``global`` (results reported, the global
passes not begun) stay at those points, since tests hold processes there.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from graphwarden.analysis.checkpoints import checkpoint
from graphwarden.analysis.cycle import canary
from graphwarden.analysis.cycle.analysis_commit import COMMIT_CHUNK, analyse_and_commit
from graphwarden.analysis.cycle.enrichment import enrich, enrich_global
from graphwarden.analysis.cycle.state import CycleEnvironment, CycleState, CycleStore, PendingWork
from graphwarden.analysis.cycle.stats import CycleStats, EnricherFailure, FileChange, Progress
from graphwarden.analysis.enrichers.dataflow import DataflowEnricher, StoppedAnalysis, stopped_in
from graphwarden.analysis.store import CommitDelta
from graphwarden.analysis.store.mapped_pages import released_periodically
from graphwarden.analysis.store.tables import (
    ANALYSIS_STOPPED_META,
    ENRICHER_FAILURES_META,
    UNENRICHED_FILES_META,
)


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
    recheck_all: bool = False,
) -> CycleOutcome:
    """Take the graph from its state to one with `changes` (and `pending`) applied.

    `recheck_all`: check every rule, whatever the delta says (another process
    committed since this one's last cycle: the checker's kept state did not
    see those commits).
    """
    started_at = time.perf_counter()
    checkpoint("cycle")
    # A cycle before this one stopped before its global passes (the flag is
    # set below and cleared once they ran); unless its work was carried here,
    # their stored output may be older than what the delta will name.
    unfinished = bool(env.store.get_meta("enrichment_dirty", False))
    carried = bool(pending.changes or pending.reenrich or not pending.delta.empty)
    state = CycleState.begin(
        env.store,
        changes,
        pending,
        progress,
        cancelled,
        full_enrichment,
        started_at,
        global_passes_in_full=recheck_all or (unfinished and not carried),
    )
    if not state.big:
        return _run_stages(env, state, recheck_all)
    # It reads and writes the whole store (mapped_pages.py).
    with released_periodically(env.store.path / "data.mdb"):
        return _run_stages(env, state, recheck_all)


def _run_stages(env: CycleEnvironment, state: CycleState, recheck_all: bool) -> CycleOutcome:
    """The cycle's stages, in order, from its state."""
    full_enrichment = state.full_enrichment
    env.store.set_meta("enrichment_dirty", True)
    # Listed until their enrichment ran: readers look up the sources of edges
    # from these files' nodes, which may be gone until then (store/tables.py).
    listed = env.store.get_meta(UNENRICHED_FILES_META, None)
    unenriched = state.unenriched = _unenriched(listed, state)
    if unenriched is not None and (listed is None or not state.changed <= unenriched):
        env.store.set_meta(UNENRICHED_FILES_META, sorted(unenriched | state.changed))

    # 1-3. analysis, pre-commit blast radius, commit
    if not analyse_and_commit(env, state):
        return _cancelled(state, state.carried_targets | state.changed)
    if env.committed_hook is not None:
        env.committed_hook(sorted(state.changed - state.deleted))
    checkpoint("enrichment")
    # 4. the rules over the import graph (with a hook: the language server); not
    # when another process committed meanwhile (this cycle's delta misses that)
    if not recheck_all:
        _check_import_rules(env, state)
    checkpoint("import-rules")

    # 5. selective enrichment
    t0 = time.perf_counter()
    # Every enricher runs for `targets`; some only for parts of the radius.
    # A file whose analysis came out as stored is none (`_analysis_kept`).
    kept = _analysis_kept(state, unenriched)
    targets = (state.changed - kept) | state.radius.files | state.carried_targets
    if full_enrichment:
        with env.store.snapshot() as snap:
            targets |= {r.path for r in snap.files()}
    state.delta.changed_files |= targets | state.radius.all_files()
    if unenriched is None or full_enrichment:
        # Their enrichment may be older than their nodes: every enricher runs.
        state.kept_reads.clear()
    else:
        for path in unenriched | state.carried_targets | state.radius.files:
            state.kept_reads.pop(path, None)
    if not enrich(env, state, targets):
        return _cancelled(state, targets | state.radius.all_files())
    state.record_stage("enrichment", t0)
    if unenriched is not None or full_enrichment:
        # Every enricher ran for `targets` (the changed and carried files among
        # them): their shards' edges leave nodes that exist.
        still = set() if full_enrichment else (unenriched or set()) - targets - state.changed
        if unenriched is None or still != unenriched | state.changed:
            env.store.set_meta(UNENRICHED_FILES_META, sorted(still))

    # 6. guarantees; with a results hook (the language server) the edited
    # files' results go out now, and the global passes follow (7.)
    # Without a hook nobody waits for early results (the command line): the
    # global passes run first and every rule is checked once, on the whole result.
    if env.results_hook is None and enrich_global(env, state) is None:
        return _cancelled_global(env, state)
    # A cold or full run changed everything: check every rule.
    whole_graph = state.empty_store or state.full_enrichment or recheck_all
    _check(env, state, None if whole_graph else state.delta)
    if env.results_hook is not None:
        env.results_hook(state.stats)
        # 7. deferred enrichment and global passes (the next edit cancels
        # them), then the rules that read what they produced
        checkpoint("global")
        global_delta = enrich_global(env, state)
        if global_delta is None:
            return _cancelled_global(env, state)
        if not global_delta.empty:
            _check(env, state, global_delta)
    env.store.set_meta("enrichment_dirty", False)

    # 8. coverage canary
    _judge_canary(env, state)

    _finish(env, state)
    return CycleOutcome(state.stats, PendingWork())


def _analysis_kept(state: CycleState, unenriched: set[str] | None) -> set[str]:
    """The file a cycle edits alone, if its analysis came out as the store held it
    (a comment or whitespace edit: `CommitDelta.unchanged_files`) and its
    enrichment is known to be current: nothing derived from it can differ, so
    no enricher runs there and no rule looks at it again (early cutoff).

    Only a file edited alone: with others in the cycle, one of their changes
    could reach it, and the blast radius leaves changed files out."""
    if (
        len(state.changed) != 1
        or state.deleted
        or state.big
        or unenriched is None
        or not state.delta.unchanged_files
    ):
        return set()
    return (state.delta.unchanged_files & state.changed) - unenriched - state.carried_targets


def _unenriched(listed: object, state: CycleState) -> set[str] | None:
    """The files `listed` in the store as not enriched since their last change (None:
    unknown, as in a store whose cycles never kept the list; an empty store has no edges)."""
    if isinstance(listed, list):
        return {str(f) for f in listed}
    return set() if state.empty_store else None


def _cancelled_global(env: CycleEnvironment, state: CycleState) -> CycleOutcome:
    """Cancelled in the global passes: everything before them is done (the canary too,
    whose baseline would be lost); the next cycle runs them again from the delta."""
    _judge_canary(env, state)
    _keep_failures(env, state)
    _keep_stopped(env, state)
    return CycleOutcome(state.stats, state.cancel_global())


def _check_import_rules(env: CycleEnvironment, state: CycleState) -> None:
    """With an `ImportRulesHook` (the language server), a small cycle checks the rules
    over the import graph before enrichment, which they do not read, and tells the
    hook when what they say changed (a contract the edit broke goes out now)."""
    hook, checker = env.import_rules_hook, env.guarantee_hook
    if hook is None or checker is None or state.big or state.empty_store:
        return
    t0 = time.perf_counter()
    with env.store.snapshot() as snap:
        changed = checker.check_import_graph(snap, state.delta)
    state.record_stage("import rules", t0)
    if changed:
        hook(state.stats)


def _check(env: CycleEnvironment, state: CycleState, delta: CommitDelta | None) -> None:
    """Check the rules `delta` affects (every rule when None)."""
    t0 = time.perf_counter()
    if env.guarantee_hook is not None:
        state.progress("guarantees", 0, 1)
        with env.store.snapshot() as snap:
            state.stats.guarantees_checked += env.guarantee_hook.check(snap, delta)
        state.progress("guarantees", 1, 1)
    state.record_stage("guarantees", t0)


def _judge_canary(env: CycleEnvironment, state: CycleState) -> None:
    t0 = time.perf_counter()
    if state.canary.content_changes or state.canary.new_dynamic:
        with env.store.snapshot() as snap:
            canary.judge(snap, state.canary, state.delta, env.coverage_gaps, state.stats)
    canary.forget_files(env.coverage_gaps, state.deleted)
    state.record_stage("coverage", t0)


def _cancelled(state: CycleState, reenrich: set[str]) -> CycleOutcome:
    return CycleOutcome(state.stats, state.cancel(reenrich))


def _finish(env: CycleEnvironment, state: CycleState) -> None:
    """The graph's figures after the cycle; a big cycle is flushed to disk."""
    _keep_failures(env, state)
    _keep_stopped(env, state)
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


def _keep_failures(env: CycleEnvironment, state: CycleState) -> None:
    """Update the store's list of standing enricher failures (`ENRICHER_FAILURES_META`):
    a failure listed before stays unless its enricher ran on its file again in
    this cycle (or the file is gone); this cycle's failures join it. Called once
    the cycle's file-scoped enrichment is done (a cycle cancelled before that
    carries its files, whose enrichment, and failures, come again)."""
    before = standing_enricher_failures(env.store)
    standing = {
        f
        for f in before
        if f.file not in state.enriched_by.get(f.enricher, ()) and f.file not in state.deleted
    }
    standing.update(state.stats.enricher_errors)
    now = sorted(standing, key=lambda f: (f.file, f.enricher, f.error))
    if now != before:
        env.store.set_meta(ENRICHER_FAILURES_META, [f.to_json() for f in now])


def _keep_stopped(env: CycleEnvironment, state: CycleState) -> None:
    """Update the store's list of entries whose data flow stopped at its budget
    (`ANALYSIS_STOPPED_META`) from the shards of the files the dataflow enricher
    ran on in this cycle (and those deleted); the other files' entries stay."""
    ran = state.enriched_by.get(DataflowEnricher.metadata.name, set())
    if not ran and not state.deleted:
        return
    before = standing_stopped_analyses(env.store)
    kept = [s for s in before if s.file not in ran and s.file not in state.deleted]
    with env.store.snapshot() as snap:
        for file in sorted(ran - state.deleted):
            kept += stopped_in(snap, file)
    now = sorted(kept, key=lambda s: (s.file, s.line, s.body))
    if now != before:
        env.store.set_meta(ANALYSIS_STOPPED_META, [s.to_json() for s in now])


def standing_stopped_analyses(store: CycleStore) -> list[StoppedAnalysis]:
    """The entries the store lists as stopped at their budget (`_keep_stopped`)."""
    listed = store.get_meta(ANALYSIS_STOPPED_META, None)
    rows = listed if isinstance(listed, list) else []
    return [s for s in map(StoppedAnalysis.from_json, rows) if s is not None]


def standing_enricher_failures(store: CycleStore) -> list[EnricherFailure]:
    """The enricher failures the store lists as standing (`_keep_failures`), in order."""
    listed = store.get_meta(ENRICHER_FAILURES_META, None)
    rows = listed if isinstance(listed, list) else []
    return [f for f in map(EnricherFailure.from_json, rows) if f is not None]
