"""SpeculativeStore: a cycle's commits written into one write transaction that is aborted.

Why this module exists: an agent asks what a change *would* do (the
guarantee results of a session's edits) without the change reaching the
store. The cycle runs unchanged against this store: its commits go into one
LMDB write transaction, its snapshots read that transaction (so each stage
sees the stages before it), and `abort` throws everything away. Readers in
other processes and the store's revision never see any of it: an aborted
LMDB transaction leaves no trace.

Invariants:

* Nothing is ever committed: `abort` (or leaving the `with` block) ends the
  transaction; no method commits it.
* Revisions and files generations this store hands out are unique and never
  a real one (they count up from `SPECULATIVE_BASE`), so a
  cache keyed by (store, revision) or (store, generation) never takes a
  speculative state for a real one or for another speculation.
* While it is open it holds LMDB's writer lock: other writers wait (the
  caller also holds the cycle lock, so no cycle is half-way through).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

import lmdb

from graphwarden.analysis.store.delta import CommitDelta
from graphwarden.analysis.store.graph_store import GraphStore, merge_parts, write_batches
from graphwarden.analysis.store.keys import text_key
from graphwarden.analysis.store.mapped_pages import release_mapped_pages
from graphwarden.analysis.store.records import FileRecord, encode_file_record, pack, unpack
from graphwarden.analysis.store.snapshot import Snapshot
from graphwarden.analysis.store.tables import (
    FILES_GENERATION_KEY,
    REVISION_KEY,
    Tables,
    read_counter,
    user_meta_key,
)
from graphwarden.analysis.store.writer import Batch

#: Speculative revisions and generations start here: far above any real one.
SPECULATIVE_BASE = 1 << 48

_counter = itertools.count(SPECULATIVE_BASE)
_counter_lock = threading.Lock()


def _unique() -> int:
    with _counter_lock:
        return next(_counter)


class SpeculativeStore:
    """The store a what-if cycle runs against: a real store's state plus uncommitted writes.

    Use from one thread, as a context manager; the transaction is aborted on exit.
    """

    def __init__(self, store: GraphStore) -> None:
        #: Caches keyed by store start from the real store's entry (enrichers/workspace.py).
        self.cache_parent: GraphStore = store
        self.path: Path = store.path
        self.env: lmdb.Environment = store.env
        self.tables: Tables = store.tables
        #: The real store's revision this speculation starts from.
        self.base_revision = store.revision
        self._txn: lmdb.Transaction[bytes] | None = store.env.begin(write=True, buffers=False)

    def __enter__(self) -> SpeculativeStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.abort()

    @property
    def txn(self) -> lmdb.Transaction[bytes]:
        if self._txn is None:
            raise lmdb.Error("the speculative store was aborted")
        return self._txn

    def abort(self) -> None:
        """Throw away everything written (idempotent)."""
        if self._txn is not None:
            self._txn.abort()
            self._txn = None

    # -- what the cycle uses of a store ----------------------------------------------

    def snapshot(self) -> Snapshot:
        """A view of the real revision with this speculation's writes on top."""
        return Snapshot(self, self.txn)

    @property
    def revision(self) -> int:
        return read_counter(self.txn, self.tables.meta, REVISION_KEY)

    def commit(
        self,
        batches: Iterable[Batch],
        per_batch: list[CommitDelta] | None = None,
        track_ids: bool = True,
    ) -> CommitDelta:
        """Like `GraphStore.commit`, into the open transaction, with a speculative revision."""
        parts, files_changed = write_batches(self.txn, self.tables, list(batches), track_ids)
        meta = self.tables.meta
        revision = _unique()
        self.txn.put(REVISION_KEY, pack(revision), db=meta)
        if files_changed:
            self.txn.put(FILES_GENERATION_KEY, pack(_unique()), db=meta)
        return merge_parts(CommitDelta(track_ids=track_ids), parts, revision, per_batch)

    def put_file_records(self, records: Iterable[FileRecord]) -> None:
        for rec in records:
            self.txn.put(text_key(rec.path), encode_file_record(rec), db=self.tables.files)

    def release_mapped_pages(self, why: str = "") -> int:
        """As `GraphStore.release_mapped_pages` (this speculation's own writes
        are in its transaction, in the heap)."""
        return release_mapped_pages(self.path / "data.mdb", why)

    def get_meta(self, key: str, default: object = None) -> object:
        raw = self.txn.get(user_meta_key(key), db=self.tables.meta)
        return unpack(raw) if raw is not None else default

    def set_meta(self, key: str, value: object) -> None:
        self.txn.put(user_meta_key(key), pack(value), db=self.tables.meta)

    def sync(self) -> None:
        """Nothing to flush: nothing is ever committed."""
