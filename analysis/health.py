"""A workspace's health: one JSON-ready report of its state, for humans and monitors.

`Orchestrator.health()` gathers the figures and calls `health_report`; the
report says whether the workspace is degraded (a configuration error, or an
enricher failure the store still lists), what the graph holds, and what the
orchestrator is doing.

Invariant: building a report reads one snapshot and writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal, TypedDict

from graphwarden.analysis.config import ConfigError
from graphwarden.analysis.cycle.run import standing_enricher_failures, standing_stopped_analyses
from graphwarden.analysis.cycle.stats import CycleStats
from graphwarden.analysis.store import GraphStore


class HealthReport(TypedDict):
    status: Literal["ok", "degraded"]
    root: str
    store: str
    revision: int
    files: int
    nodes: int
    edges: int
    #: Enricher names in the order they run.
    enrichers: list[str]
    config_errors: list[str]
    #: The enricher failures still standing in the store (their results are missing).
    enricher_failures: list[str]
    #: The entries whose data flow stopped at its statement budget (not degraded:
    #: what they would have found is missing, nothing reported is wrong).
    analysis_stopped: list[str]
    coverage_gaps: int
    active_sessions: int
    cycle_running: bool
    #: `CycleStats.to_json()` of the last completed cycle.
    last_cycle: dict[str, Any] | None


def health_report(
    *,
    root: Path,
    store: GraphStore,
    enricher_names: Sequence[str],
    config_errors: Sequence[ConfigError],
    coverage_gaps: int,
    active_sessions: int,
    cycle_running: bool,
    last_stats: CycleStats | None,
) -> HealthReport:
    with store.snapshot() as snap:
        counts = snap.counts()
        revision = snap.revision
    failures = standing_enricher_failures(store)
    degraded = bool(config_errors) or bool(failures)
    return {
        "status": "degraded" if degraded else "ok",
        "root": str(root),
        "store": str(store.path),
        "revision": revision,
        "files": counts["files"],
        "nodes": counts["nodes"],
        "edges": counts["edges"],
        "enrichers": list(enricher_names),
        "config_errors": [str(e) for e in config_errors],
        "enricher_failures": [str(f) for f in failures],
        "analysis_stopped": [str(s) for s in standing_stopped_analyses(store)],
        "coverage_gaps": coverage_gaps,
        "active_sessions": active_sessions,
        "cycle_running": cycle_running,
        "last_cycle": last_stats.to_json() if last_stats else None,
    }
