"""The module graph as a Mermaid flowchart (renders in GitHub and GitLab Markdown).

Mermaid ids must be plain words, so nodes are numbered in sorted order
(``n0``, ``n1`` ...) and labelled with their names. Layers are subgraphs,
highest first; highlighted edges are styled by their index (``linkStyle``),
the only handle Mermaid gives on an edge.
"""

from __future__ import annotations

from graphwarden.analysis.pictures.dot import FOCUS_FILL, HIGHLIGHT
from graphwarden.analysis.pictures.model import GraphNode, ModuleGraph


def label(text: str) -> str:
    """A Mermaid quoted label: entity codes for the characters that end or break one."""
    for ch, code in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;")):
        text = text.replace(ch, code)
    return f'"{text}"'


def _node(node: GraphNode, mid: str) -> str:
    if node.kind == "external":
        return f"{mid}([{label(node.id)}])"
    if node.kind in ("package", "directory"):
        return f"{mid}[/{label(node.id)}/]"
    return f"{mid}[{label(node.id)}]"


def render_mermaid(graph: ModuleGraph) -> str:
    ids = {n.id: f"n{i}" for i, n in enumerate(graph.nodes)}
    lines = ["flowchart TB"]
    banded: dict[int, list[GraphNode]] = {}
    for node in graph.nodes:
        if node.band is not None:
            banded.setdefault(node.band, []).append(node)
    for band in graph.bands:
        in_band = banded.get(band.index, [])
        if not in_band:
            continue
        lines.append(
            f"  subgraph band{band.index}[{label(f'layer {band.index + 1}: {band.name}')}]"
        )
        lines.extend(f"    {_node(n, ids[n.id])}" for n in in_band)
        lines.append("  end")
    lines.extend(f"  {_node(n, ids[n.id])}" for n in graph.nodes if n.band is None)
    highlighted = graph.highlighted_edges()
    styled: list[int] = []
    for i, edge in enumerate(graph.edges):
        arrow = "-.->" if not edge.sites else "-->"
        weight = f"|{edge.weight}|" if edge.weight > 1 else ""
        lines.append(f"  {ids[edge.source]} {arrow}{weight} {ids[edge.target]}")
        if edge.key in highlighted:
            styled.append(i)
    if styled:
        lines.append(
            f"  linkStyle {','.join(map(str, styled))} stroke:{HIGHLIGHT},stroke-width:2px"
        )
    marked = [ids[n] for n in sorted(graph.highlighted_nodes())]
    if marked:
        lines.append(f"  classDef highlighted stroke:{HIGHLIGHT},stroke-width:2px")
        lines.append(f"  class {','.join(marked)} highlighted")
    if graph.focus:
        lines.append(f"  classDef focus fill:{FOCUS_FILL},stroke-width:2px")
        lines.append(f"  class {','.join(ids[n] for n in graph.focus)} focus")
    return "\n".join(lines) + "\n"
