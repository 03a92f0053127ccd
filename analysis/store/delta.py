"""CommitDelta: what one CommitBatch changed, in the terms enrichers reason in."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from graphwarden.analysis.model import EdgeType
from graphwarden.analysis.store.keys import edge_type_of, far_node_key, near_node_key


@dataclass
class CommitDelta:
    """The change a commit made to the graph.

    `modified` holds ids whose node kept its id but whose content_hash
    changed; `signature_changed` the subset of ids (plus removed ones) whose
    signature hash changed, which is what other files' resolution can see.
    `added_edge_keys` and `removed_edge_keys` are the `out` keys written and
    deleted (not those another context still owns): with the node ids, they
    say exactly which facts a rule could see change. `analysed_files` are the
    files whose own analysis was committed (their nodes, and where they are,
    may have changed; other changed files only had enrichment shards replaced).

    With `track_ids` off (a cold index: nothing reads which nodes changed
    when every node is new) the id sets stay empty and only the counts,
    files and types are kept: holding a set of every node id of a large
    repository cost tens of megabytes and pinned the memory it came from.
    """

    revision: int = 0
    track_ids: bool = True
    #: Nodes added, removed or modified (counted whether or not ids are tracked).
    nodes_changed: int = 0
    changed_files: set[str] = field(default_factory=set)
    added: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    modified: set[str] = field(default_factory=set)
    signature_changed: set[str] = field(default_factory=set)
    changed_node_types: set[str] = field(default_factory=set)
    changed_edge_types: set[str] = field(default_factory=set)
    added_edges: int = 0
    removed_edges: int = 0
    added_edge_keys: set[bytes] = field(default_factory=set)
    removed_edge_keys: set[bytes] = field(default_factory=set)
    analysed_files: set[str] = field(default_factory=set)
    #: Files whose analysis was committed again and came out the same: every
    #: node, edge, summary and fact of the file record as stored (an edit of
    #: a comment or of whitespace inside a line). Nothing derived from them can
    #: differ; they are not in `analysed_files` (a file is here only if every
    #: commit the delta folds left it as it was).
    unchanged_files: set[str] = field(default_factory=set)
    #: Names of the nodes added, removed or changed in their facts (type,
    #: name, attributes), CALLs aside: a definition, member or variable of that
    #: name appeared, went or changed somewhere (what a lookup by name, such
    #: as "does a base class have this member", must look at again).
    defined_names: set[str] = field(default_factory=set)
    #: CALL names that went from no call to some calls or back (the
    #: `callnames` count crossed zero), as their index keys spell them.
    called_names: set[str] = field(default_factory=set)

    @property
    def empty(self) -> bool:
        return not (
            self.nodes_changed
            or self.added
            or self.removed
            or self.modified
            or self.changed_edge_types
            or self.changed_node_types
        )

    def edge_ends(self, types: frozenset[str]) -> Iterator[tuple[EdgeType, bytes, bytes]]:
        """(type, source key, destination key) of each edge of these types that came
        or went (with ids tracked)."""
        for key in (*self.added_edge_keys, *self.removed_edge_keys):
            type_ = edge_type_of(key)
            if type_ in types:
                yield type_, near_node_key(key), far_node_key(key)

    def merge(self, other: CommitDelta) -> CommitDelta:
        """Fold a later delta into this one (in place) and return self.

        O(size of `other`): a cold index merges thousands of per-file deltas
        into one, so nothing here may copy the accumulated sets.
        """
        self.revision = max(self.revision, other.revision)
        # A part that did not name what changed leaves the whole unnamed: a
        # cancelled cold index carried into the next cycle must not pass for
        # a delta that lists every change.
        self.track_ids = self.track_ids and other.track_ids
        self.changed_files |= other.changed_files
        self.nodes_changed += other.nodes_changed
        for x in other.added:
            if x in self.removed:  # removed, then back: it changed
                self.removed.discard(x)
                self.modified.add(x)
            else:
                self.added.add(x)
        for x in other.removed:
            self.modified.discard(x)
            if x in self.added:  # added, then gone: no net change
                self.added.discard(x)
            else:
                self.removed.add(x)
        for x in other.modified:
            if x not in self.added:
                self.modified.add(x)
        for k in other.added_edge_keys:
            if k in self.removed_edge_keys:  # removed, then back: no net change
                self.removed_edge_keys.discard(k)
            else:
                self.added_edge_keys.add(k)
        for k in other.removed_edge_keys:
            if k in self.added_edge_keys:  # added, then gone: no net change
                self.added_edge_keys.discard(k)
            else:
                self.removed_edge_keys.add(k)
        self.unchanged_files = (self.unchanged_files - other.analysed_files) | (
            other.unchanged_files - self.analysed_files
        )
        self.analysed_files |= other.analysed_files
        self.defined_names |= other.defined_names
        self.called_names |= other.called_names
        self.signature_changed |= other.signature_changed
        self.changed_node_types |= other.changed_node_types
        self.changed_edge_types |= other.changed_edge_types
        self.added_edges += other.added_edges
        self.removed_edges += other.removed_edges
        return self
