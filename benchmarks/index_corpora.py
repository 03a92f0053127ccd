"""Index benchmarks on the pinned real-world corpora.

For each corpus: files, nodes, edges, cold index wall time (all cores),
warm no-change time, peak memory of the whole process tree (main process plus
workers, sampled from /proc), and in the same run the bare
tree-sitter parse time of the same files on one core: the floor we compare
against.

    python benchmarks/index_corpora.py [--corpora DIR] [--only django,flask]

Memory is PSS (each shared page of the mapped store counted once) summed over
the process tree, and the main process alone; the store's size on disk is
broken down by database. The corpora come from benchmarks/fetch_corpora.sh
(default location ~/.cache/graphwarden-corpora). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import MemoryPeaks, sample_memory, store_breakdown

CORPORA = {
    "django": ".",
    "flask": ".",
    "webpack": "lib",
    "rxjs": "src",
}


def bare_parse_seconds(root: Path) -> tuple[int, float]:
    """Parse every indexed file with tree-sitter alone, one core, no analysis."""
    import tree_sitter as ts

    from graphwarden.analysis.discovery import discover
    from graphwarden.analysis.languages import javascript, python

    files = discover(root).files
    parsers = {
        "python": ts.Parser(python.LANGUAGE),
        "javascript": ts.Parser(javascript.DIALECTS["javascript"]),
        "typescript": ts.Parser(javascript.DIALECTS["typescript"]),
        "tsx": ts.Parser(javascript.DIALECTS["tsx"]),
    }
    datas = []
    for rel in files:
        data = (root / rel).read_bytes()
        if rel.endswith((".py", ".pyi")):
            key = "python"
        else:
            key = javascript.dialect_for(rel)
        datas.append((parsers[key], data))
    t0 = time.perf_counter()
    for parser, data in datas:
        parser.parse(data)
    return len(files), time.perf_counter() - t0


#: CPU seconds (user + system) of the last `run_index`, its workers included
#: (sampled from /proc): steadier than wall time on a shared machine.
LAST_CPU = [0.0]


def run_index(
    root: Path, store: Path, env: dict[str, str] | None = None
) -> tuple[dict, float, MemoryPeaks]:
    """Run `graphwarden index --json`; return (stats, wall seconds, memory peaks)."""
    cmd = [
        sys.executable,
        "-I",
        "-m",
        "graphwarden",
        "index",
        str(root),
        "--store",
        str(store),
        "--json",
    ]
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    with sample_memory(proc.pid) as peaks:
        out, err = proc.communicate()
    wall = time.perf_counter() - t0
    LAST_CPU[0] = peaks.cpu_seconds
    if proc.returncode != 0:
        raise SystemExit(f"index failed on {root}: {err}")
    return json.loads(out), wall, peaks


def bench(name: str, root: Path, repeat: int = 1) -> dict:
    files, parse_s = bare_parse_seconds(root)
    store = Path(tempfile.mkdtemp(prefix=f"gw-bench-{name}-"))
    # Data flow and taint against the same index without them (GRAPHWARDEN_NO_DATAFLOW:
    # no front-end flow facts, no dataflow enricher), alternating, best of `repeat`.
    no_flow_walls: list[float] = []
    cold_walls: list[float] = []
    no_flow_cpu: list[float] = []
    cold_cpu: list[float] = []
    try:
        for i in range(repeat):
            shutil.rmtree(store / f"plain{i}", ignore_errors=True)
            _plain, wall, _mem = run_index(
                root, store / f"plain{i}", {"GRAPHWARDEN_NO_DATAFLOW": "1"}
            )
            no_flow_walls.append(wall)
            no_flow_cpu.append(LAST_CPU[0])
            shutil.rmtree(store / f"plain{i}", ignore_errors=True)
            if i < repeat - 1:
                _c, wall, _mem = run_index(root, store / f"cold{i}")
                cold_walls.append(wall)
                cold_cpu.append(LAST_CPU[0])
                shutil.rmtree(store / f"cold{i}", ignore_errors=True)
        cold, cold_wall, cold_mem = run_index(root, store / "store")
        cold_walls.append(cold_wall)
        cold_cpu.append(LAST_CPU[0])
        warm, warm_wall, _warm_mem = run_index(root, store / "store")
        size = store_breakdown(store / "store")
    finally:
        shutil.rmtree(store, ignore_errors=True)
    best, best_plain = min(cold_walls), min(no_flow_walls)
    return {
        "files": cold["files"],
        "discovered_for_parse": files,
        "nodes": cold["nodes"],
        "edges": cold["edges"],
        "parse_errors": cold["parse_errors"],
        "bare_parse_1core_s": round(parse_s, 3),
        "cold_index_wall_s": round(cold_wall, 3),
        "cold_index_over_parse": round(cold_wall / parse_s, 2),
        "cold_index_best_s": round(best, 3),
        "cold_index_without_dataflow_best_s": round(best_plain, 3),
        "dataflow_overhead": round(best / best_plain - 1, 3),
        "cold_cpu_s": round(min(cold_cpu), 2),
        "cold_cpu_without_dataflow_s": round(min(no_flow_cpu), 2),
        "dataflow_cpu_overhead": round(min(cold_cpu) / min(no_flow_cpu) - 1, 3),
        "without_dataflow_over_parse": round(best_plain / parse_s, 2),
        "cold_stage_seconds": cold["stage_seconds"],
        "warm_nochange_wall_s": round(warm_wall, 3),
        "warm_nochange_cycle_s": warm["seconds"],
        "warm_changed_files": warm["changed_files"],
        **cold_mem.as_mb(),
        "store": size,
    }


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--corpora",
        default=os.environ.get(
            "GRAPHWARDEN_CORPORA", str(Path.home() / ".cache/graphwarden-corpora")
        ),
    )
    ap.add_argument("--only", default=",".join(CORPORA))
    ap.add_argument(
        "--repeat", type=int, default=1, help="cold runs with and without data flow (best kept)"
    )
    args = ap.parse_args()
    results = {
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "corpora": {},
    }
    for name in args.only.split(","):
        root = Path(args.corpora) / name / CORPORA[name]
        if not root.is_dir():
            raise SystemExit(f"missing corpus {root}: run benchmarks/fetch_corpora.sh")
        results["corpora"][name] = bench(name, root, args.repeat)
        print(f"{name}: done", file=sys.stderr)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
