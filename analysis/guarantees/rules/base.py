"""What every rule type shares: the graph views it checks against and its dependencies.

A rule (a Datalog guarantee, an import contract, a built-in) is checked
against a `CheckContext`, which builds each view of the snapshot (Datalog
facts, the import graph) at most once per check, whichever rules ask for it.
Each rule declares the node and edge types its result depends on, so after
an incremental cycle the checker evaluates only the rules a delta affects.

Invariant: a rule's result is a function of the graph's nodes and edges of
its declared types (None: of any type) and of its definition, which `key`
identifies; nothing else. Selective re-checking and the result cache both
rely on it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from graphwarden.analysis.config import Settings
from graphwarden.analysis.guarantees.contracts.graph import ImportGraph, build_import_graph
from graphwarden.analysis.guarantees.datalog import GraphFacts
from graphwarden.analysis.guarantees.results import RuleInfo, Violation
from graphwarden.analysis.store import CommitDelta, Snapshot


class CheckContext:
    """Lazily built, shared views of one snapshot for all rules of one check."""

    def __init__(self, snapshot: Snapshot, settings: Settings | None) -> None:
        self.snapshot = snapshot
        self.settings = settings
        self._facts: GraphFacts | None = None
        self._graph: ImportGraph | None = None

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

    @abstractmethod
    def check(self, ctx: CheckContext) -> list[Violation]:
        """Every violation of the rule in the context's snapshot."""

    def affected_by(self, delta: CommitDelta) -> bool:
        """Whether a commit changed a type this rule's result depends on."""
        nt, et = delta.changed_node_types, delta.changed_edge_types
        if nt and (self.node_types is None or self.node_types & nt):
            return True
        return bool(et and (self.edge_types is None or self.edge_types & et))
