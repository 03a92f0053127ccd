"""textDocument/hover: the library's `SymbolSummary` of the symbol under the cursor, as Markdown.

The facts (qualified name through the workspace's `ModuleNaming`, signature,
docstring, callers, importers, guarantees) are gathered by
`analysis.navigation.describe`; this module only writes them down. Texts are
cached per (folder, store revision, cycle generation, node): a cached text is
never older than the snapshot it answers for.
"""

from __future__ import annotations

import threading

from cachetools import LRUCache
from lsprotocol import types
from pygls.lsp.server import LanguageServer

from graphwarden.analysis.model import Node
from graphwarden.analysis.navigation import SymbolSummary, definitions, describe, use_range
from graphwarden.lsp_server.requests import DocumentReading, Requests

_cache: LRUCache[tuple[str, int, int, str, str], str] = LRUCache(maxsize=1024)
_cache_lock = threading.Lock()


def markdown(s: SymbolSummary) -> str:
    """The hover text of a summary."""
    lines = [f"**{s.kind}** `{s.qualified_name}`"]
    if s.signature:
        prefix = "def " if s.language == "python" else "function "
        lines.append(f"```{s.language}\n{prefix}{s.node.name}{s.signature}\n```")
    elif s.bases:
        lines.append(f"bases: `{', '.join(s.bases)}`")
    if s.doc:
        lines.append(s.doc)
    if s.line is not None:
        lines.append(
            f"defined in `{s.node.file}:{s.line}` · {s.callers} caller{'s' if s.callers != 1 else ''}"
            f" · {s.importers} importer{'s' if s.importers != 1 else ''}"
        )
    if s.via_type is not None:
        note = s.via_type
        line = f"resolved through the declared type `{note.type_name}`"
        if note.declaration is not None:
            decl = note.declaration
            line += (
                f" of {decl.type.lower()} `{decl.attrs.get('qualname', decl.name)}`"
                f" (`{decl.file}:{note.declaration_line}`)"
            )
        lines.append(line)
    for t in s.tainted_by:
        lines.append(f"⚠ holds user data: {t.source}, from `{t.file}:{t.line}`")
    for v in s.violations:
        lines.append(f"⚠ guarantee `{v.rule}` ({v.severity}): {v.message}")
    return "\n\n".join(lines)


def hover_text(r: DocumentReading, node: Node, use: Node | None = None) -> str:
    """The Markdown hover for a graph node, reached from `use` (cached by revision)."""
    key = (str(r.state.root), r.snap.revision, r.state.generation, node.id, use.id if use else "")
    with _cache_lock:
        hit = _cache.get(key)
    if hit is not None:
        return hit
    text = markdown(describe(r.snap, node, r.naming, r.state.violations, use=use))
    with _cache_lock:
        _cache[key] = text
    return text


def hover(r: DocumentReading, position: types.Position) -> types.Hover | None:
    target = r.target_at(position)
    found = definitions(r.snap, r.rel, target)
    if not found:
        return None
    rng = None
    if target.node is not None and target.node.file == r.rel:
        rng = r.conv.range(use_range(target.node))
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown, value=hover_text(r, found[0], target.node)
        ),
        range=rng,
    )


def register(server: LanguageServer, requests: Requests) -> None:
    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(params: types.HoverParams) -> types.Hover | None:
        return requests.document(
            "hover", params.text_document.uri, lambda r: hover(r, params.position)
        )
