"""textDocument/codeLens and codeLens/resolve: references and blast radius above definitions.

`codeLens` is cheap: the file's classes, functions and methods (only those
of its nodes are decoded, picked by the kind in their ids), one unresolved
lens each, carrying the node id. `codeLens/resolve` counts, for the lenses the editor shows: the
definition's references and the files its blast radius reaches
(`analysis.navigation.reference_count` and `radius_files`: the same answers
as `references` and `blast_radius`, walked on keys without decoding a node),
cached per store revision.
The lens's command, `graphwarden.showReferences`, is the client's (VS Code
and Neovim list the references); the server answers it too, with the
locations, for a client that sends it on.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any

from cachetools import LRUCache
from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer

from graphwarden.analysis.model import NodeType
from graphwarden.analysis.navigation import (
    radius_files,
    reference_count,
    references,
    selection,
)
from graphwarden.lsp_server.convert import json_range
from graphwarden.lsp_server.requests import DocumentReading, Requests

SHOW_REFERENCES = "graphwarden.showReferences"
LENSED = frozenset(str(t) for t in (NodeType.CLASS, NodeType.FUNCTION, NodeType.METHOD))

_counts: LRUCache[tuple[str, int, str], tuple[int, int, bool]] = LRUCache(maxsize=4096)
_lock = threading.Lock()


def code_lenses(r: DocumentReading, uri: str) -> list[types.CodeLens]:
    out = [
        types.CodeLens(range=r.conv.range(selection(node)), data={"uri": uri, "id": node.id})
        for node in r.snap.context_nodes_of_kinds(r.rel, LENSED)
    ]
    out.sort(key=lambda lens: (lens.range.start.line, lens.range.start.character))
    return out


def counts(r: DocumentReading, node_id: str) -> tuple[int, int, bool] | None:
    """(references, files in the blast radius, truncated) of a node at this revision."""
    key = (str(r.state.root), r.snap.revision, node_id)
    with _lock:
        hit = _counts.get(key)
    if hit is not None:
        return hit
    node = r.snap.node(node_id)
    if node is None:
        return None
    files, truncated = radius_files(r.snap, [node])
    found = (reference_count(r.snap, node), len(files), truncated)
    with _lock:
        _counts[key] = found
    return found


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def resolve(r: DocumentReading, lens: types.CodeLens, node_id: str) -> types.CodeLens:
    found = counts(r, node_id)
    if found is None:  # the definition is gone since the lens was made
        title = "graphwarden: no longer in the graph"
    else:
        refs, files, truncated = found
        more = "+" if truncated else ""
        title = f"{_plural(refs, 'reference')} · blast radius {files}{more} file{'' if files == 1 else 's'}"
    uri = lens.data["uri"] if isinstance(lens.data, dict) else ""
    lens.command = types.Command(
        title=title,
        command=SHOW_REFERENCES,
        arguments=[uri, {"line": lens.range.start.line, "character": lens.range.start.character}],
    )
    return lens


def refresh_lenses(server: LanguageServer) -> None:
    """Ask the client to request its code lenses again, if it can be asked.

    After an index: a document opened before it got no lenses (no store yet,
    or its definitions not indexed), and editors ask again only when that
    document is edited (VS Code: the e2e's missing lens)."""
    ws = server.client_capabilities.workspace
    if ws is not None and ws.code_lens is not None and ws.code_lens.refresh_support:
        with contextlib.suppress(Exception):  # the client may have gone
            server.workspace_code_lens_refresh(None)


def _lens_target(lens: types.CodeLens) -> tuple[str, str] | None:
    data = lens.data
    if not isinstance(data, dict):
        return None
    uri, node_id = data.get("uri"), data.get("id")
    return (uri, node_id) if isinstance(uri, str) and isinstance(node_id, str) else None


def register(server: LanguageServer, requests: Requests) -> None:
    @server.feature(types.TEXT_DOCUMENT_CODE_LENS, types.CodeLensOptions(resolve_provider=True))
    def on_code_lens(params: types.CodeLensParams) -> list[types.CodeLens] | None:
        uri = params.text_document.uri
        return requests.document("codeLens", uri, lambda r: code_lenses(r, uri))

    @server.feature(types.CODE_LENS_RESOLVE)
    def on_resolve(lens: types.CodeLens) -> types.CodeLens:
        target = _lens_target(lens)
        if target is None:
            return lens
        uri, node_id = target
        answer = requests.document("codeLens/resolve", uri, lambda r: resolve(r, lens, node_id))
        return answer or lens

    def show_references(*args: Any) -> list[dict[str, object]]:
        """The references of the definition at [uri, {line, character}], as JSON locations."""
        if len(args) < 2 or not isinstance(args[0], str) or not isinstance(args[1], dict):
            raise JsonRpcInvalidParams("graphwarden.showReferences expects [uri, position]")
        try:
            position = types.Position(int(args[1]["line"]), int(args[1]["character"]))
        except (KeyError, TypeError, ValueError):
            raise JsonRpcInvalidParams("graphwarden.showReferences: bad position") from None

        def answer(r: DocumentReading) -> list[dict[str, object]]:
            found = references(r.snap, r.definitions_at(position))
            return [
                {"uri": r.uri_of(loc.file), "range": json_range(r.range(loc.file, loc.range))}
                for loc in found
            ]

        return requests.document(SHOW_REFERENCES, args[0], answer) or []

    server.command(SHOW_REFERENCES)(show_references)
