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

from graphwarden.analysis import defaults
from graphwarden.analysis.enrichers.base import (
    Enricher,
    EnricherFileResult,
    EnricherMetadata,
    EnrichmentCancelled,
    GlobalUpdate,
)
from graphwarden.analysis.enrichers.names import lookup_member
from graphwarden.analysis.enrichers.workspace import WorkspaceIndex, workspace_index
from graphwarden.analysis.model import (
    Edge,
    EdgeType,
    NodeType,
    file_of_id,
    id_path,
    module_id,
    parse_id,
    str_list_attr,
)

if TYPE_CHECKING:
    from graphwarden.analysis.config import Settings
    from graphwarden.analysis.store import CommitDelta, Snapshot

_REFERENCE_EDGES = frozenset(
    {
        EdgeType.CALLS,
        EdgeType.IMPORTS_FROM,
        EdgeType.EXTENDS,
        EdgeType.INSTANCE_OF,
        EdgeType.PASSES_ARGUMENT,
    }
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

    def process_file(
        self, file: str, snapshot: Snapshot, cancelled: Callable[[], bool] | None = None
    ) -> EnricherFileResult:
        return EnricherFileResult()

    def process_global(
        self, snapshot: Snapshot, cancelled: Callable[[], bool] | None = None
    ) -> EnricherFileResult:
        """One pass over the store's indexes, decoding only what stays unreferenced.

        Names come from the type index keys, "some call uses this name" from
        the callnames index, "something points at it" from the incoming-edge
        index; a definition is decoded only when all three say it is unused.
        It still takes a few hundred milliseconds on Django, so it stops
        (raising `EnrichmentCancelled`) as soon as `cancelled()` says a newer
        edit came; an editing cycle runs `process_global_changes` instead.
        """
        verdicts = _Verdicts(snapshot, self.settings)
        edges: list[Edge] = []
        seen = 0
        for type_ in _CANDIDATES:
            for name, key in snapshot.type_entries(type_):
                seen += 1
                if cancelled is not None and seen % _CANCEL_STRIDE == 0 and cancelled():
                    raise EnrichmentCancelled
                edge = verdicts.edge(type_, name, key)
                if edge is not None:
                    edges.append(edge)
        edges.sort(key=lambda e: (e.src, e.dst))
        return EnricherFileResult(edges=edges)

    def process_global_changes(
        self, snapshot: Snapshot, delta: CommitDelta, cancelled: Callable[[], bool] | None = None
    ) -> GlobalUpdate | None:
        """Decide again only the candidates whose verdict `delta` can have changed.

        A verdict reads the candidate's own record and its module's `__all__`
        (files analysed again), the reference edges into it (edge keys that
        came or went), for a method whether any call uses its name (call
        names whose count crossed zero) and whether a base class has a member
        of its name (names defined or gone anywhere; EXTENDS edges that came
        or went, for the class and every subclass below it). Many analysed
        files (a branch switch) are cheaper in one full pass.
        """
        if len(delta.analysed_files) > defaults.UNREFERENCED_INCREMENTAL_MAX_FILES:
            return None
        dirty: set[bytes] = set()
        for file in delta.analysed_files:
            dirty.update(
                key for key, node_id in snapshot.file_node_ids(file) if _candidate_id(node_id)
            )
        dirty.update(snapshot.key_of(x) for x in delta.removed if _candidate_id(x))
        extended: set[bytes] = set()
        for type_, src, dst in delta.edge_ends(_REFERENCE_EDGES):
            dirty.add(dst)
            if type_ == EdgeType.EXTENDS:
                extended.add(src)
        for name in delta.called_names | delta.defined_names:
            dirty.update(snapshot.keys_named(NodeType.METHOD, name))
        if cancelled is not None and cancelled():
            raise EnrichmentCancelled
        verdicts = _Verdicts(snapshot, self.settings)
        dirty.update(verdicts.methods_below(extended))
        edges: list[Edge] = []
        for key in dirty:
            node = snapshot.node_by_key(key)
            if node is not None and node.type in _CANDIDATES:
                edge = verdicts.edge(node.type, snapshot.indexed_name(node.name), key)
                if edge is not None:
                    edges.append(edge)
        return GlobalUpdate(dirty, edges)


def _candidate_id(node_id: str) -> bool:
    return parse_id(node_id).kind in _CANDIDATES


class _Verdicts:
    """Whether a candidate is unreferenced, against one snapshot."""

    def __init__(self, snapshot: Snapshot, settings: Settings) -> None:
        self.snapshot = snapshot
        self.settings = settings
        self.all_names: dict[str, list[str] | None] = {}
        self._idx: WorkspaceIndex | None = None

    @property
    def idx(self) -> WorkspaceIndex:
        if self._idx is None:
            self._idx = workspace_index(self.snapshot, self.settings)
        return self._idx

    def edge(self, type_: str, name: str, key: bytes) -> Edge | None:
        """The UNREFERENCED edge into the candidate under `key`, None if it is used.

        `name` may be cut (index keys hold 200 characters): only cheap tests
        read it; the record decides the rest.
        """
        snapshot = self.snapshot
        if _entry_point(name):
            return None
        if type_ == NodeType.METHOD and snapshot.is_called(name):
            return None
        if snapshot.has_incoming_key(key, _REFERENCE_EDGES):
            return None
        node = snapshot.node_by_key(key)
        if node is None or node.attrs.get("decorators"):
            return None
        path = id_path(node.id)
        if "." not in path:
            if node.file not in self.all_names:
                module = snapshot.node(module_id(node.file))
                self.all_names[node.file] = str_list_attr(module.attrs, "all") if module else None
            listed = self.all_names[node.file]
            if listed is not None and node.name in listed:
                return None
        if type_ == NodeType.METHOD and "." in path:
            owner = self.idx.summary(snapshot, node.file).by_path.get(path.rsplit(".", 1)[0])
            if (
                owner is not None
                and owner.type == NodeType.CLASS
                and lookup_member(snapshot, self.idx, owner, node.name, skip_self=True) is not None
            ):
                return None
        return Edge(module_id(node.file), EdgeType.UNREFERENCED, node.id)

    def methods_below(self, class_keys: set[bytes]) -> set[bytes]:
        """Keys of the methods of these classes and of every class that extends them."""
        snapshot = self.snapshot
        out: set[bytes] = set()
        seen: set[bytes] = set()
        stack = list(class_keys)
        while stack:
            key = stack.pop()
            if key in seen:
                continue
            seen.add(key)
            class_id = snapshot.id_at(key)
            if class_id is None or parse_id(class_id).kind != NodeType.CLASS:
                continue
            class_path = id_path(class_id)
            out.update(
                snapshot.key_of(n.id)
                for n in self.idx.summary(snapshot, file_of_id(class_id)).nodes
                if n.type == NodeType.METHOD and id_path(n.id).rsplit(".", 1)[0] == class_path
            )
            stack.extend(snapshot.incoming_source_keys(key, EdgeType.EXTENDS))
        return out
