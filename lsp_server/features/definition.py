"""textDocument/definition: where the symbol under the cursor is defined (`analysis.navigation`)."""

from __future__ import annotations

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from graphwarden.analysis.navigation import selection
from graphwarden.lsp_server.requests import DocumentReading, Requests


def definition(r: DocumentReading, position: types.Position) -> list[types.Location] | None:
    found = r.definitions_at(position)
    return [r.location(n.file, selection(n)) for n in found if n.file] or None


def register(server: LanguageServer, requests: Requests) -> None:
    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def on_definition(params: types.DefinitionParams) -> list[types.Location] | None:
        return requests.document(
            "definition", params.text_document.uri, lambda r: definition(r, params.position)
        )
