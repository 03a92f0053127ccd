"""Call hierarchy: prepare, incoming and outgoing calls (`analysis.navigation.hierarchy`).

An item's `data` carries its node id, so the follow-up requests find the
node again in whatever revision is current then.
"""

from __future__ import annotations

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from graphwarden.analysis.model import Node
from graphwarden.analysis.navigation import (
    Calls,
    callables,
    incoming_calls,
    outgoing_calls,
    selection,
)
from graphwarden.lsp_server.convert import item_data, node_id_of, symbol_kind
from graphwarden.lsp_server.requests import DocumentReading, FolderReading, Requests


def make_item(r: FolderReading, node: Node) -> types.CallHierarchyItem:
    return types.CallHierarchyItem(
        name=node.name,
        kind=symbol_kind(node),
        uri=r.uri_of(node.file),
        range=r.range(node.file, node.range),
        selection_range=r.range(node.file, selection(node)),
        detail=r.qualified_name(node),
        data=item_data(node),
    )


def _sites(r: FolderReading, calls: Calls) -> list[types.Range]:
    return [r.range(site.file, site.range) for site in calls.sites]


def prepare(r: DocumentReading, position: types.Position) -> list[types.CallHierarchyItem] | None:
    return [make_item(r, n) for n in callables(r.definitions_at(position))] or None


def incoming(r: DocumentReading, node_id: str) -> list[types.CallHierarchyIncomingCall]:
    return [
        types.CallHierarchyIncomingCall(from_=make_item(r, c.node), from_ranges=_sites(r, c))
        for c in incoming_calls(r.snap, node_id)
    ]


def outgoing(r: DocumentReading, node_id: str) -> list[types.CallHierarchyOutgoingCall] | None:
    if r.snap.node(node_id) is None:
        return None
    return [
        types.CallHierarchyOutgoingCall(to=make_item(r, c.node), from_ranges=_sites(r, c))
        for c in outgoing_calls(r.snap, node_id)
    ]


def register(server: LanguageServer, requests: Requests) -> None:
    @server.feature(types.TEXT_DOCUMENT_PREPARE_CALL_HIERARCHY)
    def on_prepare(
        params: types.CallHierarchyPrepareParams,
    ) -> list[types.CallHierarchyItem] | None:
        return requests.document(
            "prepareCallHierarchy", params.text_document.uri, lambda r: prepare(r, params.position)
        )

    @server.feature(types.CALL_HIERARCHY_INCOMING_CALLS)
    def on_incoming(
        params: types.CallHierarchyIncomingCallsParams,
    ) -> list[types.CallHierarchyIncomingCall] | None:
        node_id = node_id_of(params.item)
        if node_id is None:
            return None
        return requests.document(
            "callHierarchy/incomingCalls", params.item.uri, lambda r: incoming(r, node_id)
        )

    @server.feature(types.CALL_HIERARCHY_OUTGOING_CALLS)
    def on_outgoing(
        params: types.CallHierarchyOutgoingCallsParams,
    ) -> list[types.CallHierarchyOutgoingCall] | None:
        node_id = node_id_of(params.item)
        if node_id is None:
            return None
        return requests.document(
            "callHierarchy/outgoingCalls", params.item.uri, lambda r: outgoing(r, node_id)
        )
