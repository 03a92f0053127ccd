"""Index benchmarks on the pinned real-world corpora.

For each corpus: files, nodes, edges, cold index wall time (all cores),
warm no-change time, peak memory of the whole process tree (main process plus
workers, sampled from /proc), and in the same run the bare
tree-sitter parse time of the same files on one core: the floor we compare
against.

    python benchmarks/index_corpora.py [--corpora DIR] [--only django,flask]
    python benchmarks/index_corpora.py --only django --baseline-python BASE/.venv/bin/python

With ``--baseline-python`` (the interpreter of another build, e.g. the
commit before a feature, installed in its own virtualenv), each corpus is
also indexed cold by that build, alternating with this one
``--repeat`` times in the same run; the medians and this build's extra
cost over the baseline (in % of the baseline, and in units of the bare
parse) are reported, and the CPU seconds of a one-process cold index by
each (robust to other work on a shared machine): how the cost of a feature
such as declared types is
measured.

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
import statistics
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
    root: Path,
    store: Path,
    env: dict[str, str] | None = None,
    python: str = sys.executable,
) -> tuple[dict, float, MemoryPeaks]:
    """Run `graphwarden index --json`; return (stats, wall seconds, memory peaks)."""
    cmd = [
        python,
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


_ONE_CORE = """
import resource, sys, tempfile
from graphwarden.analysis.orchestrator import Orchestrator
def cpu():
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
with tempfile.TemporaryDirectory() as store:
    orch = Orchestrator(sys.argv[1], workers=1, store_path=store)
    t0 = cpu()
    orch.index_repository()
    orch.close()  # joins the analysis worker: its CPU is counted
    print(cpu() - t0)
"""


def one_core_cpu_seconds(root: Path, python: str) -> float:
    """CPU seconds of a cold index in one process (no workers) by `python`'s build."""
    out = subprocess.run(
        [python, "-I", "-c", _ONE_CORE, str(root)], capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def compare_cold(name: str, root: Path, baseline: str, repeat: int) -> dict:
    """Cold index by this build and by `baseline`, alternating, medians and the cost."""
    ours: list[float] = []
    theirs: list[float] = []
    ours_enrich: list[float] = []
    theirs_enrich: list[float] = []
    ours_cpu: list[float] = []
    theirs_cpu: list[float] = []
    _, parse_s = bare_parse_seconds(root)
    for _ in range(repeat):
        for python, walls, enrich, cpus in (
            (baseline, theirs, theirs_enrich, theirs_cpu),
            (sys.executable, ours, ours_enrich, ours_cpu),
        ):
            store = Path(tempfile.mkdtemp(prefix=f"gw-bench-{name}-"))
            try:
                stats, wall, _mem = run_index(root, store / "store", python=python)
            finally:
                shutil.rmtree(store, ignore_errors=True)
            # CPU seconds of a one-process cold index: far less sensitive than
            # wall time to other work on a shared machine.
            cpus.append(one_core_cpu_seconds(root, python))
            walls.append(wall)
            enrich.append(float(stats["stage_seconds"].get("enrichment", 0.0)))
    mine, base = statistics.median(ours), statistics.median(theirs)
    mine_cpu, base_cpu = statistics.median(ours_cpu), statistics.median(theirs_cpu)
    return {
        "one_core_cpu_s_runs": [round(c, 2) for c in ours_cpu],
        "baseline_one_core_cpu_s_runs": [round(c, 2) for c in theirs_cpu],
        "extra_one_core_cpu_pct_of_baseline": round(100 * (mine_cpu - base_cpu) / base_cpu, 1),
        "extra_one_core_cpu_in_parses": round((mine_cpu - base_cpu) / parse_s, 2),
        "bare_parse_1core_s": round(parse_s, 3),
        "cold_s_runs": [round(w, 2) for w in ours],
        "baseline_cold_s_runs": [round(w, 2) for w in theirs],
        "cold_s_median": round(mine, 2),
        "baseline_cold_s_median": round(base, 2),
        "enrichment_s_median": round(statistics.median(ours_enrich), 2),
        "baseline_enrichment_s_median": round(statistics.median(theirs_enrich), 2),
        "extra_cost_pct_of_baseline": round(100 * (mine - base) / base, 1),
        "extra_cost_in_parses": round((mine - base) / parse_s, 2),
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
    ap.add_argument("--baseline-python", default=None, help="interpreter of the build to compare")
    ap.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="cold runs with and without data flow, or against the baseline (best/median kept)",
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
        if args.baseline_python:
            results["corpora"][name] = compare_cold(name, root, args.baseline_python, args.repeat)
        else:
            results["corpora"][name] = bench(name, root, args.repeat)
        print(f"{name}: done", file=sys.stderr)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
