"""Which facts a cycle inserted and deleted, exactly, read from two revisions.

Incremental rule evaluation (incremental.py) needs the change to each
extensional predicate as sets of facts. The cycle's `CommitDelta` says
where to look; the revision the rules were last checked against and the
new one say what was there and what is there now:

* `node` and `attr` facts change only for nodes added, removed or modified
  (the store's delta names them: modified means facts or content changed);
* `value` facts (a variable's value domain, a call's constant arguments)
  are a function of one node's attributes, so they change with `attr`,
  computed by the predicates' own `rows`;
* `edge` facts change with the `out` keys the cycle wrote and deleted (the
  delta lists them), decoded in the revision where they were visible; an
  edge into a node that came or went changes visibility with it.

The other built-ins are no stored facts: `name_word` is a function of its
argument, and `path`, `flows` and `taint` read many facts at once, so
programs that use them are evaluated in full (incremental.py).

Invariant: `inserted` and `deleted` are disjoint, and facts outside them
are the same in both revisions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graphwarden.analysis.guarantees.datalog.facts import attr_facts
from graphwarden.analysis.guarantees.datalog.predicates import (
    CallArgPredicate,
    CallValuePredicate,
    ValuePredicate,
)
from graphwarden.analysis.guarantees.datalog.syntax import PredicateKey
from graphwarden.analysis.store import CommitDelta, Snapshot

#: A fact as the evaluator matches it: its arguments, in order.
Fact = tuple[str, ...]

NODE = ("node", 2)
ATTR = ("attr", 3)
EDGE = ("edge", 3)
#: Built-ins whose facts are a function of one node: their changes follow its attributes.
_NODE_FUNCTIONS = (ValuePredicate(), CallValuePredicate(), CallArgPredicate())


@dataclass
class FactChanges:
    """Facts inserted and deleted between two revisions, by predicate."""

    inserted: dict[PredicateKey, set[Fact]] = field(default_factory=dict)
    deleted: dict[PredicateKey, set[Fact]] = field(default_factory=dict)

    def size(self) -> int:
        return sum(map(len, self.inserted.values())) + sum(map(len, self.deleted.values()))


def _diff(changes: FactChanges, key: PredicateKey, old: set[Fact], new: set[Fact]) -> None:
    changes.inserted.setdefault(key, set()).update(new - old)
    changes.deleted.setdefault(key, set()).update(old - new)


def fact_changes(old: Snapshot, new: Snapshot, delta: CommitDelta) -> FactChanges:
    """The facts `delta` changed between revision `old` and revision `new`."""
    changes = FactChanges()
    node_ids = delta.added | delta.removed | delta.modified
    old_nodes: set[Fact] = set()
    new_nodes: set[Fact] = set()
    old_attrs: set[Fact] = set()
    new_attrs: set[Fact] = set()
    old_derived: dict[PredicateKey, set[Fact]] = {p.key: set() for p in _NODE_FUNCTIONS}
    new_derived: dict[PredicateKey, set[Fact]] = {p.key: set() for p in _NODE_FUNCTIONS}
    for nid in node_ids:
        for snap, nodes, attrs, derived in (
            (old, old_nodes, old_attrs, old_derived),
            (new, new_nodes, new_attrs, new_derived),
        ):
            n = snap.node(nid)
            if n is not None:
                nodes.add((n.id, n.type))
                attrs.update((n.id, k, v) for k, v in attr_facts(n))
                for p in _NODE_FUNCTIONS:
                    if n.type in p.types():
                        derived[p.key].update(p.rows(n))
    _diff(changes, NODE, old_nodes, new_nodes)
    _diff(changes, ATTR, old_attrs, new_attrs)
    for pred, rows in old_derived.items():
        _diff(changes, pred, rows, new_derived[pred])

    # Edges: the keys the cycle wrote and deleted, decoded where they were
    # visible; and, should an enricher have left an edge into a node that
    # came or went (it keeps its shard when it fails), that edge's visibility.
    old_edges: set[Fact] = set()
    new_edges: set[Fact] = set()
    for keys, snap, edges in (
        (delta.removed_edge_keys, old, old_edges),
        (delta.added_edge_keys, new, new_edges),
    ):
        for key in keys:
            e = snap.edge_by_key(key)
            if e is not None:
                edges.add((e.src, e.dst, e.type))
    for nid in delta.added | delta.removed:
        for snap, edges in ((old, old_edges), (new, new_edges)):
            if snap.has_node(nid):
                edges.update((e.src, e.dst, e.type) for e in snap.edges_in(nid))
    _diff(changes, EDGE, old_edges, new_edges)
    return changes
