"""textDocument/definition: follow the enrichers' edges from the use under the cursor.

A call follows CALLS, an import IMPORTS_FROM (or IMPORTS for a module), a
variable INSTANCE_OF. A bare name without an edge is looked up through the
graph's scopes: the enclosing function, class and module definitions, then
the imports that bind it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from lsprotocol import types

from graphwarden.lsp_server.lookup import selection

if TYPE_CHECKING:
    from graphwarden.lsp_server.server import GraphwardenServer

log = logging.getLogger(__name__)


def register(server: GraphwardenServer) -> None:
    """Answer textDocument/definition from the latest snapshot."""

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(
        ls: GraphwardenServer, params: types.DefinitionParams
    ) -> list[types.Location] | None:
        with ls.reading(params.text_document.uri) as r:
            if r is None:
                return None
            try:
                found = r.definitions_at(params.position)
                return [ls.location(r.state, n.file, selection(n)) for n in found if n.file] or None
            except Exception:
                log.exception("definition failed at %s", params.position)
                return None
