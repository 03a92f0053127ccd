"""Document symbols (a hierarchy from CONTAINS/DECLARES) and workspace symbols (name search)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from lsprotocol import types

from graphwarden.analysis.model import EdgeType, Node, NodeType
from graphwarden.lsp_server.lookup import qualified_name, selection, symbol_kind

if TYPE_CHECKING:
    from graphwarden.lsp_server.server import GraphwardenServer

log = logging.getLogger(__name__)

#: Node types shown in the outline.
OUTLINE = frozenset({NodeType.CLASS, NodeType.FUNCTION, NodeType.METHOD, NodeType.VARIABLE})
MAX_WORKSPACE_SYMBOLS = 200
#: Names scanned for fuzzy matches before giving up (bounds a huge repository).
MAX_FUZZY_SCAN = 500_000


def _is_subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)


def register(server: GraphwardenServer) -> None:
    """Register textDocument/documentSymbol and workspace/symbol."""

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def document_symbols(
        ls: GraphwardenServer, params: types.DocumentSymbolParams
    ) -> list[types.DocumentSymbol] | None:
        with ls.reading(params.text_document.uri) as r:
            if r is None:
                return None
            try:
                nodes = {n.id: n for n in r.snap.context_nodes(r.rel)}
                children: dict[str, list[str]] = {}
                for e in r.snap.context_edges(r.rel):
                    if e.type in (EdgeType.CONTAINS, EdgeType.DECLARES):
                        children.setdefault(e.src, []).append(e.dst)

                def build(node_id: str, depth: int) -> list[types.DocumentSymbol]:
                    out = []
                    for child_id in children.get(node_id, []):
                        child = nodes.get(child_id)
                        if child is None:
                            continue
                        if child.type not in OUTLINE:
                            # Definitions nested in a call or import still count.
                            out.extend(build(child_id, depth + 1) if depth < 100 else [])
                            continue
                        rng = r.conv.range(child.range)
                        sel = r.conv.range(selection(child))
                        out.append(
                            types.DocumentSymbol(
                                name=child.name,
                                kind=symbol_kind(child),
                                range=rng,
                                selection_range=sel,
                                detail=child.attrs.get("signature"),
                                children=build(child_id, depth + 1) if depth < 100 else [],
                            )
                        )
                    out.sort(key=lambda s: (s.range.start.line, s.range.start.character))
                    return out

                module = next((n for n in nodes.values() if n.type == NodeType.MODULE), None)
                return build(module.id, 0) if module is not None else []
            except Exception:
                log.exception("documentSymbol failed for %s", params.text_document.uri)
                return None

    @server.feature(types.WORKSPACE_SYMBOL)
    def workspace_symbols(
        ls: GraphwardenServer, params: types.WorkspaceSymbolParams
    ) -> list[types.SymbolInformation]:
        query = params.query.strip().lower()
        out: list[types.SymbolInformation] = []
        for state in ls.workspaces.states():
            orch = state.orch
            if orch is None:
                continue
            try:
                with orch.snapshot() as snap:
                    found: list[Node] = snap.search_names(query, limit=MAX_WORKSPACE_SYMBOLS)
                    seen = {n.id for n in found}
                    if query and len(found) < MAX_WORKSPACE_SYMBOLS:
                        fuzzy: list[tuple[int, bytes]] = []
                        for i, (name, key) in enumerate(snap.names()):
                            if i >= MAX_FUZZY_SCAN:
                                break
                            if not name.startswith(query) and _is_subsequence(query, name):
                                fuzzy.append((len(name), key))
                        fuzzy.sort()
                        for _, key in fuzzy:
                            if len(found) >= MAX_WORKSPACE_SYMBOLS:
                                break
                            node = snap.node_by_key(key)
                            if node is not None and node.id not in seen:
                                seen.add(node.id)
                                found.append(node)
                    for node in found:
                        if not node.file or node.type == NodeType.EXPORT:
                            continue
                        out.append(
                            types.SymbolInformation(
                                name=node.name,
                                kind=symbol_kind(node),
                                location=ls.location(state, node.file, selection(node)),
                                container_name=qualified_name(node),
                            )
                        )
            except Exception:
                log.exception("workspace/symbol failed in %s", state.root)
        return out[:MAX_WORKSPACE_SYMBOLS]
