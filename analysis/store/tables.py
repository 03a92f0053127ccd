"""The named databases ("tables") of a store's LMDB environment, and the meta keys.

Why this module exists: the writer, the snapshot and the environment all
reach the same databases. Naming them once, as typed fields, means a
misspelt table is an attribute error at import time rather than a KeyError
in the middle of a commit. What each table holds is documented in the
package docstring (analysis/store/__init__.py).

Invariant: the database names below are persisted (they are keys of the
environment's main database); renaming one orphans its data.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import lmdb

from graphwarden.analysis.model import EdgeType
from graphwarden.analysis.store.records import unpack_int

#: Persisted database names, in the order they are opened.
TABLE_NAMES = (
    "nodes",
    "out",
    "in",
    "owner",
    "refs",
    "names",
    "types",
    "callnames",
    "files",
    "meta",
    "summaries",
    "uses",
    "ctxuses",
)

# Keys of the `meta` table.
SCHEMA_KEY = b"schema"
#: The analysis build that made the records (build_id.py).
BUILD_KEY = b"analysis_build"
REVISION_KEY = b"revision"
#: Bumped only when a file is added or removed (see Snapshot.files_generation).
FILES_GENERATION_KEY = b"files_generation"


#: The `set_meta` entry listing the files whose nodes a commit changed since
#: their enrichment last completed (the cycle keeps it: analysis/cycle/run.py);
#: absent when unknown. An edge whose source node is in a file it does not
#: list has that source (every edge a file's context or enrichment shard owns
#: leaves a node of that file), so `Snapshot` skips the tombstone lookup for
#: it; edges of a global shard (`GLOBAL_SHARD_EDGES`) are always looked up.
UNENRICHED_FILES_META = "unenriched_files"
#: The `set_meta` entry listing the enricher failures still standing
#: (`EnricherFailure.to_json` rows, in order): a failure stays listed until
#: that enricher runs on that file again (analysis/cycle/run.py), so a command
#: run later at the same revision still says its results are incomplete.
ENRICHER_FAILURES_META = "enricher_failures"
#: The `set_meta` entry listing the entries whose data flow stopped at its
#: statement budget (`StoppedAnalysis.to_json` rows, by file and line), kept
#: by the cycle from the files the dataflow enricher ran on, so that `check`
#: and the language server read one record rather than every file's shard.
ANALYSIS_STOPPED_META = "analysis_stopped"
#: The edge types global shards write (the unreferenced pass): their sources
#: are in any file, so the list above says nothing about them. A test checks
#: this against what the registry's global enrichers produce.
GLOBAL_SHARD_EDGES = frozenset({EdgeType.UNREFERENCED})


def user_meta_key(key: str) -> bytes:
    """Where GraphStore.set_meta keeps a caller's entry (apart from the store's own)."""
    return b"x:" + key.encode()


@dataclass(frozen=True, slots=True)
class Tables:
    """Handles of the open databases; fields in TABLE_NAMES order."""

    nodes: lmdb._Database
    out: lmdb._Database
    incoming: lmdb._Database  # the `in` table (`in` is a keyword)
    owner: lmdb._Database
    refs: lmdb._Database
    names: lmdb._Database
    types: lmdb._Database
    callnames: lmdb._Database
    files: lmdb._Database
    meta: lmdb._Database
    #: File path -> the file's summary blob (analysis/summaries.py).
    summaries: lmdb._Database
    #: Who looks up which name of which file (enrichers/name_uses.py).
    uses: lmdb._Database
    #: Context -> the name uses its last commit recorded (the `ctxuses` table).
    context_uses: lmdb._Database

    @classmethod
    def open(cls, env: lmdb.Environment) -> Tables:
        return cls(*(env.open_db(name.encode()) for name in TABLE_NAMES))

    @classmethod
    def open_existing(cls, env: lmdb.Environment) -> Tables:
        """The tables of a read-only environment (they must exist already).

        No transaction is passed on purpose: a handle opened inside a read
        transaction closes when that transaction ends.
        """
        return cls(*(env.open_db(name.encode(), create=False) for name in TABLE_NAMES))

    def all(self) -> tuple[lmdb._Database, ...]:
        return tuple(getattr(self, f.name) for f in fields(self))


def read_counter(txn: lmdb.Transaction[bytes], db: lmdb._Database, key: bytes) -> int:
    """An integer entry that counts from 0 (absent means 0)."""
    raw = txn.get(key, db=db)
    return unpack_int(raw) if raw is not None else 0
