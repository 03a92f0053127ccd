"""Unreferenced definitions: MODULE -UNREFERENCED-> FUNCTION | METHOD | CLASS.

A global pass: a function, method or class is referenced when any resolution
edge points at it (CALLS, IMPORTS_FROM, EXTENDS, INSTANCE_OF), when its name
is passed as an argument somewhere (a callback), or, for methods, when any
call anywhere uses its name (`obj.save()` on a receiver we cannot type still
counts: a method is reported only when no call could be reaching it).

Skipped as entry points: dunder names, `test_*` and `main` functions, names
listed in the module's `__all__`, decorated definitions (frameworks call
them: routes, fixtures, properties), JS `constructor`, and methods that
override a base's method. Each unreferenced definition gets an edge from its
file's MODULE node, so rules and the editor can ask
`edge(M, D, "UNREFERENCED")`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis.enrichers.base import Enricher, EnricherFileResult, EnricherMetadata
from analysis.enrichers.names import lookup_member
from analysis.enrichers.workspace import id_path, workspace_index
from analysis.model import Edge, EdgeType, NodeType, module_id

if TYPE_CHECKING:
    from analysis.store import Snapshot

_REFERENCE_EDGES = (EdgeType.CALLS, EdgeType.IMPORTS_FROM, EdgeType.EXTENDS, EdgeType.INSTANCE_OF)
_CANDIDATES = (NodeType.FUNCTION, NodeType.METHOD, NodeType.CLASS)


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
                EdgeType.CALLS,
                EdgeType.IMPORTS_FROM,
                EdgeType.EXTENDS,
                EdgeType.INSTANCE_OF,
            }
        ),
        produces=frozenset({EdgeType.UNREFERENCED}),
        scope="global",
    )

    def process_file(self, file: str, snapshot: Snapshot) -> EnricherFileResult:
        return EnricherFileResult()

    def process_global(self, snapshot: Snapshot) -> EnricherFileResult:
        idx = workspace_index(snapshot, self.settings)
        called: set[str] = set()
        passed: set[str] = set()
        candidates = []
        for file in sorted(idx.files):
            for node in idx.summary(snapshot, file).nodes:
                if node.type == NodeType.CALL:
                    called.add(node.name)
                    for arg in node.attrs.get("arg_names") or ():
                        passed.add(arg)
                elif node.type in _CANDIDATES:
                    candidates.append(node)
        edges: list[Edge] = []
        for node in candidates:
            type_ = node.type
            name = node.name
            if _entry_point(name) or name in passed or node.attrs.get("decorators"):
                continue
            if type_ == NodeType.METHOD and name in called:
                continue
            path = id_path(node.id)
            summary = idx.summary(snapshot, node.file)
            if "." not in path:
                all_names = summary.all_names
                if all_names is not None and name in all_names:
                    continue
            if snapshot.has_incoming(node.id, _REFERENCE_EDGES):
                continue
            if type_ == NodeType.METHOD and "." in path:
                owner = summary.by_path.get(path.rsplit(".", 1)[0])
                if (
                    owner is not None
                    and owner.type == NodeType.CLASS
                    and lookup_member(snapshot, idx, owner, name, skip_self=True) is not None
                ):
                    continue
            edges.append(Edge(module_id(node.file), EdgeType.UNREFERENCED, node.id))
        edges.sort(key=lambda e: (e.src, e.dst))
        return EnricherFileResult(edges=edges)
