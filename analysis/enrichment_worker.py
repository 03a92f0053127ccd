"""File-scoped enrichers run in the analysis worker processes.

A cold index or a large cycle (a branch switch) enriches thousands of files.
Enrichers are pure Python, so threads would share one core; instead each
enricher's files are split into chunks that the analysis pool's worker
processes enrich against their own read-only handle on the store (LMDB lets
readers in other processes see every commit the writer makes). A worker
returns the shards already encoded as store rows, pickled per chunk
(`EncodedChunk`), so the writer (the cycle's process) only writes them, and
decodes them a chunk at a time as it commits (`ChunkedShards`): an
enricher's whole output decoded is 56 MB of Python objects on Django.

Invariant: a worker never writes to the store, and computes exactly what the
enricher computes in-process for the same revision (the property test runs
cycles large enough to go parallel).
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from graphwarden.analysis import defaults
from graphwarden.analysis.checkpoints import checkpoint_file
from graphwarden.analysis.config import Settings
from graphwarden.analysis.dataflow.engine import bound_flow_cache
from graphwarden.analysis.enrichers import all_enricher_classes
from graphwarden.analysis.enrichers.base import Enricher, EnricherFileResult
from graphwarden.analysis.enrichers.name_uses import NameUse
from graphwarden.analysis.enrichers.workspace import in_enrichment_worker
from graphwarden.analysis.gc_pause import collector_paused, return_freed_memory
from graphwarden.analysis.store import (
    EdgeRow,
    NodeRow,
    encode_edges,
    encode_nodes,
    node_keys_by_id,
)
from graphwarden.analysis.store.graph_store import StoreReader
from graphwarden.analysis.store.mapped_pages import released_periodically

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EnrichTask:
    """One chunk of one enricher's files, for one worker."""

    store_path: str
    #: The workspace settings, pickled once per cycle (workers cache by digest).
    settings_blob: bytes
    enricher: str
    files: list[str]
    #: The revision the writer committed before asking: the worker must see it.
    revision: int


@dataclass
class EnrichedShard:
    """One file's result: store rows for its shard, or why the enricher failed there."""

    file: str
    node_rows: list[NodeRow]
    edge_rows: list[EdgeRow]
    error: str | None = None
    #: The names of other files the result was resolved against (name_uses.py).
    uses: list[NameUse] | None = None


@dataclass(frozen=True)
class EncodedChunk:
    """A task's results: the shards of the files it enriched, pickled in their
    order, and those of the files it failed on, as they are."""

    files: list[str]
    blob: bytes
    failed: list[EnrichedShard]


class ChunkedShards(Mapping[str, EnrichedShard]):
    """The shards of the files many chunks enriched (not those they failed on),
    decoded one chunk at a time: read in the order of the chunks' files, each
    chunk is unpickled once and let go when the next one is read."""

    def __init__(self, chunks: list[EncodedChunk]) -> None:
        self._chunks = chunks
        self._chunk_of = {f: i for i, c in enumerate(chunks) for f in c.files}
        self._decoded_at = -1
        self._decoded: dict[str, EnrichedShard] = {}

    def __getitem__(self, file: str) -> EnrichedShard:
        at = self._chunk_of[file]
        if at != self._decoded_at:
            shards: list[EnrichedShard] = pickle.loads(self._chunks[at].blob)
            self._decoded = {s.file: s for s in shards}
            self._decoded_at = at
        return self._decoded[file]

    def __contains__(self, file: object) -> bool:
        return file in self._chunk_of  # without decoding (Mapping's would)

    def __iter__(self) -> Iterator[str]:
        return iter(self._chunk_of)

    def __len__(self) -> int:
        return len(self._chunk_of)


def encode_result(file: str, result: EnricherFileResult) -> EnrichedShard:
    """An enricher's result for a file in the form the writer commits."""
    node_rows = encode_nodes(result.nodes, result.edges)
    edge_rows = encode_edges(result.edges, node_keys_by_id(node_rows), result.nodes)
    return EnrichedShard(file, node_rows, edge_rows, uses=list(result.uses))


# -- in the worker process -------------------------------------------------------------

_READERS: dict[str, StoreReader] = {}
_ENRICHERS: dict[tuple[bytes, str], Enricher] = {}


def _reader(path: str) -> StoreReader:
    reader = _READERS.get(path)
    if reader is not None:
        try:
            current = (reader.path / "data.mdb").stat().st_ino
        except OSError:
            current = -1
        if current != reader.inode:  # re-created (a re-index): the old mapping is stale
            reader.close()
            reader = None
    if reader is None:
        reader = _READERS[path] = StoreReader(path)
    return reader


def _enricher(settings_blob: bytes, name: str) -> Enricher:
    key = (hashlib.blake2b(settings_blob, digest_size=16).digest(), name)
    enricher = _ENRICHERS.get(key)
    if enricher is None:
        settings: Settings = pickle.loads(settings_blob)
        by_name = {cls.metadata.name: cls for cls in all_enricher_classes()}
        enricher = _ENRICHERS[key] = by_name[name](settings)
    return enricher


def enrich_chunk(task: EnrichTask) -> EncodedChunk:
    """Worker entry point: run one enricher over a chunk of files."""
    in_enrichment_worker()
    bound_flow_cache(defaults.WORKER_FLOW_CACHE_ENCODED_BYTES)
    enricher = _enricher(task.settings_blob, task.enricher)
    out: list[EnrichedShard] = []
    failed: list[EnrichedShard] = []
    reader = _reader(task.store_path)
    # The chunks of a big cycle read most of the store between them
    # (mapped_pages.py): it would all stay mapped in every worker.
    with released_periodically(reader.path / "data.mdb"), reader.snapshot() as snap:
        if snap.revision < task.revision:
            raise RuntimeError(
                f"worker sees revision {snap.revision}, the writer committed {task.revision}"
            )
        for file in task.files:
            checkpoint_file(f"enrich-{task.enricher}", file)
            with collector_paused():
                try:
                    result = enricher.process_file(file, snap)
                except Exception as exc:  # reported per file by the cycle, like in-process
                    log.exception("enricher %s failed on %s", task.enricher, file)
                    failed.append(EnrichedShard(file, [], [], f"{exc!r}"))
                    continue
                out.append(encode_result(file, result))
    chunk = EncodedChunk(
        [s.file for s in out], pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL), failed
    )
    del out
    return_freed_memory()
    return chunk
