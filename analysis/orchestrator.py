"""The orchestrator: one stateful owner of a workspace's graph, and the cycle.

A cycle takes a set of changed files to a consistent graph:

1. analysis      front ends parse the changed files (a process pool when many);
2. blast radius  on the live graph, before commit: files outside the change
                 with edges into nodes that disappear or whose signature
                 changes (subclasses followed transitively), plus files
                 waiting on placeholders the change may satisfy;
3. commit        one CommitBatch per file (chunked for big changes);
4. enrichment    enrichers in topological order, each over
                 relevant_files(delta) ∩ (changed ∪ blast radius ∪ propagated);
                 when a file's shard changes, downstream enrichers re-run there;
5. guarantees    once, after all enrichment (the hook is set by the caller);
6. canary        nodes whose content hash changed while nothing the analysis
                 produced for them did: coverage gaps.

The result of any sequence of cycles equals a from-scratch index of the same
files: tests/test_incremental_equivalence.py holds the project to that.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from graphwarden.analysis.checkpoints import checkpoint
from graphwarden.analysis.config import ConfigError, Settings, load_config
from graphwarden.analysis.discovery import discover
from graphwarden.analysis.enrichers.base import Enricher, EnricherFileResult, topological_order
from graphwarden.analysis.indexer import AnalysisPool, EncodedAnalysis, read_source
from graphwarden.analysis.languages import content_digest, language_of
from graphwarden.analysis.model import (
    STRUCTURAL_EDGES,
    EdgeType,
    Node,
    NodeType,
    definition_id,
    external_module_id,
    file_of_id,
    module_id,
    node_facts,
    parse_id,
)
from graphwarden.analysis.store import (
    Batch,
    CommitDelta,
    FileRecord,
    GraphStore,
    Snapshot,
    enrichment_context,
    global_context,
)

log = logging.getLogger(__name__)

#: Files committed per write transaction during a big (cold) cycle: bounds
#: the writer's dirty pages, and lets readers see progress.
COMMIT_CHUNK = 256


@dataclass
class FileChange:
    """A change to one file: new content, a deletion, or "re-read from disk"."""

    path: str
    content: bytes | None = None
    deleted: bool = False


@dataclass
class CoverageGap:
    """A node whose source changed in a way the graph does not show."""

    node_id: str
    file: str
    range: tuple[int, int, int, int]
    node_type: str
    name: str
    #: The content hash the node had when its analysis last explained it.
    baseline_hash: str

    @property
    def message(self) -> str:
        return (
            f"coverage gap: this change to {self.node_type.lower()} {self.name!r} is invisible "
            "to the code graph, so guarantees cannot vouch for it"
        )


@dataclass
class CycleStats:
    """What one cycle did (and, for `index`, the state of the graph after it)."""

    revision: int = 0
    files: int = 0
    nodes: int = 0
    edges: int = 0
    parse_errors: int = 0
    skipped_files: int = 0
    changed_files: int = 0
    deleted_files: int = 0
    blast_radius_files: int = 0
    reenriched_files: int = 0
    reenriched_by_enricher: dict[str, int] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    stages_completed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    cancelled: bool = False
    new_coverage_gaps: list[CoverageGap] = field(default_factory=list)
    fixed_coverage_gaps: list[CoverageGap] = field(default_factory=list)
    enricher_errors: list[str] = field(default_factory=list)
    changed_paths: list[str] = field(default_factory=list)
    guarantees_checked: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "revision": self.revision,
            "files": self.files,
            "nodes": self.nodes,
            "edges": self.edges,
            "parse_errors": self.parse_errors,
            "skipped_files": self.skipped_files,
            "changed_files": self.changed_files,
            "deleted_files": self.deleted_files,
            "blast_radius_files": self.blast_radius_files,
            "reenriched_files": self.reenriched_files,
            "reenriched_by_enricher": dict(self.reenriched_by_enricher),
            "stage_seconds": {k: round(v, 4) for k, v in self.stage_seconds.items()},
            "stages_completed": list(self.stages_completed),
            "seconds": round(self.seconds, 4),
            "cancelled": self.cancelled,
            "coverage_gaps": {
                "new": [_gap_json(g) for g in self.new_coverage_gaps],
                "fixed": [_gap_json(g) for g in self.fixed_coverage_gaps],
            },
            "enricher_errors": list(self.enricher_errors),
            "guarantees_checked": self.guarantees_checked,
        }


def _gap_json(g: CoverageGap) -> dict[str, Any]:
    return {"node": g.node_id, "file": g.file, "range": list(g.range), "message": g.message}


class GuaranteeHook(Protocol):
    """What the orchestrator calls after enrichment (filled by analysis.guarantees)."""

    def check(self, snapshot: Snapshot, delta: CommitDelta | None) -> int:
        """Check the guarantees; `delta` None means all of them. Returns rules evaluated."""
        ...


class Progress(Protocol):
    def __call__(self, stage: str, done: int, total: int) -> None: ...


class ConflictError(Exception):
    """A session's commit touches files another commit changed since it began."""

    def __init__(self, agent_id: str, files: Iterable[str]) -> None:
        self.agent_id = agent_id
        self.files = sorted(files)
        super().__init__(
            f"session {agent_id!r} conflicts on {', '.join(self.files)}: "
            "changed by another commit since the session began"
        )


@dataclass
class Session:
    agent_id: str
    base_revision: int
    changes: dict[str, FileChange] = field(default_factory=dict)


@dataclass
class CommitResult:
    ok: bool
    agent_id: str
    conflicts: list[str] = field(default_factory=list)
    stats: CycleStats | None = None


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
        self.enrichers = topological_order(enrichers)
        self.pool = AnalysisPool(workers)
        self.guarantee_hook: GuaranteeHook | None = None
        self._cycle_lock = threading.Lock()
        self._generation = 0
        self._gen_lock = threading.Lock()
        #: Work a cancelled cycle left: files to re-enrich next time.
        self._carry: set[str] = set()
        self._carry_changes: dict[str, FileChange] = {}
        self._carry_delta = CommitDelta()
        self.coverage_gaps: dict[str, CoverageGap] = {}
        self.last_stats: CycleStats | None = None
        self._sessions: dict[str, Session] = {}
        self._file_changed_at: dict[str, int] = {}
        self._sessions_lock = threading.Lock()

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

    def health(self) -> dict[str, Any]:
        with self.snapshot() as snap:
            counts = snap.counts()
            revision = snap.revision
        last = self.last_stats
        return {
            "status": "degraded"
            if (self.config_errors or (last and last.enricher_errors))
            else "ok",
            "root": str(self.root),
            "store": str(self.store.path),
            "revision": revision,
            **counts,
            "enrichers": [e.metadata.name for e in self.enrichers],
            "config_errors": [str(e) for e in self.config_errors],
            "coverage_gaps": len(self.coverage_gaps),
            "active_sessions": len(self._sessions),
            "cycle_running": self._cycle_lock.locked(),
            "last_cycle": last.to_json() if last else None,
        }

    # -- cancellation -----------------------------------------------------------------

    def request_cancel(self) -> None:
        """Ask the running cycle to stop at its next checkpoint (a newer change is coming)."""
        with self._gen_lock:
            self._generation += 1

    def _cancel_check(self) -> Callable[[], bool]:
        with self._gen_lock:
            gen = self._generation
        return lambda: self._generation != gen

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
        """Drop the store and index everything from scratch."""
        self.store.destroy()
        self.store = GraphStore(self.settings.store_path)  # the same place, chosen at start
        self.coverage_gaps.clear()
        return self.index_repository(progress=progress)

    # -- the cycle ----------------------------------------------------------------------

    def apply_changes(
        self, changes: Iterable[FileChange], progress: Progress | None = None
    ) -> CycleStats:
        """Run one cycle for edits (editor buffers, watched files, a branch switch)."""
        return self.run_cycle(list(changes), progress=progress)

    def run_cycle(
        self,
        changes: list[FileChange],
        progress: Progress | None = None,
        full_enrichment: bool = False,
    ) -> CycleStats:
        cancelled = self._cancel_check()
        with self._cycle_lock:
            return _Cycle(self, changes, progress, cancelled, full_enrichment).run()

    # -- sessions (MVCC) ----------------------------------------------------------------

    def begin_session(self, agent_id: str) -> Session:
        """Start buffering changes for one agent, based on the current revision."""
        with self._sessions_lock:
            session = Session(agent_id, self.store.revision)
            self._sessions[agent_id] = session
            return session

    def add_change(self, agent_id: str, change: FileChange) -> None:
        with self._sessions_lock:
            session = self._sessions.get(agent_id)
            if session is None:
                raise KeyError(f"no session for agent {agent_id!r}: call begin_session first")
            session.changes[change.path] = change

    def commit(self, agent_id: str) -> CommitResult:
        """Commit a session's changes as one cycle, unless another commit got there first."""
        with self._sessions_lock:
            session = self._sessions.get(agent_id)
            if session is None:
                raise KeyError(f"no session for agent {agent_id!r}")
            conflicts = [
                f
                for f in session.changes
                if self._file_changed_at.get(f, 0) > session.base_revision
            ]
            if conflicts:
                del self._sessions[agent_id]
                return CommitResult(False, agent_id, sorted(conflicts))
            del self._sessions[agent_id]
        stats = self.run_cycle(list(session.changes.values()))
        return CommitResult(True, agent_id, [], stats)

    def close(self) -> None:
        self.request_cancel()
        with self._cycle_lock:
            self.pool.close()
            self.store.close()


class _Cycle:
    """One run of the cycle; state lives here, not on the orchestrator."""

    def __init__(
        self,
        orch: Orchestrator,
        changes: list[FileChange],
        progress: Progress | None,
        cancelled: Callable[[], bool],
        full_enrichment: bool,
    ) -> None:
        self.o = orch
        self.store = orch.store
        self.progress = progress or (lambda stage, done, total: None)
        self.cancelled = cancelled
        self.full_enrichment = full_enrichment
        # Last change to a path wins.
        self.changes: dict[str, FileChange] = {}
        for c in changes:
            self.changes[c.path] = c
        self.stats = CycleStats()
        self.empty_store = False

    def _stage(self, name: str, t0: float) -> None:
        self.stats.stage_seconds[name] = self.stats.stage_seconds.get(name, 0.0) + (
            time.perf_counter() - t0
        )
        if name not in self.stats.stages_completed:
            self.stats.stages_completed.append(name)

    def run(self) -> CycleStats:
        t_start = time.perf_counter()
        checkpoint("cycle")
        o = self.o
        stats = self.stats
        # Work a cancelled cycle left behind joins this one; newer changes win.
        carried, o._carry_changes = o._carry_changes, {}
        carry_targets, o._carry = o._carry, set()
        carry_delta, o._carry_delta = o._carry_delta, CommitDelta()
        for path, change in carried.items():
            self.changes.setdefault(path, change)

        with self.store.snapshot() as snap:
            self.empty_store = snap.counts()["nodes"] == 0
        changed = {
            c.path for c in self.changes.values() if c.deleted or language_of(c.path) is not None
        }
        delta = CommitDelta()
        delta.merge(carry_delta)
        radius: set[str] = set()
        canary_before: dict[str, tuple[Node, Node, frozenset[tuple[str, str]]]] = {}
        #: Per file: ranges of nodes that were added, removed or changed content.
        changed_spans: dict[str, list[tuple[tuple[int, int, int, int], str]]] = {}
        deleted = {c.path for c in self.changes.values() if c.deleted}
        self.store.set_meta("enrichment_dirty", True)

        # 1-3. analysis, pre-commit blast radius, commit: streamed in chunks so a
        # cold index never holds every file's analysis in memory at once.
        to_read = [
            c.path
            for c in self.changes.values()
            if not c.deleted and c.content is None and language_of(c.path) is not None
        ]
        overlays = {
            c.path: c.content
            for c in self.changes.values()
            if not c.deleted and c.content is not None and language_of(c.path) is not None
        }
        total = len(to_read) + len(overlays)
        done = 0

        def tick(n: int) -> None:
            nonlocal done
            done += n
            self.progress("analysis", done, total)

        pending: list[tuple[str, EncodedAnalysis | None]] = [(p, None) for p in sorted(deleted)]

        def flush() -> None:
            t0 = time.perf_counter()
            if not self.empty_store:
                with self.store.snapshot() as snap:
                    old_nodes = {path: snap.context_nodes(path) for path, _ in pending}
                    new_nodes = {path: enc.nodes() if enc else None for path, enc in pending}
                    radius.update(self._blast_radius(snap, new_nodes, old_nodes, changed))
                    canary_before.update(self._canary_before(snap, new_nodes, old_nodes))
                    for path, nodes in new_nodes.items():
                        changed_spans[path] = _changed_spans(old_nodes.get(path, []), nodes or [])
            self._stage("blast_radius", t0)
            t0 = time.perf_counter()
            batches = []
            for path, enc in pending:
                if enc is None:
                    batches.append(Batch(path, [], [], None, delete_file=True))
                else:
                    batches.append(
                        Batch(
                            path,
                            [],
                            [],
                            enc.record,
                            node_rows=enc.node_rows,
                            edge_rows=enc.edge_rows,
                        )
                    )
            if batches:
                delta.merge(self.store.commit(batches))
            self._stage("commit", t0)
            pending.clear()

        t_analysis = time.perf_counter()
        for result in o.pool.analyse(
            o.root, [*to_read, *overlays], overlays, o.settings.max_file_bytes, tick, self.cancelled
        ):
            pending.append((result.file, result))
            if len(pending) >= COMMIT_CHUNK:
                flush()
        if self.cancelled():
            return self._cancel(carry_targets | changed, delta, t_start)
        flush()
        committed_at = time.perf_counter() - t_analysis
        stats.stage_seconds["analysis"] = max(
            0.0,
            committed_at
            - stats.stage_seconds.get("blast_radius", 0.0)
            - stats.stage_seconds.get("commit", 0.0),
        )
        stats.stages_completed[:0] = ["analysis"]
        for path in changed:
            o._file_changed_at[path] = delta.revision
        stats.blast_radius_files = len(radius)
        stats.deleted_files = len(deleted)
        stats.changed_files = len(changed) - len(deleted)
        stats.changed_paths = sorted(changed)

        # 4. selective enrichment ------------------------------------------------------
        checkpoint("enrichment")
        t0 = time.perf_counter()
        targets = changed | radius | carry_targets
        if self.full_enrichment:
            with self.store.snapshot() as snap:
                targets |= {r.path for r in snap.files()}
        delta.changed_files |= targets
        if not self._enrich(delta, targets, deleted):
            return self._cancel(targets, delta, t_start)
        self.store.set_meta("enrichment_dirty", False)
        self._stage("enrichment", t0)

        # 5. guarantees (only now: never between analysis and enrichment) -------------
        t0 = time.perf_counter()
        if o.guarantee_hook is not None:
            with self.store.snapshot() as snap:
                stats.guarantees_checked = o.guarantee_hook.check(
                    snap, None if self.empty_store or self.full_enrichment else delta
                )
        self._stage("guarantees", t0)

        # 6. coverage canary ---------------------------------------------------------------
        t0 = time.perf_counter()
        if canary_before:
            with self.store.snapshot() as snap:
                self._canary_after(snap, changed_spans, canary_before, delta)
        for path in deleted:
            for gid in [g for g, gap in o.coverage_gaps.items() if gap.file == path]:
                del o.coverage_gaps[gid]
        self._stage("coverage", t0)

        with self.store.snapshot() as snap:
            counts = snap.counts()
            stats.revision = snap.revision
            stats.files = counts["files"]
            stats.nodes = counts["nodes"]
            stats.edges = counts["edges"]
        if len(changed) > COMMIT_CHUNK:
            self.store.sync()
        stats.seconds = time.perf_counter() - t_start
        o.last_stats = stats
        return stats

    def _cancel(self, carry: set[str], delta: CommitDelta, t_start: float) -> CycleStats:
        """Leave the work for the next cycle: the changes themselves (re-analysing a
        committed file finds nothing new) and the files whose enrichment is not done."""
        self.o._carry |= carry
        self.o._carry_changes.update(self.changes)
        self.o._carry_delta.merge(delta)
        self.stats.cancelled = True
        self.stats.seconds = time.perf_counter() - t_start
        return self.stats

    # -- blast radius --------------------------------------------------------------------------

    def _blast_radius(
        self,
        snap: Snapshot,
        new_nodes: dict[str, list[Node] | None],
        old_nodes: dict[str, list[Node]],
        changed: set[str],
    ) -> set[str]:
        radius: set[str] = set()
        frontier: list[str] = []
        for path, result in new_nodes.items():
            new_sigs = {n.id: n.signature_hash for n in result} if result is not None else {}
            module_sig_changed = result is None
            for node in old_nodes.get(path, []):
                sig = new_sigs.get(node.id)
                if sig is None or sig != node.signature_hash:
                    if node.type == NodeType.MODULE:
                        module_sig_changed = True
                    if node.type not in (NodeType.CALL, NodeType.PARAMETER):
                        frontier.append(node.id)
            if not old_nodes.get(path):
                module_sig_changed = True  # a new file
            elif (
                result is not None
                and not module_sig_changed
                and _top_level_ids(old_nodes[path]) != _top_level_ids(result)
            ):
                # A module-level binding that changes kind under an unchanged
                # module signature (`class A` added after an `import A`) changes
                # what importers resolve to: treat it as a signature change.
                module_sig_changed = True
                frontier.append(module_id(path))
            if module_sig_changed and result is not None:
                # Files waiting on placeholders this file may now satisfy.
                for enricher in self.o.enrichers:
                    for key in enricher.dependent_keys(path, result):
                        for e in snap.edges_in(external_module_id(key)):
                            radius.add(file_of_id(e.src))
        radius |= _dependents_of(snap, set(frontier))
        radius.discard("")
        return radius - changed

    # -- enrichment ------------------------------------------------------------------------------

    def _enrich(self, delta: CommitDelta, targets: set[str], deleted: set[str]) -> bool:
        o, stats = self.o, self.stats
        propagated: dict[str, set[str]] = {e.metadata.name: set() for e in o.enrichers}
        consumers: dict[str, list[str]] = {e.metadata.name: [] for e in o.enrichers}
        for e in o.enrichers:
            for other in o.enrichers:
                if other is not e and e.metadata.produces & other.metadata.consumes:
                    consumers[e.metadata.name].append(other.metadata.name)
        all_reenriched: set[str] = set()
        for enricher in o.enrichers:
            if self.cancelled():
                return False
            name = enricher.metadata.name
            if enricher.metadata.scope == "global":
                # A global pass is costly: run it only when something it reads
                # changed (a body-only edit changes no node or edge type).
                changed_types = delta.changed_node_types | delta.changed_edge_types
                if not (
                    self.full_enrichment
                    or self.empty_store
                    or propagated[name]
                    or changed_types & enricher.metadata.consumes
                ):
                    continue
                with self.store.snapshot() as snap:
                    try:
                        result = enricher.process_global(snap)
                    except Exception as exc:  # one enricher's bug must not stop the cycle
                        log.exception("enricher %s failed", name)
                        stats.enricher_errors.append(f"{name}: {exc!r}")
                        continue
                part = self.store.commit([Batch(global_context(name), result.nodes, result.edges)])
                delta.merge(part)
                stats.reenriched_by_enricher[name] = 1
                continue
            with self.store.snapshot() as snap:
                relevant = enricher.relevant_files(delta, snap)
            files = sorted(((relevant & targets) | propagated[name]) - deleted)
            # Shards of deleted files go, whatever the enricher thinks.
            batches = [Batch(enrichment_context(name, f), [], []) for f in sorted(deleted)]
            results = self._run_enricher(enricher, files)
            if results is None:
                return False
            ok_files = []
            for f in files:
                res = results.get(f)
                if isinstance(res, EnricherFileResult):
                    batches.append(Batch(enrichment_context(name, f), res.nodes, res.edges))
                    ok_files.append(f)
            # Cross-file propagation needs the shard's edges before the commit.
            cross = bool(consumers[name]) and not (self.empty_store or self.full_enrichment)
            old_edges: dict[str, set[tuple[str, str, str]]] = {}
            if cross and ok_files:
                with self.store.snapshot() as snap:
                    for f in ok_files:
                        old_edges[f] = {
                            (e.src, e.type, e.dst)
                            for e in snap.context_edges(enrichment_context(name, f))
                        }
            parts: list[CommitDelta] = []
            if batches:
                delta.merge(self.store.commit(batches, per_batch=parts))
            changed_srcs: set[str] = set()
            for batch, part in zip(batches, parts):
                if part.empty:
                    continue
                f = batch.context.split("/", 2)[2]
                for c in consumers[name]:
                    propagated[c].add(f)
                if cross and f in old_edges:
                    new_edges = {(e.src, e.type, e.dst) for e in batch.edges}
                    changed_srcs |= {t[0] for t in old_edges[f] ^ new_edges}
            if changed_srcs:
                # Other files read this output too (a subclass's calls read its
                # base's EXTENDS, `x.m()` reads an imported x's INSTANCE_OF):
                # the files with edges into a node whose output changed re-run
                # the consumers as well.
                with self.store.snapshot() as snap:
                    dependents = _dependents_of(snap, changed_srcs)
                for c in consumers[name]:
                    propagated[c] |= dependents - deleted
            stats.reenriched_by_enricher[name] = len(ok_files)
            all_reenriched.update(ok_files)
        stats.reenriched_files = len(all_reenriched)
        return True

    def _run_enricher(
        self, enricher: Enricher, files: list[str]
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
        with self.store.snapshot() as snap:
            for f in files:
                if self.cancelled():
                    return None
                try:
                    out[f] = enricher.process_file(f, snap)
                except Exception as exc:  # leave this file's shard as it was
                    log.exception("enricher %s failed on %s", name, f)
                    self.stats.enricher_errors.append(f"{name} on {f}: {exc!r}")
                    out[f] = exc
        return out

    # -- coverage canary ---------------------------------------------------------------------------

    def _canary_before(
        self,
        snap: Snapshot,
        new_nodes: dict[str, list[Node] | None],
        old_nodes: dict[str, list[Node]],
    ) -> dict[str, tuple[Node, Node, frozenset[tuple[str, str]]]]:
        """Nodes whose content changed: (old node, new node, old resolution edges)."""
        out: dict[str, tuple[Node, Node, frozenset[tuple[str, str]]]] = {}
        for path, result in new_nodes.items():
            if result is None:
                continue
            new_by_id = {n.id: n for n in result}
            for old in old_nodes.get(path, []):
                new = new_by_id.get(old.id)
                if new is None or new.content_hash == old.content_hash:
                    continue
                edges = frozenset(
                    (e.type, e.dst)
                    for e in snap.edges_out(old.id)
                    if e.type not in STRUCTURAL_EDGES
                )
                out[old.id] = (old, new, edges)
        return out

    def _canary_after(
        self,
        snap: Snapshot,
        changed_spans: dict[str, list[tuple[tuple[int, int, int, int], str]]],
        before: dict[str, tuple[Node, Node, frozenset[tuple[str, str]]]],
        delta: CommitDelta,
    ) -> None:
        """Decide, for each node whose content changed, whether the graph shows why.

        A node is explained if its facts changed, if its resolution edges
        changed, or if a node inside its text was added, removed or changed
        (then that inner node is the one to blame, or to explain).
        """
        gaps = self.o.coverage_gaps
        for node_id, (old, new, old_edges) in before.items():
            explained = (
                node_facts(old) != node_facts(new)
                or any(
                    other != node_id and _inside(span, new.range)
                    for span, other in changed_spans.get(new.file, ())
                )
                or old_edges
                != frozenset(
                    (e.type, e.dst)
                    for e in snap.edges_out(node_id)
                    if e.type not in STRUCTURAL_EDGES
                )
            )
            gap = gaps.get(node_id)
            if explained:
                if gap is not None:
                    self.stats.fixed_coverage_gaps.append(gaps.pop(node_id))
                continue
            if gap is not None:
                if new.content_hash == gap.baseline_hash:
                    self.stats.fixed_coverage_gaps.append(gaps.pop(node_id))
                else:
                    gap.range = new.range
                continue
            gap = CoverageGap(node_id, new.file, new.range, new.type, new.name, old.content_hash)
            gaps[node_id] = gap
            self.stats.new_coverage_gaps.append(gap)
        for node_id in delta.removed:
            if node_id in gaps:
                self.stats.fixed_coverage_gaps.append(gaps.pop(node_id))


def _top_level_ids(nodes: Iterable[Node]) -> set[str]:
    """Ids of a file's module-level bindings (definitions and imports)."""
    return {n.id for n in nodes if parse_id(n.id).is_top_level}


def _dependents_of(snap: Snapshot, node_ids: set[str]) -> set[str]:
    """Files with resolution edges into these nodes (or, for a class member, into
    its class), following EXTENDS to subclasses transitively."""
    frontier: list[str] = []
    for nid in node_ids:
        frontier.append(nid)
        parts = parse_id(nid)
        if parts.kind == NodeType.VARIABLE and parts.owner_path:
            frontier.append(definition_id(parts.file, NodeType.CLASS, parts.owner_path))
    seen = set(frontier)
    files: set[str] = set()
    while frontier:
        nid = frontier.pop()
        for e in snap.edges_in(nid):
            if e.type in STRUCTURAL_EDGES:
                continue
            files.add(file_of_id(e.src))
            if e.type == EdgeType.EXTENDS and e.src not in seen:
                seen.add(e.src)
                frontier.append(e.src)
    files.discard("")
    return files


def _changed_spans(
    old_nodes: list[Node], new_nodes: list[Node]
) -> list[tuple[tuple[int, int, int, int], str]]:
    """Ranges of the nodes an edit added, removed or changed the content of."""
    old_hash = {n.id: n.content_hash for n in old_nodes}
    new_ids = {n.id for n in new_nodes}
    spans = [(n.range, n.id) for n in new_nodes if old_hash.get(n.id) != n.content_hash]
    spans.extend((n.range, n.id) for n in old_nodes if n.id not in new_ids)
    return spans


def _inside(inner: tuple[int, int, int, int], outer: tuple[int, int, int, int]) -> bool:
    return (inner[0], inner[1]) >= (outer[0], outer[1]) and (inner[2], inner[3]) <= (
        outer[2],
        outer[3],
    )
