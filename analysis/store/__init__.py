"""The LMDB graph store (see graph_store.py for the layout and invariants)."""

from analysis.store.delta import CommitDelta
from analysis.store.graph_store import (
    DEFAULT_STORE_DIR,
    ENRICHMENT_PREFIX,
    SCHEMA_VERSION,
    Batch,
    FileRecord,
    GraphStore,
    Snapshot,
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
    "FileRecord",
    "GraphStore",
    "Snapshot",
    "enrichment_context",
    "file_of_context",
    "global_context",
    "node_key",
]
