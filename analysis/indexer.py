"""The analysis phase: read source files and run the front ends, in parallel.

Reading is defensive: a file deleted between discovery and read, an
unreadable file or a directory where a file was expected yields a skipped
analysis with the reason, never an exception. Many files are analysed in a
process pool (tree-sitter and our sweep are CPU-bound); a handful are done
in-process, where a pool would cost more than it saves.
"""

from __future__ import annotations

import dataclasses
import logging
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from graphwarden.analysis import defaults
from graphwarden.analysis.gc_pause import collector_paused, return_freed_memory
from graphwarden.analysis.generational_cache import GenerationalCache
from graphwarden.analysis.languages import analyse_bytes, content_digest, language_of
from graphwarden.analysis.languages.comment_edit import carried_over, comment_edit
from graphwarden.analysis.model import FileAnalysis, Node, NodeType, module_id
from graphwarden.analysis.safe_read import NotARegularFile, read_regular
from graphwarden.analysis.store import (
    EdgeRow,
    FileRecord,
    NodeRow,
    decode_node_rows,
    encode_edges,
    encode_nodes,
    node_keys_by_id,
)
from graphwarden.analysis.summaries import encode_summary

log = logging.getLogger(__name__)

TaskT = TypeVar("TaskT")
ResultT = TypeVar("ResultT")

#: Below this many files a process pool costs more than it saves.
PARALLEL_THRESHOLD = 64
_CHUNK = 32


@dataclass
class SourceFile:
    """A file's bytes and stat, or why it could not be read."""

    path: str
    data: bytes | None
    size: int = 0
    mtime_ns: int = 0
    error: str | None = None


def read_source(root: Path, rel: str) -> SourceFile:
    """A workspace file's bytes; never blocks (FIFOs and devices are refused)."""
    path = root / rel
    try:
        data, st = read_regular(path)
    except FileNotFoundError:
        return SourceFile(rel, None, error="deleted before it could be read")
    except IsADirectoryError:
        return SourceFile(rel, None, error="is a directory")
    except NotARegularFile as exc:
        reason = (
            "is a directory" if exc.kind == "a directory" else f"not a regular file: {exc.kind}"
        )
        return SourceFile(rel, None, error=reason)
    except OSError as exc:
        return SourceFile(rel, None, error=f"cannot read: {exc.strerror or exc}")
    return SourceFile(rel, data, st.st_size, st.st_mtime_ns)


def analyse_source(src: SourceFile, max_bytes: int) -> tuple[FileAnalysis, FileRecord]:
    """Analyse one read file; unreadable files become a skipped analysis."""
    language = language_of(src.path) or "unknown"
    if src.data is None:
        module = Node(module_id(src.path), NodeType.MODULE, src.path, src.path, (0, 0, 0, 0))
        module.attrs["skipped"] = src.error
        analysis = FileAnalysis(src.path, language, [module], [], [], skipped_reason=src.error)
        record = FileRecord(src.path, "", 0, 0, language, [], src.error)
        return analysis, record
    analysis = analyse_bytes(src.path, src.data, max_bytes)
    return analysis, _record(src, src.data, analysis)


def _record(src: SourceFile, data: bytes, analysis: FileAnalysis) -> FileRecord:
    return FileRecord(
        src.path,
        content_digest(data),
        src.size,
        src.mtime_ns,
        analysis.language,
        analysis.parse_errors,
        analysis.skipped_reason,
        analysis.suppressions,
    )


@dataclass
class EncodedAnalysis:
    """A file's analysis in the store's wire form, as workers send it back.

    Node records are packed and keys hashed in the worker: the process that
    owns the write transaction then unpickles bytes, not dataclasses (which
    cost it ~18 µs a node), and writes them as they are.
    """

    file: str
    language: str
    record: FileRecord
    node_rows: list[NodeRow]
    edge_rows: list[EdgeRow]
    #: What enrichers read of the file (analysis/summaries.py).
    summary: bytes

    def nodes(self) -> list[Node]:
        """Decode the nodes (only needed for incremental cycles: blast radius, canary)."""
        return decode_node_rows(self.node_rows)


def encode_analysis(analysis: FileAnalysis, record: FileRecord) -> EncodedAnalysis:
    node_rows = encode_nodes(analysis.nodes, analysis.edges)
    return EncodedAnalysis(
        analysis.file,
        analysis.language,
        record,
        node_rows,
        encode_edges(analysis.edges, node_keys_by_id(node_rows), analysis.nodes),
        encode_summary(analysis.file, analysis.nodes, analysis.flow),
    )


def _source(base: Path, rel: str, overlays: dict[str, bytes]) -> SourceFile:
    if rel in overlays:
        data = overlays[rel]
        return SourceFile(rel, data, len(data), 0)
    return read_source(base, rel)


def _analysed(src: SourceFile, max_bytes: int) -> tuple[FileAnalysis, EncodedAnalysis]:
    """A read file's analysis, and its encoding (the collector paused: see gc_pause)."""
    with collector_paused():
        analysis, record = analyse_source(src, max_bytes)
        return analysis, encode_analysis(analysis, record)


def _analyse_chunk(
    args: tuple[str, list[str], dict[str, bytes], int],
) -> list[EncodedAnalysis]:
    root, paths, overlays, max_bytes = args
    out = []
    base = Path(root)
    for rel in paths:
        out.append(_analysed(_source(base, rel, overlays), max_bytes)[1])
    return_freed_memory()
    return out


@dataclass(frozen=True)
class _Analysed:
    """A file's last analysis in this process, for the next edit of it."""

    data: bytes
    max_bytes: int
    analysis: FileAnalysis
    encoded: EncodedAnalysis


def _encode_moved(
    last: EncodedAnalysis, old: FileAnalysis, analysis: FileAnalysis, record: FileRecord
) -> EncodedAnalysis:
    """`analysis` encoded, given `old`'s encoding: `analysis` has the same ids, edges
    and flow, and keeps each node object whose position did not move."""
    moved = [
        i for i, (a, b) in enumerate(zip(analysis.nodes, old.nodes, strict=True)) if a is not b
    ]
    if not moved:
        # The records are the last ones, byte for byte.
        return dataclasses.replace(last, record=record)
    rows = list(last.node_rows)
    for i, row in zip(moved, encode_nodes([analysis.nodes[i] for i in moved], analysis.edges)):
        rows[i] = row
    summary = encode_summary(analysis.file, analysis.nodes, analysis.flow)
    return dataclasses.replace(last, record=record, node_rows=rows, summary=summary)


class _RecentAnalyses:
    """The in-process front end's memory of the files being edited: an edit inside a
    comment carries the last analysis over (languages/comment_edit.py) instead of
    analysing the file again, with the same records a fresh analysis makes."""

    def __init__(self) -> None:
        self._last: GenerationalCache[str, _Analysed] = GenerationalCache(
            defaults.RECENT_ANALYSES_FILES
        )

    def analyse(self, src: SourceFile, max_bytes: int) -> EncodedAnalysis:
        data = src.data
        last = self._last.get(src.path)
        if data is None or last is None or last.max_bytes != max_bytes or len(data) > max_bytes:
            return self._analysed(src, max_bytes)
        old = last.analysis
        edit = (
            None
            if old.parse_errors or old.skipped_reason
            else comment_edit(src.path, old.language, last.data, data)
        )
        if edit is None:
            return self._analysed(src, max_bytes)
        analysis = carried_over(old, edit)
        encoded = _encode_moved(last.encoded, old, analysis, _record(src, data, analysis))
        self._last.put(src.path, _Analysed(data, max_bytes, analysis, encoded))
        return encoded

    def _analysed(self, src: SourceFile, max_bytes: int) -> EncodedAnalysis:
        analysis, encoded = _analysed(src, max_bytes)
        if src.data is not None:
            self._last.put(src.path, _Analysed(src.data, max_bytes, analysis, encoded))
        return encoded


def _worker_started() -> None:
    # Ctrl-C in a terminal reaches the whole process group: the process that
    # owns the pool decides what happens (cancel the cycle, shut the pool
    # down); a worker printing its own KeyboardInterrupt traceback is noise.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class AnalysisPool:
    """Runs the front ends over many files, in worker processes when it pays."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or max(1, os.cpu_count() or 1)
        self._pool: ProcessPoolExecutor | None = None
        self._recent = _RecentAnalyses()

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # forkserver: safe to start from a process that already runs threads
            # (the language server), and workers start from a clean interpreter.
            method = (
                "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
            )
            # The forkserver (and spawn) start `python -c ...` in the current
            # directory, which is often the workspace: without this, Python
            # puts that directory first on the child's sys.path and a
            # workspace holding `multiprocessing/__init__.py` runs its code.
            # The variable is set for this whole process on purpose: every
            # later child (a forkserver restarted after a crash) needs it too.
            os.environ["PYTHONSAFEPATH"] = "1"
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context(method),
                initializer=_worker_started,
            )
        return self._pool

    def _drop_broken(self, pool: ProcessPoolExecutor) -> None:
        """Forget a pool one of whose workers died: it runs nothing any more."""
        if self._pool is pool:
            self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)

    def run_tasks(
        self,
        fn: Callable[[TaskT], ResultT],
        tasks: list[TaskT],
        cancelled: Callable[[], bool] | None = None,
    ) -> Iterator[ResultT]:
        """Run `fn` over `tasks` in the worker processes; yield each task's result, in order.

        A bounded window of tasks is in flight: when the caller (the writer)
        is slower than the workers, finished results wait in the workers, not
        in this process's heap. Stops early (cancelling what is queued) when
        `cancelled()` turns true; a worker's exception is raised here. A
        worker that died (killed: out of memory) raises `BrokenProcessPool`,
        and the pool is made afresh for the next call.
        """
        pool = self._executor()
        window = 2 * self.workers
        futures: deque[Future[ResultT]] = deque()
        pending = iter(tasks)
        try:
            for task in pending:
                futures.append(pool.submit(fn, task))
                if len(futures) >= window:
                    break
            while futures:
                if cancelled is not None and cancelled():
                    return
                try:
                    results = futures.popleft().result()
                except BrokenProcessPool:
                    self._drop_broken(pool)
                    raise
                for task in pending:
                    futures.append(pool.submit(fn, task))
                    break
                yield results
        finally:
            for fut in futures:
                fut.cancel()

    def analyse(
        self,
        root: Path,
        paths: Iterable[str],
        overlays: dict[str, bytes] | None = None,
        max_bytes: int = defaults.MAX_FILE_BYTES,
        on_file: Callable[[int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Iterator[EncodedAnalysis]:
        """Yield each path's encoded analysis, in the order of `paths` (the writer commits so)."""
        paths = list(paths)
        overlays = overlays or {}
        if len(paths) < PARALLEL_THRESHOLD or self.workers <= 1:
            for rel in paths:
                if cancelled is not None and cancelled():
                    return
                yield self._recent.analyse(_source(root, rel, overlays), max_bytes)
                if on_file:
                    on_file(1)
            return
        tasks = [
            (str(root), chunk, {p: overlays[p] for p in chunk if p in overlays}, max_bytes)
            for chunk in (paths[i : i + _CHUNK] for i in range(0, len(paths), _CHUNK))
        ]
        for results in self.run_tasks(_analyse_chunk, tasks, cancelled):
            yield from results
            if on_file:
                on_file(len(results))

    @property
    def running(self) -> bool:
        """Whether worker processes are up (a big cycle started them)."""
        return self._pool is not None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
