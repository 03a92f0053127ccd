"""Measuring a process tree and a store: shared by the benchmark scripts.

Memory is reported two ways. RSS summed over processes counts the pages of
the memory-mapped store (and shared libraries) once per process that touched
them; PSS (proportional set size, from /proc/PID/smaps_rollup) divides each
shared page among the processes sharing it, so the sum over a tree is the
memory the tree really uses. The budget in DESIGN.md is PSS over all
processes together.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path


def tree_pids(pid: int) -> list[int]:
    """A process and all its descendants (threads' children included)."""
    out = []
    todo = [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return out


def _field_kb(path: str, name: str) -> int:
    try:
        with open(path) as fh:
            for line in fh:
                if line.startswith(name):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0


def rss_kb(pid: int) -> int:
    return _field_kb(f"/proc/{pid}/status", "VmRSS:")


def pss_kb(pid: int) -> int:
    return _field_kb(f"/proc/{pid}/smaps_rollup", "Pss:")


def pss_anon_kb(pid: int) -> int:
    """The anonymous part of a process's PSS: its heap, not the files it maps
    (the store's pages a process maps count in its PSS, and stay in the page
    cache once unmapped)."""
    return _field_kb(f"/proc/{pid}/smaps_rollup", "Pss_Anon:")


_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds a process has used so far (None: it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / _TICKS


@dataclass
class MemoryPeaks:
    """Peaks seen while sampling (KiB)."""

    main_rss: int = 0
    main_pss: int = 0
    tree_rss: int = 0
    tree_pss: int = 0
    tree_pss_anon: int = 0
    processes: int = 0
    #: Per process: the CPU seconds (user + system) last seen.
    cpu: dict[int, float] = field(default_factory=dict)

    @property
    def cpu_seconds(self) -> float:
        """CPU time of the whole tree (sampled: a process's last interval is lost)."""
        return sum(self.cpu.values())

    def as_mb(self) -> dict[str, float | int]:
        return {
            "peak_pss_mb_all_processes": round(self.tree_pss / 1024, 1),
            "peak_pss_mb_main_process": round(self.main_pss / 1024, 1),
            "peak_pss_anon_mb_all_processes": round(self.tree_pss_anon / 1024, 1),
            "peak_rss_mb_all_processes_summed": round(self.tree_rss / 1024, 1),
            "peak_rss_mb_main_process": round(self.main_rss / 1024, 1),
            "max_processes": self.processes,
        }


@contextmanager
def sample_memory(pid: int, interval: float = 0.05) -> Iterator[MemoryPeaks]:
    """Sample the tree under `pid` in a thread until the block ends."""
    peaks = MemoryPeaks()
    done = threading.Event()

    def run() -> None:
        while not done.is_set():
            pids = tree_pids(pid)
            peaks.processes = max(peaks.processes, len(pids))
            peaks.main_rss = max(peaks.main_rss, rss_kb(pid))
            peaks.main_pss = max(peaks.main_pss, pss_kb(pid))
            peaks.tree_rss = max(peaks.tree_rss, sum(rss_kb(p) for p in pids))
            peaks.tree_pss = max(peaks.tree_pss, sum(pss_kb(p) for p in pids))
            peaks.tree_pss_anon = max(peaks.tree_pss_anon, sum(pss_anon_kb(p) for p in pids))
            for p in pids:
                t = cpu_seconds(p)
                if t is not None:
                    peaks.cpu[p] = max(peaks.cpu.get(p, 0.0), t)
            done.wait(interval)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield peaks
    finally:
        done.set()
        thread.join()


def store_breakdown(store: Path) -> dict[str, object]:
    """Size of the store on disk, and how the pages split across its databases."""
    import lmdb

    data = store / "data.mdb"
    out: dict[str, object] = {"data_mdb_mb": round(data.stat().st_size / 2**20, 1)}
    env = lmdb.open(str(store), readonly=True, lock=False, max_dbs=64)
    try:
        dbs: dict[str, dict[str, int | float]] = {}
        with env.begin() as txn:
            names = [k for k, _ in txn.cursor()]
            for raw in names:
                try:
                    db = env.open_db(raw, txn=txn, create=False)
                except lmdb.Error:
                    continue
                st = txn.stat(db)
                pages = st["branch_pages"] + st["leaf_pages"] + st["overflow_pages"]
                dbs[raw.decode()] = {
                    "entries": st["entries"],
                    "mb": round(pages * st["psize"] / 2**20, 1),
                }
        out["databases"] = dict(sorted(dbs.items(), key=lambda kv: -float(kv[1]["mb"])))
        info = env.info()
        out["last_page_mb"] = round((info["last_pgno"] + 1) * env.stat()["psize"] / 2**20, 1)
    finally:
        env.close()
    return out


def wait_for_file(path: Path, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(path)
        time.sleep(0.01)
