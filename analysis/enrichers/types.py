"""Types: HAS_TYPE (variable -> class) and RETURNS_TYPE (function -> class) from declared types.

The front ends record each declaration's type erased to one name
(``declared_type`` on variables and class fields, ``returns`` on functions
and methods: TypeScript annotations, JSDoc, Python hints). This enricher
resolves that name in the declaring file's scope (type_names.py) and writes
the edge, so the calls enricher can type receivers in any file
(`this.destination.error()`, `repo.save()` on an imported `repo: Repo`,
`self.make().run()`) without resolving another file's names itself.

Each declaration's edge lives in its own file's shard: when its type
changes (the annotation, or what the name resolves to) the shard changes,
and the enrichment stage re-runs the consumers for the files with edges into
the declaration or its class. What the resolution read in other files is
recorded as IMPORTS edges (names.Deps), as the other enrichers do.
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
from graphwarden.analysis.enrichers.names import Deps, FileScope
from graphwarden.analysis.enrichers.type_names import TypeResolver
from graphwarden.analysis.enrichers.workspace import workspace_index
from graphwarden.analysis.model import (
    MODULE_SCOPE,
    Edge,
    EdgeType,
    Node,
    NodeType,
    id_path,
    str_attr,
)

if TYPE_CHECKING:
    from graphwarden.analysis.store import Snapshot

#: Node type -> (attribute holding its erased type, edge written).
_DECLARATIONS = {
    NodeType.VARIABLE: ("declared_type", EdgeType.HAS_TYPE),
    NodeType.FUNCTION: ("returns", EdgeType.RETURNS_TYPE),
    NodeType.METHOD: ("returns", EdgeType.RETURNS_TYPE),
}


def scope_of(node_id: str) -> str:
    """The id path of the scope a definition is declared in ("<module>" at top level)."""
    path = id_path(node_id)
    return path.rsplit(".", 1)[0] if "." in path else MODULE_SCOPE


class TypesEnricher(Enricher):
    metadata = EnricherMetadata(
        name="types",
        consumes=frozenset(
            {
                NodeType.VARIABLE,
                NodeType.FUNCTION,
                NodeType.METHOD,
                NodeType.CLASS,
                NodeType.MODULE,
                EdgeType.IMPORTS_FROM,
            }
        ),
        produces=frozenset({EdgeType.HAS_TYPE, EdgeType.RETURNS_TYPE, EdgeType.IMPORTS}),
        scope="file",
        reads_of_its_file=FileReads.DEFINITIONS,
    )

    def process_file(
        self, file: str, snapshot: Snapshot, cancelled: Callable[[], bool] | None = None
    ) -> EnricherFileResult:
        scope = FileScope(snapshot, workspace_index(snapshot, self.settings), file)
        types = TypeResolver(scope)
        edges: list[Edge] = []
        nodes: dict[str, Node] = {}  # placeholders this file needs
        for decl in scope.s.nodes:
            spec = _DECLARATIONS.get(decl.type)
            if spec is None:
                continue
            text = str_attr(decl.attrs, spec[0])
            if not text:
                continue
            deps = Deps()
            # A member's type resolves in its class's scope (`self.x: T` too:
            # the front end declares it on the class).
            target = types.resolve(scope_of(decl.id), text, deps)
            if target is not None:
                edges.append(Edge(decl.id, spec[1], target.id))
            edges += deps.edges(decl.id, file)
            for n in deps.placeholder_nodes():
                nodes.setdefault(n.id, n)
        # The names looked up in other modules (name_uses.py): an edit that
        # changes one of them sends this file back here.
        return EnricherFileResult(edges=edges, nodes=list(nodes.values()), uses=types.uses())
