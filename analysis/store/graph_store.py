"""The LMDB graph store: atomic per-context commits, deltas, snapshots, indexes.

Layout (named databases in one environment):

=========  ===========================================  ==========================
database   key                                          value
=========  ===========================================  ==========================
nodes      node key (16-byte hash of the semantic id)   msgpack node record
out        src key + edge type code + dst key            msgpack edge attrs or b""
in         dst key + edge type code + src key            b""
owner      context name (utf-8)                          msgpack [node keys, edge keys]
refs       node key or out-edge key                      extra owner count (int)
names      lower-cased name + NUL + node key             b""
types      node type code + name + NUL + node key        b""
callnames  a CALL node's name                            number of CALL nodes with it
files      workspace-relative path                       msgpack file record
meta       b"schema", b"revision"                        msgpack
=========  ===========================================  ==========================

Invariants:

* Every key a context lists in `owner` exists; a key owned by more than one
  context has `refs` = owners - 1, and disappears only with its last owner.
* An edge is visible to readers only if both endpoints exist (tombstone
  filtering), so a half-finished cycle never shows a dangling edge.
* One write transaction per `commit`: readers see the revision before or the
  revision after, never a mix. A process killed mid-commit leaves the
  previous revision (LMDB's copy-on-write B-trees).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lmdb
import msgpack

from graphwarden.analysis import defaults
from graphwarden.analysis.checkpoints import checkpoint
from graphwarden.analysis.model import (
    DEFINITION_TYPES,
    EDGE_TYPE_BY_CODE,
    EDGE_TYPE_CODE,
    NODE_TYPE_CODE,
    Edge,
    Node,
    NodeType,
    ParseError,
    fact_attrs,
    file_of_id,
)
from graphwarden.analysis.store.delta import CommitDelta

log = logging.getLogger(__name__)

#: Bump when the record layout or key scheme changes: old stores are rebuilt.
SCHEMA_VERSION = 7
DEFAULT_STORE_DIR = defaults.STORE_DIR
ENRICHMENT_PREFIX = "__enrichment__/"
_DBS = ("nodes", "out", "in", "owner", "refs", "names", "types", "callnames", "files", "meta")
_KEY = 16
_EDGE_KEY = 2 * _KEY + 1
#: Names are indexed for what a user searches by name.
_NAMED_TYPES = DEFINITION_TYPES | {NodeType.EXPORT}


def node_key(node_id: str) -> bytes:
    """16-byte key: 8 bytes from the node's file, 8 from its id.

    Clustering by file keeps one file's nodes (and, through the edge keys
    built from them, its edges) on neighbouring B-tree pages. A commit then
    copies a few pages instead of touching pages across the whole tree, as
    uniformly random keys would: that difference is most of a cold index's
    commit time.
    """
    raw = node_id.encode("utf-8", "surrogatepass")
    sep = raw.find(b"->")
    file_part = raw[:sep] if sep != -1 else b""
    return (
        hashlib.blake2b(file_part, digest_size=8).digest()
        + hashlib.blake2b(raw, digest_size=8).digest()
    )


def enrichment_context(enricher: str, file: str) -> str:
    """The shard an enricher's output for one file is committed to."""
    return f"{ENRICHMENT_PREFIX}{enricher}/{file}"


def global_context(enricher: str) -> str:
    return f"{ENRICHMENT_PREFIX}{enricher}/__global__"


def file_of_context(context: str) -> str | None:
    """The workspace file a context is about (None for a global shard)."""
    if not context.startswith(ENRICHMENT_PREFIX):
        return context
    rest = context[len(ENRICHMENT_PREFIX) :].split("/", 1)
    if len(rest) < 2 or rest[1] == "__global__":
        return None
    return rest[1]


# -- the node record ----------------------------------------------------------
# A node is stored as a msgpack array; these indices name its fields.
REC_ID, REC_TYPE, REC_NAME, REC_FILE, REC_RANGE, REC_CONTENT, REC_SIGNATURE, REC_ATTRS = range(8)
_NODE_TYPE_OF = {str(t): t for t in NodeType}


def node_record(node: Node) -> list[Any]:
    """The stored form of a node (an array: compact, and cheap to decode)."""
    return [
        node.id,
        str(node.type),
        node.name,
        node.file,
        list(node.range),
        node.content_hash,
        node.signature_hash,
        node.attrs,
    ]


def node_from_record(rec: list[Any]) -> Node:
    r = rec[REC_RANGE]
    return Node(
        rec[REC_ID],
        _NODE_TYPE_OF[rec[REC_TYPE]],
        rec[REC_NAME],
        rec[REC_FILE],
        (r[0], r[1], r[2], r[3]),
        rec[REC_CONTENT],
        rec[REC_SIGNATURE],
        rec[REC_ATTRS],
    )


def _pack(obj: Any) -> bytes:
    return msgpack.packb(obj, use_bin_type=True)


def _unpack(data: bytes) -> Any:
    return msgpack.unpackb(data, raw=False)


@dataclass
class FileRecord:
    """What the store remembers of a source file (for warm starts and diagnostics)."""

    path: str
    content_hash: str
    size: int
    mtime_ns: int
    language: str
    parse_errors: list[ParseError] = field(default_factory=list)
    skipped_reason: str | None = None

    def to_record(self) -> list[Any]:
        return [
            self.content_hash,
            self.size,
            self.mtime_ns,
            self.language,
            [
                [e.range[0], e.range[1], e.range[2], e.range[3], e.message]
                for e in self.parse_errors
            ],
            self.skipped_reason,
        ]

    @classmethod
    def from_record(cls, path: str, rec: list[Any]) -> FileRecord:
        errors = [ParseError(path, (e[0], e[1], e[2], e[3]), e[4]) for e in rec[4]]
        return cls(path, rec[0], rec[1], rec[2], rec[3], errors, rec[5])


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


#: (store key, id, type, name, file, packed record)
NodeRow = tuple[bytes, str, str, str, str, bytes]
#: (out-edge key, edge type, packed attributes or b"", src id)
EdgeRow = tuple[bytes, str, bytes, str]


def encode_nodes(nodes: Iterable[Node]) -> list[NodeRow]:
    """Nodes in the form the writer stores them (keys hashed, records packed)."""
    return [(node_key(n.id), n.id, n.type, n.name, n.file, _pack(node_record(n))) for n in nodes]


def encode_edges(edges: Iterable[Edge], keys: dict[str, bytes] | None = None) -> list[EdgeRow]:
    """Edges in stored form; `keys` (id -> key) saves re-hashing known endpoints."""
    keys = keys or {}
    rows = []
    for e in edges:
        s = keys.get(e.src) or node_key(e.src)
        d = keys.get(e.dst) or node_key(e.dst)
        rows.append(
            (s + _CODE_BYTES[e.type] + d, e.type, _pack(e.attrs) if e.attrs else b"", e.src)
        )
    return rows


def decode_node_rows(rows: Iterable[NodeRow]) -> list[Node]:
    return [node_from_record(_unpack(row[5])) for row in rows]


#: Written into a store directory when graphwarden creates it: an LMDB
#: environment without it belongs to another program and is never opened.
STORE_MARKER = "GRAPHWARDEN_STORE"
_MARKER_TEXT = "This directory is a graphwarden graph store (a cache; safe to delete).\n"
_GITIGNORE_TEXT = "*\n"


class ForeignStoreError(Exception):
    """The store directory holds an LMDB environment graphwarden did not create."""


class GraphStore:
    """One workspace's graph in an LMDB environment."""

    def __init__(self, path: str | os.PathLike[str], map_size: int = 8 << 30) -> None:
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        _claim(self.path)
        gitignore = self.path / ".gitignore"
        if not gitignore.exists():
            # Like .pytest_cache: the store never shows up in `git status`.
            gitignore.write_text(_GITIGNORE_TEXT)
        self.env = self._open(map_size)
        self._check_schema()

    def _open(self, map_size: int) -> lmdb.Environment:
        # sync=False: a killed process still leaves a consistent store (LMDB
        # never overwrites live pages); only an OS crash could lose the last
        # commits, and the store is a cache that rebuilds from the sources.
        env = lmdb.open(
            str(self.path),
            map_size=map_size,
            max_dbs=len(_DBS) + 1,
            sync=False,
            metasync=False,
            readahead=False,
            max_readers=256,
        )
        self._dbs = {name: env.open_db(name.encode()) for name in _DBS}
        return env

    def _check_schema(self) -> None:
        with self.env.begin(write=True) as txn:
            raw = txn.get(b"schema", db=self._dbs["meta"])
            found = _unpack(raw) if raw is not None else None
            if found == SCHEMA_VERSION:
                return
            if found is not None:
                log.warning(
                    "graph store at %s has schema %s, this graphwarden needs %s: rebuilding it",
                    self.path,
                    found,
                    SCHEMA_VERSION,
                )
                for db in self._dbs.values():
                    txn.drop(db, delete=False)
            txn.put(b"schema", _pack(SCHEMA_VERSION), db=self._dbs["meta"])
            txn.put(b"revision", _pack(0), db=self._dbs["meta"])

    # -- reading ----------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        """A consistent read-only view of the latest committed revision."""
        return Snapshot(self)

    @property
    def revision(self) -> int:
        with self.env.begin() as txn:
            return _unpack(txn.get(b"revision", db=self._dbs["meta"]))

    # -- writing ------------------------------------------------------------------

    def commit_batch(
        self,
        context: str,
        nodes: list[Node],
        edges: list[Edge],
        file_record: FileRecord | None = None,
    ) -> CommitDelta:
        """Replace everything `context` owned with `nodes` and `edges`, atomically."""
        return self.commit([Batch(context, nodes, edges, file_record)])

    def commit(
        self, batches: Iterable[Batch], per_batch: list[CommitDelta] | None = None
    ) -> CommitDelta:
        """Apply several context replacements in one write transaction: one revision.

        Returns the merged delta; if `per_batch` is given, it receives one
        delta per batch, in order (enrichment propagation needs them).
        """
        batches = list(batches)
        delta = CommitDelta()
        parts: list[CommitDelta] = []
        try:
            with self.env.begin(write=True) as txn:
                files_changed = False
                for batch in batches:
                    part = CommitDelta()
                    writer = _Writer(txn, self._dbs, part)
                    writer.replace(batch)
                    files_changed |= writer.files_changed
                    parts.append(part)
                # Tests kill the process here: every batch written, nothing committed.
                checkpoint("commit")
                meta = self._dbs["meta"]
                revision = _unpack(txn.get(b"revision", db=meta)) + 1
                txn.put(b"revision", _pack(revision), db=meta)
                if files_changed:
                    raw = txn.get(b"files_generation", db=meta)
                    txn.put(b"files_generation", _pack((_unpack(raw) if raw else 0) + 1), db=meta)
        except lmdb.MapFullError:
            self.env.set_mapsize(self.env.info()["map_size"] * 2)
            return self.commit(batches, per_batch)
        for part in parts:
            part.revision = revision
            delta.merge(part)
        delta.revision = revision
        if per_batch is not None:
            per_batch.extend(parts)
        return delta

    def put_file_records(self, records: Iterable[FileRecord]) -> None:
        """Rewrite files-table rows only (a touched file whose content is unchanged)."""
        with self.env.begin(write=True) as txn:
            for rec in records:
                txn.put(
                    rec.path.encode("utf-8", "surrogatepass"),
                    _pack(rec.to_record()),
                    db=self._dbs["files"],
                )

    def get_meta(self, key: str, default: Any = None) -> Any:
        with self.env.begin() as txn:
            raw = txn.get(b"x:" + key.encode(), db=self._dbs["meta"])
            return _unpack(raw) if raw is not None else default

    def set_meta(self, key: str, value: Any) -> None:
        with self.env.begin(write=True) as txn:
            txn.put(b"x:" + key.encode(), _pack(value), db=self._dbs["meta"])

    def sync(self) -> None:
        """Flush committed revisions to disk (called at the end of long work)."""
        self.env.sync(True)

    def close(self) -> None:
        try:
            self.env.sync(True)
        finally:
            self.env.close()

    def destroy(self) -> None:
        """Delete the store from disk (re-index from scratch)."""
        self.env.close()
        shutil.rmtree(self.path, ignore_errors=True)


def _claim(path: Path) -> None:
    """Mark a new store as ours; refuse an LMDB environment that is someone else's.

    Adding our tables to another program's environment would corrupt its
    data, so an existing `data.mdb` must carry our marker. Stores made before
    the marker existed are recognised by the `.gitignore` we always wrote.
    """
    marker = path / STORE_MARKER
    if marker.is_file():
        return
    if (path / "data.mdb").exists():
        legacy = path / ".gitignore"
        try:
            ours = legacy.is_file() and legacy.read_text() == _GITIGNORE_TEXT
        except OSError:
            ours = False
        if not ours:
            raise ForeignStoreError(
                f"{path} holds an LMDB database that graphwarden did not create; "
                "refusing to open it (choose another store directory)"
            )
    marker.write_text(_MARKER_TEXT)


class _Writer:
    """The body of one write transaction: per-context diffs, indexes, refcounts."""

    def __init__(self, txn: lmdb.Transaction, dbs: dict[str, Any], delta: CommitDelta) -> None:
        self.txn = txn
        self.db = dbs
        self.delta = delta
        #: A file was added to or removed from the files table.
        self.files_changed = False
        #: Pending changes to the callnames counts (applied once per batch).
        self.call_counts: dict[bytes, int] = {}

    def _owned(self, context: bytes) -> tuple[list[bytes], list[bytes]]:
        raw = self.txn.get(context, db=self.db["owner"])
        if raw is None:
            return [], []
        rec = _unpack(raw)
        return rec[0], rec[1]

    def _add_ref(self, key: bytes) -> None:
        refs = self.db["refs"]
        raw = self.txn.get(key, db=refs)
        self.txn.put(key, _pack((_unpack(raw) if raw else 0) + 1), db=refs)

    def _drop_ref(self, key: bytes) -> bool:
        """Release one owner; True if the key had another owner and so stays."""
        refs = self.db["refs"]
        raw = self.txn.get(key, db=refs)
        if raw is None:
            return False
        n = _unpack(raw) - 1
        if n <= 0:
            self.txn.delete(key, db=refs)
        else:
            self.txn.put(key, _pack(n), db=refs)
        return True

    def _index(self, key: bytes, rec: list[Any], add: bool) -> None:
        type_ = rec[1]
        tkey = _type_key(type_, rec[2], key)
        nkey = rec[2][:200].lower().encode("utf-8", "surrogatepass") + b"\x00" + key
        if add:
            self.txn.put(tkey, b"", db=self.db["types"])
            if type_ in _NAMED_TYPES:
                self.txn.put(nkey, b"", db=self.db["names"])
        else:
            self.txn.delete(tkey, db=self.db["types"])
            if type_ in _NAMED_TYPES:
                self.txn.delete(nkey, db=self.db["names"])
        if type_ == NodeType.CALL:
            self._count_call(rec[2], 1 if add else -1)

    def _count_call(self, name: str, step: int) -> None:
        key = _name_bytes(name)
        self.call_counts[key] = self.call_counts.get(key, 0) + step

    def _flush_call_counts(self) -> None:
        db = self.db["callnames"]
        for key, step in self.call_counts.items():
            if not step:
                continue
            raw = self.txn.get(key, db=db)
            count = (_unpack(raw) if raw else 0) + step
            if count > 0:
                self.txn.put(key, _pack(count), db=db)
            elif raw is not None:
                self.txn.delete(key, db=db)
        self.call_counts.clear()

    def _update_node(self, key: bytes, node_id: str, node_file: str, packed: bytes) -> None:
        """An existing node gets a new record: diff it into the delta."""
        txn, delta = self.txn, self.delta
        old_raw = txn.get(key, db=self.db["nodes"])
        if old_raw is None or old_raw == packed:
            return
        old = _unpack(old_raw)
        rec = _unpack(packed)
        if old[2] != rec[2] or old[1] != rec[1]:
            self._index(key, old, add=False)
            self._index(key, rec, add=True)
        txn.put(key, packed, db=self.db["nodes"])
        facts_changed = (
            old[1] != rec[1] or old[2] != rec[2] or fact_attrs(old[7]) != fact_attrs(rec[7])
        )
        if old[5] != rec[5] or facts_changed:
            delta.modified.add(node_id)
            if node_file:
                delta.changed_files.add(node_file)
        if facts_changed:
            # Only what rules can see (type, name, attributes) changes the
            # node types a cycle reports: a body-only edit re-checks nothing.
            delta.changed_node_types.add(rec[1])
            delta.changed_node_types.add(old[1])
        if old[6] != rec[6]:
            delta.signature_changed.add(node_id)

    def replace(self, batch: Batch) -> None:
        """Make `batch.context` own exactly the batch's nodes and edges.

        The hot path of a cold index: new keys are written with
        ``overwrite=False`` (one B-tree descent instead of a get and a put)
        and index entries go in with ``putmulti``.
        """
        txn, db, delta = self.txn, self.db, self.delta
        ctx = batch.context.encode("utf-8", "surrogatepass")
        old_nodes, old_edges = self._owned(ctx)
        old_node_set = set(old_nodes)
        nodes_db = db["nodes"]
        touched_file = file_of_context(batch.context)
        type_entries: list[tuple[bytes, bytes]] = []
        name_entries: list[tuple[bytes, bytes]] = []

        node_rows = batch.node_rows if batch.node_rows is not None else encode_nodes(batch.nodes)
        new_node_keys: list[bytes] = []
        new_node_set: set[bytes] = set()
        for key, node_id, node_type, name, node_file, packed in node_rows:
            if key in new_node_set:
                continue  # the same node twice in one batch: first wins
            new_node_set.add(key)
            new_node_keys.append(key)
            if key in old_node_set:
                self._update_node(key, node_id, node_file, packed)
            elif txn.put(key, packed, db=nodes_db, overwrite=False):
                type_entries.append((_type_key(node_type, name, key), b""))
                if node_type == NodeType.CALL:
                    self._count_call(name, 1)
                if node_type in _NAMED_TYPES:
                    lowered = name[:200].lower().encode("utf-8", "surrogatepass")
                    name_entries.append((lowered + b"\x00" + key, b""))
                delta.added.add(node_id)
                delta.changed_node_types.add(node_type)
                if node_file:
                    delta.changed_files.add(node_file)
            else:
                self._add_ref(key)  # already owned by another context
                self._update_node(key, node_id, node_file, packed)

        for key in old_nodes:
            if key in new_node_set or self._drop_ref(key):
                continue
            raw = txn.get(key, db=nodes_db)
            if raw is None:
                continue
            old = _unpack(raw)
            txn.delete(key, db=nodes_db)
            self._index(key, old, add=False)
            delta.removed.add(old[0])
            delta.signature_changed.add(old[0])
            delta.changed_node_types.add(old[1])
            if old[3]:
                delta.changed_files.add(old[3])

        if batch.edge_rows is not None:
            edge_rows = batch.edge_rows
        else:
            edge_rows = encode_edges(batch.edges, {row[1]: row[0] for row in node_rows})
        new_edge_keys: list[bytes] = []
        new_edge_set: set[bytes] = set()
        old_edge_set = set(old_edges)
        out_db, in_db = db["out"], db["in"]
        in_entries: list[tuple[bytes, bytes]] = []
        for okey, edge_type, value, src in edge_rows:
            if okey in new_edge_set:
                continue
            new_edge_set.add(okey)
            new_edge_keys.append(okey)
            if okey not in old_edge_set:
                if txn.put(okey, value, db=out_db, overwrite=False):
                    in_entries.append((okey[_KEY + 1 :] + okey[_KEY : _KEY + 1] + okey[:_KEY], b""))
                    delta.changed_edge_types.add(edge_type)
                    delta.added_edges += 1
                    delta.changed_files.add(touched_file or file_of_id(src))
                    continue
                self._add_ref(okey)
            if txn.get(okey, db=out_db) != value:
                txn.put(okey, value, db=out_db)
                delta.changed_edge_types.add(edge_type)
        for okey in old_edges:
            if okey in new_edge_set or self._drop_ref(okey):
                continue
            if txn.delete(okey, db=out_db):
                s, code, d = okey[:_KEY], okey[_KEY : _KEY + 1], okey[_KEY + 1 :]
                txn.delete(d + code + s, db=in_db)
                delta.changed_edge_types.add(EDGE_TYPE_BY_CODE[code[0]])
                delta.removed_edges += 1
                if touched_file:
                    delta.changed_files.add(touched_file)
        delta.changed_files.discard("")

        self._flush_call_counts()
        for dbname, entries in (
            ("types", type_entries),
            ("names", name_entries),
            ("in", in_entries),
        ):
            if entries:
                with txn.cursor(db=db[dbname]) as cur:
                    cur.putmulti(entries)

        if new_node_keys or new_edge_keys:
            txn.put(ctx, _pack([new_node_keys, new_edge_keys]), db=db["owner"])
        else:
            txn.delete(ctx, db=db["owner"])
        path = (touched_file or "").encode("utf-8", "surrogatepass")
        if batch.delete_file and path:
            if txn.delete(path, db=db["files"]):
                self.files_changed = True
        elif batch.file_record is not None:
            old_record = txn.replace(
                batch.file_record.path.encode("utf-8", "surrogatepass"),
                _pack(batch.file_record.to_record()),
                db=db["files"],
            )
            if old_record is None:
                self.files_changed = True


_CODE_BYTES = {t: bytes([c]) for t, c in EDGE_TYPE_CODE.items()}
_TYPE_BYTES = {t: bytes([c]) for t, c in NODE_TYPE_CODE.items()}


def _name_bytes(name: str) -> bytes:
    # Names in index keys are cut by characters, never mid-way through a
    # UTF-8 sequence (LMDB keys are at most 511 bytes).
    return name[:200].encode("utf-8", "surrogatepass")


def _type_key(type_: str, name: str, key: bytes) -> bytes:
    # Type, then exact name: serves "all CALLs" and "CALLs named eval" alike.
    return _TYPE_BYTES[type_] + _name_bytes(name) + b"\x00" + key


class Snapshot:
    """A read-only, consistent view of one revision of the graph.

    Backed by an LMDB read transaction: it never blocks the writer, copies
    nothing up front and decodes records only when asked. Close it (or use
    it as a context manager) promptly: an open snapshot pins its revision's
    pages and makes the file grow under a busy writer.
    """

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._db = store._dbs
        self.txn = store.env.begin(buffers=False)
        meta = self._db["meta"]
        self.revision: int = _unpack(self.txn.get(b"revision", db=meta))
        raw = self.txn.get(b"files_generation", db=meta)
        #: Bumped only when a file is added or removed: caches that depend on
        #: the set of files (module maps) key on it, not on the revision.
        self.files_generation: int = _unpack(raw) if raw else 0

    def __enter__(self) -> Snapshot:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.txn is not None:
            self.txn.abort()
            self.txn = None  # type: ignore[assignment]

    # -- nodes ------------------------------------------------------------------

    def _node_at(self, key: bytes) -> Node | None:
        raw = self.txn.get(key, db=self._db["nodes"])
        return node_from_record(_unpack(raw)) if raw is not None else None

    def node(self, node_id: str) -> Node | None:
        return self._node_at(node_key(node_id))

    def has_node(self, node_id: str) -> bool:
        return self.txn.get(node_key(node_id), db=self._db["nodes"]) is not None

    def nodes(self) -> Iterator[Node]:
        """Every node, in key order (not sorted by id)."""
        with self.txn.cursor(db=self._db["nodes"]) as cur:
            for _key, raw in cur:
                yield node_from_record(_unpack(raw))

    def nodes_of_type(self, type_: str) -> Iterator[Node]:
        prefix = bytes([NODE_TYPE_CODE[type_]])
        for key in self._prefix_keys("types", prefix):
            node = self._node_at(key[-_KEY:])
            if node is not None:
                yield node

    def nodes_named(self, type_: str, name: str) -> list[Node]:
        """Nodes of one type with exactly this name (case-sensitive), via the type index."""
        prefix = _type_key(type_, name, b"")
        out = []
        for key in self._prefix_keys("types", prefix):
            if len(key) != len(prefix) + _KEY:
                continue  # a longer name that merely starts the same way
            node = self._node_at(key[-_KEY:])
            if node is not None and node.name == name:  # keys hold 200 characters
                out.append(node)
        return out

    def type_entries(self, type_: str) -> Iterator[tuple[str, bytes]]:
        """(name, node key) of every node of a type, from index keys (no decoding).

        Names longer than 200 characters come back cut to 200.
        """
        for key in self._prefix_keys("types", _TYPE_BYTES[type_]):
            yield key[1 : -_KEY - 1].decode("utf-8", "surrogatepass"), key[-_KEY:]

    def is_called(self, name: str) -> bool:
        """Whether any CALL node in the graph has this name (one lookup)."""
        return self.txn.get(_name_bytes(name), db=self._db["callnames"]) is not None

    def names_of_type(self, type_: str) -> set[str]:
        """Distinct names of one node type, from index keys alone (no decoding).

        Names longer than 200 characters come back cut to 200.
        """
        prefix = _TYPE_BYTES[type_]
        raw: set[bytes] = set()
        for key in self._prefix_keys("types", prefix):
            raw.add(key[1 : -_KEY - 1])
        return {name.decode("utf-8", "surrogatepass") for name in raw}

    def count_of_type(self, type_: str) -> int:
        return sum(1 for _ in self._prefix_keys("types", bytes([NODE_TYPE_CODE[type_]])))

    def context_nodes(self, context: str) -> list[Node]:
        """The nodes a context (a file, or an enrichment shard) owns, in commit order."""
        raw = self.txn.get(context.encode("utf-8", "surrogatepass"), db=self._db["owner"])
        if raw is None:
            return []
        out = []
        for key in _unpack(raw)[0]:
            node = self._node_at(key)
            if node is not None:
                out.append(node)
        return out

    def nodes_in_file(self, file: str) -> list[Node]:
        return self.context_nodes(file)

    def context_edges(self, context: str) -> list[Edge]:
        raw = self.txn.get(context.encode("utf-8", "surrogatepass"), db=self._db["owner"])
        if raw is None:
            return []
        out = []
        for okey in _unpack(raw)[1]:
            edge = self._edge_from_out_key(okey)
            if edge is not None:
                out.append(edge)
        return out

    def contexts(self, prefix: str = "") -> Iterator[str]:
        for key in self._prefix_keys("owner", prefix.encode()):
            yield key.decode("utf-8", "surrogatepass")

    def search_names(self, prefix: str, limit: int = 100) -> list[Node]:
        """Named definitions whose name starts with `prefix` (case-insensitive)."""
        out: list[Node] = []
        p = prefix.lower().encode("utf-8", "surrogatepass")
        for key in self._prefix_keys("names", p):
            node = self._node_at(key[-_KEY:])
            if node is not None:
                out.append(node)
                if len(out) >= limit:
                    break
        return out

    def names(self) -> Iterator[tuple[str, bytes]]:
        """(lower-cased name, node key) for every named definition: for fuzzy search."""
        with self.txn.cursor(db=self._db["names"]) as cur:
            for key in cur.iternext(keys=True, values=False):
                yield key[: -_KEY - 1].decode("utf-8", "replace"), key[-_KEY:]

    def node_by_key(self, key: bytes) -> Node | None:
        return self._node_at(key)

    # -- edges ------------------------------------------------------------------

    def _edge_from_out_key(self, okey: bytes, value: bytes | None = None) -> Edge | None:
        src = self._node_at(okey[:_KEY])
        dst = self._node_at(okey[_KEY + 1 :])
        if src is None or dst is None:
            return None  # tombstone filtering: an endpoint is gone
        if value is None:
            value = self.txn.get(okey, db=self._db["out"])
        attrs = _unpack(value) if value else None
        return Edge(src.id, EDGE_TYPE_BY_CODE[okey[_KEY]], dst.id, attrs)

    def edges_out(self, node_id: str, type_: str | None = None) -> list[Edge]:
        prefix = node_key(node_id)
        if type_ is not None:
            prefix += bytes([EDGE_TYPE_CODE[type_]])
        out = []
        with self.txn.cursor(db=self._db["out"]) as cur:
            if cur.set_range(prefix):
                for okey, value in cur:
                    if not okey.startswith(prefix):
                        break
                    edge = self._edge_from_out_key(okey, value)
                    if edge is not None:
                        out.append(edge)
        return out

    def edges_in(self, node_id: str, type_: str | None = None) -> list[Edge]:
        prefix = node_key(node_id)
        if type_ is not None:
            prefix += bytes([EDGE_TYPE_CODE[type_]])
        out = []
        for ikey in self._prefix_keys("in", prefix):
            d, code, s = ikey[:_KEY], ikey[_KEY : _KEY + 1], ikey[_KEY + 1 :]
            edge = self._edge_from_out_key(s + code + d)
            if edge is not None:
                out.append(edge)
        return out

    def has_incoming(self, node_id: str, types: Iterable[str]) -> bool:
        """Whether any visible edge of these types points at the node (no decoding)."""
        return self.has_incoming_key(node_key(node_id), types)

    def count_incoming(self, node_id: str, type_: str) -> int:
        """How many visible edges of a type point at a node, without decoding them."""
        prefix = node_key(node_id) + _CODE_BYTES[type_]
        nodes_db = self._db["nodes"]
        return sum(
            1
            for ikey in self._prefix_keys("in", prefix)
            if self.txn.get(ikey[_KEY + 1 :], db=nodes_db) is not None
        )

    def has_incoming_key(self, prefix: bytes, types: Iterable[str]) -> bool:
        codes = {EDGE_TYPE_CODE[t] for t in types}
        nodes_db = self._db["nodes"]
        for ikey in self._prefix_keys("in", prefix):
            if ikey[_KEY] in codes and self.txn.get(ikey[_KEY + 1 :], db=nodes_db) is not None:
                return True
        return False

    def edges(self, type_: str | None = None) -> Iterator[Edge]:
        """Every visible edge (optionally of one type), in key order."""
        code = EDGE_TYPE_CODE[type_] if type_ is not None else None
        with self.txn.cursor(db=self._db["out"]) as cur:
            for okey, value in cur:
                if code is not None and okey[_KEY] != code:
                    continue
                edge = self._edge_from_out_key(okey, value)
                if edge is not None:
                    yield edge

    # -- files and counts --------------------------------------------------------------

    def file(self, path: str) -> FileRecord | None:
        raw = self.txn.get(path.encode("utf-8", "surrogatepass"), db=self._db["files"])
        return FileRecord.from_record(path, _unpack(raw)) if raw is not None else None

    def files(self) -> Iterator[FileRecord]:
        with self.txn.cursor(db=self._db["files"]) as cur:
            for key, raw in cur:
                yield FileRecord.from_record(key.decode("utf-8", "surrogatepass"), _unpack(raw))

    def counts(self) -> dict[str, int]:
        """Entry counts straight from LMDB's B-tree stats (no scan)."""
        stat = self.txn.stat
        return {
            "files": stat(self._db["files"])["entries"],
            "nodes": stat(self._db["nodes"])["entries"],
            "edges": stat(self._db["out"])["entries"],
        }

    # -- internals ------------------------------------------------------------------

    def _prefix_keys(self, db: str, prefix: bytes) -> Iterator[bytes]:
        with self.txn.cursor(db=self._db[db]) as cur:
            if not cur.set_range(prefix):
                return
            for key in cur.iternext(keys=True, values=False):
                if not key.startswith(prefix):
                    return
                yield key


__all__ = [
    "DEFAULT_STORE_DIR",
    "SCHEMA_VERSION",
    "Batch",
    "CommitDelta",
    "FileRecord",
    "GraphStore",
    "Snapshot",
    "enrichment_context",
    "file_of_context",
    "global_context",
    "node_key",
]
