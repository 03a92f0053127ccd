"""Unreferenced definitions: MODULE -UNREFERENCED-> FUNCTION | METHOD | CLASS.

A global pass: a function, method or class is referenced when any resolution
edge points at it (CALLS, IMPORTS_FROM, EXTENDS, INSTANCE_OF, or
PASSES_ARGUMENT when it is handed over as a callback), or, for methods, when
any call anywhere uses its name (`obj.save()` on a receiver we cannot type still
counts: a method is reported only when no call could be reaching it).

Skipped as entry points: dunder names, `test_*` and `main` functions, names
listed in the module's `__all__`, decorated definitions (frameworks call
them: routes, fixtures, properties), JS `constructor`, and methods that
override a base's method. Each unreferenced definition gets an edge from its
file's MODULE node, so rules and the editor can ask
`edge(M, D, "UNREFERENCED")`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from graphwarden.analysis.enrichers.base import (
    Enricher,
    EnricherFileResult,
    EnricherMetadata,
    EnrichmentCancelled,
)
from graphwarden.analysis.enrichers.names import lookup_member
from graphwarden.analysis.enrichers.workspace import workspace_index
from graphwarden.analysis.model import (
    Edge,
    EdgeType,
    NodeType,
    id_path,
    module_id,
    str_list_attr,
)

if TYPE_CHECKING:
    from graphwarden.analysis.store import Snapshot

_REFERENCE_EDGES = (
    EdgeType.CALLS,
    EdgeType.IMPORTS_FROM,
    EdgeType.EXTENDS,
    EdgeType.INSTANCE_OF,
    EdgeType.PASSES_ARGUMENT,
)
_CANDIDATES = (NodeType.FUNCTION, NodeType.METHOD, NodeType.CLASS)
#: Candidates looked at between two questions to `cancelled` (a few ms of work).
_CANCEL_STRIDE = 512


def _entry_point(name: str) -> bool:
    return (
        (name.startswith("__") and name.endswith("__"))
        or name.startswith("test_")
        or name in ("main", "constructor", "<anonymous>")
    )


class UnreferencedEnricher(Enricher):
    metadata = EnricherMetadata(
        name="unreferenced",
        consumes=frozenset(
            {
                NodeType.FUNCTION,
                NodeType.METHOD,
                NodeType.CLASS,
                NodeType.CALL,
                NodeType.MODULE,
                EdgeType.CALLS,
                EdgeType.IMPORTS_FROM,
                EdgeType.EXTENDS,
                EdgeType.INSTANCE_OF,
                EdgeType.PASSES_ARGUMENT,
            }
        ),
        produces=frozenset({EdgeType.UNREFERENCED}),
        scope="global",
    )

    def process_file(self, file: str, snapshot: Snapshot) -> EnricherFileResult:
        return EnricherFileResult()

    def process_global(
        self, snapshot: Snapshot, cancelled: Callable[[], bool] | None = None
    ) -> EnricherFileResult:
        """One pass over the store's indexes, decoding only what stays unreferenced.

        Names come from the type index keys, "some call uses this name" from
        the callnames index, "something points at it" from the incoming-edge
        index; a definition is decoded only when all three say it is unused.
        That keeps the pass cheap enough to run in an editing cycle; it still
        takes a few hundred milliseconds on Django, so it stops (raising
        `EnrichmentCancelled`) as soon as `cancelled()` says a newer edit came.
        """
        all_names: dict[str, list[str] | None] = {}
        idx = None
        edges: list[Edge] = []
        seen = 0
        for type_ in _CANDIDATES:
            for name, key in snapshot.type_entries(type_):
                seen += 1
                if cancelled is not None and seen % _CANCEL_STRIDE == 0 and cancelled():
                    raise EnrichmentCancelled
                if _entry_point(name):
                    continue
                if type_ == NodeType.METHOD and snapshot.is_called(name):
                    continue
                if snapshot.has_incoming_key(key, _REFERENCE_EDGES):
                    continue
                node = snapshot.node_by_key(key)
                if node is None or node.attrs.get("decorators"):
                    continue
                path = id_path(node.id)
                if "." not in path:
                    if node.file not in all_names:
                        module = snapshot.node(module_id(node.file))
                        all_names[node.file] = (
                            str_list_attr(module.attrs, "all") if module else None
                        )
                    listed = all_names[node.file]
                    if listed is not None and node.name in listed:
                        continue
                if type_ == NodeType.METHOD and "." in path:
                    idx = idx or workspace_index(snapshot, self.settings)
                    owner = idx.summary(snapshot, node.file).by_path.get(path.rsplit(".", 1)[0])
                    if (
                        owner is not None
                        and owner.type == NodeType.CLASS
                        and lookup_member(snapshot, idx, owner, node.name, skip_self=True)
                        is not None
                    ):
                        continue
                edges.append(Edge(module_id(node.file), EdgeType.UNREFERENCED, node.id))
        edges.sort(key=lambda e: (e.src, e.dst))
        return EnricherFileResult(edges=edges)
