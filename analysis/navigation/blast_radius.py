"""The blast radius of a symbol: every definition that depends on it, transitively.

What a user asks before changing a function: who breaks? The walk follows
incoming CALLS, IMPORTS_FROM, EXTENDS and INSTANCE_OF edges breadth first; a
call or import site stands for the definition around it. (Not to be confused
with the cycle's pre-commit blast radius, `analysis/cycle/blast_radius.py`,
which finds the *files* a commit must re-enrich.)
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

from graphwarden.analysis.model import Node, NodeType, file_of_id
from graphwarden.analysis.navigation.cursor import SCOPES
from graphwarden.analysis.navigation.definitions import MAX_NESTING, enclosing_definition
from graphwarden.analysis.navigation.references import DEPENDENCY_EDGES
from graphwarden.analysis.store import Snapshot
from graphwarden.analysis.store.keys import node_key

#: Symbols visited by one walk (a hub symbol reaches most of a repository).
MAX_BLAST_SYMBOLS = 500
#: Use sites, which count as the definition around them.
_SITES = (NodeType.CALL, NodeType.IMPORT, NodeType.EXPORT)
_SITE_KINDS = frozenset(str(t) for t in _SITES)
_SCOPE_KINDS = frozenset(str(t) for t in SCOPES)


@dataclass
class BlastRadius:
    """What depends on `roots`, in breadth-first order."""

    roots: list[Node]
    dependents: list[Node] = field(default_factory=list)
    #: The walk stopped at its limit: more depends on the roots than is listed.
    truncated: bool = False

    @property
    def files(self) -> list[str]:
        """The files holding a dependent, sorted."""
        return sorted({d.file for d in self.dependents})


def blast_radius(
    snap: Snapshot, roots: Sequence[Node], limit: int = MAX_BLAST_SYMBOLS
) -> BlastRadius:
    """Every definition depending on `roots` (at most `limit` symbols, roots included)."""
    result = BlastRadius(list(roots))
    seen = {n.id for n in roots}
    queue = deque(roots)
    while queue:
        node = queue.popleft()
        for etype in DEPENDENCY_EDGES:
            for e in snap.edges_in(node.id, etype):
                src = snap.node(e.src)
                if src is None or not src.file:
                    continue
                dep = src
                if src.type in _SITES:
                    dep = enclosing_definition(snap, src) or src
                if dep.id in seen:
                    continue
                if len(seen) >= limit:
                    result.truncated = True
                    continue
                seen.add(dep.id)
                result.dependents.append(dep)
                queue.append(dep)
    return result


def _kind(node_id: str) -> str:
    """The kind part of a workspace node's id (`a.py->CALL->...` -> CALL)."""
    parts = node_id.split("->", 2)
    return parts[1] if len(parts) > 1 else ""


def _enclosing_key(snap: Snapshot, key: bytes) -> tuple[str, bytes] | None:
    """`enclosing_definition` on keys: the nearest scope around the node under `key`."""
    current: bytes | None = snap.parent_key(key)
    seen = 1
    while current is not None and seen < MAX_NESTING:
        current_id = snap.id_at(current)
        if current_id is None:
            return None
        if _kind(current_id) in _SCOPE_KINDS:
            return current_id, current
        current = snap.parent_key(current)
        seen += 1
    return None


def radius_files(
    snap: Snapshot, roots: Sequence[Node], limit: int = MAX_BLAST_SYMBOLS
) -> tuple[list[str], bool]:
    """`blast_radius(snap, roots, limit)`'s files and whether it was truncated, walked on
    node keys and ids alone (no node is decoded): what a code lens shows, cheaply.

    The same walk, so the same answer: once the limit is reached nothing more is
    added, so the walk stops there."""
    seen = {n.id for n in roots}
    files: set[str] = set()
    queue = deque(node_key(n.id) for n in roots)
    while queue:
        key = queue.popleft()
        for etype in DEPENDENCY_EDGES:
            for src_key in snap.incoming_source_keys(key, etype):
                src_id = snap.id_at(src_key)
                if src_id is None or not file_of_id(src_id):
                    continue
                dep_id, dep_key = src_id, src_key
                if _kind(src_id) in _SITE_KINDS:
                    dep_id, dep_key = _enclosing_key(snap, src_key) or (src_id, src_key)
                if dep_id in seen:
                    continue
                if len(seen) >= limit:
                    return sorted(files), True
                seen.add(dep_id)
                files.add(file_of_id(dep_id))
                queue.append(dep_key)
    return sorted(files), False


def reference_count(snap: Snapshot, node: Node) -> int:
    """How many places use `node` (`references(snap, [node])` without its limit), from
    the keys of the incoming dependency edges: nothing decoded."""
    key = node_key(node.id)
    sources = {src for etype in DEPENDENCY_EDGES for src in snap.incoming_source_keys(key, etype)}
    return sum(1 for src in sources if file_of_id(snap.id_at(src) or ""))
