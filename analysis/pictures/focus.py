"""A graph cut down to its focus: the focused nodes, their dependencies and dependents.

Static pictures (DOT, Mermaid) are drawn from the cut graph; the HTML page
keeps the whole graph and applies the same focus in the browser, where it
can be cleared.
"""

from __future__ import annotations

from graphwarden.analysis.pictures.model import DrawnPath, ModuleGraph


def restrict_to_focus(graph: ModuleGraph) -> ModuleGraph:
    """Focused nodes and their direct neighbours, with the edges that touch a focused node."""
    if not graph.focus:
        return graph
    focus = set(graph.focus)
    kept = focus | set(graph.neighbours(focus))
    edges = [e for e in graph.edges if e.source in focus or e.target in focus]
    drawn = {e.key for e in edges}
    paths = []
    for p in graph.paths:
        nodes = tuple(n for n in p.nodes if n in kept)
        if nodes:
            paths.append(DrawnPath(p.path, nodes, tuple(e for e in p.edges if e in drawn)))
    return ModuleGraph(
        nodes=[n for n in graph.nodes if n.id in kept],
        edges=edges,
        bands=graph.bands,
        band_contract=graph.band_contract,
        paths=paths,
        depth=graph.depth,
        focus=graph.focus,
        files=graph.files,
    )
