"""Selective enrichment: re-run each enricher where the cycle's change can matter.

Enrichers run in topological order of their dependency graph (who consumes
what another produces; both fixed when the orchestrator starts, in an
`EnricherPlan`). A file-scoped enricher runs over
``relevant_files(delta) ∩ targets`` (targets: the changed files, the blast
radius, carried-over work) plus the files propagated to it: when an
upstream enricher's shard for a file changed, its consumers re-run for that
file, and, when the shard's edges changed, for the files with edges into the
nodes whose output changed. Propagation ends because the graph is a DAG and
each enricher runs once per cycle. A global enricher runs once, and only
when something it reads changed.

Invariant: each enricher's results are committed to its own shards
(``enrichment_context(name, file)``) before the next enricher reads the
graph; shards of deleted files are emptied whatever the enricher says; an
enricher that raises leaves that file's shard as it was and is reported in
`CycleStats.enricher_errors`, never stopping the cycle.
"""

from __future__ import annotations

import logging

from graphwarden.analysis.cycle.blast_radius import dependents_of
from graphwarden.analysis.cycle.state import CycleEnvironment, CycleState
from graphwarden.analysis.enrichers.base import (
    Enricher,
    EnricherFileResult,
)
from graphwarden.analysis.store import Batch, CommitDelta, enrichment_context, global_context

log = logging.getLogger(__name__)

#: An edge as propagation compares them: (source, type, destination).
EdgeKey = tuple[str, str, str]


def enrich(env: CycleEnvironment, state: CycleState, targets: set[str]) -> bool:
    """Run the enrichers over `targets` (and what propagates); False if cancelled."""
    stats, deleted = state.stats, state.deleted
    plan = env.enricher_plan
    propagated: dict[str, set[str]] = {e.metadata.name: set() for e in plan.ordered}
    # Cold and full runs enrich everything anyway: nothing to propagate across files.
    whole_graph = state.empty_store or state.full_enrichment
    all_reenriched: set[str] = set()
    for step, enricher in enumerate(plan.ordered):
        if state.cancelled():
            return False
        # Progress counts enrichers: their files differ, their order does not.
        state.progress("enrichment", step, len(plan.ordered))
        name = enricher.metadata.name
        consumers = plan.consumers[name]
        if enricher.metadata.scope == "global":
            _run_global(env, state, enricher, propagated[name])
            continue
        with env.store.snapshot() as snap:
            relevant = enricher.relevant_files(state.delta, snap)
        files = sorted(((relevant & targets) | propagated[name]) - deleted)
        results = _run_enricher(env, state, enricher, files)
        if results is None:
            return False
        # Shards of deleted files go, whatever the enricher thinks.
        shard_files = sorted(deleted)
        batches = [Batch(enrichment_context(name, f), [], []) for f in shard_files]
        ok_files = []
        for f in files:
            res = results.get(f)
            if isinstance(res, EnricherFileResult):
                batches.append(Batch(enrichment_context(name, f), res.nodes, res.edges))
                shard_files.append(f)
                ok_files.append(f)
        # Cross-file propagation needs the shard's edges before the commit.
        cross = bool(consumers) and not whole_graph
        old_edges: dict[str, set[EdgeKey]] = {}
        if cross and ok_files:
            with env.store.snapshot() as snap:
                for f in ok_files:
                    old_edges[f] = {
                        (e.src, e.type, e.dst)
                        for e in snap.context_edges(enrichment_context(name, f))
                    }
        parts: list[CommitDelta] = []
        if batches:
            state.delta.merge(env.store.commit(batches, per_batch=parts))
        changed_srcs: set[str] = set()
        for f, batch, part in zip(shard_files, batches, parts):
            if part.empty:
                continue
            for c in consumers:
                propagated[c].add(f)
            if cross and f in old_edges:
                new_edges = {(e.src, e.type, e.dst) for e in batch.edges}
                changed_srcs |= {edge[0] for edge in old_edges[f] ^ new_edges}
        if changed_srcs:
            # Other files read this output too (a subclass's calls read its
            # base's EXTENDS, `x.m()` reads an imported x's INSTANCE_OF):
            # the files with edges into a node whose output changed re-run
            # the consumers as well.
            with env.store.snapshot() as snap:
                dependents = dependents_of(snap, changed_srcs)
            for c in consumers:
                propagated[c] |= dependents - deleted
        stats.reenriched_by_enricher[name] = len(ok_files)
        all_reenriched.update(ok_files)
    stats.reenriched_files = len(all_reenriched)
    state.progress("enrichment", len(plan.ordered), len(plan.ordered))
    return True


def _run_global(
    env: CycleEnvironment, state: CycleState, enricher: Enricher, propagated: set[str]
) -> None:
    """Run a global enricher, if something it reads changed, and commit its one shard."""
    name = enricher.metadata.name
    # A global pass is costly: a body-only edit changes no node or edge type.
    changed_types = state.delta.changed_node_types | state.delta.changed_edge_types
    if not (
        state.full_enrichment
        or state.empty_store
        or propagated
        or changed_types & enricher.metadata.consumes
    ):
        return
    with env.store.snapshot() as snap:
        try:
            result = enricher.process_global(snap)
        except Exception as exc:  # one enricher's bug must not stop the cycle
            log.exception("enricher %s failed", name)
            state.stats.enricher_errors.append(f"{name}: {exc!r}")
            return
    part = env.store.commit([Batch(global_context(name), result.nodes, result.edges)])
    state.delta.merge(part)
    state.stats.reenriched_by_enricher[name] = 1


def _run_enricher(
    env: CycleEnvironment, state: CycleState, enricher: Enricher, files: list[str]
) -> dict[str, EnricherFileResult | Exception] | None:
    """Run one enricher over files against one snapshot; None if cancelled.

    Sequential on purpose: enrichers are pure Python (the GIL would
    serialise threads anyway) and an LMDB read transaction must not be
    used by two threads at once. Parallelism is across cycles and
    requests: readers never wait for this.
    """
    out: dict[str, EnricherFileResult | Exception] = {}
    if not files:
        return out
    name = enricher.metadata.name
    with env.store.snapshot() as snap:
        for f in files:
            if state.cancelled():
                return None
            try:
                out[f] = enricher.process_file(f, snap)
            except Exception as exc:  # leave this file's shard as it was
                log.exception("enricher %s failed on %s", name, f)
                state.stats.enricher_errors.append(f"{name} on {f}: {exc!r}")
                out[f] = exc
    return out
