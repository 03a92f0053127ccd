"""Taint findings on the real corpora, for triage by hand (figures in BENCHMARKS.md).

For each corpus: a cold index with the default rules (no configuration: the
built-in packs, both threat models), then every finding of the taint rules
and of the security pack, counted by rule, and listed with its source, sink
and path (file:line of each hop). A fixed-seed sample of them is printed for
triage (`--sample`).

    python benchmarks/taint_findings.py [--corpora DIR] [--only django,flask] [--sample 20]

Prints one JSON object; `--list` also prints every finding as text lines.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from graphwarden.analysis.workspace import UserChoices, open_workspace

CORPORA = {"django": ".", "flask": ".", "webpack": "lib", "rxjs": "src"}


def findings(root: Path) -> tuple[list[dict[str, object]], float, dict[str, int]]:
    store = Path(tempfile.mkdtemp(prefix="gw-taint-"))
    try:
        ws = open_workspace(root, UserChoices(store=store / "store"))
        try:
            t0 = time.perf_counter()
            ws.orchestrator.index_repository()
            seconds = time.perf_counter() - t0
            out = []
            for v in ws.checker.violations:
                if v.kind not in ("taint",) and not v.rule.startswith(("weak-", "insecure-")):
                    continue
                out.append(
                    {
                        "rule": v.rule,
                        "at": f"{v.file}:{v.range[0] + 1}",
                        "message": v.message,
                        "path": [f"{r.file}:{r.range[0] + 1} {r.message}" for r in v.related],
                    }
                )
            with ws.orchestrator.snapshot() as snap:
                counts = {"TAINT": sum(1 for _ in snap.edges("TAINT"))}
            return out, seconds, counts
        finally:
            ws.close()
    finally:
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
    ap.add_argument("--only", default="django,flask")
    ap.add_argument("--sample", type=int, default=20)
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    result: dict[str, object] = {}
    for name in args.only.split(","):
        root = Path(args.corpora) / name / CORPORA[name]
        found, seconds, counts = findings(root)
        by_rule = Counter(str(f["rule"]) for f in found)
        rng = random.Random(11)
        sample = rng.sample(found, min(args.sample, len(found)))
        result[name] = {
            "index_seconds": round(seconds, 2),
            "findings": len(found),
            "by_rule": dict(sorted(by_rule.items())),
            "edges": counts,
            "sample": sample,
        }
        if args.list:
            for f in found:
                print(f"{f['at']}: [{f['rule']}] {f['message']}", file=sys.stderr)
                for hop in f["path"]:  # type: ignore[attr-defined]
                    print(f"    {hop}", file=sys.stderr)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
