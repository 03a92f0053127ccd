"""Selective enrichment: re-run each enricher where the cycle's change can matter.

Enrichers run in topological order of their dependency graph (who consumes
what another produces; both fixed when the orchestrator starts, in an
`EnricherPlan`). A file-scoped enricher runs over
``relevant_files(delta) ∩ targets`` (targets: the changed files, the blast
radius, or the part of it reached through this enricher alone, carried-over
work) plus the files propagated to it: when an upstream enricher's shard for
a file changed, its consumers re-run for that file (unless all that changed
is import bindings of names they never look up there: `reads_bindings`),
and, when the shard's edges changed, for the files with edges into the
nodes whose output changed, or that looked up the names those nodes bind.
Propagation ends because the graph is a DAG and each enricher runs once per
cycle. An enricher skips a file edited alone in its cycle that kept what it
reads of that file (`reads_of_its_file`, `CycleState.kept_reads`: typing
in a body changes calls and flow facts only, a value edit flow facts only);
its shard there stands. A global enricher runs once, and only when something it reads
changed; one that no other enricher consumes (the unreferenced pass) is
*deferred*: `enrich` leaves it to `enrich_global`, which the cycle runs
after the edited files' results are out, and which the next edit cancels (a
costly whole-graph pass must not delay the diagnostics of the file being
typed in). For the same reason, with a results hook, an enricher whose
output no other enricher reads (data flow) runs first for the edited files
alone: the other files the change sends it to (the callers of an edited
body) wait in `CycleState.deferred` for `enrich_deferred`, which runs before
the global passes and which the next edit cancels too (the files are carried).

Invariant: each enricher's results are committed to its own shards
(``enrichment_context(name, file)``) before the next enricher reads the
graph; shards of deleted files are emptied whatever the enricher says; an
enricher that raises leaves that file's shard as it was and is reported in
`CycleStats.enricher_errors`, never stopping the cycle.
"""

from __future__ import annotations

import logging
import pickle
import time
from collections.abc import Mapping
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace

from graphwarden.analysis.cycle.analysis_commit import COMMIT_CHUNK
from graphwarden.analysis.cycle.blast_radius import dependents_of, name_users_of
from graphwarden.analysis.cycle.body_dependents import call_dependents, reads_bodies
from graphwarden.analysis.cycle.plan import EnricherPlan
from graphwarden.analysis.cycle.state import CycleEnvironment, CycleState
from graphwarden.analysis.cycle.stats import EnricherFailure
from graphwarden.analysis.enrichers import all_enricher_classes
from graphwarden.analysis.enrichers.base import Enricher, EnrichmentCancelled
from graphwarden.analysis.enrichment_worker import (
    ChunkedShards,
    EncodedChunk,
    EnrichedShard,
    EnrichTask,
    encode_result,
    enrich_chunk,
)
from graphwarden.analysis.gc_pause import collector_paused, return_freed_memory
from graphwarden.analysis.model import NodeType, file_of_id, parse_id
from graphwarden.analysis.store import (
    Batch,
    CommitDelta,
    Snapshot,
    encode_edges,
    encode_nodes,
    enrichment_context,
    global_context,
    node_keys_by_id,
)
from graphwarden.analysis.store.keys import edge_type_of, far_node_key, near_node_key

log = logging.getLogger(__name__)

#: An enricher's files go to the workers from this many on (fewer: a round
#: trip to another process costs more than it saves).
PARALLEL_ENRICH_THRESHOLD = 256
#: Files per worker task.
ENRICH_CHUNK = 64


def deferred_globals(plan: EnricherPlan) -> list[Enricher]:
    """Global enrichers no other enricher consumes: they can run after the results are out."""
    return [
        e
        for e in plan.ordered
        if e.metadata.scope == "global" and not plan.consumers[e.metadata.name]
    ]


def enrich(env: CycleEnvironment, state: CycleState, targets: set[str]) -> bool:
    """Run the enrichers over `targets` (and what propagates), all but the deferred
    global passes (`enrich_global`); False if cancelled."""
    stats, deleted = state.stats, state.deleted
    plan = env.enricher_plan
    deferred = {e.metadata.name for e in deferred_globals(plan)}
    propagated = state.propagated
    for e in plan.ordered:
        propagated.setdefault(e.metadata.name, set())
    for name, left in state.carried_deferred.items():
        # What a cancelled cycle deferred: sent to that enricher (and deferred
        # again where it may be).
        propagated.setdefault(name, set()).update(left)
    # Cold and full runs enrich everything anyway: nothing to propagate across files.
    whole_graph = state.empty_store or state.full_enrichment
    all_reenriched: set[str] = set()
    # The last enricher the analysis pool can run (global ones run here).
    last_pooled = max(
        (i for i, e in enumerate(plan.ordered) if e.metadata.scope != "global"), default=-1
    )
    for step, enricher in enumerate(plan.ordered):
        if state.cancelled():
            return False
        # Progress counts enrichers: their files differ, their order does not.
        state.progress("enrichment", step, len(plan.ordered))
        name = enricher.metadata.name
        consumers = plan.consumers[name]
        if enricher.metadata.scope == "global":
            if name not in deferred and not _run_global(env, state, enricher, propagated[name]):
                return False
            continue
        started = time.perf_counter()
        with env.store.snapshot() as snap:
            relevant = enricher.relevant_files(state.delta, snap)
        mine = targets | state.radius.for_enricher(enricher)
        files = sorted(((relevant & mine) | propagated[name]) - deleted)
        if state.kept_reads:
            # An edited file that kept what this enricher reads of it: its
            # results stand, unless something else sends the enricher there.
            reads = enricher.metadata.reads_of_its_file
            sent = propagated[name] | state.radius.for_enricher(enricher)
            files = [f for f in files if state.kept_reads.get(f, 0) < reads or f in sent]
        if _deferrable(env, state, enricher):
            # The edited files' own results first: its callers' data flow
            # changes none of them (nothing reads this output), and the
            # deferred files' shards are kept until then (`enrich_deferred`).
            first = state.changed | state.carried_targets | (state.unenriched or set())
            later = [f for f in files if f not in first]
            if later:
                state.deferred[name] = later
                files = [f for f in files if f in first]
                all_reenriched.update(later)  # (counted now: they run in this cycle)
        # Cross-file propagation needs what changed in each shard, before the commit.
        cross = bool(consumers) and not whole_graph
        results = _run_enricher(env, state, enricher, files)
        if results is None:
            return False
        if step == last_pooled and state.big:
            # The pool's processes hold their caches of the whole workspace (a
            # hundred megabytes or more each), of no use to what follows here
            # (this enricher's commit, the global passes, the rules), which maps
            # much of the store: let them go first. A big cycle starts new ones.
            env.pool.close()
        ok_files = [f for f in files if f in results]
        srcs_by_file: dict[str, set[str] | None] = {}
        if cross and ok_files:
            with env.store.snapshot() as snap:
                for f in ok_files:
                    srcs_by_file[f] = _changed_sources(snap, name, f, results[f])
        # Consumers that read edges into their file's nodes (a view's routes):
        # the files such an edge this enricher gained or lost points into.
        into_readers = [c for c in consumers if plan.by_name[c].metadata.reads_edges_into]
        if into_readers and not whole_graph:
            watched = frozenset().union(
                *(plan.by_name[c].metadata.reads_edges_into for c in into_readers)
            )
            with env.store.snapshot() as snap:
                pointed = {
                    dst
                    for f in [*sorted(deleted), *ok_files]
                    for dst in _changed_destinations(snap, name, f, results.get(f), watched)
                }
            for c in into_readers:
                propagated[c] |= pointed - deleted
        # Shards of deleted files go, whatever the enricher thinks.
        shard_files = [*sorted(deleted), *ok_files]
        parts = _commit_shards(env, state, name, shard_files, results)
        changed_srcs: set[str] = set()
        with env.store.snapshot() as snap:
            for f, part in zip(shard_files, parts):
                if part.empty:
                    continue
                srcs = srcs_by_file.get(f)
                for c in consumers:
                    # Unless all that changed is import bindings the consumer
                    # does not read in this file.
                    if srcs is None or _reads_changed(plan.by_name[c], f, srcs, snap):
                        propagated[c].add(f)
                if srcs is not None:
                    changed_srcs |= srcs
        # A module's own edges (its IMPORTS of other modules) are read by no
        # enricher of another file: following them would reach every importer
        # of a hub that gained an import.
        changed_srcs = {s for s in changed_srcs if parse_id(s).kind != NodeType.MODULE}
        if changed_srcs:
            # Other files read this output too (a subclass's calls read its
            # base's EXTENDS, `x.m()` reads an imported x's INSTANCE_OF,
            # `m.x.m()` the same through its module): the files with edges
            # into a node whose output changed, or that looked up the name it
            # binds, re-run the consumers as well.
            with env.store.snapshot() as snap:
                dependents = dependents_of(snap, changed_srcs) | name_users_of(snap, changed_srcs)
                if reads_bodies(plan.ordered):
                    # A body that calls elsewhere now changes what reads it (data flow).
                    dependents |= call_dependents(snap, changed_srcs)
            for c in consumers:
                propagated[c] |= dependents - deleted
        stats.reenriched_by_enricher[name] = len(ok_files)
        stats.enricher_seconds[name] = time.perf_counter() - started
        all_reenriched.update(ok_files)
        # Not kept alive through the next enricher's run: in a cold index of
        # Django they are 25 MB (the workers' pickled shards, a delta per file).
        del results, parts, srcs_by_file
        if state.big:
            # What decoding and committing them freed is given back before the
            # next enricher's workers grow (they peak together with this process).
            return_freed_memory()
    stats.reenriched_files = len(all_reenriched)
    state.progress("enrichment", len(plan.ordered), len(plan.ordered))
    return True


def _deferrable(env: CycleEnvironment, state: CycleState, enricher: Enricher) -> bool:
    """Whether an enricher's files other than the edited ones may wait until the edited
    files' results are out: someone waits for those results (a results hook), the
    cycle is a small one whose unenriched files are known, and no other enricher
    reads this one's output (so the edited files' results cannot depend on it)."""
    return (
        env.results_hook is not None
        and not state.big
        and state.unenriched is not None
        and enricher.metadata.scope == "file"
        and not env.enricher_plan.consumers[enricher.metadata.name]
    )


def _commit_shards(
    env: CycleEnvironment,
    state: CycleState,
    name: str,
    shard_files: list[str],
    results: Mapping[str, EnrichedShard],
) -> list[CommitDelta]:
    """Commit enricher `name`'s shards of `shard_files` (a deleted file's: emptied) into
    the cycle's delta; what each batch changed, in order."""
    parts: list[CommitDelta] = []
    # In bounded write transactions: an LMDB transaction keeps a copy of
    # every page it dirties in this process's heap until it commits. Each
    # window's batches are made from the results as it is committed (the
    # workers' shards are decoded a chunk at a time: ChunkedShards).
    for i in range(0, len(shard_files), COMMIT_CHUNK):
        window = [
            _shard_batch(name, f, None if f in state.deleted else results[f])
            for f in shard_files[i : i + COMMIT_CHUNK]
        ]
        state.delta.merge(
            env.store.commit(window, per_batch=parts, track_ids=not state.empty_store)
        )
        if state.big:
            # Its edges land all over the store: one transaction maps a
            # hundred megabytes of it (store/mapped_pages.py).
            env.store.release_mapped_pages()
    return parts


def enrich_deferred(env: CycleEnvironment, state: CycleState, into: CommitDelta) -> bool:
    """Run the enrichment `enrich` deferred (`CycleState.deferred`), in the plan's
    order, committing each enricher's shards (and merging what they changed into
    `into`); False if cancelled (what is left stays in `state.deferred`)."""
    for enricher in env.enricher_plan.ordered:
        name = enricher.metadata.name
        files = state.deferred.get(name)
        if not files:
            continue
        if state.cancelled():
            return False
        started = time.perf_counter()
        results = _run_enricher(env, state, enricher, files)
        if results is None:
            return False
        ok_files = [f for f in files if f in results]
        for part in _commit_shards(env, state, name, ok_files, results):
            into.merge(part)
        del state.deferred[name]
        stats = state.stats
        stats.reenriched_by_enricher[name] = stats.reenriched_by_enricher.get(name, 0) + len(
            ok_files
        )
        stats.enricher_seconds[name] = (
            stats.enricher_seconds.get(name, 0.0) + time.perf_counter() - started
        )
    return True


def enrich_global(env: CycleEnvironment, state: CycleState) -> CommitDelta | None:
    """Run the deferred enrichment (`enrich_deferred`), then the deferred global passes
    (if something they read changed); the delta they committed, or None if
    cancelled (before or during a pass)."""
    t0 = time.perf_counter()
    delta = CommitDelta(track_ids=not state.empty_store)
    if state.deferred:
        done = enrich_deferred(env, state, delta)
        # The callers' data flow read much of the store (their callees'
        # files): not the working set of the file being edited, which the
        # worker keeps mapped between keystrokes (store/mapped_pages.py).
        env.store.release_mapped_pages("deferred enrichment")
        if not done:
            return None
        state.record_stage("deferred enrichment", t0)
        t0 = time.perf_counter()
    for enricher in deferred_globals(env.enricher_plan):
        if state.cancelled():
            return None
        name = enricher.metadata.name
        if not _run_global(env, state, enricher, state.propagated.get(name, set()), delta):
            return None
    state.record_stage("global", t0)
    return delta


def _changed_destinations(
    snap: Snapshot, name: str, file: str, shard: EnrichedShard | None, types: frozenset[str]
) -> set[str]:
    """The files of the nodes that edges of `types` in enricher `name`'s shard of
    `file` point into, for the edges the new shard (None: none, a deleted file's)
    adds or drops. (An edge whose destination is gone went with its file.)"""
    new = {row[0] for row in shard.edge_rows if row[1] in types} if shard is not None else set()
    old = {
        key
        for key in snap.context_edge_keys(enrichment_context(name, file))
        if edge_type_of(key) in types
    }
    files: set[str] = set()
    for key in new ^ old:
        node = snap.node_by_key(far_node_key(key))
        if node is not None:
            files.add(file_of_id(node.id))
    return files


def _changed_sources(snap: Snapshot, name: str, file: str, shard: EnrichedShard) -> set[str] | None:
    """Sources of the edges a new shard adds or drops (None: one is unknown).

    Compared as `out` keys, so only the edges that differ are looked at.
    """
    new = {row[0]: row[3] for row in shard.edge_rows}
    old = set(snap.context_edge_keys(enrichment_context(name, file)))
    srcs = {new[k] for k in new.keys() - old}
    for key in old - new.keys():
        node = snap.node_by_key(near_node_key(key))
        if node is None:
            return None  # its source is gone: the file changed, every consumer runs
        srcs.add(node.id)
    return srcs


def _reads_changed(consumer: Enricher, file: str, srcs: set[str], snap: Snapshot) -> bool:
    """Whether `consumer` may read, for `file`, the output that changed at `srcs`.

    The one case known not to: every changed source is an import binding of
    the file (or its module) whose name the consumer never looks up there.
    """
    names: set[str] = set()
    for src in srcs:
        parts = parse_id(src)
        if parts.kind == NodeType.MODULE and parts.file == file:
            continue  # a module's IMPORTS of other modules: no enricher reads them
        if parts.kind != NodeType.IMPORT or parts.file != file:
            return True
        names.add(parts.leaf.split("#", 1)[0])
    return bool(names) and consumer.reads_bindings(file, snap, names)


def _run_global(
    env: CycleEnvironment,
    state: CycleState,
    enricher: Enricher,
    propagated: set[str],
    into: CommitDelta | None = None,
) -> bool:
    """Run a global enricher, if something it reads changed, and commit its one shard;
    False if the cycle was cancelled during the pass (nothing is committed then)."""
    name = enricher.metadata.name
    # A global pass is costly: a body-only edit changes no node or edge type.
    changed_types = state.delta.changed_node_types | state.delta.changed_edge_types
    if not (
        state.full_enrichment
        or state.empty_store
        or state.global_passes_in_full
        or propagated
        or changed_types & enricher.metadata.consumes
    ):
        return True
    # What a delta names is all that changed since the pass last ran, unless
    # the run is cold or full, or the store's global output may be older.
    from_delta = state.delta.track_ids and not (
        state.full_enrichment or state.empty_store or state.global_passes_in_full
    )
    context = global_context(name)
    state.enriched_by.setdefault(name, set()).add("")
    with env.store.snapshot() as snap:
        try:
            update = (
                enricher.process_global_changes(snap, state.delta, state.cancelled)
                if from_delta
                else None
            )
            if update is None:
                result = enricher.process_global(snap, state.cancelled)
                node_rows = encode_nodes(result.nodes, result.edges)
                rows = encode_edges(result.edges, node_keys_by_id(node_rows), result.nodes)
                # In key order, as the store lists kept edges (the record is the
                # same whichever way the shard came).
                rows.sort(key=lambda row: row[0])
                batch = Batch(context, [], [], node_rows=node_rows, edge_rows=rows)
            else:
                # The edges into the nodes decided again are replaced; the rest stay.
                batch = Batch(
                    context,
                    [],
                    update.edges,
                    node_rows=[],
                    kept_edge_keys=snap.context_edge_keys_but(context, update.redecided),
                )
        except EnrichmentCancelled:
            return False
        except Exception as exc:  # one enricher's bug must not stop the cycle
            log.exception("enricher %s failed", name)
            state.stats.enricher_errors.append(EnricherFailure(name, "", f"{exc!r}"))
            return True
    part = env.store.commit([batch], track_ids=not state.empty_store)
    state.delta.merge(part)
    if into is not None:
        into.merge(part)
    state.stats.reenriched_by_enricher[name] = 1
    return True


def _shard_batch(name: str, file: str, shard: EnrichedShard | None) -> Batch:
    """The batch replacing a file's shard of enricher `name` (None: a deleted file's
    shard goes)."""
    if shard is None:
        return Batch(enrichment_context(name, file), [], [], uses=[])
    return Batch(
        enrichment_context(name, file),
        [],
        [],
        node_rows=shard.node_rows,
        edge_rows=shard.edge_rows,
        uses=shard.uses if shard.uses is not None else [],
    )


def _run_enricher(
    env: CycleEnvironment, state: CycleState, enricher: Enricher, files: list[str]
) -> Mapping[str, EnrichedShard] | None:
    """Run one enricher over files, in the workers when there are many: the shards of
    the files it enriched (those it failed on are reported in the stats and keep
    their shard as it was); None if cancelled."""
    if not files:
        return {}
    parallel = (
        len(files) >= PARALLEL_ENRICH_THRESHOLD
        and env.pool.workers > 1
        and type(enricher) in all_enricher_classes()
    )
    runner = _enrich_in_workers if parallel else _enrich_here
    got = runner(env, state, enricher, files)
    if got is None:
        return None
    shards, failures = got
    name = enricher.metadata.name
    state.enriched_by.setdefault(name, set()).update(files)
    for shard in failures:
        state.stats.enricher_errors.append(EnricherFailure(name, shard.file, shard.error or ""))
    return shards


def _enrich_here(
    env: CycleEnvironment, state: CycleState, enricher: Enricher, files: list[str]
) -> tuple[dict[str, EnrichedShard], list[EnrichedShard]] | None:
    """In this process, against one snapshot: a small cycle would pay more for a round trip.

    (An LMDB read transaction must not be used by two threads at once, and
    threads would share one core anyway.)
    """
    out: dict[str, EnrichedShard] = {}
    failures: list[EnrichedShard] = []
    name = enricher.metadata.name
    with env.store.snapshot() as snap:
        for f in files:
            if state.cancelled():
                return None
            with collector_paused():
                try:
                    result = enricher.process_file(f, snap, state.cancelled)
                except EnrichmentCancelled:
                    return None
                except Exception as exc:  # leave this file's shard as it was
                    log.exception("enricher %s failed on %s", name, f)
                    failures.append(EnrichedShard(f, [], [], f"{exc!r}"))
                    continue
                out[f] = encode_result(f, result)
    return out, failures


def _enrich_in_workers(
    env: CycleEnvironment, state: CycleState, enricher: Enricher, files: list[str]
) -> tuple[ChunkedShards, list[EnrichedShard]] | None:
    """In the analysis pool's processes, a chunk of files per task (see enrichment_worker)."""
    blob = pickle.dumps(env.settings)
    revision = env.store.revision
    tasks = [
        EnrichTask(
            str(env.store.path),
            blob,
            enricher.metadata.name,
            files[i : i + ENRICH_CHUNK],
            revision,
        )
        for i in range(0, len(files), ENRICH_CHUNK)
    ]
    chunks = _surviving_deaths(env, state, tasks)
    if chunks is None or state.cancelled():
        return None
    return ChunkedShards(chunks), [shard for c in chunks for shard in c.failed]


#: What a file whose enrichment killed the worker process is failed with.
WORKER_DIED = (
    "the enrichment process died on this file (killed: out of memory, or a crash); "
    "it was run again alone and died again"
)


def _surviving_deaths(
    env: CycleEnvironment, state: CycleState, tasks: list[EnrichTask]
) -> list[EncodedChunk] | None:
    """Every task's chunk, in order, though a worker dies (None: cancelled). When one
    dies (the pool is then broken), the tasks not finished run again, one at a
    time, so the one that kills a worker alone is known; its files run again
    one by one, and a file that kills a worker alone fails (`WORKER_DIED`),
    the others' results kept. A worker killed once, by something else, costs
    a pool's start and nothing of the results."""
    out: list[EncodedChunk] = []
    while len(out) < len(tasks):
        try:
            for chunk in env.pool.run_tasks(enrich_chunk, tasks[len(out) :], state.cancelled):
                out.append(chunk)
            if len(out) < len(tasks):
                return None  # cancelled
        except BrokenProcessPool:
            log.warning("an enrichment worker died: its chunk runs again alone")
            out += _alone(env, state, tasks[len(out)])
    return out


def _alone(env: CycleEnvironment, state: CycleState, task: EnrichTask) -> list[EncodedChunk]:
    """A task whose run broke the pool, run again by itself; then file by file: its
    one chunk ([] if cancelled)."""
    try:
        return list(env.pool.run_tasks(enrich_chunk, [task], state.cancelled))
    except BrokenProcessPool:
        pass
    files: list[str] = []
    shards: list[EnrichedShard] = []
    failed: list[EnrichedShard] = []
    for file in task.files:
        try:
            got = list(
                env.pool.run_tasks(enrich_chunk, [replace(task, files=[file])], state.cancelled)
            )
        except BrokenProcessPool:
            log.error("the enrichment worker died on %s, alone: it fails", file)
            failed.append(EnrichedShard(file, [], [], WORKER_DIED))
            continue
        if not got:
            return []  # cancelled
        files += got[0].files
        shards += pickle.loads(got[0].blob)
        failed += got[0].failed
    return [EncodedChunk(files, pickle.dumps(shards, protocol=pickle.HIGHEST_PROTOCOL), failed)]
