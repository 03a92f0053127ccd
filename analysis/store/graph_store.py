"""GraphStore: one workspace's graph in an LMDB environment, and its lifecycle.

Why this module exists: it owns the environment. Opening (and refusing a
directory that is not ours), the schema check that rebuilds an outdated
store, the commit entry points that wrap BatchWriter in one write
transaction, the caller's meta entries and deleting the store all live
here; what the tables hold is described in the package docstring.

Invariants:

* One write transaction per `commit`: readers see the revision before or
  the revision after, never a mix. A process killed mid-commit leaves the
  previous revision (LMDB's copy-on-write B-trees).
* The `revision` meta entry grows by one per commit, and only there.
* A store whose schema differs from SCHEMA_VERSION, or that another build of
  the analysis made (build_id.py), is emptied and rebuilt, never read or
  mixed with this build's records: the store is a cache of the sources.
* An LMDB environment graphwarden did not create is never opened for writing.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

import lmdb

from graphwarden.analysis import defaults
from graphwarden.analysis.build_id import analysis_build_id
from graphwarden.analysis.checkpoints import checkpoint
from graphwarden.analysis.model import Edge, Node
from graphwarden.analysis.store.delta import CommitDelta
from graphwarden.analysis.store.keys import text_key
from graphwarden.analysis.store.mapped_pages import release_mapped_pages
from graphwarden.analysis.store.records import (
    FileRecord,
    encode_file_record,
    pack,
    unpack,
)
from graphwarden.analysis.store.snapshot import Snapshot
from graphwarden.analysis.store.tables import (
    BUILD_KEY,
    FILES_GENERATION_KEY,
    REVISION_KEY,
    SCHEMA_KEY,
    TABLE_NAMES,
    Tables,
    read_counter,
    user_meta_key,
)
from graphwarden.analysis.store.writer import Batch, BatchWriter

log = logging.getLogger(__name__)

#: Bump when the record layout or key scheme changes (keys.py, records.py,
#: tables.py): old stores are then rebuilt instead of misread. Other records
#: for the same bytes (a front end or a model changed) need no bump: the
#: store also records the analysis build that made it (build_id.py).
SCHEMA_VERSION = 14
DEFAULT_STORE_DIR = defaults.STORE_DIR

#: Written into a store directory when graphwarden creates it: an LMDB
#: environment without it belongs to another program and is never opened.
STORE_MARKER = "GRAPHWARDEN_STORE"
_MARKER_TEXT = "This directory is a graphwarden graph store (a cache; safe to delete).\n"
_GITIGNORE_TEXT = "*\n"


class ForeignStoreError(Exception):
    """The store directory holds an LMDB environment graphwarden did not create."""


class StoreWriteError(Exception):
    """A commit could not be written (disk full, read-only file system...).

    The transaction was aborted: the store holds the previous revision, and a
    later commit succeeds once the cause is gone.
    """


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
        #: Set when the store on disk was unreadable and was started afresh.
        self.rebuilt_reason: str | None = None
        try:
            self._open_checked(map_size)
        except (lmdb.Error, StoreCorruptError) as exc:
            # A truncated or damaged file: the store is a cache of the sources,
            # so start it afresh (once: a second failure is not caught).
            self.rebuilt_reason = f"{exc}"
            log.warning("graph store at %s is unreadable (%s): rebuilding it", self.path, exc)
            for name in ("data.mdb", "lock.mdb"):
                (self.path / name).unlink(missing_ok=True)
            self._open_checked(map_size)
        #: The data file this handle maps: a store deleted from under a running
        #: process leaves it writing to a file no one will read (see `on_disk`).
        self.inode = (self.path / "data.mdb").stat().st_ino

    def _open_checked(self, map_size: int) -> None:
        self.env = self._open(map_size)
        try:
            _check_file_size(self.env, self.path)
            self.tables = Tables.open(self.env)
            self._check_schema()
        except BaseException:
            self.env.close()
            raise

    def on_disk(self) -> bool:
        """Whether this handle's data file is still the store's (not deleted or replaced)."""
        try:
            return (self.path / "data.mdb").stat().st_ino == self.inode
        except OSError:
            return False

    def _open(self, map_size: int) -> lmdb.Environment:
        # sync=False: a killed process still leaves a consistent store (LMDB
        # never overwrites live pages); only an OS crash could lose the last
        # commits, and the store is a cache that rebuilds from the sources.
        return lmdb.open(
            str(self.path),
            map_size=map_size,
            max_dbs=len(TABLE_NAMES) + 1,
            sync=False,
            metasync=False,
            readahead=False,
            max_readers=256,
        )

    def _check_schema(self) -> None:
        meta = self.tables.meta
        with self.env.begin(write=True) as txn:
            raw = txn.get(SCHEMA_KEY, db=meta)
            found = unpack(raw) if raw is not None else None
            raw_build = txn.get(BUILD_KEY, db=meta)
            build = unpack(raw_build) if raw_build is not None else None
            if found == SCHEMA_VERSION and build == analysis_build_id():
                return
            if found is not None:
                if found != SCHEMA_VERSION:
                    log.warning(
                        "graph store at %s has schema %s, this graphwarden needs %s: rebuilding it",
                        self.path,
                        found,
                        SCHEMA_VERSION,
                    )
                else:
                    log.warning(
                        "graph store at %s was made by another build of graphwarden: rebuilding it",
                        self.path,
                    )
                revision = read_counter(txn, meta, REVISION_KEY)
                generation = read_counter(txn, meta, FILES_GENERATION_KEY)
                for db in self.tables.all():
                    txn.drop(db, delete=False)
                # Counters keep growing: nothing cached against an earlier
                # revision (module maps, rule results) is taken for the new graph.
                txn.put(REVISION_KEY, pack(revision + 1), db=meta)
                txn.put(FILES_GENERATION_KEY, pack(generation + 1), db=meta)
            else:
                txn.put(REVISION_KEY, pack(0), db=meta)
            txn.put(SCHEMA_KEY, pack(SCHEMA_VERSION), db=meta)
            txn.put(BUILD_KEY, pack(analysis_build_id()), db=meta)

    # -- reading ----------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        """A consistent read-only view of the latest committed revision."""
        return Snapshot(self)

    @property
    def revision(self) -> int:
        with self.env.begin() as txn:
            return read_counter(txn, self.tables.meta, REVISION_KEY)

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
        self,
        batches: Iterable[Batch],
        per_batch: list[CommitDelta] | None = None,
        track_ids: bool = True,
    ) -> CommitDelta:
        """Apply several context replacements in one write transaction: one revision.

        Returns the merged delta; if `per_batch` is given, it receives one
        delta per batch, in order (enrichment propagation needs them). With
        `track_ids` off the deltas count changed nodes without naming them
        (see CommitDelta).
        """
        batches = list(batches)
        delta = CommitDelta(track_ids=track_ids)
        try:
            with self.env.begin(write=True) as txn:
                parts, files_changed = write_batches(txn, self.tables, batches, track_ids)
                # Tests kill the process here: every batch written, nothing committed.
                checkpoint("commit")
                meta = self.tables.meta
                revision = read_counter(txn, meta, REVISION_KEY) + 1
                txn.put(REVISION_KEY, pack(revision), db=meta)
                if files_changed:
                    generation = read_counter(txn, meta, FILES_GENERATION_KEY) + 1
                    txn.put(FILES_GENERATION_KEY, pack(generation), db=meta)
        except lmdb.MapFullError:
            # The environment's map is full: double it and redo the whole
            # commit (the failed transaction was aborted, nothing was written).
            self.env.set_mapsize(self.env.info()["map_size"] * 2)
            return self.commit(batches, per_batch, track_ids)
        except lmdb.Error as exc:
            if _is_write_failure(exc):
                raise StoreWriteError(
                    f"cannot write the graph store at {self.path}: {_write_failure_cause(self.path, exc)} "
                    "(the previous revision is intact; the next run catches up)"
                ) from exc
            raise
        return merge_parts(delta, parts, revision, per_batch)

    def put_file_records(self, records: Iterable[FileRecord]) -> None:
        """Rewrite files-table rows only (a touched file whose content is unchanged)."""
        with self.env.begin(write=True) as txn:
            for rec in records:
                txn.put(text_key(rec.path), encode_file_record(rec), db=self.tables.files)

    def get_meta(self, key: str, default: object = None) -> object:
        """A caller's entry set with set_meta (any msgpack value), or `default`."""
        with self.env.begin() as txn:
            raw = txn.get(user_meta_key(key), db=self.tables.meta)
            return unpack(raw) if raw is not None else default

    def set_meta(self, key: str, value: object) -> None:
        """Keep a msgpack-able value under `key` (outside any revision: not versioned)."""
        with self.env.begin(write=True) as txn:
            txn.put(user_meta_key(key), pack(value), db=self.tables.meta)

    def sync(self) -> None:
        """Flush committed revisions to disk (called at the end of long work)."""
        self.env.sync(True)

    def clear_stale_readers(self) -> int:
        """Free the reader slots of processes that died without closing the store.

        Worker processes come and go (a pool replaced, a killed worker); LMDB
        keeps their slots until asked, and the table has `max_readers` of
        them: a session of many hours would run out. Returns how many were freed.
        """
        return int(self.env.reader_check())

    def release_mapped_pages(self, why: str = "") -> int:
        """Drop this process's mappings of the store's pages (store/mapped_pages.py;
        `why` logged at debug level); returns the bytes advised."""
        return release_mapped_pages(self.path / "data.mdb", why)

    def close(self) -> None:
        try:
            self.env.sync(True)
        finally:
            self.env.close()

    def clear(self) -> None:
        """Empty every table in one write transaction (a re-index from scratch).

        Unlike deleting the environment, a reader holding a snapshot keeps
        reading the revision it began on (LMDB's MVCC), and a reader arriving
        meanwhile gets the empty graph, never a closed environment. The revision
        and the files generation keep growing, so nothing cached against an
        earlier one (module maps, rule results) is taken for the new graph.
        """
        meta = self.tables.meta
        with self.env.begin(write=True) as txn:
            revision = read_counter(txn, meta, REVISION_KEY)
            generation = read_counter(txn, meta, FILES_GENERATION_KEY)
            for db in self.tables.all():
                txn.drop(db, delete=False)
            txn.put(SCHEMA_KEY, pack(SCHEMA_VERSION), db=meta)
            txn.put(BUILD_KEY, pack(analysis_build_id()), db=meta)
            txn.put(REVISION_KEY, pack(revision + 1), db=meta)
            txn.put(FILES_GENERATION_KEY, pack(generation + 1), db=meta)

    def destroy(self) -> None:
        """Delete the store from disk (re-index from scratch)."""
        self.env.close()
        shutil.rmtree(self.path, ignore_errors=True)


def write_batches(
    txn: lmdb.Transaction[bytes], tables: Tables, batches: list[Batch], track_ids: bool
) -> tuple[list[CommitDelta], bool]:
    """Write batches into an open write transaction: one delta per batch, and
    whether the set of files changed (the files generation must grow)."""
    files_changed = False
    parts: list[CommitDelta] = []
    for batch in batches:
        part = CommitDelta(track_ids=track_ids)
        writer = BatchWriter(txn, tables, part)
        writer.replace(batch)
        files_changed |= writer.files_changed
        parts.append(part)
    return parts, files_changed


def merge_parts(
    delta: CommitDelta, parts: list[CommitDelta], revision: int, per_batch: list[CommitDelta] | None
) -> CommitDelta:
    """The merged delta of one commit's batches, stamped with its revision."""
    for part in parts:
        part.revision = revision
        delta.merge(part)
    delta.revision = revision
    if per_batch is not None:
        per_batch.extend(parts)
    return delta


class StoreReader:
    """A read-only handle on an existing store, for processes that never write.

    Enrichment workers read snapshots while the one writer (the cycle's
    process) commits: LMDB lets readers in other processes see each commit as
    soon as it lands. Opened read-only, so nothing here can alter the store.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.env = lmdb.open(
            str(self.path),
            readonly=True,
            max_dbs=len(TABLE_NAMES) + 1,
            readahead=False,
            max_readers=256,
        )
        self.tables = Tables.open_existing(self.env)
        #: Which file this handle maps: a store re-created at the same path
        #: (a re-index) is a different file and needs a new handle.
        self.inode = (self.path / "data.mdb").stat().st_ino

    def snapshot(self) -> Snapshot:
        try:
            return Snapshot(self)
        except lmdb.MapResizedError:
            # The writer grew the map since this handle opened: adopt its size.
            self.env.set_mapsize(0)
            return Snapshot(self)

    def get_meta(self, key: str, default: object = None) -> object:
        with self.env.begin() as txn:
            raw = txn.get(user_meta_key(key), db=self.tables.meta)
            return unpack(raw) if raw is not None else default

    def set_meta(self, key: str, value: object) -> None:
        raise PermissionError(f"{self.path} is open read-only")

    def release_mapped_pages(self, why: str = "") -> int:
        """As `GraphStore.release_mapped_pages`. Safe while other threads read: a
        page they touch again comes back from the page cache."""
        return release_mapped_pages(self.path / "data.mdb", why)

    def close(self) -> None:
        self.env.close()


class StoreCorruptError(Exception):
    """The data file is shorter than its own metadata says: truncated."""


def _check_file_size(env: lmdb.Environment, path: Path) -> None:
    """Refuse a truncated data file before any page beyond its end is mapped.

    Reading a page past the end of a memory-mapped file kills the process
    (SIGBUS); LMDB's meta pages record the last page used, so compare.
    """
    size = (path / "data.mdb").stat().st_size
    needed = (env.info()["last_pgno"] + 1) * env.stat()["psize"]
    if size < needed:
        raise StoreCorruptError(f"data.mdb is {size} bytes, its metadata needs {needed}")


def _is_write_failure(exc: lmdb.Error) -> bool:
    """An error of the file system under the store, not of LMDB's own logic."""
    if isinstance(exc, lmdb.DiskError):
        return True
    text = str(exc)
    return any(
        marker in text
        for marker in ("No space left", "Disk quota", "Read-only file system", "Input/output error")
    )


def _write_failure_cause(path: Path, exc: lmdb.Error) -> str:
    """Say what went wrong in the user's terms: LMDB reports a full disk as EIO."""
    try:
        free = shutil.disk_usage(path).free
    except OSError:
        free = None
    if free is not None and free < _NEARLY_FULL:
        return f"no space left on the device ({free // 1024} KiB free)"
    return str(exc)


#: Below this much free space a failed write is taken for a full disk.
_NEARLY_FULL = 1 << 20


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
