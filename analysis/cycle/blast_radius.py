"""The pre-commit blast radius: which unchanged files a change reaches.

Enrichment re-runs only for the changed files plus the files whose
resolution the change can alter. Those are found on the live graph *before*
the change is committed, because afterwards the edges into the vanished or
changed nodes are what we need and the old nodes are gone:

- **by name**: files that looked up a name of a changed file whose binding
  changed (added, removed, another kind or target, re-exported elsewhere;
  enrichers/name_uses.py compares the file's old and new binding tables),
  and every user of the file when what unbound names fall back on changed
  (its star imports, ``__all__``, ``export *``). Star importers use the list
  of public names (`STAR`), so a new public name reaches them. A module's
  own node is not followed by its edges: a module imported by 300 files that
  gains a helper reaches only the files that used (or waited for) that name;
- **by node**: files with resolution edges into nodes that disappear or whose
  signature changes (for a class member also into its class), following
  EXTENDS to subclasses transitively where a signature changed
  (`dependents_of`, which enrichment also uses to propagate an enricher's
  changed output);
- **by placeholder**: files waiting on placeholders (``EXTERNAL_MODULE->key``)
  that a new file may now satisfy (a missing name of an existing module is
  a name use of its waiters, so it reaches them by name);
- a deleted file reaches everything that pointed into it or used its names.

The radius also says which enrichers must look again (`Radius`): a file
reached by a name one enricher looked up, or by an edge only one enricher
writes into a node that disappears (the IMPORTS_FROM of a renamed class) or
into a placeholder the change may satisfy (the unresolved IMPORTS_FROM of
the name when the rename is undone), needs that enricher; the others follow
by propagation only if its output there changes in a way they read.
Renaming a class used as a decorator in 90 files, and renaming it back,
re-resolves 90 import bindings, not 90 files' calls or data flow.

A body-only edit changes no signature and no binding, and reaches no other file.

Invariant: the radius never contains a changed file, nor "" (ids of
external nodes belong to no file).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from graphwarden.analysis.enrichers.base import Enricher
from graphwarden.analysis.enrichers.name_uses import changed_names, table_of
from graphwarden.analysis.model import (
    STRUCTURAL_EDGES,
    Edge,
    EdgeType,
    Node,
    NodeType,
    definition_id,
    external_module_id,
    file_of_id,
    parse_id,
)
from graphwarden.analysis.store import Snapshot, enricher_and_file, enrichment_context
from graphwarden.analysis.store.keys import node_key, out_edge_key

#: Nodes nothing in another file resolves against by their edges: calls and
#: parameters, and modules (their names are followed one by one instead).
_NOT_FOLLOWED = (NodeType.CALL, NodeType.PARAMETER, NodeType.MODULE)


@dataclass
class Radius:
    """Unchanged files a change reaches, and which enrichers must run again there.

    A file in `files` is enriched again by every enricher. A file only in
    `by_enricher[name]` needs that enricher only: the change reached it
    through something that enricher alone looked at (a name it looked up,
    an edge only it writes into a node that disappears); the enrichers
    downstream follow only if its output for the file changes (propagation).
    """

    files: set[str] = field(default_factory=set)
    by_enricher: dict[str, set[str]] = field(default_factory=dict)
    #: Node kind -> files with edges into a node of that kind whose signature
    #: changed: every enricher but those that read bodies across files (they
    #: record what they read, USES_SUMMARY: body_dependents.py, and follow
    #: their inputs' changes) and those that never read that kind's
    #: signatures (`EnricherMetadata.ignores_signatures_of`).
    signature_readers: dict[str, set[str]] = field(default_factory=dict)

    def add_for(self, enricher: str, file: str) -> None:
        self.by_enricher.setdefault(enricher, set()).add(file)

    def merge(self, other: Radius) -> Radius:
        self.files |= other.files
        for name, files in other.by_enricher.items():
            self.by_enricher.setdefault(name, set()).update(files)
        for kind, files in other.signature_readers.items():
            self.signature_readers.setdefault(kind, set()).update(files)
        return self

    def all_files(self) -> set[str]:
        out = set(self.files)
        for files in (*self.by_enricher.values(), *self.signature_readers.values()):
            out |= files
        return out

    def without(self, files: set[str]) -> Radius:
        """This radius less `files` (changed files are enriched anyway), and less
        the enricher-specific files every enricher runs for already."""
        every = self.files - files

        def rest(found: dict[str, set[str]]) -> dict[str, set[str]]:
            return {key: left for key, got in found.items() if (left := got - files - every)}

        return Radius(every, rest(self.by_enricher), rest(self.signature_readers))

    def for_enricher(self, enricher: Enricher) -> set[str]:
        """The files of this radius (beyond `files`) that `enricher` must see again."""
        meta = enricher.metadata
        mine = set(self.by_enricher.get(meta.name, ()))
        if meta.reads_bodies_across_files:
            return mine
        for kind, files in self.signature_readers.items():
            if kind not in meta.ignores_signatures_of:
                mine |= files
        return mine


def blast_radius(
    snap: Snapshot,
    enrichers: Sequence[Enricher],
    new_nodes: dict[str, list[Node] | None],
    old_nodes: dict[str, list[Node]],
    changed: set[str],
) -> Radius:
    """Files outside `changed` whose enrichment this chunk of changes may alter.

    `new_nodes` maps each file of the chunk to its new nodes (None: deleted),
    `old_nodes` to the nodes `snap` holds for it (before the commit).
    """
    radius = Radius()
    # An edge into a node that goes (or a placeholder that may now be
    # satisfied) makes the enrichers that wrote it look again; the others
    # follow by propagation if their output changes in a way they read.
    writers = _EdgeWriters(snap, enrichers)
    gone: list[str] = []
    resigned: dict[str, set[str]] = {}
    for path, result in new_nodes.items():
        old = old_nodes.get(path, [])
        if result is None:
            # Deleted: everything in it disappears, its module included.
            gone.extend(n.id for n in old if n.type not in (NodeType.CALL, NodeType.PARAMETER))
            _add_users(radius, snap.user_contexts(path, None))
            continue
        new_sigs = {n.id: n.signature_hash for n in result}
        for node in old:
            if node.type in _NOT_FOLLOWED:
                continue
            sig = new_sigs.get(node.id)
            if sig is None:
                gone.append(node.id)
            elif sig != node.signature_hash:
                resigned.setdefault(node.type, set()).add(node.id)
        names: set[str] | None = set()
        if old:
            # None: every name (its fallback changed).
            names = changed_names(table_of(path, old), table_of(path, result))
            _add_users(radius, snap.user_contexts(path, names))
        if not old or names is None or names:
            # A new file, or one whose names changed: files waiting on
            # placeholders it may now satisfy (its module names and
            # `module.name`). Name uses cover most waiters of an existing
            # file, but not every resolver records a failed look-up as one
            # (a declared type `'m2.A'` waits on the placeholder only).
            for enricher in enrichers:
                for key in enricher.dependent_keys(path, result):
                    for e in snap.edges_in(external_module_id(key)):
                        writers.add_reader(radius, e)
    # A node whose signature changed is read by whatever points at it.
    for kind, ids in resigned.items():
        radius.signature_readers[kind] = dependents_of(snap, ids)
    # A node that disappears: whatever points into it looks again.
    for nid in gone:
        for e in snap.edges_in(nid):
            if e.type not in STRUCTURAL_EDGES:
                writers.add_reader(radius, e)
    # (A member that disappears from a class that stays changes the class's
    # signature, its member names: the class is among `resigned`.)
    return radius.without(changed | {""})


def _add_users(radius: Radius, contexts: set[str]) -> None:
    """The enrichment shards that looked up a changed name: their enricher runs again."""
    for context in contexts:
        enricher, file = enricher_and_file(context)
        if enricher is not None and file:
            radius.add_for(enricher, file)


class _EdgeWriters:
    """Which enrichers wrote an edge: the one that alone writes its type, else the
    enrichment shards of its source's file that hold it."""

    def __init__(self, snap: Snapshot, enrichers: Sequence[Enricher]) -> None:
        self.snap = snap
        self.only = _only_writers(enrichers)
        self.names = [e.metadata.name for e in enrichers if e.metadata.scope == "file"]
        self._shards: dict[str, set[bytes]] = {}

    def add_reader(self, radius: Radius, edge: Edge) -> None:
        """The file the edge leaves looks again, with the enrichers that wrote the edge
        (every enricher if none did: the file's own analysis, say)."""
        file = file_of_id(edge.src)
        writer = self.only.get(edge.type)
        if writer is not None:
            radius.add_for(writer, file)
            return
        key = out_edge_key(node_key(edge.src), edge.type, node_key(edge.dst))
        found = [name for name in self.names if key in self._shard(name, file)]
        if not found:
            radius.files.add(file)
        for name in found:
            radius.add_for(name, file)

    def _shard(self, enricher: str, file: str) -> set[bytes]:
        context = enrichment_context(enricher, file)
        got = self._shards.get(context)
        if got is None:
            got = self._shards[context] = set(self.snap.context_edge_keys(context))
        return got


def _only_writers(enrichers: Sequence[Enricher]) -> dict[str, str]:
    """Edge type -> the one enricher that writes it (types several write are left out)."""
    writers: dict[str, list[str]] = {}
    for e in enrichers:
        for t in e.metadata.produces:
            writers.setdefault(t, []).append(e.metadata.name)
    return {t: names[0] for t, names in writers.items() if len(names) == 1}


def dependents_of(snap: Snapshot, node_ids: set[str]) -> set[str]:
    """Files with resolution edges into these nodes (or, for a class member, into
    its class), following EXTENDS to subclasses transitively."""
    frontier: list[str] = []
    for nid in node_ids:
        frontier.append(nid)
        parts = parse_id(nid)
        if parts.kind == NodeType.VARIABLE and parts.owner_path:
            frontier.append(definition_id(parts.file, NodeType.CLASS, parts.owner_path))
    seen = set(frontier)
    files: set[str] = set()
    while frontier:
        nid = frontier.pop()
        for e in snap.edges_in(nid):
            if e.type in STRUCTURAL_EDGES:
                continue
            files.add(file_of_id(e.src))
            if e.type == EdgeType.EXTENDS and e.src not in seen:
                seen.add(e.src)
                frontier.append(e.src)
    files.discard("")
    return files


def name_users_of(snap: Snapshot, node_ids: set[str]) -> set[str]:
    """Files that looked up the module-level names these nodes bind.

    Enrichment's propagation needs it beside `dependents_of`: a file that
    reaches a variable through its module (``m.obj.run()``) reads that
    variable's INSTANCE_OF edge without holding an edge into it.
    """
    names: dict[str, set[str]] = {}
    for nid in node_ids:
        parts = parse_id(nid)
        if parts.file and parts.is_top_level:
            name = parts.leaf if parts.kind == NodeType.IMPORT else parts.path
            # A repeated name's id carries `#n`; the name is what was looked up.
            names.setdefault(parts.file, set()).add(name.split("#", 1)[0])
    files: set[str] = set()
    for file, bound in names.items():
        files |= snap.users_of(file, bound)
    return files
