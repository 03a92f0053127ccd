"""References: the places that use a definition, from the incoming dependency edges.

The symbol is what go-to-definition would jump to; its references are the
sources of CALLS, IMPORTS_FROM, EXTENDS and INSTANCE_OF edges into it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graphwarden.analysis.model import EdgeType, Node, Range
from graphwarden.analysis.navigation.cursor import selection, use_range
from graphwarden.analysis.store import Snapshot

#: Edges that make something depend on a symbol (references and the blast radius).
DEPENDENCY_EDGES = (EdgeType.CALLS, EdgeType.IMPORTS_FROM, EdgeType.EXTENDS, EdgeType.INSTANCE_OF)
#: Enough for any editor's list; a hub symbol in a big repository has more.
MAX_REFERENCES = 2000


@dataclass(frozen=True)
class Location:
    """A place in a workspace file, and the graph node found there."""

    node: Node
    #: (line, column, line, column), 0-based, code-point columns.
    range: Range

    @property
    def file(self) -> str:
        return self.node.file


def references(
    snap: Snapshot,
    definitions: Iterable[Node],
    *,
    include_declaration: bool = False,
    limit: int = MAX_REFERENCES,
) -> list[Location]:
    """Where `definitions` are used (their names first, when `include_declaration`).

    Each use appears once, pointed at by its callee text or name; nodes
    outside any file (external modules) are left out.
    """
    out: list[Location] = []
    seen: set[str] = set()
    for node in definitions:
        if include_declaration and node.file:
            out.append(Location(node, selection(node)))
        for etype in DEPENDENCY_EDGES:
            for e in snap.edges_in(node.id, etype):
                src = snap.node(e.src)
                if src is None or not src.file or src.id in seen:
                    continue
                seen.add(src.id)
                out.append(Location(src, use_range(src)))
                if len(out) >= limit:
                    return out
    return out
