"""Document symbols (the library's outline) and workspace symbols (its ranked name search)."""

from __future__ import annotations

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from graphwarden.analysis.navigation import (
    MAX_SYMBOLS,
    OutlineEntry,
    outline,
    search_symbols,
    selection,
)
from graphwarden.lsp_server.convert import symbol_kind
from graphwarden.lsp_server.requests import DocumentReading, FolderReading, Requests


def document_symbols(r: DocumentReading) -> list[types.DocumentSymbol]:
    def convert(entries: list[OutlineEntry]) -> list[types.DocumentSymbol]:
        # Bounded by the outline's own depth limit.
        return [
            types.DocumentSymbol(
                name=e.node.name,
                kind=symbol_kind(e.node),
                range=r.conv.range(e.node.range),
                selection_range=r.conv.range(selection(e.node)),
                detail=str(sig) if (sig := e.node.attrs.get("signature")) else None,
                children=convert(e.children),
            )
            for e in entries
        ]

    return convert(outline(r.snap, r.rel))


def workspace_symbols(r: FolderReading, query: str) -> list[types.SymbolInformation]:
    return [
        types.SymbolInformation(
            name=node.name,
            kind=symbol_kind(node),
            location=r.location(node.file, selection(node)),
            container_name=r.qualified_name(node),
        )
        for node in search_symbols(r.snap, query)
    ]


def register(server: LanguageServer, requests: Requests) -> None:
    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def on_document_symbols(
        params: types.DocumentSymbolParams,
    ) -> list[types.DocumentSymbol] | None:
        return requests.document("documentSymbol", params.text_document.uri, document_symbols)

    @server.feature(types.WORKSPACE_SYMBOL)
    def on_workspace_symbols(params: types.WorkspaceSymbolParams) -> list[types.SymbolInformation]:
        found = requests.every_folder(
            "workspace/symbol", lambda r: workspace_symbols(r, params.query)
        )
        return found[:MAX_SYMBOLS]
