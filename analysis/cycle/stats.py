"""What goes into a cycle and what comes out of it, as its callers see them.

A cycle takes `FileChange`s and reports `CycleStats` (with the `CoverageGap`s
it found or fixed); it reports progress through a `Progress` callback, runs
the guarantees through a `GuaranteeHook` and says when the edited files'
results are known through a `ResultsHook`. These are the only cycle types the
CLI, the language server and the sessions touch, so they live apart from the
stages: a caller importing them pulls in no stage code.

Invariant: plain data and protocols only; nothing here reads the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from graphwarden.analysis.model import Range
from graphwarden.analysis.store import CommitDelta, Snapshot


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
    range: Range
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

    def to_json(self) -> dict[str, Any]:
        return {
            "node": self.node_id,
            "file": self.file,
            "range": list(self.range),
            "message": self.message,
        }


@dataclass(frozen=True)
class EnricherFailure:
    """An enricher that raised on a file (`file` empty: a global pass): that part of
    the graph, and every result read from it, is missing until the file changes."""

    enricher: str
    file: str
    error: str

    def __str__(self) -> str:
        where = f" on {self.file}" if self.file else ""
        return f"{self.enricher}{where}: {self.error}"

    def to_json(self) -> list[str]:
        return [self.enricher, self.file, self.error]

    @classmethod
    def from_json(cls, row: object) -> EnricherFailure | None:
        """A row `to_json` made (None for anything else: an older store's entry)."""
        if isinstance(row, list) and len(row) == 3 and all(isinstance(x, str) for x in row):
            return cls(row[0], row[1], row[2])
        return None


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
    #: Wall seconds of each file-scoped enricher (its run, commit and propagation).
    enricher_seconds: dict[str, float] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    stages_completed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    cancelled: bool = False
    new_coverage_gaps: list[CoverageGap] = field(default_factory=list)
    fixed_coverage_gaps: list[CoverageGap] = field(default_factory=list)
    #: The enricher failures of this cycle (the store keeps those still standing:
    #: `ENRICHER_FAILURES_META`).
    enricher_errors: list[EnricherFailure] = field(default_factory=list)
    changed_paths: list[str] = field(default_factory=list)
    guarantees_checked: int = 0
    #: Another process committed to the store since this process's last cycle
    #: (its buffers, say, may need applying again).
    foreign_writes: bool = False

    def to_json(self) -> dict[str, Any]:
        """The figures as one JSON object (`graphwarden index --json`, health)."""
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
            "enricher_seconds": {k: round(v, 4) for k, v in self.enricher_seconds.items()},
            "stage_seconds": {k: round(v, 4) for k, v in self.stage_seconds.items()},
            "stages_completed": list(self.stages_completed),
            "seconds": round(self.seconds, 4),
            "cancelled": self.cancelled,
            "coverage_gaps": {
                "new": [g.to_json() for g in self.new_coverage_gaps],
                "fixed": [g.to_json() for g in self.fixed_coverage_gaps],
            },
            "enricher_errors": [str(e) for e in self.enricher_errors],
            "guarantees_checked": self.guarantees_checked,
        }


class GuaranteeHook(Protocol):
    """What the cycle calls after enrichment (filled by analysis.guarantees)."""

    def check(self, snapshot: Snapshot, delta: CommitDelta | None) -> int:
        """Check the guarantees; `delta` None means all of them. Returns rules evaluated."""
        ...

    def check_import_graph(self, snapshot: Snapshot, delta: CommitDelta) -> bool:
        """Before enrichment, the rules over the import graph alone (a function of
        the committed import statements); whether the results shown changed."""
        ...


class ResultsHook(Protocol):
    """Told, during a cycle, that the edited files' results are known.

    Called once per cycle that gets that far: after the file-scoped enrichers
    and the guarantees, before the global passes (which the next edit may
    cancel). `stats` is the cycle's so far (its changed paths are final).
    """

    def __call__(self, stats: CycleStats) -> None: ...


class ImportRulesHook(Protocol):
    """Told, during a cycle, that the rules over the import graph changed what is shown.

    Called at most once per cycle, after the commit and before enrichment,
    when the checker's `check_import_graph` changed its results (a contract
    an edit broke or fixed): the language server publishes them then, a whole
    enrichment before the other rules' results (`ResultsHook`).
    """

    def __call__(self, stats: CycleStats) -> None: ...


class CommittedHook(Protocol):
    """Told, during a cycle, that the changed files' new nodes are committed.

    Called once per cycle that gets that far, right after the commit stage:
    readers in other processes already see the new revision, about a cycle's
    enrichment before its results (`ResultsHook`). The language server
    decodes an open document's new nodes then, so the first request on the
    new revision does not (`paths`: the files analysed, not the deleted).
    """

    def __call__(self, paths: list[str]) -> None: ...


class Progress(Protocol):
    """Told how far a stage got: "analysis" and "commit" count files, "enrichment"
    enrichers, "guarantees" goes from 0 to 1; stages come in the cycle's order."""

    def __call__(self, stage: str, done: int, total: int) -> None: ...
