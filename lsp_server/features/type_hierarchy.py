"""Type hierarchy: prepare, supertypes and subtypes from EXTENDS edges (`analysis.navigation`)."""

from __future__ import annotations

from collections.abc import Callable

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from graphwarden.analysis.model import Node
from graphwarden.analysis.navigation import classes, selection, subtypes, supertypes
from graphwarden.analysis.store import Snapshot
from graphwarden.lsp_server.convert import item_data, node_id_of, symbol_kind
from graphwarden.lsp_server.requests import DocumentReading, FolderReading, Requests


def make_item(r: FolderReading, node: Node) -> types.TypeHierarchyItem:
    conv = r.converter(node.file)
    return types.TypeHierarchyItem(
        name=node.name,
        kind=symbol_kind(node),
        uri=r.uri_of(node.file),
        range=conv.range(node.range),
        selection_range=conv.range(selection(node)),
        detail=r.qualified_name(node),
        data=item_data(node),
    )


def prepare(r: DocumentReading, position: types.Position) -> list[types.TypeHierarchyItem] | None:
    return [make_item(r, n) for n in classes(r.definitions_at(position))] or None


def register(server: LanguageServer, requests: Requests) -> None:
    @server.feature(types.TEXT_DOCUMENT_PREPARE_TYPE_HIERARCHY)
    def on_prepare(
        params: types.TypeHierarchyPrepareParams,
    ) -> list[types.TypeHierarchyItem] | None:
        return requests.document(
            "prepareTypeHierarchy", params.text_document.uri, lambda r: prepare(r, params.position)
        )

    def related(
        name: str, item: types.TypeHierarchyItem, walk: Callable[[Snapshot, str], list[Node]]
    ) -> list[types.TypeHierarchyItem] | None:
        node_id = node_id_of(item)
        if node_id is None:
            return None
        return requests.document(
            name, item.uri, lambda r: [make_item(r, n) for n in walk(r.snap, node_id)]
        )

    @server.feature(types.TYPE_HIERARCHY_SUPERTYPES)
    def on_supertypes(
        params: types.TypeHierarchySupertypesParams,
    ) -> list[types.TypeHierarchyItem] | None:
        return related("typeHierarchy/supertypes", params.item, supertypes)

    @server.feature(types.TYPE_HIERARCHY_SUBTYPES)
    def on_subtypes(
        params: types.TypeHierarchySubtypesParams,
    ) -> list[types.TypeHierarchyItem] | None:
        return related("typeHierarchy/subtypes", params.item, subtypes)
