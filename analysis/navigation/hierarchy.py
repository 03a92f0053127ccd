"""Call hierarchy (CALLS edges) and type hierarchy (EXTENDS edges).

A CALLS edge goes from a CALL node (the call site) to the callee; the caller
is the function, method, class or module around the call site. An EXTENDS
edge goes from a class to its base.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from graphwarden.analysis.model import EdgeType, Node, NodeType
from graphwarden.analysis.navigation.cursor import use_range
from graphwarden.analysis.navigation.definitions import enclosing_definition
from graphwarden.analysis.navigation.references import Location
from graphwarden.analysis.store import Snapshot

#: What a call hierarchy can be asked about.
CALLABLE = frozenset({NodeType.FUNCTION, NodeType.METHOD, NodeType.CLASS, NodeType.MODULE})
#: Incoming calls read per request (a hub function has thousands).
MAX_CALLS = 1000


@dataclass
class Calls:
    """The definition at the other end of some calls, and the call sites (in the caller's file)."""

    node: Node
    sites: list[Location] = field(default_factory=list)


def callables(nodes: Iterable[Node]) -> list[Node]:
    """The nodes a call hierarchy can start from (definitions in a file)."""
    return [n for n in nodes if n.type in CALLABLE and n.file]


def classes(nodes: Iterable[Node]) -> list[Node]:
    """The nodes a type hierarchy can start from."""
    return [n for n in nodes if n.type == NodeType.CLASS]


def incoming_calls(snap: Snapshot, node_id: str, limit: int = MAX_CALLS) -> list[Calls]:
    """Who calls `node_id`: one entry per calling definition, with its call sites."""
    callers: dict[str, Calls] = {}
    for e in snap.edges_in(node_id, EdgeType.CALLS)[:limit]:
        call = snap.node(e.src)
        if call is None:
            continue
        caller = enclosing_definition(snap, call)
        if caller is None or not caller.file:
            continue
        callers.setdefault(caller.id, Calls(caller)).sites.append(Location(call, use_range(call)))
    return list(callers.values())


def outgoing_calls(snap: Snapshot, node_id: str) -> list[Calls]:
    """What `node_id` calls directly: one entry per callee, with the call sites in `node_id`."""
    callees: dict[str, Calls] = {}
    for e in snap.edges_out(node_id, EdgeType.CONTAINS):
        call = snap.node(e.dst)
        if call is None or call.type != NodeType.CALL:
            continue
        for ce in snap.edges_out(call.id, EdgeType.CALLS):
            callee = snap.node(ce.dst)
            if callee is not None and callee.file:
                callees.setdefault(callee.id, Calls(callee)).sites.append(
                    Location(call, use_range(call))
                )
    return list(callees.values())


def supertypes(snap: Snapshot, node_id: str) -> list[Node]:
    """The bases of a class that are defined in the workspace."""
    out = []
    for e in snap.edges_out(node_id, EdgeType.EXTENDS):
        base = snap.node(e.dst)
        if base is not None and base.file:
            out.append(base)
    return out


def subtypes(snap: Snapshot, node_id: str) -> list[Node]:
    """The classes that name `node_id` as a base."""
    out = []
    for e in snap.edges_in(node_id, EdgeType.EXTENDS):
        sub = snap.node(e.src)
        if sub is not None and sub.file:
            out.append(sub)
    return out
