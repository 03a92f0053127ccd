"""Snapshot: the read API over one committed revision of the graph.

Why this module exists: every reader (enrichers, the guarantees engine, the
language server) sees the graph through this class and nothing else, so the
rules of reading live in one place.

Invariants:

* A snapshot is one LMDB read transaction: it sees one revision, whatever
  commits happen while it is open.
* Tombstone filtering: an edge is returned only if both its endpoints exist.
  Enrichment shards may still list edges to nodes a file commit removed
  (until the next cycle re-enriches them); readers never see those. Counting
  and walking the edges into a node looks a source up only where it may be
  gone: in a file the store lists as not enriched since its last change
  (`UNENRICHED_FILES_META`), or for a global shard's edge; a hub's 1,700
  callers are otherwise 1,700 random reads across the store.
* Index lookups re-check what the index cannot hold exactly (names cut to
  INDEXED_NAME_CHARS characters).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import Protocol

import lmdb

from graphwarden.analysis.model import STRUCTURAL_EDGES, Edge, Node
from graphwarden.analysis.store.keys import (
    FILE_KEY_PREFIX_SIZE,
    INDEXED_NAME_CHARS,
    NODE_KEY_SIZE,
    call_name_key,
    edge_code_of,
    edge_prefix,
    edge_type_code,
    edge_type_of,
    far_node_key,
    file_key_prefix,
    file_of_context,
    name_bytes_of_type_key,
    name_of_name_key,
    name_of_type_key,
    name_search_prefix,
    near_node_key,
    node_key,
    node_key_of_index_key,
    reverse_edge_key,
    text_key,
    text_of_key,
    type_index_key,
    type_prefix,
    use_prefix,
)
from graphwarden.analysis.store.records import (
    FileRecord,
    decode_edge_attrs,
    decode_file_record,
    decode_node,
    decode_owned,
    stored_node_id,
    stored_parent,
    unpack,
    unpack_uses,
)
from graphwarden.analysis.store.tables import (
    FILES_GENERATION_KEY,
    GLOBAL_SHARD_EDGES,
    REVISION_KEY,
    UNENRICHED_FILES_META,
    Tables,
    read_counter,
    user_meta_key,
)


class OpenEnvironment(Protocol):
    """What a snapshot needs of the store that opened it (GraphStore is one).

    A protocol rather than an import: graph_store.py creates snapshots, so
    importing it here would make the two modules a cycle.
    """

    env: lmdb.Environment
    tables: Tables

    def get_meta(self, key: str, default: object = None) -> object: ...

    def set_meta(self, key: str, value: object) -> None: ...


class Snapshot:
    """A read-only, consistent view of one revision of the graph.

    Backed by an LMDB read transaction: it never blocks the writer, copies
    nothing up front and decodes records only when asked. Close it (or use
    it as a context manager) promptly: an open snapshot pins its revision's
    pages and makes the file grow under a busy writer.
    """

    def __init__(self, store: OpenEnvironment, txn: lmdb.Transaction[bytes] | None = None) -> None:
        self.store = store
        self._tables = store.tables
        #: A snapshot over a transaction it was given (a speculative store's
        #: write transaction) reads that transaction's writes and never ends it.
        self._owns_txn = txn is None
        self.txn: lmdb.Transaction[bytes] = store.env.begin(buffers=False) if txn is None else txn
        meta = self._tables.meta
        self.revision: int = read_counter(self.txn, meta, REVISION_KEY)
        #: Bumped only when a file is added or removed: caches that depend on
        #: the set of files (module maps) key on it, not on the revision.
        self.files_generation: int = read_counter(self.txn, meta, FILES_GENERATION_KEY)

    def __enter__(self) -> Snapshot:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """End the read transaction (idempotent); later reads raise lmdb.Error."""
        if self._owns_txn:
            self.txn.abort()

    # -- nodes ------------------------------------------------------------------

    def _node_at(self, key: bytes) -> Node | None:
        raw = self.txn.get(key, db=self._tables.nodes)
        return decode_node(raw) if raw is not None else None

    def node(self, node_id: str) -> Node | None:
        return self._node_at(node_key(node_id))

    def has_node(self, node_id: str) -> bool:
        return self.txn.get(node_key(node_id), db=self._tables.nodes) is not None

    def nodes(self) -> Iterator[Node]:
        """Every node, in key order (not sorted by id)."""
        with self.txn.cursor(db=self._tables.nodes) as cur:
            for _key, raw in cur:
                yield decode_node(raw)

    def nodes_of_type(self, type_: str) -> Iterator[Node]:
        for key in self._prefix_keys(self._tables.types, type_prefix(type_)):
            node = self._node_at(node_key_of_index_key(key))
            if node is not None:
                yield node

    def nodes_named(self, type_: str, name: str) -> list[Node]:
        """Nodes of one type with exactly this name (case-sensitive), via the type index."""
        prefix = type_index_key(type_, name, b"")
        out = []
        for key in self._prefix_keys(self._tables.types, prefix):
            if len(key) != len(prefix) + NODE_KEY_SIZE:
                continue  # a longer name that merely starts the same way
            node = self._node_at(node_key_of_index_key(key))
            if node is not None and node.name == name:  # keys hold 200 characters
                out.append(node)
        return out

    @staticmethod
    def key_of(node_id: str) -> bytes:
        """The node key of an id (whether or not the node exists)."""
        return node_key(node_id)

    @staticmethod
    def indexed_name(name: str) -> str:
        """A name as index keys hold it (`type_entries` yields these)."""
        return name[:INDEXED_NAME_CHARS]

    def keys_named(self, type_: str, name: str) -> list[bytes]:
        """Node keys of one type and name from the type index, nothing decoded (names
        longer than 200 characters compare cut: a caller may get a few more)."""
        prefix = type_index_key(type_, name, b"")
        return [
            node_key_of_index_key(key)
            for key in self._prefix_keys(self._tables.types, prefix)
            if len(key) == len(prefix) + NODE_KEY_SIZE
        ]

    def type_entries(self, type_: str) -> Iterator[tuple[str, bytes]]:
        """(name, node key) of every node of a type, from index keys (no decoding).

        Names longer than 200 characters come back cut to 200.
        """
        for key in self._prefix_keys(self._tables.types, type_prefix(type_)):
            yield name_of_type_key(key), node_key_of_index_key(key)

    def is_called(self, name: str) -> bool:
        """Whether any CALL node in the graph has this name (one lookup)."""
        return self.txn.get(call_name_key(name), db=self._tables.callnames) is not None

    def names_of_type(self, type_: str) -> set[str]:
        """Distinct names of one node type, from index keys alone (no decoding).

        Names longer than 200 characters come back cut to 200.
        """
        raw: set[bytes] = set()
        for key in self._prefix_keys(self._tables.types, type_prefix(type_)):
            raw.add(name_bytes_of_type_key(key))
        return {name.decode("utf-8", "surrogatepass") for name in raw}

    def count_of_type(self, type_: str) -> int:
        return sum(1 for _ in self._prefix_keys(self._tables.types, type_prefix(type_)))

    def context_nodes(self, context: str) -> list[Node]:
        """The nodes a context (a file, or an enrichment shard) owns, in commit order."""
        raw = self.txn.get(text_key(context), db=self._tables.owner)
        if raw is None:
            return []
        out = []
        for key in decode_owned(raw).node_keys:
            node = self._node_at(key)
            if node is not None:
                out.append(node)
        return out

    def context_nodes_reusing(
        self, context: str, known: dict[bytes, Node]
    ) -> tuple[list[Node], dict[bytes, Node]]:
        """`context_nodes`, taking each node whose record is byte for byte one in
        `known` (what this returned for an earlier revision) from there instead of
        decoding it; and this revision's record -> node map, for the next call.

        An edit changes a few of a big file's records: the rest need no decoding
        (Django's query.py: 1,600 nodes, 7 ms to decode). The nodes are shared
        with the earlier result, so callers must not mutate them.
        """
        raw = self.txn.get(text_key(context), db=self._tables.owner)
        if raw is None:
            return [], {}
        nodes_db = self._tables.nodes
        out: list[Node] = []
        records: dict[bytes, Node] = {}
        for key in decode_owned(raw).node_keys:
            data = self.txn.get(key, db=nodes_db)
            if data is None:
                continue
            node = known.get(data)
            if node is None:
                node = decode_node(data)
            records[data] = node
            out.append(node)
        return out, records

    def context_nodes_of_kinds(self, context: str, kinds: frozenset[str]) -> list[Node]:
        """The nodes a context owns whose id's kind (`a.py->CLASS->A`: CLASS) is in `kinds`,
        in commit order; the others are not decoded (a file's definitions among its
        calls, imports and variables)."""
        raw = self.txn.get(text_key(context), db=self._tables.owner)
        if raw is None:
            return []
        nodes_db = self._tables.nodes
        out = []
        for key in decode_owned(raw).node_keys:
            data = self.txn.get(key, db=nodes_db)
            if data is None:
                continue
            parts = stored_node_id(data).split("->", 2)
            if len(parts) > 1 and parts[1] in kinds:
                out.append(decode_node(data))
        return out

    def nodes_in_file(self, file: str) -> list[Node]:
        return self.context_nodes(file)

    def context_edge_keys(self, context: str) -> list[bytes]:
        """The `out` keys of the edges a context owns (nothing decoded)."""
        raw = self.txn.get(text_key(context), db=self._tables.owner)
        return decode_owned(raw).edge_keys if raw is not None else []

    def context_edges(self, context: str) -> list[Edge]:
        raw = self.txn.get(text_key(context), db=self._tables.owner)
        if raw is None:
            return []
        out = []
        for out_key in decode_owned(raw).edge_keys:
            edge = self._edge_from_out_key(out_key)
            if edge is not None:
                out.append(edge)
        return out

    def context_edge_ends(self, context: str, type_: str) -> list[tuple[str, str]]:
        """(src, dst) of the edges of one type a context owns, in `context_edges`'
        order (tombstones filtered the same way; attributes not read)."""
        raw = self.txn.get(text_key(context), db=self._tables.owner)
        if raw is None:
            return []
        code = edge_type_code(type_)
        out = []
        ids: dict[bytes, str | None] = {}
        for out_key in decode_owned(raw).edge_keys:
            if out_key[NODE_KEY_SIZE] != code:
                continue
            src = self._id_at(out_key[:NODE_KEY_SIZE])
            if src is None:
                continue
            far = out_key[NODE_KEY_SIZE + 1 :]
            if far in ids:
                dst = ids[far]
            else:
                dst = ids[far] = self._id_at(far)
            if dst is not None:
                out.append((src, dst))
        return out

    def contexts(self, prefix: str = "") -> Iterator[str]:
        for key in self._prefix_keys(self._tables.owner, text_key(prefix)):
            yield text_of_key(key)

    def search_names(self, prefix: str, limit: int = 100) -> list[Node]:
        """Named definitions whose name starts with `prefix` (case-insensitive)."""
        out: list[Node] = []
        for key in self._prefix_keys(self._tables.names, name_search_prefix(prefix)):
            node = self._node_at(node_key_of_index_key(key))
            if node is not None:
                out.append(node)
                if len(out) >= limit:
                    break
        return out

    def names(self) -> Iterator[tuple[str, bytes]]:
        """(lower-cased name, node key) for every named definition: for fuzzy search."""
        with self.txn.cursor(db=self._tables.names) as cur:
            for key in cur.iternext(keys=True, values=False):
                yield name_of_name_key(key), node_key_of_index_key(key)

    def node_by_key(self, key: bytes) -> Node | None:
        return self._node_at(key)

    # -- edges ------------------------------------------------------------------

    def _id_at(self, key: bytes) -> str | None:
        """The id of the node stored under `key` (its record is not decoded), None if gone."""
        raw = self.txn.get(key, db=self._tables.nodes)
        return stored_node_id(raw) if raw is not None else None

    def _edge_from_out_key(self, out_key: bytes, value: bytes | None = None) -> Edge | None:
        src = self._id_at(near_node_key(out_key))
        dst = self._id_at(far_node_key(out_key))
        if src is None or dst is None:
            return None  # tombstone filtering: an endpoint is gone
        if value is None:
            value = self.txn.get(out_key, db=self._tables.out)
        attrs = decode_edge_attrs(value) if value is not None else None
        return Edge(src, edge_type_of(out_key), dst, attrs)

    def _parent_edge(self, key: bytes, codes: set[int] | None) -> Edge | None:
        """The structural edge into a node, read from its record (records.py): such
        edges have no reverse-index entry. None for a module, or a type not in `codes`."""
        raw = self.txn.get(key, db=self._tables.nodes)
        if raw is None:
            return None
        parent = stored_parent(raw)
        if parent is None or (codes is not None and parent[1] not in codes):
            return None
        parent_key, code = parent
        return self._edge_from_out_key(parent_key + bytes([code]) + key)

    def edges_out(self, node_id: str, type_: str | None = None) -> list[Edge]:
        prefix = edge_prefix(node_key(node_id), type_)
        out = []
        with self.txn.cursor(db=self._tables.out) as cur:
            if cur.set_range(prefix):
                for out_key, value in cur:
                    if not out_key.startswith(prefix):
                        break
                    edge = self._edge_from_out_key(out_key, value)
                    if edge is not None:
                        out.append(edge)
        return out

    def edges_in(self, node_id: str, type_: str | None = None) -> list[Edge]:
        key = node_key(node_id)
        prefix = edge_prefix(key, type_)
        out = []
        if type_ is None or type_ in STRUCTURAL_EDGES:
            parent = self._parent_edge(key, None if type_ is None else {edge_type_code(type_)})
            if parent is not None:
                out.append(parent)
        for in_key in self._prefix_keys(self._tables.incoming, prefix):
            edge = self._edge_from_out_key(reverse_edge_key(in_key))
            if edge is not None:
                out.append(edge)
        return out

    def has_incoming(self, node_id: str, types: Iterable[str]) -> bool:
        """Whether any visible edge of these types points at the node (no decoding)."""
        return self.has_incoming_key(node_key(node_id), types)

    def count_incoming(self, node_id: str, type_: str) -> int:
        """How many visible edges of a type point at a node, without decoding them."""
        key = node_key(node_id)
        structural = 0
        if type_ in STRUCTURAL_EDGES:
            structural = int(self._parent_edge(key, {edge_type_code(type_)}) is not None)
        return structural + len(self._incoming_sources(key, type_))

    def incoming_source_keys(self, key: bytes, type_: str) -> list[bytes]:
        """The keys of the nodes with a visible edge of a (non-structural) type into the
        node under `key`, nothing decoded (walks that need only ids, files and parents)."""
        return self._incoming_sources(key, type_)

    def _incoming_sources(self, key: bytes, type_: str) -> list[bytes]:
        """The sources of the visible `type_` edges into the node under `key` (from the
        `in` index; a source is looked up only where it may be gone)."""
        nodes_db = self._tables.nodes
        sources = [
            far_node_key(in_key)
            for in_key in self._prefix_keys(self._tables.incoming, edge_prefix(key, type_))
        ]
        unenriched = self._unenriched_prefixes
        if (
            unenriched is None
            or type_ in GLOBAL_SHARD_EDGES
            or self.txn.get(key, db=nodes_db) is None
        ):
            # Unknown, or a kind of edge the list says nothing about, or into a
            # node that is gone itself: look every source up.
            return [src for src in sources if self.txn.get(src, db=nodes_db) is not None]
        return [
            src
            for src in sources
            if src[:FILE_KEY_PREFIX_SIZE] not in unenriched
            or self.txn.get(src, db=nodes_db) is not None
        ]

    @cached_property
    def _unenriched_prefixes(self) -> frozenset[bytes] | None:
        """The key prefixes of the files not enriched since their last change (None: unknown)."""
        raw = self.txn.get(user_meta_key(UNENRICHED_FILES_META), db=self._tables.meta)
        files = unpack(raw) if raw is not None else None
        if not isinstance(files, list):
            return None
        return frozenset(file_key_prefix(str(f)) for f in files)

    def id_at(self, key: bytes) -> str | None:
        """The id of the node under a node key (its record is not decoded), None if gone."""
        return self._id_at(key)

    def parent_key(self, key: bytes) -> bytes | None:
        """The key of the node that structurally contains the node under `key` (read from
        its record without building a Node), None for a module or a node that is gone."""
        raw = self.txn.get(key, db=self._tables.nodes)
        parent = stored_parent(raw) if raw is not None else None
        return parent[0] if parent is not None else None

    def has_incoming_key(self, prefix: bytes, types: Iterable[str]) -> bool:
        """Like has_incoming, for a node key (or any prefix of `in` keys)."""
        types = list(types)
        codes = {edge_type_code(t) for t in types}
        nodes_db = self._tables.nodes
        if len(prefix) == NODE_KEY_SIZE and any(t in STRUCTURAL_EDGES for t in types):
            structural = {edge_type_code(t) for t in types if t in STRUCTURAL_EDGES}
            if self._parent_edge(prefix, structural) is not None:
                return True
        for in_key in self._prefix_keys(self._tables.incoming, prefix):
            if (
                edge_code_of(in_key) in codes
                and self.txn.get(far_node_key(in_key), db=nodes_db) is not None
            ):
                return True
        return False

    def file_node_ids(self, file: str) -> Iterator[tuple[bytes, str]]:
        """(key, id) of every node of `file`, records not decoded: one range scan."""
        prefix = file_key_prefix(file)
        with self.txn.cursor(db=self._tables.nodes) as cur:
            if not cur.set_range(prefix):
                return
            for key, raw in cur.iternext():
                if not key.startswith(prefix):
                    return
                yield key, stored_node_id(raw)

    def context_edge_keys_but(self, context: str, drop: set[bytes]) -> list[bytes]:
        """The `out` keys of a context's edges but those into a node key in `drop`."""
        return [k for k in self.context_edge_keys(context) if far_node_key(k) not in drop]

    def edge_keys_from_file(self, file: str) -> list[bytes]:
        """The `out` keys of every edge whose source node is in `file` (visible or not).

        One range scan (node keys begin with their file): cheap enough to
        compare two revisions' keys and decode only the edges that differ.
        """
        return list(self._prefix_keys(self._tables.out, file_key_prefix(file)))

    def edge_by_key(self, out_key: bytes) -> Edge | None:
        """The edge of an `out` key, None if absent or hidden (an endpoint is gone)."""
        value = self.txn.get(out_key, db=self._tables.out)
        if value is None:
            return None
        return self._edge_from_out_key(out_key, value)

    def edges(self, type_: str | None = None) -> Iterator[Edge]:
        """Every visible edge (optionally of one type), in key order."""
        code = edge_type_code(type_) if type_ is not None else None
        with self.txn.cursor(db=self._tables.out) as cur:
            for out_key, value in cur:
                if code is not None and edge_code_of(out_key) != code:
                    continue
                edge = self._edge_from_out_key(out_key, value)
                if edge is not None:
                    yield edge

    # -- name uses ----------------------------------------------------------------------

    def user_contexts(self, file: str, names: Iterable[str] | None) -> set[str]:
        """Enrichment shards that looked up one of `names` in `file` (None: any name)."""
        contexts: set[bytes] = set()
        db = self._tables.uses
        prefixes = [use_prefix(file)] if names is None else [use_prefix(file, n) for n in names]
        with self.txn.cursor(db=db) as cur:
            for prefix in prefixes:
                if not cur.set_range(prefix):
                    continue
                for key, value in cur:
                    if not key.startswith(prefix):
                        break
                    contexts.add(value)
        return {text_of_key(c) for c in contexts}

    def users_of(self, file: str, names: Iterable[str] | None) -> set[str]:
        """Files whose enrichment looked up one of `names` in `file` (None: any name)."""
        files = {file_of_context(c) for c in self.user_contexts(file, names)}
        return {f for f in files if f}

    def context_uses(self, context: str) -> list[tuple[str, str]]:
        """The (file, name) uses a context's last commit recorded, sorted."""
        raw = self.txn.get(text_key(context), db=self._tables.context_uses)
        return unpack_uses(raw) if raw is not None else []

    def contexts_with_uses(self) -> Iterator[str]:
        """Every context that records name uses, in key order."""
        for key in self._prefix_keys(self._tables.context_uses, b""):
            yield text_of_key(key)

    # -- files and counts --------------------------------------------------------------

    def file(self, path: str) -> FileRecord | None:
        raw = self.txn.get(text_key(path), db=self._tables.files)
        return decode_file_record(path, raw) if raw is not None else None

    def summary(self, path: str) -> bytes | None:
        """A file's summary blob (analysis/summaries.py decodes it), None if it has none."""
        return self.txn.get(text_key(path), db=self._tables.summaries)

    def files(self) -> Iterator[FileRecord]:
        with self.txn.cursor(db=self._tables.files) as cur:
            for key, raw in cur:
                yield decode_file_record(text_of_key(key), raw)

    def counts(self) -> dict[str, int]:
        """Entry counts straight from LMDB's B-tree stats (no scan)."""
        stat = self.txn.stat
        return {
            "files": stat(self._tables.files)["entries"],
            "nodes": stat(self._tables.nodes)["entries"],
            "edges": stat(self._tables.out)["entries"],
        }

    # -- internals ------------------------------------------------------------------

    def _prefix_keys(self, db: lmdb._Database, prefix: bytes) -> Iterator[bytes]:
        with self.txn.cursor(db=db) as cur:
            if not cur.set_range(prefix):
                return
            for key in cur.iternext(keys=True, values=False):
                if not key.startswith(prefix):
                    return
                yield key
