"""Content hashes of one file's nodes: Merkle style, comments and whitespace left out.

Every node's `content_hash` is what the coverage canary compares and what
tells a modified node from an unchanged one, so it must change with any
token inside the node and with nothing else: comments are cut out (their
spans come from the syntax tree) and whitespace is dropped
(`normalise_source`).

Invariant: a node hashes its own text with each child node's span replaced
by the child's hash, so every byte of the file is hashed once: nested
constructs (5,000 calls deep) cost linear time instead of rehashing each
subtree. Equal text still gives an equal hash.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import tree_sitter as ts

from graphwarden.analysis.model import Node, normalise_source, short_hash

#: (start byte, end byte, node): a node and the source span it hashes.
Span = tuple[int, int, Node]


class ContentHasher:
    """Hashes the nodes of one file's bytes, given where its comments are."""

    def __init__(self, data: bytes, comments: Sequence[ts.Node]) -> None:
        self.data = data
        # `_segment` bisects these, so they must be in document order, and
        # py-tree-sitter returns a capture's nodes in no guaranteed order
        # (it varied with what the process had parsed before).
        spans = sorted((c.start_byte, c.end_byte) for c in comments)
        self._comment_starts = [s for s, _ in spans]
        self._comment_ends = [e for _, e in spans]

    def _segment(self, start: int, end: int) -> bytes:
        """Normalised source between two offsets, comments removed."""
        data = self.data
        i = bisect.bisect_left(self._comment_ends, start + 1)
        if i >= len(self._comment_starts) or self._comment_starts[i] >= end:
            return normalise_source(data[start:end])
        parts = []
        pos = start
        while i < len(self._comment_starts) and self._comment_starts[i] < end:
            parts.append(data[pos : max(pos, self._comment_starts[i])])
            # A space keeps the tokens on either side of a comment apart.
            parts.append(b" ")
            pos = max(pos, min(self._comment_ends[i], end))
            i += 1
        parts.append(data[pos:end])
        return normalise_source(b"".join(parts))

    def hash_nodes(self, spans: Sequence[Span]) -> None:
        """Set `content_hash` on every node of `spans` (see the module docstring)."""
        order = sorted(range(len(spans)), key=lambda i: (spans[i][0], -spans[i][1], i))
        children: list[list[int]] = [[] for _ in spans]
        stack: list[int] = []
        for i in order:
            start, end = spans[i][0], spans[i][1]
            while stack and spans[stack[-1]][1] <= start and spans[stack[-1]][0] != start:
                stack.pop()
            while stack and not (spans[stack[-1]][0] <= start and end <= spans[stack[-1]][1]):
                stack.pop()
            if stack:
                children[stack[-1]].append(i)
            stack.append(i)
        for i in reversed(order):
            start, end, node = spans[i]
            parts = []
            pos = start
            for c in children[i]:
                c_start, c_end, child = spans[c]
                # A gap of spaces or comments only is no part: a comment
                # added after a body's last statement (which the body's node
                # then spans) leaves its hash as it was.
                if c_start > pos and (segment := self._segment(pos, c_start)):
                    parts.append(segment)
                parts.append(child.content_hash.encode())
                pos = max(pos, c_end)
            tail = self._segment(pos, end) if pos < end else b""
            if tail or not parts:
                parts.append(tail)
            node.content_hash = short_hash(b"\x1f".join(parts))
