"""Stages 1-3 of the cycle, streamed: analysis, pre-commit blast radius, commit.

The front ends analyse the changed files (in worker processes when there are
many); results are committed in chunks of `COMMIT_CHUNK` files, so a cold
index never holds every file's analysis in memory at once and readers see
progress. Before each chunk's commit, on the graph as it still is, the blast
radius and the canary's baseline are taken from the nodes the chunk replaces
(skipped on an empty store: there is nothing to replace).

Progress is reported per file for both stages ("analysis", then "commit"
for each chunk), so a bar shows which one a cold index is in.

Invariant: a file's analysis is committed as one batch (the file's context
replaced whole, or the file deleted).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from graphwarden.analysis import defaults
from graphwarden.analysis.cycle.blast_radius import blast_radius
from graphwarden.analysis.cycle.body_dependents import body_dependents
from graphwarden.analysis.cycle.state import CycleEnvironment, CycleState
from graphwarden.analysis.cycle.stats import Progress
from graphwarden.analysis.enrichers.base import FileReads
from graphwarden.analysis.generational_cache import GenerationalCache
from graphwarden.analysis.indexer import EncodedAnalysis
from graphwarden.analysis.languages import language_of
from graphwarden.analysis.model import Node
from graphwarden.analysis.store import Batch, Snapshot, key_order
from graphwarden.analysis.summaries import SummaryRow, definition_rows, summary_rows

#: Files committed per write transaction during a big (cold) cycle: bounds
#: the writer's dirty pages, and lets readers see progress. LMDB keeps the
#: pages a transaction dirtied for reuse, so the biggest transaction stays in
#: the writer's heap: 128 files held 100 MB on a cold Django index, 32 hold
#: 75 MB at no measurable cost in time.
COMMIT_CHUNK = 32

#: A file of a chunk and its analysis; None: the file was deleted.
ChunkEntry = tuple[str, EncodedAnalysis | None]


def analyse_and_commit(env: CycleEnvironment, state: CycleState) -> bool:
    """Analyse and commit the cycle's changes; False if cancelled meanwhile.

    Fills `state.delta`, `state.radius`, `state.canary` and the stage times.
    """
    analysable = [
        c for c in state.changes.values() if not c.deleted and language_of(c.path) is not None
    ]
    # Files without new content are read from disk by the pool; the others
    # (editor buffers) are analysed from the content given.
    to_read = [c.path for c in analysable if c.content is None]
    overlays = {c.path: c.content for c in analysable if c.content is not None}
    # The pool hands results back in this order, and they are committed so.
    in_key_order = key_order([*to_read, *overlays])
    counter = _FileCounter(state.progress, len(to_read) + len(overlays))
    chunk: list[ChunkEntry] = [(p, None) for p in sorted(state.deleted)]
    committed = _FileCounter(state.progress, len(to_read) + len(overlays) + len(state.deleted))
    t_analysis = time.perf_counter()
    for result in env.pool.analyse(
        env.root, in_key_order, overlays, env.max_file_bytes, counter, state.cancelled
    ):
        chunk.append((result.file, result))
        if len(chunk) >= COMMIT_CHUNK:
            _commit_chunk(env, state, chunk, committed)
            chunk = []
    if state.cancelled():
        return False
    _commit_chunk(env, state, chunk, committed)
    stats = state.stats
    # The pool analyses while chunks are committed: analysis time is what
    # the loop took beyond the other two stages.
    stats.stage_seconds["analysis"] = max(
        0.0,
        time.perf_counter()
        - t_analysis
        - stats.stage_seconds.get("blast_radius", 0.0)
        - stats.stage_seconds.get("commit", 0.0),
    )
    stats.stages_completed[:0] = ["analysis"]
    stats.blast_radius_files = len(state.radius.all_files())
    stats.deleted_files = len(state.deleted)
    stats.changed_files = len(state.changed) - len(state.deleted)
    stats.changed_paths = sorted(state.changed)
    return True


#: Front-end nodes of recently committed files, decoded, by (path, content
#: hash, skip reason): a file's nodes are a function of its path and bytes
#: (and whether it was skipped: a size limit is a setting), and the next
#: edit's blast radius and canary need as the file's old nodes exactly what
#: this cycle decoded as its new ones (an undo, its content of two edits ago).
#: Body-only edits of Django's 480-line text.py, alternating two contents:
#: blast radius 2.7 -> 1.6 ms of a 20 ms cycle. Callers never mutate them.
_RECENT_NODES: GenerationalCache[tuple[str, str, str | None], list[Node]] = GenerationalCache(
    defaults.RECENT_NODES_FILES
)


#: `summary_rows` of the node lists `_RECENT_NODES` holds, by the list's identity
#: (each entry keeps its list, so an id is not reused while it is cached): a
#: typed edit compares the new rows with the previous edit's, made then.
_RECENT_ROWS: GenerationalCache[int, tuple[list[Node], list[SummaryRow]]] = GenerationalCache(
    defaults.RECENT_NODES_FILES
)


def _rows_of(path: str, nodes: list[Node]) -> list[SummaryRow]:
    hit = _RECENT_ROWS.get(id(nodes))
    if hit is not None and hit[0] is nodes:
        return hit[1]
    rows = summary_rows(path, nodes)
    _RECENT_ROWS.put(id(nodes), (nodes, rows))
    return rows


def _old_nodes(snap: Snapshot, path: str) -> list[Node]:
    """The nodes the store holds for `path` (before this chunk's commit)."""
    rec = snap.file(path)
    if rec is not None and rec.content_hash:
        hit = _RECENT_NODES.get((path, rec.content_hash, rec.skipped_reason))
        if hit is not None:
            return hit
    return snap.context_nodes(path)


def _new_nodes(enc: EncodedAnalysis) -> list[Node]:
    key = (enc.file, enc.record.content_hash, enc.record.skipped_reason)
    nodes = _RECENT_NODES.get(key) if enc.record.content_hash else None
    if nodes is None:
        nodes = enc.nodes()
        if enc.record.content_hash:
            _RECENT_NODES.put(key, nodes)
    return nodes


def _commit_chunk(
    env: CycleEnvironment, state: CycleState, chunk: list[ChunkEntry], committed: _FileCounter
) -> None:
    """Take the blast radius and canary baseline of a chunk, then commit it."""
    t0 = time.perf_counter()
    if not state.empty_store:
        with env.store.snapshot() as snap:
            old_nodes = {path: _old_nodes(snap, path) for path, _ in chunk}
            new_nodes: dict[str, list[Node] | None] = {
                path: _new_nodes(enc) if enc else None for path, enc in chunk
            }
            state.radius.merge(
                blast_radius(snap, env.enricher_plan.ordered, new_nodes, old_nodes, state.changed)
            )
            # Enrichers that read bodies across files (data flow): body edits reach readers.
            body_chunk = [(p, new_nodes[p], enc.summary if enc else None) for p, enc in chunk]
            readers = (
                body_dependents(snap, env.enricher_plan.ordered, body_chunk, old_nodes)
                - state.changed
            )
            for enricher in env.enricher_plan.ordered:
                if enricher.metadata.reads_bodies_across_files:
                    for file in readers:
                        state.radius.add_for(enricher.metadata.name, file)
            state.canary.observe(snap, new_nodes, old_nodes)
            if len(state.changed) == 1:
                # Only a file edited alone may skip enrichers (typing): another
                # file's change in the cycle could reach it, and the radius
                # leaves changed files out. Compared only then: a branch
                # switch's thousands of files would pay for nothing.
                for path, nodes in new_nodes.items():
                    old = old_nodes[path]
                    if nodes is not None and old:
                        kept = _kept_reads(_rows_of(path, nodes), _rows_of(path, old))
                        if kept is not None:
                            state.kept_reads[path] = kept
    state.record_stage("blast_radius", t0)
    t0 = time.perf_counter()
    batches = [
        Batch(path, [], [], None, delete_file=True)
        if enc is None
        else Batch(
            path,
            [],
            [],
            enc.record,
            node_rows=enc.node_rows,
            edge_rows=enc.edge_rows,
            summary=enc.summary,
        )
        for path, enc in chunk
    ]
    if batches:
        committed.stage = "commit"
        committed(0)  # the stage begins: a big chunk's commit takes a while
        state.delta.merge(env.store.commit(batches, track_ids=not state.empty_store))
        committed(len(batches))
    state.record_stage("commit", t0)


def _kept_reads(new: list[SummaryRow], old: list[SummaryRow]) -> FileReads | None:
    """How much of what enrichers read of a file an edit kept (None: not even its
    definitions)."""
    if new == old:
        return FileReads.SUMMARY_ROWS
    if definition_rows(new) == definition_rows(old):
        return FileReads.DEFINITIONS
    return None


@dataclass
class _FileCounter:
    """Reports a stage's progress in files (analysis as the pool finishes them, commits)."""

    progress: Progress
    total: int
    done: int = 0
    stage: str = "analysis"

    def __call__(self, n: int) -> None:
        self.done += n
        self.progress(self.stage, self.done, self.total)
