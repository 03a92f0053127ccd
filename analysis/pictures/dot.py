"""The module graph as Graphviz DOT text.

Layers are clusters, highest first; edges carry their weight as a label when
more than one import statement stands behind them; edges on a highlighted
path are red and thicker, with the rules that flag them as a tooltip.
Focused nodes are filled. The text is deterministic (sorted input, no ids
that depend on the run).
"""

from __future__ import annotations

from graphwarden.analysis.pictures.model import GraphNode, ModuleGraph

HIGHLIGHT = "#d62728"
FOCUS_FILL = "#fff3c4"


def quote(text: str) -> str:
    """A DOT double-quoted string (ids and labels come from file names: escape them)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _attrs(pairs: list[tuple[str, str]]) -> str:
    return " [" + ", ".join(f"{k}={v}" for k, v in pairs) + "]" if pairs else ""


def _node_line(node: GraphNode, focus: set[str], marked: set[str]) -> str:
    attrs: list[tuple[str, str]] = []
    styles: list[str] = []
    if node.kind == "external":
        attrs.append(("shape", "ellipse"))
        styles.append("dashed")
    elif node.kind in ("package", "directory"):
        attrs.append(("shape", "folder"))
    if node.id in focus:
        styles.extend(["rounded", "filled", "bold"])
        attrs.append(("fillcolor", quote(FOCUS_FILL)))
    if styles:
        attrs.append(("style", quote(",".join(styles))))
    if node.id in marked:
        attrs.append(("color", quote(HIGHLIGHT)))
    return f"{quote(node.id)}{_attrs(attrs)};"


def render_dot(graph: ModuleGraph) -> str:
    focus = set(graph.focus)
    marked = graph.highlighted_nodes()
    rules: dict[tuple[str, str], list[str]] = {}
    for p in graph.paths:
        for e in p.edges:
            if p.path.rule not in rules.setdefault(e, []):
                rules[e].append(p.path.rule)
    lines = [
        "digraph graphwarden {",
        '  graph [rankdir=TB, fontname="Helvetica", fontsize=11];',
        '  node [shape=box, style="rounded", fontname="Helvetica", fontsize=10];',
        '  edge [color="#7a869a", arrowsize=0.7, fontname="Helvetica", fontsize=9];',
    ]
    banded: dict[int, list[GraphNode]] = {}
    for node in graph.nodes:
        if node.band is not None:
            banded.setdefault(node.band, []).append(node)
    for band in graph.bands:
        in_band = banded.get(band.index, [])
        if not in_band:
            continue
        lines.append(f"  subgraph cluster_band_{band.index} {{")
        lines.append(f"    label={quote(f'layer {band.index + 1}: {band.name}')};")
        lines.append('    style=filled; fillcolor="#f3f6fb"; color="#c9d3e3";')
        lines.extend(f"    {_node_line(n, focus, marked)}" for n in in_band)
        lines.append("  }")
    lines.extend(f"  {_node_line(n, focus, marked)}" for n in graph.nodes if n.band is None)
    for edge in graph.edges:
        attrs: list[tuple[str, str]] = []
        if edge.weight > 1:
            attrs.append(("label", quote(str(edge.weight))))
        if not edge.sites:
            attrs.append(("style", "dashed"))
        if edge.key in rules:
            attrs.append(("color", quote(HIGHLIGHT)))
            attrs.append(("penwidth", "2"))
            attrs.append(("tooltip", quote(", ".join(rules[edge.key]))))
        lines.append(f"  {quote(edge.source)} -> {quote(edge.target)}{_attrs(attrs)};")
    lines.append("}")
    return "\n".join(lines) + "\n"
