"""The edges and nodes import resolution writes for one file, placeholders included.

Unresolved workspace imports have one shape, which the built-in
``unresolved-import`` rule and the orchestrator's blast radius rely on (keep
it stable)::

    IMPORT -IMPORTS-> EXTERNAL_MODULE  with node attrs {"unresolved": True}

The placeholder's id is ``external_module_id(KEY)`` with a canonical KEY
(python.py and javascript.py say which), so a file that later provides the
missing module or name finds its waiting importers by that key
(`Enricher.dependent_keys`). Other enrichers that depend on names missing
from a module record the same placeholders (`placeholder_node`).

Invariant: `ImportEdges` keeps the order in which edges are written; when
two edges share (src, type, dst), the later one's attributes win in the store.
"""

from __future__ import annotations

from graphwarden.analysis.enrichers.base import EnricherFileResult
from graphwarden.analysis.enrichers.imports.resolution import Resolution
from graphwarden.analysis.model import Edge, EdgeType, Node, NodeType, external_module_id, module_id
from graphwarden.analysis.summaries import SummaryNode

#: Edge attributes of an IMPORTS edge to a node a binding was resolved through.
VIA_REEXPORT = {"via": "re-export"}


def placeholder_node(key: str) -> Node:
    """The EXTERNAL_MODULE node standing for an unresolved workspace import."""
    return Node(
        external_module_id(key),
        NodeType.EXTERNAL_MODULE,
        key,
        "",
        (0, 0, 0, 0),
        attrs={"unresolved": True},
    )


def external_node(specifier: str) -> Node:
    """The EXTERNAL_MODULE node of a module outside the workspace (npm, pip, `node:`)."""
    return Node(
        external_module_id(specifier), NodeType.EXTERNAL_MODULE, specifier, "", (0, 0, 0, 0)
    )


class ImportEdges:
    """Collects what one file's imports resolve to (shard ``__enrichment__/imports/{file}``)."""

    def __init__(self, file: str, module: SummaryNode) -> None:
        self.file = file
        self.module_id = module.id
        self.edges: list[Edge] = []
        self._nodes: dict[str, Node] = {}

    def module_edge(self, target: str | None, external: str | None) -> None:
        """MODULE -IMPORTS-> the workspace module `target`, or else the external module."""
        if target is not None and target != self.file:
            self.edges.append(Edge(self.module_id, EdgeType.IMPORTS, module_id(target)))
        elif external is not None:
            node = external_node(external)
            self._nodes.setdefault(node.id, node)
            self.edges.append(Edge(self.module_id, EdgeType.IMPORTS, node.id))

    def unresolved(self, src: str, key: str) -> None:
        """`src` -IMPORTS-> the placeholder of `key`."""
        node = placeholder_node(key)
        self._nodes.setdefault(node.id, node)
        self.edges.append(Edge(src, EdgeType.IMPORTS, node.id))

    def imports_from(self, src: str, dst: str) -> None:
        self.edges.append(Edge(src, EdgeType.IMPORTS_FROM, dst))

    def via_reexport(self, src: str, dst: str) -> None:
        """`src` was resolved through `dst` (a re-export node or module of another file)."""
        self.edges.append(Edge(src, EdgeType.IMPORTS, dst, dict(VIA_REEXPORT)))

    def binding(self, src: SummaryNode, res: Resolution) -> None:
        """The edges of one binding's resolution."""
        if res.node is not None:
            if res.node.id != src.id:
                self.imports_from(src.id, res.node.id)
        elif res.missing:
            self.unresolved(src.id, res.missing)
        for hop in res.hops:
            if hop.file != self.file:
                self.via_reexport(src.id, hop.id)
        for key in res.missing_stars:
            self.unresolved(src.id, key)

    def star_name(self, star: SummaryNode, name: str, res: Resolution) -> None:
        """The edges of one name a Python star import brings (edge attrs name it)."""
        if res.node is not None:
            self.edges.append(Edge(star.id, EdgeType.IMPORTS_FROM, res.node.id, {"name": name}))
        elif res.missing:
            self.unresolved(star.id, res.missing)
        for key in res.missing_stars:
            self.unresolved(star.id, key)
        for hop in res.hops:
            if hop.file != self.file:
                self.via_reexport(star.id, hop.id)

    def result(self) -> EnricherFileResult:
        return EnricherFileResult(edges=self.edges, nodes=list(self._nodes.values()))
