"""pygls's protocol with two changes: prefer UTF-8, and never leave a request unanswered."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Generator
from typing import Any
from urllib.parse import unquote

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from graphwarden.lsp_server.positions import UTF8

log = logging.getLogger(__name__)


class GraphwardenProtocol(LanguageServerProtocol):
    """Negotiates UTF-8 when offered; answers undecodable requests; tolerates stray didChange."""

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams) -> Generator[Any, Any, Any]:
        # pygls takes the client's first supported encoding; we prefer UTF-8
        # whenever it is offered at all (no conversion for ASCII-free files).
        general = params.capabilities.general
        if (
            general is not None
            and general.position_encodings
            and UTF8 in general.position_encodings
        ):
            general.position_encodings = [UTF8] + [
                e for e in general.position_encodings if e != UTF8
            ]
        return (yield from super().lsp_initialize(params))

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            # pygls logs a request it cannot decode but never answers it; a
            # client would wait forever. Answer with the error, then let pygls
            # drop the message as before.
            if isinstance(data, dict) and "id" in data and "method" in data:
                with contextlib.suppress(Exception):
                    self._send_response(data["id"], error=exc.to_response_error())
            raise

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(
        self, params: types.DidChangeTextDocumentParams
    ) -> Generator[Any, Any, Any]:
        # A change to a document the client never opened cannot be applied
        # (there is no base text); pygls would raise. Log it and carry on.
        if unquote(params.text_document.uri) not in self.workspace.text_documents:
            log.warning("didChange for a document that is not open: %s", params.text_document.uri)
            return None
        return (yield from super().lsp_text_document__did_change(params))
