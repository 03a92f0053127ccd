"""Cycle latency of the orchestrator on the real corpora (issue: Orchestrator v2).

For each corpus, after a cold index (all enrichers, guarantees on):

* body-only edits in a leaf module: N cycles alternating two bodies,
  p50/p95 of the whole cycle, and the re-enriched file counts;
* a signature edit in a hub module (many dependents): cycle time, blast
  radius and re-enriched files, then the undo. Django: a new parameter of
  `Field.__init__`; webpack and rxjs: a method added to their hub class
  (`Compilation`, `Observable`), which changes the class's signature.

    python benchmarks/cycle_latency.py [--corpora DIR] [--samples 40]

Prints one JSON object. Edits go through `Orchestrator.apply_changes` with the
new content (as the language server does); the files on disk are not touched.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from graphwarden.analysis.config import load_config
from graphwarden.analysis.guarantees.checker import GuaranteeChecker
from graphwarden.analysis.orchestrator import FileChange, Orchestrator

#: corpus: (sub-directory, leaf file, body anchor, body replacement,
#:          hub file, signature anchor, signature replacement)
CASES = {
    "django": (
        ".",
        "django/utils/text.py",
        "    return x[0].upper() + x[1:]\n",
        "    return x[0].upper() + x[1:] + ''\n",
        "django/db/models/fields/__init__.py",
        "        verbose_name=None,\n",
        "        verbose_name=None,\n        bench_extra=None,\n",
    ),
    "webpack": (
        "lib",
        "util/identifier.js",
        'if (relativePath === "") return "./.";',
        'if (relativePath === "") return "./" + ".";',
        "Compilation.js",
        "\tconstructor(compiler, params) {",
        "\tbenchExtra() {}\n\n\tconstructor(compiler, params) {",
    ),
    "rxjs": (
        "src",
        "internal/util/isFunction.ts",
        "return typeof value === 'function';",
        "return typeof value === 'function' && true;",
        "internal/Observable.ts",
        "  constructor(subscribe?: (this: Observable<T>, subscriber: Subscriber<T>) => TeardownLogic) {",
        "  benchExtra(): void {}\n\n  constructor(subscribe?: (this: Observable<T>, subscriber: Subscriber<T>) => TeardownLogic) {",
    ),
}


#: corpus: (file, anchor, replacement) of a hub rename: the engine issue's own
#: example, `class cached_property` renamed in `django/utils/functional.py`
#: (every file that imports it looks it up again).
RENAMES = {
    "django": (
        "django/utils/functional.py",
        "class cached_property:",
        "class cached_property_renamed:",
    ),
}


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bench(name: str, root: Path, samples: int) -> dict:
    _sub, leaf, b_old, b_new, hub, s_old, s_new = CASES[name]
    settings, _ = load_config(root)
    store = Path(tempfile.mkdtemp(prefix=f"gw-cycle-{name}-"))
    orch = Orchestrator(root, settings, store_path=store / "store")
    orch.guarantee_hook = GuaranteeChecker(settings)
    try:
        cold = orch.index_repository()
        leaf_text = (root / leaf).read_text(encoding="utf-8")
        hub_text = (root / hub).read_text(encoding="utf-8")
        if b_old not in leaf_text or s_old not in hub_text or b_old == b_new:
            raise SystemExit(f"{name}: an edit anchor is missing; update CASES")
        edited = leaf_text.replace(b_old, b_new, 1)
        body_ms: list[float] = []
        reenriched: set[int] = set()
        radius: set[int] = set()
        rules: set[int] = set()
        for i in range(samples):
            text = edited if i % 2 == 0 else leaf_text
            t0 = time.perf_counter()
            stats = orch.apply_changes([FileChange(leaf, text.encode())])
            body_ms.append((time.perf_counter() - t0) * 1000)
            reenriched.add(stats.reenriched_files)
            radius.add(stats.blast_radius_files)
            rules.add(stats.guarantees_checked)
        hub_runs = _edit_and_undo(orch, hub, hub_text, s_old, s_new)
        rename_runs = None
        if name in RENAMES:
            path, r_old, r_new = RENAMES[name]
            text = (root / path).read_text(encoding="utf-8")
            if r_old not in text:
                raise SystemExit(f"{name}: the rename anchor is missing; update RENAMES")
            rename_runs = _edit_and_undo(orch, path, text, r_old, r_new)
        return {
            "cold_index_s": round(cold.seconds, 2),
            "cold_stage_seconds": {k: round(v, 2) for k, v in cold.stage_seconds.items()},
            "enricher_errors": [str(e) for e in cold.enricher_errors[:5]],
            "body_only_edit": {
                "file": leaf,
                "n": samples,
                "p50_ms": round(statistics.median(body_ms), 1),
                "p95_ms": round(pct(body_ms, 0.95), 1),
                "reenriched_files": sorted(reenriched),
                "blast_radius_files": sorted(radius),
                "rules_evaluated": sorted(rules),
            },
            "hub_signature_edit": {"file": hub, "runs": hub_runs},
            "hub_rename": rename_runs and {"file": RENAMES[name][0], "runs": rename_runs},
        }
    finally:
        orch.close()
        shutil.rmtree(store, ignore_errors=True)


def _edit_and_undo(orch: Orchestrator, path: str, text: str, old: str, new: str) -> list[dict]:
    """Apply an edit and undo it, twice: each cycle's time, radius and stages."""
    runs = []
    for content in (text.replace(old, new, 1), text) * 2:
        t0 = time.perf_counter()
        stats = orch.apply_changes([FileChange(path, content.encode())])
        runs.append(
            {
                "ms": round((time.perf_counter() - t0) * 1000, 1),
                "blast_radius_files": stats.blast_radius_files,
                "reenriched_files": stats.reenriched_files,
                "reenriched_by_enricher": stats.reenriched_by_enricher,
                "stage_ms": {k: round(v * 1000) for k, v in stats.stage_seconds.items()},
                "enricher_ms": {k: round(v * 1000) for k, v in stats.enricher_seconds.items()},
            }
        )
    return runs


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
    ap.add_argument("--only", default=",".join(CASES))
    ap.add_argument("--samples", type=int, default=40)
    args = ap.parse_args()
    out = {"machine": {"cores": os.cpu_count()}, "corpora": {}}
    for name in args.only.split(","):
        root = Path(args.corpora) / name / CASES[name][0]
        out["corpora"][name] = bench(name, root.resolve(), args.samples)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
