"""The graph's facts as the Datalog engine sees them, read from a store Snapshot.

The extensional predicates are never materialised as a whole: `GraphFacts`
answers each look-up from the store's indexes (nodes by id, by type and by
(type, name); edges by source or destination prefix, or by type) and caches
what it decoded, so every rule checked against one snapshot shares the work.
`attr_facts`/`has_attr_fact` define what attr/3 sees of a node.

Invariants: positions ("sel") are never facts, so no rule can depend on a
line number; every fact value is a string; no scan or path search holds more
than `limit` entries (past it: `LimitExceeded`).
"""

from __future__ import annotations

from collections import deque

from graphwarden.analysis.guarantees.datalog.errors import LimitExceeded
from graphwarden.analysis.model import POSITION_KEYS, EdgeType, Node, NodeType
from graphwarden.analysis.store import Snapshot

#: Most tuples one relation, one join step or one path search may hold.
DEFAULT_LIMIT = 2_000_000
_EDGE_TYPES = frozenset(EdgeType)
_NODE_TYPES = tuple(NodeType)

#: One edge as a fact: (source id, destination id, edge type).
EdgeFact = tuple[str, str, str]


def _value(v: object) -> str:
    """An attribute value as a fact value: every Datalog value is a string."""
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _is_scalar(v: object) -> bool:
    # The store decodes whatever a front end wrote: a nested list or table
    # inside a list has no fact form and is skipped.
    return not isinstance(v, list | dict)


def attr_facts(node: Node) -> list[tuple[str, str]]:
    """attr/3 facts of one node, as (key, value): name, file, type and its attributes.

    Positions ("sel") are not facts: rules must not depend on line numbers.
    A list gives one fact per element; a table gives `key.sub` facts.
    """
    out: list[tuple[str, str]] = [("name", node.name), ("file", node.file), ("type", node.type)]
    for k, v in node.attrs.items():
        if k in POSITION_KEYS or v is None:
            continue
        if isinstance(v, list | tuple):
            out.extend((k, _value(e)) for e in v if _is_scalar(e))
        elif isinstance(v, dict):
            out.extend((f"{k}.{sk}", _value(sv)) for sk, sv in v.items())
        else:
            out.append((k, _value(v)))
    return out


def has_attr_fact(node: Node, key: str, value: str) -> bool:
    """attr(node, key, value) holds (the same facts as `attr_facts`, without building them)."""
    if key == "name":
        return node.name == value
    if key == "file":
        return node.file == value
    if key == "type":
        return node.type == value
    if key in POSITION_KEYS:
        return False
    v = node.attrs.get(key)
    if v is None:
        if "." in key:
            head, _, sub = key.partition(".")
            d = node.attrs.get(head)
            return isinstance(d, dict) and sub in d and _value(d[sub]) == value
        return False
    if isinstance(v, list | tuple):
        return any(_is_scalar(e) and _value(e) == value for e in v)
    if isinstance(v, dict):
        return False
    return _value(v) == value


class GraphFacts:
    """Index-backed access to the extensional predicates, cached per snapshot.

    One instance serves every rule checked against one snapshot, so rules
    that scan the same node type share the decoding work.
    """

    def __init__(self, snapshot: Snapshot, limit: int = DEFAULT_LIMIT) -> None:
        self.snapshot = snapshot
        self.limit = limit
        self._nodes: dict[str, Node | None] = {}
        self._by_type: dict[str, list[Node]] = {}
        self._all_nodes: list[Node] | None = None
        self._edges_by_type: dict[str | None, list[EdgeFact]] = {}
        self._reach: dict[tuple[str, str | None, bool], set[str]] = {}
        self._facts: dict[str, list[tuple[str, str]]] = {}
        #: How many store lookups were made (for tests and statistics).
        self.lookups = 0

    # -- nodes -------------------------------------------------------------------------

    def node(self, node_id: str) -> Node | None:
        if node_id not in self._nodes:
            self.lookups += 1
            self._nodes[node_id] = self.snapshot.node(node_id)
        return self._nodes[node_id]

    def of_type(self, type_: str) -> list[Node]:
        nodes = self._by_type.get(type_)
        if nodes is None:
            if type_ not in _NODE_TYPES:
                nodes = []
            else:
                self.lookups += 1
                nodes = list(self.snapshot.nodes_of_type(type_))
                for n in nodes:
                    self._nodes[n.id] = n
            self._by_type[type_] = nodes
        return nodes

    def types_read_whole(self) -> set[str]:
        """The node types some rule read every node of (each is decoded and kept for
        as long as these facts live: what a rule starting at an unbound
        `value(C, ...)` or `node(X, T)` costs)."""
        return {t for t, nodes in self._by_type.items() if nodes}

    def all_nodes(self) -> list[Node]:
        if self._all_nodes is None:
            self._all_nodes = [n for t in _NODE_TYPES for n in self.of_type(t)]
        return self._all_nodes

    def facts(self, node: Node) -> list[tuple[str, str]]:
        """The node's attr/3 facts (decoded once per snapshot)."""
        f = self._facts.get(node.id)
        if f is None:
            f = self._facts[node.id] = attr_facts(node)
        return f

    def by_name(self, name: str, type_: str | None) -> list[Node]:
        """Nodes with exactly this name, from the store's (type, name) index."""
        out: list[Node] = []
        for t in _NODE_TYPES if type_ is None else (type_,) if type_ in _NODE_TYPES else ():
            self.lookups += 1
            for n in self.snapshot.nodes_named(t, name):
                self._nodes[n.id] = n
                out.append(n)
        return out

    # -- edges -------------------------------------------------------------------------

    def edges_out(self, src: str, type_: str | None) -> list[EdgeFact]:
        self.lookups += 1
        if type_ is not None and type_ not in _EDGE_TYPES:
            return []
        return [(e.src, e.dst, e.type) for e in self.snapshot.edges_out(src, type_)]

    def edges_in(self, dst: str, type_: str | None) -> list[EdgeFact]:
        self.lookups += 1
        if type_ is not None and type_ not in _EDGE_TYPES:
            return []
        return [(e.src, e.dst, e.type) for e in self.snapshot.edges_in(dst, type_)]

    def edges(self, type_: str | None) -> list[EdgeFact]:
        """Every edge of a type (None: of every type), capped at `limit`."""
        got = self._edges_by_type.get(type_)
        if got is None:
            self.lookups += 1
            got = []
            if type_ is None or type_ in _EDGE_TYPES:
                for e in self.snapshot.edges(type_):
                    got.append((e.src, e.dst, e.type))
                    if len(got) > self.limit:
                        raise LimitExceeded(f"more than {self.limit} edges")
            self._edges_by_type[type_] = got
        return got

    def reachable(self, start: str, type_: str | None, backwards: bool = False) -> set[str]:
        """Nodes reachable from `start` in one or more steps (BFS, cached)."""
        key = (start, type_, backwards)
        got = self._reach.get(key)
        if got is not None:
            return got
        seen: set[str] = set()
        queue = deque([start])
        step = self.edges_in if backwards else self.edges_out
        while queue:
            cur = queue.popleft()
            for s, d, _t in step(cur, type_):
                nxt = s if backwards else d
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
                    if len(seen) > self.limit:
                        raise LimitExceeded(
                            f"path search from {start} visited > {self.limit} nodes"
                        )
        self._reach[key] = seen
        return seen
