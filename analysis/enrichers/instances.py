"""Instances: INSTANCE_OF (variable -> class) for variables bound to a constructor call.

`x = Repo()`, `x = mod.Repo()`, `const x = new Repo()`, `self.x = Repo()`,
`this.x = new Repo()` and class fields `x = new Repo()`: the front end
records the callee text as the variable's `assigned_call`; when it names a
class (through the file's scopes and import bindings), the variable gets an
INSTANCE_OF edge to it. Calls of functions (factories) are not followed.
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
from graphwarden.analysis.enrichers.names import Deps, FileScope, head_name, reads_any
from graphwarden.analysis.enrichers.workspace import workspace_index
from graphwarden.analysis.model import Edge, EdgeType, Node, NodeType, id_path, str_attr

if TYPE_CHECKING:
    from graphwarden.analysis.store import Snapshot


class InstancesEnricher(Enricher):
    metadata = EnricherMetadata(
        name="instances",
        consumes=frozenset({NodeType.VARIABLE, NodeType.CLASS, EdgeType.IMPORTS_FROM}),
        produces=frozenset({EdgeType.INSTANCE_OF, EdgeType.IMPORTS}),
        scope="file",
        ignores_signatures_of=frozenset({NodeType.FUNCTION, NodeType.METHOD}),
        reads_of_its_file=FileReads.DEFINITIONS,
    )

    def reads_bindings(self, file: str, snapshot: Snapshot, names: set[str]) -> bool:
        looked_up = {
            head
            for var in workspace_index(snapshot, self.settings).summary(snapshot, file).nodes
            if var.type == NodeType.VARIABLE
            and (head := head_name(str_attr(var.attrs, "assigned_call") or "")) is not None
        }
        return reads_any(names, looked_up)

    def process_file(
        self, file: str, snapshot: Snapshot, cancelled: Callable[[], bool] | None = None
    ) -> EnricherFileResult:
        scope = FileScope(snapshot, workspace_index(snapshot, self.settings), file)
        edges: list[Edge] = []
        nodes: dict[str, Node] = {}  # placeholders this file needs
        for var in scope.s.nodes:
            if var.type != NodeType.VARIABLE:
                continue
            callee = str_attr(var.attrs, "assigned_call")
            if not callee:
                continue
            path = id_path(var.id)
            where = path.rsplit(".", 1)[0] if "." in path else "<module>"
            deps = Deps()
            target = scope.resolve_dotted(where, callee, deps)
            if target is not None and target.type == NodeType.CLASS:
                edges.append(Edge(var.id, EdgeType.INSTANCE_OF, target.id))
            edges += deps.edges(var.id, file)
            for n in deps.placeholder_nodes():
                nodes.setdefault(n.id, n)
        return EnricherFileResult(edges=edges, nodes=list(nodes.values()), uses=scope.uses())
