"""The module graph a picture draws, built from the contracts' import graph.

The import graph (`contracts/graph.py`) is the one the contracts check, so a
picture shows exactly the imports a verdict was reached on. This module
collapses it to a depth, attaches the bands of a layers contract and maps
highlighted paths onto the drawn nodes and edges.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from graphwarden.analysis.guarantees.contracts.graph import ImportGraph
from graphwarden.analysis.pictures.grouping import check_depth, contains, group_name
from graphwarden.analysis.pictures.model import (
    Band,
    DrawnPath,
    EdgeSite,
    GraphEdge,
    GraphNode,
    HighlightedPath,
    Language,
    ModuleGraph,
    NodeKind,
)


class UnknownFocus(ValueError):
    """The module to focus on is not in the graph."""


@dataclass(frozen=True)
class GraphOptions:
    #: Collapse modules to packages/directories this many segments deep (None: don't).
    depth: int | None = None
    #: Draw external packages (the standard library, dependencies) as nodes too.
    externals: bool = False
    #: A module, package or directory to focus on (its node, dependencies, dependents).
    focus: str | None = None


#: Every module, not collapsed, no externals, no focus.
DEFAULT_OPTIONS = GraphOptions()


@dataclass(frozen=True)
class LayerBands:
    """The bands of one layers contract and the band of each module."""

    contract: str
    bands: Sequence[Band]
    band_of: Mapping[str, int]


def build_module_graph(
    graph: ImportGraph,
    options: GraphOptions = DEFAULT_OPTIONS,
    *,
    layers: LayerBands | None = None,
    paths: Sequence[HighlightedPath] = (),
) -> ModuleGraph:
    """Collapse, band and highlight an import graph. Raises `DepthError`, `UnknownFocus`."""
    check_depth(options.depth)
    language: dict[str, Language] = {}
    for m in graph.modules:
        language[m] = "python" if m in graph.python else "javascript"
    if options.externals:
        for m in graph.externals:
            language.setdefault(m, "external")

    node_of: dict[str, str] = {}
    members: dict[str, list[str]] = {}
    node_language: dict[str, Language] = {}
    for m in sorted(language):
        lang = language[m]
        nid = group_name(m, lang, options.depth)
        if node_language.setdefault(nid, lang) != lang:
            continue  # an external package named like a workspace module: the module wins
        node_of[m] = nid
        members.setdefault(nid, []).append(m)

    band_of = layers.band_of if layers is not None else {}
    nodes = [
        _node(nid, node_language[nid], tuple(ms), graph, band_of)
        for nid, ms in sorted(members.items())
    ]

    sites: dict[tuple[str, str], list[EdgeSite]] = {}
    for importer, targets in graph.imports.items():
        for imported, import_sites in targets.items():
            a, b = node_of.get(importer), node_of.get(imported)
            if a is None or b is None or a == b:
                continue
            sites.setdefault((a, b), []).extend(
                EdgeSite(importer, imported, s.file, s.range) for s in import_sites
            )

    drawn_paths = [_draw(p, node_of, sites) for p in paths]
    edges = [
        GraphEdge(a, b, tuple(sorted(s, key=lambda x: (x.file, x.range, x.imported))))
        for (a, b), s in sorted(sites.items())
    ]
    focus = _resolve_focus(nodes, options.focus) if options.focus else ()
    return ModuleGraph(
        nodes=nodes,
        edges=edges,
        bands=list(layers.bands) if layers is not None else [],
        band_contract=layers.contract if layers is not None else None,
        paths=drawn_paths,
        depth=options.depth,
        focus=focus,
        files={m: graph.modules[m] for m in node_of if m in graph.modules},
    )


def _node(
    nid: str,
    lang: Language,
    members: tuple[str, ...],
    graph: ImportGraph,
    band_of: Mapping[str, int],
) -> GraphNode:
    kind: NodeKind
    if lang == "external":
        kind = "external"
    elif members == (nid,):
        kind = "module"
    else:
        kind = "package" if lang == "python" else "directory"
    # A band only when every member sits in the same layer: a node that mixes
    # layers (or layered and unlayered modules) belongs to none.
    bands = {band_of.get(m) for m in members}
    band = bands.pop() if len(bands) == 1 else None
    return GraphNode(nid, kind, lang, members, graph.modules.get(nid), band)


def _draw(
    path: HighlightedPath,
    node_of: Mapping[str, str],
    sites: dict[tuple[str, str], list[EdgeSite]],
) -> DrawnPath:
    nodes = [node_of[m] for m in path.modules if m in node_of]
    edges: list[tuple[str, str]] = []
    for hop in path.hops:
        a, b = node_of.get(hop.source), node_of.get(hop.target)
        if a is None or b is None or a == b:
            continue
        # A path may cross modules no import joins (a taint path will): its
        # edge is drawn all the same, with no import statement behind it.
        sites.setdefault((a, b), [])
        if (a, b) not in edges:
            edges.append((a, b))
    return DrawnPath(path, tuple(dict.fromkeys(nodes)), tuple(edges))


def _resolve_focus(nodes: Sequence[GraphNode], focus: str) -> tuple[str, ...]:
    """Nodes holding the focus module (or its descendants), or the node of that name."""
    focus = focus.strip()
    found = []
    for node in nodes:
        if node.id == focus:
            return (node.id,)
        lang = node.language
        held = any(contains(focus.rstrip("/"), lang, m) for m in node.members)
        if held or (node.kind in ("package", "directory") and contains(node.id, lang, focus)):
            found.append(node.id)
    if not found:
        raise UnknownFocus(f"no module {focus!r} in the graph")
    return tuple(found)
