"""Call hierarchy from CALLS edges.

A CALLS edge goes from a CALL node (the call site) to the callee; the caller
is the function, method, class or module that CONTAINS the call site.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from graphwarden.analysis.model import EdgeType, Node, NodeType
from graphwarden.lsp_server.lookup import (
    enclosing_definition,
    qualified_name,
    selection,
    symbol_kind,
    use_range,
)

if TYPE_CHECKING:
    from graphwarden.lsp_server.server import GraphwardenServer
    from graphwarden.lsp_server.workspace_state import WorkspaceState

log = logging.getLogger(__name__)
CALLABLE = frozenset({NodeType.FUNCTION, NodeType.METHOD, NodeType.CLASS, NodeType.MODULE})
MAX_CALLS = 1000


def make_item(ls: GraphwardenServer, state: WorkspaceState, node: Node) -> types.CallHierarchyItem:
    """A call hierarchy item for a graph node; `data` carries the node id for follow-ups."""
    return types.CallHierarchyItem(
        name=node.name,
        kind=symbol_kind(node),
        uri=ls.uri_of(state, node.file),
        range=ls.converter(state, node.file).range(node.range),
        selection_range=ls.converter(state, node.file).range(selection(node)),
        detail=qualified_name(node),
        data={"id": node.id},
    )


def node_id_of(item: Any) -> str | None:
    data = getattr(item, "data", None)
    return data.get("id") if isinstance(data, dict) else None


def register(server: GraphwardenServer) -> None:
    """Register prepare / incoming / outgoing call hierarchy."""

    @server.feature(types.TEXT_DOCUMENT_PREPARE_CALL_HIERARCHY)
    def prepare(
        ls: GraphwardenServer, params: types.CallHierarchyPrepareParams
    ) -> list[types.CallHierarchyItem] | None:
        with ls.reading(params.text_document.uri) as r:
            if r is None:
                return None
            try:
                found = [
                    n for n in r.definitions_at(params.position) if n.type in CALLABLE and n.file
                ]
                return [make_item(ls, r.state, n) for n in found] or None
            except Exception:
                log.exception("prepareCallHierarchy failed")
                return None

    @server.feature(types.CALL_HIERARCHY_INCOMING_CALLS)
    def incoming(
        ls: GraphwardenServer, params: types.CallHierarchyIncomingCallsParams
    ) -> list[types.CallHierarchyIncomingCall] | None:
        node_id = node_id_of(params.item)
        if node_id is None:
            return None
        with ls.reading(params.item.uri) as r:
            if r is None:
                return None
            callers: dict[str, tuple[Node, list[Node]]] = {}
            for e in r.snap.edges_in(node_id, EdgeType.CALLS)[:MAX_CALLS]:
                call = r.snap.node(e.src)
                if call is None:
                    continue
                caller = enclosing_definition(r.snap, call)
                if caller is None or not caller.file:
                    continue
                callers.setdefault(caller.id, (caller, []))[1].append(call)
            out = []
            for caller, calls in callers.values():
                conv = ls.converter(r.state, caller.file)
                out.append(
                    types.CallHierarchyIncomingCall(
                        from_=make_item(ls, r.state, caller),
                        from_ranges=[conv.range(use_range(c)) for c in calls],
                    )
                )
            return out

    @server.feature(types.CALL_HIERARCHY_OUTGOING_CALLS)
    def outgoing(
        ls: GraphwardenServer, params: types.CallHierarchyOutgoingCallsParams
    ) -> list[types.CallHierarchyOutgoingCall] | None:
        node_id = node_id_of(params.item)
        if node_id is None:
            return None
        with ls.reading(params.item.uri) as r:
            if r is None:
                return None
            caller = r.snap.node(node_id)
            if caller is None:
                return None
            conv = ls.converter(r.state, caller.file)
            callees: dict[str, tuple[Node, list[Node]]] = {}
            for e in r.snap.edges_out(node_id, EdgeType.CONTAINS):
                call = r.snap.node(e.dst)
                if call is None or call.type != NodeType.CALL:
                    continue
                for ce in r.snap.edges_out(call.id, EdgeType.CALLS):
                    callee = r.snap.node(ce.dst)
                    if callee is not None and callee.file:
                        callees.setdefault(callee.id, (callee, []))[1].append(call)
            return [
                types.CallHierarchyOutgoingCall(
                    to=make_item(ls, r.state, callee),
                    from_ranges=[conv.range(use_range(c)) for c in calls],
                )
                for callee, calls in callees.values()
            ]
