"""Enrichers: resolution passes that add cross-file edges to the graph.

This module is the registry: `ENRICHER_NAMES` names every enricher the
product ships, `all_enricher_classes()` returns their classes in the same
order, and `default_enrichers(settings)` instantiates them minus those
switched off in the configuration. The configuration validates its
``enrichers`` table against `ENRICHER_NAMES`, so the names are plain data
here: reading them imports no enricher (the classes load on first use).
Invariant: `ENRICHER_NAMES` equals the classes' ``metadata.name``, in order
(`all_enricher_classes` checks it).
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
from graphwarden.analysis.enrichers.registry import ENRICHER_NAMES

if TYPE_CHECKING:
    from graphwarden.analysis.config import Settings


def all_enricher_classes() -> list[type[Enricher]]:
    """Every shipped enricher class, in registration order."""
    from graphwarden.analysis.enrichers.calls import CallsEnricher
    from graphwarden.analysis.enrichers.dataflow import DataflowEnricher
    from graphwarden.analysis.enrichers.imports import ImportsEnricher
    from graphwarden.analysis.enrichers.inheritance import InheritanceEnricher
    from graphwarden.analysis.enrichers.instances import InstancesEnricher
    from graphwarden.analysis.enrichers.types import TypesEnricher
    from graphwarden.analysis.enrichers.unreferenced import UnreferencedEnricher

    classes: list[type[Enricher]] = [
        ImportsEnricher,
        InheritanceEnricher,
        InstancesEnricher,
        TypesEnricher,
        CallsEnricher,
        DataflowEnricher,
        UnreferencedEnricher,
    ]
    names = tuple(cls.metadata.name for cls in classes)
    if names != ENRICHER_NAMES:
        # A renamed or added enricher that the names above do not follow
        # would make the configuration reject (or silently accept) its switch.
        raise RuntimeError(f"enricher registry out of step: {names} != {ENRICHER_NAMES}")
    return classes


def default_enrichers(settings: Settings) -> list[Enricher]:
    from graphwarden.analysis.dataflow.switch import dataflow_enabled

    off = set() if dataflow_enabled() else {"dataflow"}
    return [
        cls(settings)
        for cls in all_enricher_classes()
        if settings.enrichers.get(cls.metadata.name, True) and cls.metadata.name not in off
    ]


__all__ = [
    "ENRICHER_NAMES",
    "Enricher",
    "EnricherCycleError",
    "EnricherFileResult",
    "EnricherMetadata",
    "all_enricher_classes",
    "default_enrichers",
    "topological_order",
]
