"""In-process cycles for edits to Django's hub modules, with a contract on (issue 10).

After a cold index of Django with a `forbidden` contract ``django.db ->
django.contrib`` and the built-in rules, each scenario applies an edit and
its undo, `--repeats` times, through `Orchestrator.apply_changes` (as the
language server does; the files on disk are not touched):

* ``contract``: ``from django.contrib.auth import models as _m`` added to
  django/db/models/query.py (breaks the contract; the undo fixes it);
* ``helper``: a new top-level function added to django/utils/functional.py,
  a module imported by hundreds of files;
* ``rename``: ``class cached_property`` in django/utils/functional.py
  renamed (every file using it must resolve again).

For each edit and undo: cycle ms (median and max over the repeats), the
guarantee check's ms (the stage, the contracts' share and each rule's,
medians over the repeats), blast radius and re-enriched files, stage
times, and the contract's violation count after it. The load average is
printed beside the figures: on a shared machine they are upper bounds.
With `--all-rules`, the ten rules of check_django.py (four contracts,
acyclic, five Datalog rules) are checked as well; `--root-packages` gives
every contract those root packages (as import-linter's configuration does).

    python benchmarks/hub_edits.py [--corpora DIR] [--repeats 5] [--only contract,helper]
                                   [--all-rules] [--root-packages django]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
import tomllib
from pathlib import Path

from graphwarden.analysis.config import load_config
from graphwarden.analysis.guarantees.checker import GuaranteeChecker
from graphwarden.analysis.orchestrator import FileChange, Orchestrator

CONTRACT = {
    "name": "db-independent-of-contrib",
    "type": "forbidden",
    "source_modules": ["django.db"],
    "forbidden_modules": ["django.contrib"],
}

#: scenario: (file, anchor, replacement)
SCENARIOS = {
    "contract": (
        "django/db/models/query.py",
        "import django\n",
        "import django\nfrom django.contrib.auth import models as _m\n",
    ),
    "helper": (
        "django/utils/functional.py",
        "class cached_property:\n",
        "def bench_helper(value):\n    return value\n\n\nclass cached_property:\n",
    ),
    "rename": (
        "django/utils/functional.py",
        "class cached_property:\n",
        "class cached_property_renamed:\n",
    ),
}


def _violations(checker: GuaranteeChecker) -> int:
    return sum(1 for v in checker.violations if v.rule == CONTRACT["name"])


def _run(orch: Orchestrator, checker: GuaranteeChecker, path: str, text: str) -> dict:
    t0 = time.perf_counter()
    stats = orch.apply_changes([FileChange(path, text.encode())])
    ms = (time.perf_counter() - t0) * 1000
    contracts = {r.info.name for r in checker.rules if r.info.kind == "contract"}
    return {
        "ms": round(ms, 1),
        "blast_radius_files": stats.blast_radius_files,
        "reenriched_files": stats.reenriched_files,
        "reenriched_by_enricher": stats.reenriched_by_enricher,
        "stage_ms": {k: round(v * 1000, 1) for k, v in stats.stage_seconds.items()},
        "rules_evaluated": stats.guarantees_checked,
        "guarantee_ms": {k: round(v * 1000, 2) for k, v in checker.last.per_rule_seconds.items()},
        "import_graph_ms": round(getattr(checker.last, "import_graph_seconds", 0.0) * 1000, 1),
        "contracts_ms": round(
            sum(s for n, s in checker.last.per_rule_seconds.items() if n in contracts) * 1000, 2
        ),
        "contract_violations": _violations(checker),
    }


def _summary(runs: list[dict]) -> dict:
    ms = [r["ms"] for r in runs]
    rules = sorted({name for r in runs for name in r["guarantee_ms"]})
    return {
        "median_ms": round(statistics.median(ms), 1),
        "max_ms": max(ms),
        # The guarantee check: the whole stage, and the contracts' share of it.
        "guarantees_median_ms": round(
            statistics.median(r["stage_ms"].get("guarantees", 0.0) for r in runs), 1
        ),
        "contracts_median_ms": round(statistics.median(r["contracts_ms"] for r in runs), 2),
        "rule_median_ms": {
            name: round(statistics.median(r["guarantee_ms"].get(name, 0.0) for r in runs), 2)
            for name in rules
        },
        "blast_radius_files": sorted({r["blast_radius_files"] for r in runs}),
        "reenriched_files": sorted({r["reenriched_files"] for r in runs}),
        "contract_violations": sorted({r["contract_violations"] for r in runs}),
        "last": runs[-1],
    }


def _ten_rules() -> dict:
    """The rules benchmarks/check_django.py checks Django with."""
    sys.path.insert(0, str(Path(__file__).parent))
    from check_django import CONFIG

    return tomllib.loads(CONFIG)


def bench(
    root: Path, repeats: int, only: list[str], all_rules: bool, root_packages: list[str]
) -> dict:
    settings, errors = load_config(root)
    if errors:
        raise SystemExit(f"configuration errors in the corpus: {errors}")
    settings.contracts = [dict(CONTRACT)]
    if all_rules:
        rules = _ten_rules()
        settings.contracts += [c for c in rules["contracts"] if c["name"] != CONTRACT["name"]]
        settings.guarantees = rules["guarantees"]
    if root_packages:  # as import-linter's configuration gives them to every contract
        settings.contracts = [{**c, "root_packages": root_packages} for c in settings.contracts]
    store = Path(tempfile.mkdtemp(prefix="gw-hub-"))
    orch = Orchestrator(root, settings, store_path=store / "store")
    checker = GuaranteeChecker(settings)
    orch.guarantee_hook = checker
    try:
        cold = orch.index_repository()
        out: dict = {
            "cold_index_s": round(cold.seconds, 2),
            "contract_violations_at_start": _violations(checker),
            "scenarios": {},
        }
        for name in only:
            path, anchor, replacement = SCENARIOS[name]
            original = (root / path).read_text(encoding="utf-8")
            if anchor not in original:
                raise SystemExit(f"{name}: the anchor is missing from {path}; update SCENARIOS")
            edited = original.replace(anchor, replacement, 1)
            edits, undos = [], []
            for _ in range(repeats):
                edits.append(_run(orch, checker, path, edited))
                undos.append(_run(orch, checker, path, original))
            out["scenarios"][name] = {
                "file": path,
                "edit": _summary(edits),
                "undo": _summary(undos),
            }
        return out
    finally:
        orch.close()
        shutil.rmtree(store, ignore_errors=True)


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
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--only", default=",".join(SCENARIOS))
    ap.add_argument("--all-rules", action="store_true")
    ap.add_argument(
        "--root-packages", default="", help="comma-separated root_packages for every contract"
    )
    args = ap.parse_args()
    load_before = os.getloadavg()
    result = bench(
        (Path(args.corpora) / "django").resolve(),
        args.repeats,
        args.only.split(","),
        args.all_rules,
        [r for r in args.root_packages.split(",") if r],
    )
    print(
        json.dumps(
            {
                "machine": {
                    "cores": os.cpu_count(),
                    "python": platform.python_version(),
                    "load_average_before": [round(x, 2) for x in load_before],
                    "load_average_after": [round(x, 2) for x in os.getloadavg()],
                },
                "django": result,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
