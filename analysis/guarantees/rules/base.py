"""What every rule type shares: the graph views it checks against and its dependencies.

A rule (a Datalog guarantee, an import contract, a built-in) is checked
against a `CheckContext`, which builds each view of the snapshot (Datalog
facts, the import graph) at most once per check, whichever rules ask for it.
Each rule declares the node and edge types its result depends on, so after
an incremental cycle the checker evaluates only the rules a delta affects
(`needs_check`). A rule may also keep a `RuleState` from one check to the
next and update its results from the cycle's delta instead of computing
them again (`evaluate`); the checker hands each rule its own state back.

Invariant: a rule's result is a function of the graph's nodes and edges of
its declared types (None: of any type) and of its definition, which `key`
identifies; nothing else. Selective re-checking and the result cache both
rely on it, and an updated state gives exactly the results a check from
scratch would.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

from graphwarden.analysis.config import Settings
from graphwarden.analysis.guarantees.contracts.graph import ImportGraph, build_import_graph
from graphwarden.analysis.guarantees.contracts.live_graph import GraphChange
from graphwarden.analysis.guarantees.datalog import GraphFacts
from graphwarden.analysis.guarantees.datalog.changes import FactChanges, fact_changes
from graphwarden.analysis.guarantees.results import (
    RelatedLocation,
    RuleInfo,
    Violation,
    location_of,
)
from graphwarden.analysis.store import CommitDelta, Snapshot


class CheckContext:
    """Lazily built, shared views of one snapshot for all rules of one check.

    `delta` is what the cycle changed since the last check (None: check
    everything from scratch). `graph_change` is how the live import graph
    changed with it, when the checker keeps one (then `import_graph` is it).
    `previous` is the revision of the last check, when the checker kept it:
    with `delta`, it gives the facts the cycle changed (`fact_changes`).
    """

    def __init__(
        self,
        snapshot: Snapshot,
        settings: Settings | None,
        *,
        delta: CommitDelta | None = None,
        import_graph: ImportGraph | None = None,
        graph_change: GraphChange | None = None,
        previous: Snapshot | None = None,
    ) -> None:
        self.snapshot = snapshot
        self.settings = settings
        self.delta = delta
        self.graph_change = graph_change
        self.previous = previous if delta is not None and delta.track_ids else None
        self._facts: GraphFacts | None = None
        self._previous_facts: GraphFacts | None = None
        self._changes: FactChanges | None = None
        self._graph: ImportGraph | None = import_graph

    @property
    def previous_facts(self) -> GraphFacts | None:
        """The facts of the last check's revision (None when it was not kept)."""
        if self._previous_facts is None and self.previous is not None:
            self._previous_facts = GraphFacts(self.previous)
        return self._previous_facts

    @property
    def fact_changes(self) -> FactChanges | None:
        """Facts inserted and deleted since the last check (None when unknown)."""
        if self._changes is None and self.previous is not None and self.delta is not None:
            self._changes = fact_changes(self.previous, self.snapshot, self.delta)
        return self._changes

    @property
    def facts(self) -> GraphFacts:
        if self._facts is None:
            self._facts = GraphFacts(self.snapshot)
        return self._facts

    @property
    def import_graph(self) -> ImportGraph:
        if self._graph is None:
            self._graph = build_import_graph(self.snapshot, self.settings)
        return self._graph


class RuleState:
    """What a rule keeps between checks to update its results (each rule type its own)."""


@dataclass(frozen=True, kw_only=True, eq=False)
class CheckedRule(ABC):
    """One checkable rule with the types it depends on (None: any type)."""

    info: RuleInfo
    node_types: frozenset[str] | None
    edge_types: frozenset[str] | None
    #: 1-based line of the rule in the config file (0 for built-ins).
    line: int = 0
    #: Identity of the rule's definition: cached results are reused only for the same key.
    key: str = ""

    #: Whether the rule reads the import graph (the checker then keeps one live).
    reads_import_graph: ClassVar[bool] = False
    #: Whether the rule updates from the facts changed since the last check
    #: (the checker then keeps that revision's snapshot open until the next).
    reads_previous_revision: ClassVar[bool] = False

    @abstractmethod
    def check(self, ctx: CheckContext) -> list[Violation]:
        """Every violation of the rule in the context's snapshot."""

    def evaluate(
        self, ctx: CheckContext, state: RuleState | None
    ) -> tuple[list[Violation], RuleState | None]:
        """The violations, updated from `state` and `ctx.delta` where the rule can.

        Returns the state to hand back next time. The default computes from
        scratch and keeps nothing.
        """
        return self.check(ctx), None

    def relocate(
        self, ctx: CheckContext, violations: list[Violation], state: RuleState | None
    ) -> list[Violation]:
        """Kept results at their nodes' places in `ctx.snapshot` (`state`: the rule's own).

        An edit above a violation moves it without changing a fact the rule
        reads, so the rule is not checked again; its results must still point
        where the code now is. The default keeps them as they are (for rules
        whose results are recomputed whenever what they point at moves)
        with each result, and each hop of its chain, at its node's new place.
        """
        files = ctx.delta.analysed_files if ctx.delta is not None else set()
        return [_moved(ctx.snapshot, v, files) for v in violations]

    def needs_check(self, ctx: CheckContext) -> bool:
        """Whether the rule's results may differ from the last check's (`ctx.delta` given)."""
        return ctx.delta is None or self.affected_by(ctx.delta)

    def affected_by(self, delta: CommitDelta) -> bool:
        """Whether a commit changed a type this rule's result depends on."""
        nt, et = delta.changed_node_types, delta.changed_edge_types
        if nt and (self.node_types is None or self.node_types & nt):
            return True
        return bool(et and (self.edge_types is None or self.edge_types & et))


def _moved(snapshot: Snapshot, v: Violation, files: set[str]) -> Violation:
    """`v` (and its chain's hops) in `files` where their nodes now are."""
    if v.file in files and v.node_id:
        node = snapshot.node(v.node_id)
        if node is not None:
            v.range = location_of(node)
    for i, r in enumerate(v.related):
        if r.file in files and r.node_id:
            node = snapshot.node(r.node_id)
            if node is not None:
                v.related[i] = RelatedLocation(r.file, location_of(node), r.message, r.node_id)
    return v
