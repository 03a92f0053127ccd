"""The body of a write transaction: replace what one context owns, keep the indexes true.

Why this module exists: a commit is the only place the tables change, and
everything that must change together (nodes, both edge tables, the owner
lists, the refcounts, the three indexes, the delta) is decided here, inside
one LMDB write transaction that GraphStore opens and commits.

Invariants it maintains (see the package docstring for the layout):

* After `replace(batch)`, `owner[context]` lists exactly the batch's node
  and edge keys, first occurrence first.
* A key owned by n contexts has `refs` = n - 1; it is deleted only when
  its last owner lets go.
* `types` and `names` hold one entry per stored node (of an indexed type);
  `callnames` counts the stored CALL nodes of each name.
* `in` mirrors `out` key for key.
* The delta reports what a reader could observe change, nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter

import lmdb

from graphwarden.analysis.model import Edge, Node, NodeType, fact_attrs, file_of_id
from graphwarden.analysis.store.delta import CommitDelta
from graphwarden.analysis.store.keys import (
    NAME_INDEXED_TYPES,
    call_name_key,
    edge_type_of,
    file_of_context,
    name_index_key,
    near_node_key,
    reverse_edge_key,
    text_key,
    type_index_key,
    use_key,
)
from graphwarden.analysis.store.records import (
    EdgeRow,
    FileRecord,
    NodeRecord,
    NodeRow,
    decode_node_record,
    decode_owned,
    encode_edges,
    encode_file_record,
    encode_nodes,
    encode_owned,
    node_keys_by_id,
    pack,
    same_file_facts,
    unpack_int,
    unpack_uses,
)
from graphwarden.analysis.store.tables import Tables, read_counter

#: A row's key (node and edge rows start with it).
_first = itemgetter(0)


@dataclass
class Batch:
    """One context's complete new content (replaces whatever it owned).

    Give either `nodes`/`edges`, or their encoded forms `node_rows` /
    `edge_rows` (see `encode_nodes`): analysis workers encode, so the process
    that owns the write transaction only unpickles bytes and writes them.
    """

    context: str
    nodes: list[Node]
    edges: list[Edge]
    #: For file contexts: the file's record; None leaves the files table alone.
    file_record: FileRecord | None = None
    #: Remove the file's record too (the file was deleted).
    delete_file: bool = False
    node_rows: list[NodeRow] | None = None
    edge_rows: list[EdgeRow] | None = None
    #: For file contexts: the file's summary blob (analysis/summaries.py),
    #: written with its nodes; None leaves the summary as it is.
    summary: bytes | None = None
    #: Edges the context owns already and keeps unchanged, by `out` key (a
    #: global pass that decided only some nodes again); with them the
    #: context's edge keys are listed in key order.
    kept_edge_keys: list[bytes] | None = None
    #: For enrichment shards: the names of other files the shard was resolved
    #: against, (file, name) pairs (enrichers/name_uses.py); they replace the
    #: context's earlier ones. None leaves them as they are.
    uses: list[tuple[str, str]] | None = None


class BatchWriter:
    """Applies batches inside one write transaction, recording what changed in `delta`."""

    def __init__(self, txn: lmdb.Transaction[bytes], tables: Tables, delta: CommitDelta) -> None:
        self.txn = txn
        self.tables = tables
        self.delta = delta
        #: A file was added to or removed from the files table.
        self.files_changed = False
        #: Pending changes to the callnames counts (applied once per batch).
        self.call_counts: dict[bytes, int] = {}
        #: Records of a context's nodes and edges rewritten with other content.
        self._rewrites = 0

    # -- refcounts ------------------------------------------------------------------

    def _add_ref(self, key: bytes) -> None:
        refs = self.tables.refs
        self.txn.put(key, pack(read_counter(self.txn, refs, key) + 1), db=refs)

    def _drop_ref(self, key: bytes) -> bool:
        """Release one owner; True if the key had another owner and so stays."""
        refs = self.tables.refs
        raw = self.txn.get(key, db=refs)
        if raw is None:
            return False
        n = unpack_int(raw) - 1
        if n <= 0:
            self.txn.delete(key, db=refs)
        else:
            self.txn.put(key, pack(n), db=refs)
        return True

    # -- indexes --------------------------------------------------------------------

    def _index(self, key: bytes, record: NodeRecord, add: bool) -> None:
        """Add or remove a stored node's `types`, `names` and `callnames` entries."""
        tables = self.tables
        type_key = type_index_key(record.type, record.name, key)
        name_key = name_index_key(record.name, key)
        if add:
            self.txn.put(type_key, b"", db=tables.types)
            if record.type in NAME_INDEXED_TYPES:
                self.txn.put(name_key, b"", db=tables.names)
        else:
            self.txn.delete(type_key, db=tables.types)
            if record.type in NAME_INDEXED_TYPES:
                self.txn.delete(name_key, db=tables.names)
        if record.type == NodeType.CALL:
            self._count_call(record.name, 1 if add else -1)

    def _count_call(self, name: str, step: int) -> None:
        key = call_name_key(name)
        self.call_counts[key] = self.call_counts.get(key, 0) + step

    def _flush_call_counts(self) -> None:
        db = self.tables.callnames
        for key, step in self.call_counts.items():
            if not step:
                continue
            raw = self.txn.get(key, db=db)
            before = unpack_int(raw) if raw is not None else 0
            count = before + step
            if self.delta.track_ids and (before > 0) != (count > 0):
                self.delta.called_names.add(key.decode("utf-8", "surrogatepass"))
            if count > 0:
                self.txn.put(key, pack(count), db=db)
            elif raw is not None:
                self.txn.delete(key, db=db)
        self.call_counts.clear()

    def _defined(self, node_type: str, name: str) -> None:
        """A node of this name came, went or changed its facts: say so in the delta
        (CALLs are counted in `callnames` instead)."""
        if self.delta.track_ids and node_type != NodeType.CALL:
            self.delta.defined_names.add(name)

    # -- nodes ----------------------------------------------------------------------

    def _update_node(self, key: bytes, node_id: str, node_file: str, packed: bytes) -> None:
        """An existing node gets a new record: diff it into the delta."""
        txn, delta = self.txn, self.delta
        old_raw = txn.get(key, db=self.tables.nodes)
        if old_raw is None or old_raw == packed:
            return
        self._rewrites += 1
        old = decode_node_record(old_raw)
        new = decode_node_record(packed)
        if old.name != new.name or old.type != new.type:
            self._index(key, old, add=False)
            self._index(key, new, add=True)
        txn.put(key, packed, db=self.tables.nodes)
        facts_changed = (
            old.type != new.type
            or old.name != new.name
            or fact_attrs(old.attrs) != fact_attrs(new.attrs)
        )
        if old.content_hash != new.content_hash or facts_changed:
            delta.nodes_changed += 1
            if delta.track_ids:
                delta.modified.add(node_id)
            if node_file:
                delta.changed_files.add(node_file)
        if facts_changed:
            self._defined(old.type, old.name)
            self._defined(new.type, new.name)
            # Only what rules can see (type, name, attributes) changes the
            # node types a cycle reports: a body-only edit re-checks nothing.
            delta.changed_node_types.add(new.type)
            delta.changed_node_types.add(old.type)
        if old.signature_hash != new.signature_hash and delta.track_ids:
            delta.signature_changed.add(node_id)

    def _remove_node(self, key: bytes) -> None:
        """The last owner let go of a node: delete it and its index entries."""
        txn, delta = self.txn, self.delta
        raw = txn.get(key, db=self.tables.nodes)
        if raw is None:
            return
        old = decode_node_record(raw)
        txn.delete(key, db=self.tables.nodes)
        self._index(key, old, add=False)
        self._defined(old.type, old.name)
        delta.nodes_changed += 1
        if delta.track_ids:
            delta.removed.add(old.id)
            delta.signature_changed.add(old.id)
        delta.changed_node_types.add(old.type)
        if old.file:
            delta.changed_files.add(old.file)

    # -- a batch --------------------------------------------------------------------

    def replace(self, batch: Batch) -> None:
        """Make `batch.context` own exactly the batch's nodes and edges.

        The hot path of a cold index: new keys are written with
        ``overwrite=False`` (one B-tree descent instead of a get and a put)
        and index entries go in with ``putmulti``.
        """
        txn, tables, delta = self.txn, self.tables, self.delta
        context_key = text_key(batch.context)
        rewrites_before = self._rewrites
        raw_owned = txn.get(context_key, db=tables.owner)
        old_nodes, old_edges = decode_owned(raw_owned) if raw_owned is not None else ([], [])
        old_node_set = set(old_nodes)
        nodes_db = tables.nodes
        touched_file = file_of_context(batch.context)
        type_entries: list[tuple[bytes, bytes]] = []
        name_entries: list[tuple[bytes, bytes]] = []

        node_rows = (
            batch.node_rows
            if batch.node_rows is not None
            else encode_nodes(batch.nodes, batch.edges)
        )
        new_node_set: set[bytes] = set()
        # In key order (a stable sort: of a key given twice the first still
        # wins): files arrive in key order on a cold index (`keys.key_order`), so every
        # new record lands at the end of the B-tree, whose pages LMDB then fills
        # instead of splitting them in half.
        for key, node_id, node_type, name, node_file, packed in sorted(node_rows, key=_first):
            if key in new_node_set:
                continue  # the same node twice in one batch: first wins
            new_node_set.add(key)
            if key in old_node_set:
                self._update_node(key, node_id, node_file, packed)
            elif txn.put(key, packed, db=nodes_db, overwrite=False):
                # A new node: its index entries are collected for putmulti.
                type_entries.append((type_index_key(node_type, name, key), b""))
                if node_type == NodeType.CALL:
                    self._count_call(name, 1)
                if node_type in NAME_INDEXED_TYPES:
                    name_entries.append((name_index_key(name, key), b""))
                self._defined(node_type, name)
                delta.nodes_changed += 1
                if delta.track_ids:
                    delta.added.add(node_id)
                delta.changed_node_types.add(node_type)
                if node_file:
                    delta.changed_files.add(node_file)
            else:
                self._add_ref(key)  # already owned by another context
                self._update_node(key, node_id, node_file, packed)

        # The context owns its nodes in the batch's order (a file's: source order).
        new_node_keys = list(dict.fromkeys(row[0] for row in node_rows))
        for key in old_nodes:
            if key in new_node_set or self._drop_ref(key):
                continue
            self._remove_node(key)

        if batch.edge_rows is not None:
            edge_rows = batch.edge_rows
        else:
            edge_rows = encode_edges(batch.edges, node_keys_by_id(node_rows), batch.nodes)
        new_edge_keys: list[bytes] = []
        new_edge_set: set[bytes] = set()
        old_edge_set = set(old_edges)
        out_db, in_db = tables.out, tables.incoming
        in_entries: list[tuple[bytes, bytes]] = []
        for out_key, edge_type, value, src, parent_recorded in sorted(edge_rows, key=_first):
            if out_key in new_edge_set:
                continue
            new_edge_set.add(out_key)
            if out_key not in old_edge_set:
                if txn.put(out_key, value, db=out_db, overwrite=False):
                    if not parent_recorded:  # else the node's record says it (records.py)
                        in_entries.append((reverse_edge_key(out_key), b""))
                    delta.changed_edge_types.add(edge_type)
                    delta.added_edges += 1
                    if delta.track_ids:
                        delta.added_edge_keys.add(out_key)
                    delta.changed_files.add(touched_file or file_of_id(src))
                    continue
                self._add_ref(out_key)
            if txn.get(out_key, db=out_db) != value:
                txn.put(out_key, value, db=out_db)
                delta.changed_edge_types.add(edge_type)
                self._rewrites += 1
        new_edge_keys.extend(dict.fromkeys(row[0] for row in edge_rows))
        if batch.kept_edge_keys is not None:
            for out_key in batch.kept_edge_keys:
                if out_key in old_edge_set and out_key not in new_edge_set:
                    new_edge_set.add(out_key)
                    new_edge_keys.append(out_key)
            new_edge_keys.sort()
        for out_key in old_edges:
            if out_key in new_edge_set or self._drop_ref(out_key):
                continue
            if txn.delete(out_key, db=out_db):
                txn.delete(reverse_edge_key(out_key), db=in_db)
                delta.changed_edge_types.add(edge_type_of(out_key))
                delta.removed_edges += 1
                if delta.track_ids:
                    delta.removed_edge_keys.add(out_key)
                if touched_file:
                    delta.changed_files.add(touched_file)
                else:
                    # A global shard's edge: the file of its source changed,
                    # as for an added one (rules updated from the delta rely on it).
                    src_raw = txn.get(near_node_key(out_key), db=nodes_db)
                    if src_raw is not None:
                        delta.changed_files.add(decode_node_record(src_raw).file)
        delta.changed_files.discard("")
        # A file's own analysis: the same keys in the same order, no record
        # rewritten, and (below) the same summary and record facts: the file
        # is as it was, whatever its bytes (a comment or whitespace edit).
        own_analysis = bool(touched_file) and touched_file == batch.context
        same_so_far = (
            own_analysis
            and delta.track_ids
            and self._rewrites == rewrites_before
            and raw_owned is not None
            and new_node_keys == old_nodes
            and new_edge_keys == old_edges
        )

        self._flush_call_counts()
        for db, entries in (
            (tables.types, type_entries),
            (tables.names, name_entries),
            (in_db, in_entries),
        ):
            if entries:
                with txn.cursor(db=db) as cur:
                    cur.putmulti(entries)

        if new_node_keys or new_edge_keys:
            txn.put(context_key, encode_owned(new_node_keys, new_edge_keys), db=tables.owner)
        else:
            txn.delete(context_key, db=tables.owner)
        if batch.uses is not None:
            self._replace_uses(batch.context, context_key, batch.uses)
        same_record = self._write_file_record(batch, touched_file, compare=same_so_far)
        if own_analysis and touched_file:
            if same_record:
                delta.unchanged_files.add(touched_file)
            else:
                delta.analysed_files.add(touched_file)

    def _replace_uses(self, context: str, context_key: bytes, uses: list[tuple[str, str]]) -> None:
        """Make the `uses` index list exactly `uses` for this context."""
        txn, tables = self.txn, self.tables
        raw = txn.get(context_key, db=tables.context_uses)
        old = {(f, n) for f, n in unpack_uses(raw)} if raw is not None else set()
        new = set(uses)
        if old == new:
            return
        for f, n in old - new:
            txn.delete(use_key(f, n, context), db=tables.uses)
        value = context_key
        for f, n in new - old:
            txn.put(use_key(f, n, context), value, db=tables.uses)
        if new:
            txn.put(context_key, pack(sorted(new)), db=tables.context_uses)
        else:
            txn.delete(context_key, db=tables.context_uses)

    def _write_file_record(
        self, batch: Batch, touched_file: str | None, compare: bool = False
    ) -> bool:
        """Write the batch's summary and file record; with `compare`, whether both say
        what the stored ones said (the record's content hash, size and time aside).
        Without it (the file's nodes or edges changed already) nothing is compared."""
        files_db = self.tables.files
        path = text_key(touched_file or "")
        if batch.delete_file and path:
            self.txn.delete(path, db=self.tables.summaries)
            if self.txn.delete(path, db=files_db):
                self.files_changed = True
            return False
        same = compare
        if batch.summary is not None and path:
            if compare:
                old_summary = self.txn.replace(path, batch.summary, db=self.tables.summaries)
                same = old_summary == batch.summary
            else:
                self.txn.put(path, batch.summary, db=self.tables.summaries)
        if batch.file_record is not None:
            encoded = encode_file_record(batch.file_record)
            old_record = self.txn.replace(text_key(batch.file_record.path), encoded, db=files_db)
            if old_record is None:
                self.files_changed = True
                return False
            same = same and same_file_facts(old_record, encoded)
        return same
