"""Scale: a synthetic monorepo of N renamed copies of Django, indexed at 1x, 3x and 10x.

Each copy is Django's `django/` package renamed to its own top-level package
(`django0`, `django1`, ...) with every import rewritten to match, so the
copies are independent codebases of the same shape (about 2,900 files and
490k lines each; 10x is about 29k files). For each size:

* cold index (wall), and peak memory as PSS of all processes and of the
  main process (benchmarks/measure.py explains PSS);
* warm start with no change (wall, a fresh process);
* a one-file body edit cycle, in-process after a warm open (median of a few);
* the store's size on disk.

    python benchmarks/scale.py [--corpora DIR] [--sizes 1,3,10] [--work DIR]

The monorepos are built once under --work (default: a temp dir, removed at
the end). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import sample_memory, store_breakdown

#: A leaf module with a plain function body to edit (in each copy).
EDIT_FILE = "utils/text.py"
EDIT_ANCHOR = "    return x[0].upper() + x[1:]\n"
EDIT_BODIES = ("    return x[0].upper() + x[1:] + ''\n", EDIT_ANCHOR)

_IMPORT = re.compile(r"\b(from|import)(\s+)django\b")
_DOTTED = re.compile(r"(?<![\w.])django\.")


def rename_copy(src: Path, dst: Path, name: str) -> None:
    """Copy the `django` package to `dst`, renaming it (imports and dotted strings) to `name`."""
    for path in src.rglob("*"):
        rel = path.relative_to(src)
        target = dst / rel
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".py":
            text = path.read_text(encoding="utf-8", errors="surrogateescape")
            text = _IMPORT.sub(lambda m: f"{m.group(1)}{m.group(2)}{name}", text)
            text = _DOTTED.sub(f"{name}.", text)
            target.write_text(text, encoding="utf-8", errors="surrogateescape")
        else:
            shutil.copyfile(path, target)


def build_monorepo(django_pkg: Path, root: Path, copies: int) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(copies):
        dst = root / f"django{i}"
        if not dst.exists():
            rename_copy(django_pkg, dst, f"django{i}")


def graphwarden(*args: str) -> list[str]:
    return [sys.executable, "-I", "-m", "graphwarden", *args]


def timed_index(root: Path, store: Path) -> tuple[dict, float, dict]:
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        graphwarden("index", str(root), "--store", str(store), "--json"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    with sample_memory(proc.pid, interval=0.1) as peaks:
        out, err = proc.communicate()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"index failed: {err}")
    return json.loads(out), wall, peaks.as_mb()


def body_edit_ms(root: Path, store: Path, samples: int = 9) -> dict[str, float]:
    """Body-only edits of one file, through the library as the server applies them."""
    from graphwarden.analysis.orchestrator import FileChange
    from graphwarden.analysis.workspace import UserChoices, open_workspace

    ws = open_workspace(root, UserChoices(store=store))
    try:
        ws.orchestrator.index_repository()
        rel = f"django0/{EDIT_FILE}"
        original = (root / rel).read_text()
        assert EDIT_ANCHOR in original, "edit anchor not found"
        times = []
        for i in range(samples):
            body = EDIT_BODIES[i % 2]
            text = original.replace(EDIT_ANCHOR, body)
            t0 = time.perf_counter()
            stats = ws.orchestrator.apply_changes([FileChange(rel, text.encode())])
            times.append((time.perf_counter() - t0) * 1000)
            assert stats.changed_files == 1
        return {"p50_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1)}
    finally:
        ws.close()


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
    ap.add_argument("--sizes", default="1,3,10")
    ap.add_argument("--work", default=None, help="where to build the monorepos (kept if given)")
    args = ap.parse_args()
    django_pkg = Path(args.corpora) / "django" / "django"
    if not django_pkg.is_dir():
        raise SystemExit(f"missing {django_pkg}: run benchmarks/fetch_corpora.sh")
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="gw-scale-"))
    results: dict[str, object] = {
        "machine": {"cores": os.cpu_count(), "python": platform.python_version()},
        "sizes": {},
    }
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            root = work / f"mono{size}"
            build_monorepo(django_pkg, root, size)
            store = work / f"store{size}"
            shutil.rmtree(store, ignore_errors=True)
            cold, cold_wall, cold_mem = timed_index(root, store)
            warm, warm_wall, _ = timed_index(root, store)
            edit = body_edit_ms(root, store)
            results["sizes"][f"{size}x"] = {  # type: ignore[index]
                "files": cold["files"],
                "nodes": cold["nodes"],
                "edges": cold["edges"],
                "cold_wall_s": round(cold_wall, 2),
                "cold_stage_seconds": cold["stage_seconds"],
                **cold_mem,
                "warm_nochange_wall_s": round(warm_wall, 2),
                "warm_changed_files": warm["changed_files"],
                "body_edit_cycle": edit,
                "store": store_breakdown(store),
            }
            print(f"{size}x: done", file=sys.stderr)
            shutil.rmtree(store, ignore_errors=True)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
