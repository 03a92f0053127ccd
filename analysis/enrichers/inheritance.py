"""Inheritance: EXTENDS (class -> base class), and member lookup along bases.

A class's bases (`attrs["bases"]`, in source order) are resolved with the
file's own scopes and import bindings (the IMPORTS_FROM edges the imports
enricher wrote for this file), including `module.Class` through a module
import. Each EXTENDS edge carries `{"index": i}`, the base's position, so
member lookup can walk bases left to right (`names.mro`, `names.lookup_member`:
depth-first, each class once, so a class inheriting from itself or a cycle
of classes terminates). TypeScript `implements` is not EXTENDS.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from graphwarden.analysis.enrichers.base import (
    Enricher,
    EnricherFileResult,
    EnricherMetadata,
    FileReads,
)
from graphwarden.analysis.enrichers.names import (
    Deps,
    FileScope,
    head_name,
    lookup_member,
    mro,
    reads_any,
)
from graphwarden.analysis.enrichers.workspace import workspace_index
from graphwarden.analysis.model import Edge, EdgeType, Node, NodeType, id_path, str_list_attr
from graphwarden.analysis.summaries import SummaryNode

if TYPE_CHECKING:
    from graphwarden.analysis.store import Snapshot

__all__ = ["InheritanceEnricher", "lookup_member", "mro"]


def _scope_of(node: SummaryNode) -> str:
    path = id_path(node.id)
    return path.rsplit(".", 1)[0] if "." in path else "<module>"


class InheritanceEnricher(Enricher):
    metadata = EnricherMetadata(
        name="inheritance",
        consumes=frozenset({NodeType.CLASS, EdgeType.IMPORTS_FROM}),
        produces=frozenset({EdgeType.EXTENDS, EdgeType.IMPORTS}),
        scope="file",
        ignores_signatures_of=frozenset({NodeType.FUNCTION, NodeType.METHOD}),
        reads_of_its_file=FileReads.DEFINITIONS,
    )

    def reads_bindings(self, file: str, snapshot: Snapshot, names: set[str]) -> bool:
        looked_up = {
            head
            for cls in workspace_index(snapshot, self.settings).summary(snapshot, file).nodes
            if cls.type == NodeType.CLASS
            for base in str_list_attr(cls.attrs, "bases") or ()
            if (head := head_name(base)) is not None
        }
        return reads_any(names, looked_up)

    def process_file(
        self, file: str, snapshot: Snapshot, cancelled: Callable[[], bool] | None = None
    ) -> EnricherFileResult:
        scope = FileScope(snapshot, workspace_index(snapshot, self.settings), file)
        edges: list[Edge] = []
        nodes: dict[str, Node] = {}  # placeholders this file needs
        for cls in scope.s.nodes:
            if cls.type != NodeType.CLASS:
                continue
            for i, base in enumerate(str_list_attr(cls.attrs, "bases") or ()):
                deps = Deps()
                target = scope.resolve_dotted(_scope_of(cls), base, deps)
                if target is not None and target.type == NodeType.CLASS:
                    edges.append(Edge(cls.id, EdgeType.EXTENDS, target.id, {"index": i}))
                edges += deps.edges(cls.id, file)
                for n in deps.placeholder_nodes():
                    nodes.setdefault(n.id, n)
        return EnricherFileResult(edges=edges, nodes=list(nodes.values()), uses=scope.uses())
