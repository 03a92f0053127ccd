"""textDocument/references: the uses of the symbol under the cursor (`analysis.navigation`)."""

from __future__ import annotations

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from graphwarden.analysis.navigation import references
from graphwarden.lsp_server.requests import DocumentReading, Requests


def find_references(r: DocumentReading, params: types.ReferenceParams) -> list[types.Location]:
    found = references(
        r.snap,
        r.definitions_at(params.position),
        include_declaration=params.context.include_declaration,
    )
    return [r.location(loc.file, loc.range) for loc in found]


def register(server: LanguageServer, requests: Requests) -> None:
    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def on_references(params: types.ReferenceParams) -> list[types.Location] | None:
        return requests.document(
            "references", params.text_document.uri, lambda r: find_references(r, params)
        )
