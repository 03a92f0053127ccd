"""Symbols: a file's outline, and name search over the whole workspace.

Search ranks prefix matches first (the store's name index answers those
without a scan), then subsequence ("fuzzy") matches, shortest names first:
`cmpttl` finds `compute_total`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graphwarden.analysis.model import EdgeType, Node, NodeType
from graphwarden.analysis.store import Snapshot

#: Node types shown in an outline.
OUTLINE = frozenset({NodeType.CLASS, NodeType.FUNCTION, NodeType.METHOD, NodeType.VARIABLE})
#: Outlines stop at this depth (deeper nesting is generated code).
MAX_OUTLINE_DEPTH = 100
MAX_SYMBOLS = 200
#: Names scanned for fuzzy matches before giving up (bounds a huge repository).
MAX_FUZZY_SCAN = 500_000


def _is_subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)


def search_symbols(
    snap: Snapshot, query: str, limit: int = MAX_SYMBOLS, max_scan: int = MAX_FUZZY_SCAN
) -> list[Node]:
    """Definitions whose name matches `query` (case-insensitive), best first.

    Prefix matches come first, then subsequence matches by name length. At
    most `limit` candidates are ranked; those outside any file (external
    modules) and JS/TS export bindings (the definition itself is listed) are
    then left out.
    """
    query = query.strip().lower()
    found: list[Node] = snap.search_names(query, limit=limit)
    seen = {n.id for n in found}
    if query and len(found) < limit:
        fuzzy: list[tuple[int, bytes]] = []
        for i, (name, key) in enumerate(snap.names()):
            if i >= max_scan:
                break
            if not name.startswith(query) and _is_subsequence(query, name):
                fuzzy.append((len(name), key))
        fuzzy.sort()
        for _, key in fuzzy:
            if len(found) >= limit:
                break
            node = snap.node_by_key(key)
            if node is not None and node.id not in seen:
                seen.add(node.id)
                found.append(node)
    return [n for n in found if n.file and n.type != NodeType.EXPORT]


@dataclass
class OutlineEntry:
    """A definition of a file's outline and the definitions nested in it."""

    node: Node
    children: list[OutlineEntry] = field(default_factory=list)


def outline(snap: Snapshot, file: str) -> list[OutlineEntry]:
    """A file's classes, functions, methods and variables, nested as written, in order."""
    nodes = {n.id: n for n in snap.context_nodes(file)}
    children: dict[str, list[str]] = {}
    for e in snap.context_edges(file):
        if e.type in (EdgeType.CONTAINS, EdgeType.DECLARES):
            children.setdefault(e.src, []).append(e.dst)

    def build(node_id: str, depth: int) -> list[OutlineEntry]:
        # Recursion bounded by MAX_OUTLINE_DEPTH, never by the file's nesting.
        out: list[OutlineEntry] = []
        if depth > MAX_OUTLINE_DEPTH:
            return out
        for child_id in children.get(node_id, []):
            child = nodes.get(child_id)
            if child is None:
                continue
            if child.type not in OUTLINE:
                # Definitions nested in a call or an import still count.
                out.extend(build(child_id, depth + 1))
                continue
            out.append(OutlineEntry(child, build(child_id, depth + 1)))
        out.sort(key=lambda entry: entry.node.range[:2])
        return out

    module = next((n for n in nodes.values() if n.type == NodeType.MODULE), None)
    return build(module.id, 0) if module is not None else []
