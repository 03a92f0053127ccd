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

from graphwarden.analysis.model import Node, NodeType
from graphwarden.analysis.navigation.definitions import enclosing_definition
from graphwarden.analysis.navigation.references import DEPENDENCY_EDGES
from graphwarden.analysis.store import Snapshot

#: Symbols visited by one walk (a hub symbol reaches most of a repository).
MAX_BLAST_SYMBOLS = 500
#: Use sites, which count as the definition around them.
_SITES = (NodeType.CALL, NodeType.IMPORT, NodeType.EXPORT)


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
