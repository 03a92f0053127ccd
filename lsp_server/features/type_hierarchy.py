"""Type hierarchy from EXTENDS edges (class -> base): supertypes out, subtypes in."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from lsprotocol import types

from graphwarden.analysis.model import EdgeType, Node, NodeType
from graphwarden.lsp_server.features.call_hierarchy import node_id_of
from graphwarden.lsp_server.lookup import qualified_name, selection, symbol_kind

if TYPE_CHECKING:
    from graphwarden.lsp_server.server import GraphwardenServer
    from graphwarden.lsp_server.workspace_state import WorkspaceState

log = logging.getLogger(__name__)


def make_item(ls: GraphwardenServer, state: WorkspaceState, node: Node) -> types.TypeHierarchyItem:
    """A type hierarchy item for a class node; `data` carries the node id."""
    conv = ls.converter(state, node.file)
    return types.TypeHierarchyItem(
        name=node.name,
        kind=symbol_kind(node),
        uri=ls.uri_of(state, node.file),
        range=conv.range(node.range),
        selection_range=conv.range(selection(node)),
        detail=qualified_name(node),
        data={"id": node.id},
    )


def register(server: GraphwardenServer) -> None:
    """Register prepare / supertypes / subtypes."""

    @server.feature(types.TEXT_DOCUMENT_PREPARE_TYPE_HIERARCHY)
    def prepare(
        ls: GraphwardenServer, params: types.TypeHierarchyPrepareParams
    ) -> list[types.TypeHierarchyItem] | None:
        with ls.reading(params.text_document.uri) as r:
            if r is None:
                return None
            try:
                found = [n for n in r.definitions_at(params.position) if n.type == NodeType.CLASS]
                return [make_item(ls, r.state, n) for n in found] or None
            except Exception:
                log.exception("prepareTypeHierarchy failed")
                return None

    def related(
        ls: GraphwardenServer, item: types.TypeHierarchyItem, up: bool
    ) -> list[types.TypeHierarchyItem] | None:
        node_id = node_id_of(item)
        if node_id is None:
            return None
        with ls.reading(item.uri) as r:
            if r is None:
                return None
            edges = (
                r.snap.edges_out(node_id, EdgeType.EXTENDS)
                if up
                else r.snap.edges_in(node_id, EdgeType.EXTENDS)
            )
            out = []
            for e in edges:
                other = r.snap.node(e.dst if up else e.src)
                if other is not None and other.file:
                    out.append(make_item(ls, r.state, other))
            return out

    @server.feature(types.TYPE_HIERARCHY_SUPERTYPES)
    def supertypes(
        ls: GraphwardenServer, params: types.TypeHierarchySupertypesParams
    ) -> list[types.TypeHierarchyItem] | None:
        return related(ls, params.item, up=True)

    @server.feature(types.TYPE_HIERARCHY_SUBTYPES)
    def subtypes(
        ls: GraphwardenServer, params: types.TypeHierarchySubtypesParams
    ) -> list[types.TypeHierarchyItem] | None:
        return related(ls, params.item, up=False)
