"""The enricher contract, and the dependency graph that orders enrichers.

An enricher is a pure function of a snapshot: it reads the graph and returns
edges (and sometimes nodes) for one file; the orchestrator, not the enricher,
commits them to the shard ``__enrichment__/{name}/{file}``. Its metadata says
which edge and node types it reads (``consumes``) and writes (``produces``);
from those the orchestrator derives the order enrichers run in and which
ones re-run when another's output changes.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from typing import TYPE_CHECKING, ClassVar, Literal

from graphwarden.analysis.enrichers.name_uses import NameUse
from graphwarden.analysis.model import Edge, Node

if TYPE_CHECKING:
    from graphwarden.analysis.config import Settings
    from graphwarden.analysis.store import CommitDelta, Snapshot


class FileReads(IntEnum):
    """How much of the file it enriches an enricher reads, narrowest first.

    An edit of a file that leaves this much of it as it was leaves the
    enricher's results for that file alone (the cycle keeps its shard there:
    `CycleState.kept_reads`). Ordered: keeping the summary's rows keeps its
    definitions too.
    """

    #: The summary's definitions (`summaries.definition_rows`: no calls, no flow facts).
    DEFINITIONS = 1
    #: The summary's rows, definitions and calls (`summaries.summary_rows`), not its
    #: flow facts: a value edit in a body that adds no call and no local keeps them.
    SUMMARY_ROWS = 2
    #: Anything, flow facts included.
    EVERYTHING = 3


@dataclass(frozen=True)
class EnricherMetadata:
    name: str
    #: Edge and node types this enricher reads.
    consumes: frozenset[str]
    #: Edge types this enricher writes.
    produces: frozenset[str]
    scope: Literal["file", "global"] = "file"
    #: True if it reads function bodies across files (data flow): then a
    #: body-only change in one file reaches the files that depend on it.
    #: Such an enricher records what it read as ``-USES_SUMMARY->`` edges
    #: from the file's module (analysis/cycle/body_dependents.py).
    reads_bodies_across_files: bool = False
    #: Kinds of node whose signature (a callable's parameters, decorators and
    #: declared return; a class's bases and member names) its results never
    #: read in other files: a new parameter of a hub's method, or a method
    #: added to its class, then leaves the callers' results of this enricher
    #: alone (what names bind is followed by name, not by signature).
    ignores_signatures_of: frozenset[str] = frozenset()
    #: How much of the file it enriches it reads: an edit of a file that
    #: leaves that much as it was (a body edit that changes calls or comments
    #: keeps the definitions; one that changes a value, the summary's rows)
    #: leaves its results for that file alone, and the cycle does not run it
    #: there (cycle/enrichment.py).
    reads_of_its_file: FileReads = FileReads.EVERYTHING
    #: Edge types whose edges *into* a file's nodes its result for that file
    #: reads, whichever file writes them (data flow reads the routes that hand
    #: a view over: `path("<int:pk>/", views.detail)` is a PASSES_ARGUMENT from
    #: urls.py). When another enricher's shard gains or loses such an edge, this
    #: one runs again in the file of its destination (cycle/enrichment.py).
    reads_edges_into: frozenset[str] = frozenset()


@dataclass
class EnricherFileResult:
    """What an enricher computed for one file (or, for a global one, for all)."""

    edges: list[Edge] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    #: Names of other files the result was resolved against, sorted
    #: (name_uses.py): kept with the shard, they decide the blast radius.
    uses: list[NameUse] = field(default_factory=list)


@dataclass
class GlobalUpdate:
    """A global pass decided again for some nodes only: the keys of those nodes, and
    the edges into them now; the pass's edges into every other node stay."""

    redecided: set[bytes]
    edges: list[Edge] = field(default_factory=list)


class Enricher:
    """Base class: subclasses set `metadata` and implement `process_file`."""

    metadata: ClassVar[EnricherMetadata]

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def relevant_files(self, delta: CommitDelta, snapshot: Snapshot) -> set[str]:
        """Files whose results this delta may change. Default: the changed files.

        The orchestrator intersects this with the cycle's changed files plus
        blast radius, so returning too much costs time, never correctness.
        """
        return set(delta.changed_files)

    def process_file(
        self, file: str, snapshot: Snapshot, cancelled: Callable[[], bool] | None = None
    ) -> EnricherFileResult:
        """For scope="file" enrichers: the result for one file.

        One whose files can take long enough to delay the next edit (data
        flow: a few hundred milliseconds for a big module) asks `cancelled()`
        as it goes and raises `EnrichmentCancelled` once it says so."""
        raise NotImplementedError

    def warm(self) -> None:
        """Build now what its first run in this process would build (compiled models):
        a long-lived process (the language server's cycle worker) calls it while
        idle, so the first edit after an index does not pay for it. Default: nothing."""

    def config_digest(self) -> str:
        """What its results depend on besides the snapshot (its models, say).

        When it changes between two runs on one store, everything is
        enriched again (the orchestrator compares it at start-up).
        """
        return ""

    def reads_bindings(self, file: str, snapshot: Snapshot, names: set[str]) -> bool:
        """Whether the result for `file` may read the import bindings of these local
        names (their IMPORTS_FROM edges; "*": a star import's).

        When the imports enricher's output for a file changes only for
        bindings this enricher does not read, the orchestrator does not run it
        again there. Default: it may (always correct, never cheaper).
        """
        return True

    def process_global(
        self, snapshot: Snapshot, cancelled: Callable[[], bool] | None = None
    ) -> EnricherFileResult:
        """For scope="global" enrichers: one result for the whole graph.

        A pass long enough to delay the next edit asks `cancelled()` now and
        then and raises `EnrichmentCancelled` once it says so.
        """
        raise NotImplementedError

    def process_global_changes(
        self, snapshot: Snapshot, delta: CommitDelta, cancelled: Callable[[], bool] | None = None
    ) -> GlobalUpdate | None:
        """For scope="global" enrichers: decide again only what `delta` (which names
        every change since the pass last ran) can have changed; None runs
        `process_global` instead (the default: always correct)."""
        return None

    def dependent_keys(self, file: str, nodes: Sequence[Node]) -> set[str]:
        """Placeholder keys a file can satisfy (see the imports enricher).

        An enricher that records unresolved references as
        ``EXTERNAL_MODULE->{key}`` placeholders names here which keys a new
        file could now satisfy, so the orchestrator can put the files waiting
        on them into the blast radius. (A name missing from an existing
        module must also be recorded as a `NameUse` of that module: that is
        how its waiters are found when the module gains it.)
        """
        return set()


class EnrichmentCancelled(Exception):
    """A global pass, or a file's enrichment, stopped because its cycle was cancelled
    (it returns nothing)."""


class EnricherCycleError(Exception):
    """The enrichers' consumes/produces declarations form a cycle."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = list(names)
        super().__init__(
            "enricher dependency cycle between: "
            + ", ".join(sorted(self.names))
            + " (each consumes what another produces)"
        )


def dependency_graph(enrichers: Iterable[Enricher]) -> dict[str, set[str]]:
    """Enricher name -> names of the enrichers that consume what it produces."""
    enrichers = list(enrichers)
    downstream: dict[str, set[str]] = {e.metadata.name: set() for e in enrichers}
    for producer in enrichers:
        for consumer in enrichers:
            if consumer is producer:
                continue
            if producer.metadata.produces & consumer.metadata.consumes:
                downstream[producer.metadata.name].add(consumer.metadata.name)
    return downstream


def topological_order(enrichers: Iterable[Enricher]) -> list[Enricher]:
    """Kahn's algorithm over the dependency graph; a cycle raises EnricherCycleError."""
    enrichers = list(enrichers)
    by_name = {e.metadata.name: e for e in enrichers}
    downstream = dependency_graph(enrichers)
    indegree: dict[str, int] = defaultdict(int)
    for consumers in downstream.values():
        for c in consumers:
            indegree[c] += 1
    # Ties broken by registration order, so the order is deterministic.
    ready = deque(e.metadata.name for e in enrichers if indegree[e.metadata.name] == 0)
    order: list[Enricher] = []
    while ready:
        name = ready.popleft()
        order.append(by_name[name])
        for consumer in sorted(downstream[name], key=[e.metadata.name for e in enrichers].index):
            indegree[consumer] -= 1
            if indegree[consumer] == 0:
                ready.append(consumer)
    if len(order) != len(enrichers):
        raise EnricherCycleError([n for n in by_name if indegree[n] > 0])
    return order
