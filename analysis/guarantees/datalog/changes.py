"""Which facts a cycle inserted and deleted, exactly, read from two revisions.

Incremental rule evaluation (incremental.py) needs the change to each
extensional predicate as sets of facts. The cycle's `CommitDelta` says
where to look; the revision the rules were last checked against and the
new one say what was there and what is there now:

* `node` and `attr` facts change only for nodes added, removed or modified
  (the store's delta names them: modified means facts or content changed);
* an `edge` fact is owned by the context of its source's file (a file's
  analysis, an enricher's shard of it; the global shard reports its sources'
  files), so edges change only where the delta's changed files are; an edge
  into a node that came or went changes visibility with it. Both are
  compared as keys first, and only the keys that differ are decoded.

Invariant: `inserted` and `deleted` are disjoint, and facts outside them
are the same in both revisions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graphwarden.analysis.guarantees.datalog.facts import attr_facts
from graphwarden.analysis.guarantees.datalog.syntax import PredicateKey
from graphwarden.analysis.model import file_of_id
from graphwarden.analysis.store import CommitDelta, Snapshot, node_key
from graphwarden.analysis.store.keys import far_node_key, near_node_key

#: A fact as the evaluator matches it: its arguments, in order.
Fact = tuple[str, ...]

NODE = ("node", 2)
ATTR = ("attr", 3)
EDGE = ("edge", 3)


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
    for nid in node_ids:
        for snap, nodes, attrs in ((old, old_nodes, old_attrs), (new, new_nodes, new_attrs)):
            n = snap.node(nid)
            if n is not None:
                nodes.add((n.id, n.type))
                attrs.update((n.id, k, v) for k, v in attr_facts(n))
    _diff(changes, NODE, old_nodes, new_nodes)
    _diff(changes, ATTR, old_attrs, new_attrs)

    # Edges: those leaving the changed files, and those into nodes that came or went.
    come_or_gone = delta.added | delta.removed
    endpoint_keys = {node_key(nid) for nid in come_or_gone}
    old_edges: set[Fact] = set()
    new_edges: set[Fact] = set()
    files = set(delta.changed_files) | {file_of_id(n) for n in come_or_gone}
    files.discard("")
    for file in sorted(files):
        old_keys = set(old.edge_keys_from_file(file))
        new_keys = set(new.edge_keys_from_file(file))
        flipped = {
            k
            for k in old_keys & new_keys
            if near_node_key(k) in endpoint_keys or far_node_key(k) in endpoint_keys
        }
        for key in (old_keys ^ new_keys) | flipped:
            for snap, edges in ((old, old_edges), (new, new_edges)):
                e = snap.edge_by_key(key)
                if e is not None:
                    edges.add((e.src, e.dst, e.type))
    for nid in come_or_gone:
        for snap, edges in ((old, old_edges), (new, new_edges)):
            if snap.has_node(nid):
                edges.update((e.src, e.dst, e.type) for e in snap.edges_in(nid))
    _diff(changes, EDGE, old_edges, new_edges)
    return changes
