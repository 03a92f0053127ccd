"""textDocument/references: the incoming resolution edges of the symbol under the cursor.

The symbol is what definition would jump to; its references are the sources
of CALLS, IMPORTS_FROM, EXTENDS and INSTANCE_OF edges into it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from lsprotocol import types

from graphwarden.lsp_server.lookup import DEPENDENCY_EDGES, selection, use_range

if TYPE_CHECKING:
    from graphwarden.lsp_server.server import GraphwardenServer

log = logging.getLogger(__name__)
#: Enough for any editor's list; a hub symbol in a big repository has more.
MAX_REFERENCES = 2000


def register(server: GraphwardenServer) -> None:
    """Answer textDocument/references from the latest snapshot."""

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def references(
        ls: GraphwardenServer, params: types.ReferenceParams
    ) -> list[types.Location] | None:
        with ls.reading(params.text_document.uri) as r:
            if r is None:
                return None
            try:
                out: list[types.Location] = []
                seen: set[str] = set()
                for node in r.definitions_at(params.position):
                    if params.context.include_declaration and node.file:
                        out.append(ls.location(r.state, node.file, selection(node)))
                    for etype in DEPENDENCY_EDGES:
                        for e in r.snap.edges_in(node.id, etype):
                            src = r.snap.node(e.src)
                            if src is None or not src.file or src.id in seen:
                                continue
                            seen.add(src.id)
                            out.append(ls.location(r.state, src.file, use_range(src)))
                            if len(out) >= MAX_REFERENCES:
                                return out
                return out
            except Exception:
                log.exception("references failed at %s", params.position)
                return None
