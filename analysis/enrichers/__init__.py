"""Enrichers: resolution passes that add cross-file edges to the graph.

`default_enrichers(settings)` is the registry: every enricher the product
ships, minus those switched off in the configuration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphwarden.analysis.enrichers.base import (
    Enricher,
    EnricherCycleError,
    EnricherFileResult,
    EnricherMetadata,
    topological_order,
)

if TYPE_CHECKING:
    from graphwarden.analysis.config import Settings


def all_enricher_classes() -> list[type[Enricher]]:
    """Every shipped enricher class, in registration order."""
    from graphwarden.analysis.enrichers.calls import CallsEnricher
    from graphwarden.analysis.enrichers.imports import ImportsEnricher
    from graphwarden.analysis.enrichers.inheritance import InheritanceEnricher
    from graphwarden.analysis.enrichers.instances import InstancesEnricher
    from graphwarden.analysis.enrichers.unreferenced import UnreferencedEnricher

    return [
        ImportsEnricher,
        InheritanceEnricher,
        InstancesEnricher,
        CallsEnricher,
        UnreferencedEnricher,
    ]


def default_enrichers(settings: Settings) -> list[Enricher]:
    return [
        cls(settings)
        for cls in all_enricher_classes()
        if settings.enrichers.get(cls.metadata.name, True)
    ]


__all__ = [
    "Enricher",
    "EnricherCycleError",
    "EnricherFileResult",
    "EnricherMetadata",
    "all_enricher_classes",
    "default_enrichers",
    "topological_order",
]
