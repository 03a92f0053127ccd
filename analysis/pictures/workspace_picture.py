"""A workspace's module graph with its guarantees drawn on it: what the adapters call.

The command line (`graphwarden graph`, `graphwarden report`), and later the
editor and the agent interface, get their picture here, from a snapshot and
the guarantee checker's rules and results, so all of them draw the same
graph. `extra_paths` is where other producers' paths (taint paths from the
data-flow analysis) join the violations' chains.
"""

from __future__ import annotations

from collections.abc import Sequence

from graphwarden.analysis.config import Settings
from graphwarden.analysis.guarantees.contracts.graph import build_import_graph
from graphwarden.analysis.guarantees.results import Violation
from graphwarden.analysis.guarantees.rules.base import CheckedRule
from graphwarden.analysis.pictures.bands import layer_bands, layers_contract
from graphwarden.analysis.pictures.builder import (
    DEFAULT_OPTIONS,
    GraphOptions,
    LayerBands,
    build_module_graph,
)
from graphwarden.analysis.pictures.model import HighlightedPath, ModuleGraph
from graphwarden.analysis.pictures.paths import violation_paths
from graphwarden.analysis.store import Snapshot


def workspace_picture(
    snapshot: Snapshot,
    settings: Settings | None,
    rules: Sequence[CheckedRule],
    violations: Sequence[Violation],
    options: GraphOptions = DEFAULT_OPTIONS,
    *,
    layers: str | None = None,
    extra_paths: Sequence[HighlightedPath] = (),
) -> ModuleGraph:
    """The module graph of `snapshot`, banded by the layers contract named `layers` (default:
    the first configured), with every violation's chain highlighted.

    Raises `UnknownContract`, `UnknownFocus` or `DepthError` (all `ValueError`s).
    """
    graph = build_import_graph(snapshot, settings)
    contract = layers_contract(rules, layers)
    bands = None
    if contract is not None:
        found, band_of = layer_bands(graph, contract)
        bands = LayerBands(contract.info.name, found, band_of)
    paths = [*violation_paths(violations, graph), *extra_paths]
    return build_module_graph(graph, options, layers=bands, paths=paths)
