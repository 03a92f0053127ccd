"""The editor as the server sees it: open buffers, the position encoding, the lines of files.

The graph was built from a buffer while it is open in the editor, else from
the disk; converting a graph range for the client needs that same text. The
feature modules and the per-folder state all ask here, so the rule lives in
one place. Plain LSP plumbing over pygls's workspace: nothing about the graph.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote

from cachetools import LRUCache
from pygls.lsp.server import LanguageServer

from graphwarden.lsp_server.lines import LineCache
from graphwarden.lsp_server.positions import UTF16, LineConverter, split_lines


class Editor:
    """Buffers and positions of one client connection."""

    def __init__(self, server: LanguageServer) -> None:
        self._server = server
        #: Lines of files that are not open (read lazily, keyed by mtime and size).
        self.disk_lines = LineCache()
        #: Lines of open buffers: uri -> (the text they were split from, its lines).
        self._buffer_lines: LRUCache[str, tuple[str, list[str]]] = LRUCache(maxsize=64)

    @property
    def position_encoding(self) -> str:
        """The negotiated encoding (UTF-16 until initialize has chosen)."""
        try:
            enc = self._server.workspace.position_encoding
        except RuntimeError:
            return UTF16
        # An lsprotocol enum or a plain string: compare by value.
        return str(getattr(enc, "value", enc) or UTF16)

    def buffer_text(self, uri: str) -> str | None:
        """The text of an open buffer (None when the document is not open)."""
        try:
            doc = self._server.workspace.text_documents.get(unquote(uri))
        except RuntimeError:  # no workspace before initialize
            return None
        return doc.source if doc is not None else None

    def open_uris(self) -> list[str]:
        """The URIs of every open buffer."""
        try:
            return list(self._server.workspace.text_documents)
        except RuntimeError:
            return []

    def lines(self, path: Path, uri: str | None) -> Sequence[str]:
        """The lines the graph was built from: the open buffer's (`uri`), else the disk's."""
        text = self.buffer_text(uri) if uri else None
        if text is None:
            return self.disk_lines.get(path)
        assert uri is not None
        # Split once per version of a buffer, not once per request: the same
        # text object means the same version (the entry keeps it alive).
        hit = self._buffer_lines.get(uri)
        if hit is not None and hit[0] is text:
            return hit[1]
        lines = split_lines(text)
        self._buffer_lines[uri] = (text, lines)
        return lines

    def converter(self, path: Path, uri: str | None, text: str | None = None) -> LineConverter:
        """Position conversion for a file (`text`: the exact text a cycle read, if known)."""
        lines = split_lines(text) if text is not None else self.lines(path, uri)
        return LineConverter(lines, self.position_encoding)
