"""The enricher plan: the order enrichers run in and who consumes whose output.

Computed once when an orchestrator starts (Kahn's algorithm over the
enrichers' consumes/produces; a cycle between enrichers is an error then),
and read by every cycle. Its own module because both the cycle's state and
the enrichment stage refer to it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from graphwarden.analysis.enrichers.base import Enricher, dependency_graph, topological_order


@dataclass(frozen=True)
class EnricherPlan:
    """Enrichers in the order they run, and who consumes whose output."""

    #: Topological order of the dependency graph (ties: registration order).
    ordered: list[Enricher]
    #: Enricher name -> names of the enrichers that consume what it produces.
    consumers: Mapping[str, frozenset[str]]
    #: Enricher name -> the enricher.
    by_name: Mapping[str, Enricher]

    @classmethod
    def of(cls, enrichers: Sequence[Enricher]) -> EnricherPlan:
        """Order the enrichers (Kahn); a cycle between them raises EnricherCycleError."""
        ordered = topological_order(enrichers)
        graph = dependency_graph(ordered)
        return cls(
            ordered,
            {name: frozenset(c) for name, c in graph.items()},
            {e.metadata.name: e for e in ordered},
        )
