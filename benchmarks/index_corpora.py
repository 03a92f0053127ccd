"""Index benchmarks on the pinned real-world corpora.

For each corpus: files, nodes, edges, cold index wall time (all cores),
warm no-change time, peak RSS of the whole process tree (main process plus
analysis workers, sampled from /proc), and in the same run the bare
tree-sitter parse time of the same files on one core: the floor we compare
against.

    python benchmarks/index_corpora.py [--corpora DIR] [--only django,flask]

The corpora come from ../shared/corpora/fetch.sh (default location
~/.cache/graphwarden-corpora). Prints one JSON object.
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
import threading
import time
from pathlib import Path

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


def _tree_rss_kb(pid: int) -> int:
    """RSS of a process and all its descendants, in KiB."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run_index(root: Path, store: Path) -> tuple[dict, float, int, int]:
    """Run `graphwarden index --json`; return (stats, wall seconds, peak tree RSS, peak main RSS)."""
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
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
            peak[1] = max(peak[1], _tree_rss_kb_main(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"index failed on {root}: {err}")
    return json.loads(out), wall, peak[0], peak[1]


def _tree_rss_kb_main(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except FileNotFoundError:
        pass
    return 0


def bench(name: str, root: Path) -> dict:
    files, parse_s = bare_parse_seconds(root)
    store = Path(tempfile.mkdtemp(prefix=f"gw-bench-{name}-"))
    try:
        cold, cold_wall, cold_rss, cold_main_rss = run_index(root, store / "store")
        warm, warm_wall, _warm_rss, _ = run_index(root, store / "store")
    finally:
        shutil.rmtree(store, ignore_errors=True)
    return {
        "files": cold["files"],
        "discovered_for_parse": files,
        "nodes": cold["nodes"],
        "edges": cold["edges"],
        "parse_errors": cold["parse_errors"],
        "bare_parse_1core_s": round(parse_s, 3),
        "cold_index_wall_s": round(cold_wall, 3),
        "cold_index_over_parse": round(cold_wall / parse_s, 2),
        "cold_stage_seconds": cold["stage_seconds"],
        "warm_nochange_wall_s": round(warm_wall, 3),
        "warm_nochange_cycle_s": warm["seconds"],
        "warm_changed_files": warm["changed_files"],
        "peak_rss_mb_all_processes": round(cold_rss / 1024, 1),
        "peak_rss_mb_main_process": round(cold_main_rss / 1024, 1),
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
            raise SystemExit(f"missing corpus {root}: run ../shared/corpora/fetch.sh")
        results["corpora"][name] = bench(name, root)
        print(f"{name}: done", file=sys.stderr)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
