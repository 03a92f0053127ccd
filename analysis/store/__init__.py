"""The LMDB graph store (see graph_store.py for the layout and invariants)."""

from graphwarden.analysis.store.delta import CommitDelta
from graphwarden.analysis.store.graph_store import (
    DEFAULT_STORE_DIR,
    ENRICHMENT_PREFIX,
    SCHEMA_VERSION,
    Batch,
    EdgeRow,
    FileRecord,
    ForeignStoreError,
    GraphStore,
    NodeRow,
    Snapshot,
    decode_node_rows,
    encode_edges,
    encode_nodes,
    enrichment_context,
    file_of_context,
    global_context,
    node_key,
)

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
    "decode_node_rows",
    "encode_edges",
    "encode_nodes",
    "enrichment_context",
    "file_of_context",
    "global_context",
    "node_key",
]
