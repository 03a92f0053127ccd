"""textDocument/hover: what the graph knows about the symbol under the cursor.

Kind and qualified name, signature, first docstring line, where it is
defined, how many callers and importers it has, and the guarantees that
mention it. Texts are cached per (folder, store revision, cycle generation,
node): a cached text is never older than the snapshot it answers for.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from cachetools import LRUCache
from lsprotocol import types

from graphwarden.analysis.model import EdgeType, Node, NodeType
from graphwarden.lsp_server.lookup import definitions, qualified_name, selection, use_range

if TYPE_CHECKING:
    from graphwarden.lsp_server.server import GraphwardenServer, Reading

log = logging.getLogger(__name__)

_cache: LRUCache[tuple[Any, ...], str] = LRUCache(maxsize=1024)
_cache_lock = threading.Lock()


def _violations_for(checker: Any, node: Node) -> list[Any]:
    out = []
    for v in list(getattr(checker, "violations", None) or []):
        if getattr(v, "node_id", None) == node.id:
            out.append(v)
            continue
        for loc in getattr(v, "related", None) or []:
            file = loc[0] if isinstance(loc, tuple | list) else getattr(loc, "file", None)
            rng = loc[1] if isinstance(loc, tuple | list) else getattr(loc, "range", None)
            if (
                file == node.file
                and rng is not None
                and tuple(rng)[:2] >= node.range[:2]
                and (tuple(rng)[:2] <= node.range[2:])
                and node.type != NodeType.MODULE
            ):
                out.append(v)
                break
    return out


def hover_text(reading: Reading, node: Node) -> str:
    """The Markdown hover for a graph node (cached by revision)."""
    state, snap = reading.state, reading.snap
    key = (str(state.root), snap.revision, state.generation, node.id)
    with _cache_lock:
        hit = _cache.get(key)
    if hit is not None:
        return hit
    kind = node.type.lower()
    lines = [f"**{kind}** `{qualified_name(node)}`"]
    signature = node.attrs.get("signature")
    if signature and node.type in (NodeType.FUNCTION, NodeType.METHOD):
        lang = "python" if node.file.endswith((".py", ".pyi")) else "typescript"
        prefix = "def " if lang == "python" else "function "
        lines.append(f"```{lang}\n{prefix}{node.name}{signature}\n```")
    elif node.attrs.get("bases"):
        lines.append(f"bases: `{', '.join(map(str, node.attrs['bases']))}`")
    doc = node.attrs.get("doc")
    if doc:
        lines.append(str(doc))
    if node.file:
        line = selection(node)[0] + 1
        # Counted on index keys: a hub class has thousands of callers.
        callers = snap.count_incoming(node.id, EdgeType.CALLS)
        importers = snap.count_incoming(node.id, EdgeType.IMPORTS_FROM)
        lines.append(
            f"defined in `{node.file}:{line}` · {callers} caller{'s' if callers != 1 else ''}"
            f" · {importers} importer{'s' if importers != 1 else ''}"
        )
    for v in _violations_for(state.checker, node):
        rule = getattr(v, "rule", "guarantee")
        severity = getattr(v, "severity", "error")
        lines.append(f"⚠ guarantee `{rule}` ({severity}): {getattr(v, 'message', '')}")
    text = "\n\n".join(lines)
    with _cache_lock:
        _cache[key] = text
    return text


def register(server: GraphwardenServer) -> None:
    """Answer textDocument/hover from the latest snapshot."""

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: GraphwardenServer, params: types.HoverParams) -> types.Hover | None:
        with ls.reading(params.text_document.uri) as r:
            if r is None:
                return None
            try:
                target = r.target_at(params.position)
                found = definitions(r.snap, r.rel, target)
                if not found:
                    return None
                node = found[0]
                text = hover_text(r, node)
                rng = None
                if target.node is not None and target.node.file == r.rel:
                    rng = r.conv.range(use_range(target.node))
                return types.Hover(
                    contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
                    range=rng,
                )
            except Exception:
                log.exception("hover failed at %s", params.position)
                return None
