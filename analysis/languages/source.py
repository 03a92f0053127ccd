"""The bytes of one source file, and what front ends read from them besides the graph.

Tree-sitter speaks bytes; the graph speaks code points (model/records.py).
`SourceText` converts between them, and the helpers here turn syntax into
the texts records keep (folded whitespace, a docstring's first line) and
collect the parse errors a file reports.

Invariant: nothing here recurses over a syntax tree (a file nested 5,000
levels deep costs no Python stack).
"""

from __future__ import annotations

import tree_sitter as ts

from graphwarden.analysis.model import ParseError, Range

#: Parse errors reported per file at most (a binary or badly broken file has thousands).
MAX_PARSE_ERRORS = 50


class SourceText:
    """The bytes of one file with the conversions front ends need."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.is_ascii = data.isascii()
        self._line_starts: list[int] | None = None
        # Rows holding a non-ASCII byte; on every other row a byte column is
        # a code-point column (most lines of a file with one accented name).
        self._wide_rows: frozenset[int] | None = None

    def text(self, node: ts.Node | None) -> str:
        if node is None:
            return ""
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def folded(self, node: ts.Node | None) -> str:
        """The node's text with every run of whitespace folded to one space."""
        return " ".join(self.text(node).split())

    def _starts(self) -> list[int]:
        if self._line_starts is None:
            starts = [0]
            find = self.data.find
            pos = find(b"\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find(b"\n", pos + 1)
            self._line_starts = starts
        return self._line_starts

    def _wide(self) -> frozenset[int]:
        if self._wide_rows is None:
            lines = self.data.split(b"\n")
            self._wide_rows = frozenset(i for i, line in enumerate(lines) if not line.isascii())
        return self._wide_rows

    def column(self, row: int, byte_col: int) -> int:
        """Convert tree-sitter's byte column to a code-point column."""
        if self.is_ascii or byte_col == 0 or row not in self._wide():
            return byte_col
        starts = self._starts()
        start = starts[row] if row < len(starts) else 0
        return len(self.data[start : start + byte_col].decode("utf-8", "replace"))

    def line_prefix(self, node: ts.Node) -> str:
        """The text of the node's first line before the node (code before a comment)."""
        row = node.start_point[0]
        starts = self._starts()
        start = starts[row] if row < len(starts) else 0
        return self.data[start : node.start_byte].decode("utf-8", "replace")

    def range_of(self, node: ts.Node) -> Range:
        sr, sc = node.start_point
        er, ec = node.end_point
        if self.is_ascii:  # most files: byte columns are code-point columns
            return (sr, sc, er, ec)
        return (sr, self.column(sr, sc), er, self.column(er, ec))


def first_doc_line(text: str) -> str:
    """The first non-empty line of a docstring literal's text, quotes removed."""
    body = text.strip()
    for prefix in ('"""', "'''", '"', "'"):
        if body.lstrip("rRbBuUfF").startswith(prefix):
            body = body.lstrip("rRbBuUfF")[len(prefix) :]
            if body.endswith(prefix):
                body = body[: -len(prefix)]
            break
    for line in body.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""


def collect_parse_errors(file: str, root: ts.Node, src: SourceText) -> list[ParseError]:
    """ERROR and MISSING nodes, found by an explicit-stack walk of erroneous subtrees."""
    if not root.has_error:
        return []
    errors: list[ParseError] = []
    stack = [root]
    while stack and len(errors) < MAX_PARSE_ERRORS:
        node = stack.pop()
        if node.is_missing:
            errors.append(ParseError(file, src.range_of(node), f"missing {node.type!r}"))
            continue
        if node.is_error:
            snippet = src.text(node).strip().splitlines()
            first = snippet[0][:40] if snippet else ""
            errors.append(ParseError(file, src.range_of(node), f"syntax error near {first!r}"))
            continue
        # Children in reverse so errors come out in source order.
        stack.extend(c for c in reversed(node.children) if c.has_error or c.is_missing)
    return errors
