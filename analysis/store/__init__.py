"""The LMDB graph store: atomic per-context commits, deltas, snapshots, indexes.

The graph is stored in "contexts": a workspace file, or one enricher's
shard for a file (or its global shard). A commit replaces what some
contexts own, all in one write transaction; readers take a Snapshot of one
revision.

Modules (each one job; every other module imports from this package):

==============  ===============================================================
keys.py         the byte keys of every table, and context names
records.py      the values: msgpack records (NodeRecord, FileRecord,
                OwnedKeys), and the rows analysis workers send the writer
tables.py       the named databases and the keys of `meta`
writer.py       Batch, and BatchWriter: one write transaction's body
snapshot.py     Snapshot: the read API, with tombstone filtering
graph_store.py  GraphStore: the environment, schema check, commits, meta
delta.py        CommitDelta: what a commit changed
==============  ===============================================================

Layout (named databases in one environment):

=========  ===========================================  ==========================
database   key                                          value
=========  ===========================================  ==========================
nodes      node key (16 bytes: 8 hash the file,         msgpack NodeRecord
           8 the semantic id)
out        src key + edge type code + dst key           msgpack edge attrs or b""
in         dst key + edge type code + src key           b""
owner      context name (utf-8)                         msgpack [node keys, edge keys]
refs       node key or out-edge key                     extra owner count (int)
names      lower-cased name + NUL + node key            b""
types      node type code + name + NUL + node key       b""
callnames  a CALL node's name                           number of CALL nodes with it
files      workspace-relative path (utf-8)              msgpack file record
meta       b"schema", b"revision", b"files_generation"  msgpack int
           b"x:" + a caller's key (GraphStore.set_meta)  any msgpack value
summaries  workspace-relative path (utf-8)              the file's summary blob
                                                        (analysis/summaries.py)
uses       8-byte hashes of a file, a name, a context   the context's name (utf-8)
ctxuses    context name (utf-8)                         msgpack [[file, name], ...]
=========  ===========================================  ==========================

`uses` is the reverse index of name-level dependencies: which enrichment
shards looked up which name of which file (analysis/enrichers/name_uses.py);
`ctxuses` lists each shard's own, so a commit can replace them.

Names in index keys are cut to 200 characters. `names` holds definitions
and exports only; `types` every node.

Invariants:

* Every key a context lists in `owner` exists; a key owned by more than one
  context has `refs` = owners - 1, and disappears only with its last owner.
* An edge is visible to readers only if both endpoints exist (tombstone
  filtering), so a half-finished cycle never shows a dangling edge.
* One write transaction per `commit`: readers see the revision before or the
  revision after, never a mix. A process killed mid-commit leaves the
  previous revision (LMDB's copy-on-write B-trees).
* Keys and records are the on-disk format: changing either bumps
  SCHEMA_VERSION, and an older store is rebuilt, not read.
"""

from graphwarden.analysis.store.delta import CommitDelta
from graphwarden.analysis.store.graph_store import (
    DEFAULT_STORE_DIR,
    SCHEMA_VERSION,
    ForeignStoreError,
    GraphStore,
    StoreWriteError,
)
from graphwarden.analysis.store.keys import (
    ENRICHMENT_PREFIX,
    enricher_and_file,
    enrichment_context,
    file_of_context,
    global_context,
    key_order,
    node_key,
)
from graphwarden.analysis.store.records import (
    EdgeRow,
    FileRecord,
    NodeRow,
    decode_node_rows,
    encode_edges,
    encode_nodes,
    node_keys_by_id,
)
from graphwarden.analysis.store.snapshot import Snapshot
from graphwarden.analysis.store.writer import Batch

__all__ = [
    "DEFAULT_STORE_DIR",
    "ENRICHMENT_PREFIX",
    "SCHEMA_VERSION",
    "Batch",
    "CommitDelta",
    "EdgeRow",
    "FileRecord",
    "ForeignStoreError",
    "GraphStore",
    "NodeRow",
    "Snapshot",
    "StoreWriteError",
    "decode_node_rows",
    "encode_edges",
    "encode_nodes",
    "enricher_and_file",
    "enrichment_context",
    "file_of_context",
    "global_context",
    "key_order",
    "node_key",
    "node_keys_by_id",
]
