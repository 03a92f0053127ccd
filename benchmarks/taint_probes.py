"""Small web handlers written from scratch, each labelled, checked as a user would.

`benchmarks/taint_probes/*.json` holds batches of handlers (Flask, Django,
DRF, FastAPI, Express, Koa, TypeScript): file name -> {"class": the finding
expected (a rule name), or null for a safe handler, "source": the file}.
Each batch is written to a fresh git repository and checked with
`graphwarden check --format json` and no configuration. Counting is strict:
a vulnerable handler is right when its class is reported in it, a safe one
when nothing at all is.

    python benchmarks/taint_probes.py [--graphwarden PATH] [--only BATCH,...]

Prints one line per batch, the misses, and the total. These were written
to find what the corpus (tests/fixtures/taint) missed; unlike the corpus,
not every case has to pass.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent / "taint_probes"
#: The built-in architecture rules: a realistic module importing a sibling its
#: application would have (`require("./db")`) is no taint finding, and the
#: probes measure taint.
_NOT_TAINT = frozenset({"unresolved-import", "import-cycle", "unused-suppression"})


def check(graphwarden: str, cases: dict[str, dict[str, str | None]]) -> dict[str, set[str]]:
    """File -> the rules reported in it."""
    root = Path(tempfile.mkdtemp(prefix="gw-probes-"))
    try:
        for name, case in cases.items():
            (root / name).write_text(str(case["source"]), encoding="utf-8")
        subprocess.run(["git", "init", "-q", str(root)], check=True)
        out = subprocess.run(
            [graphwarden, "check", str(root), "--format", "json"],
            capture_output=True,
            text=True,
            check=False,
        )
        if out.returncode not in (0, 1):
            raise SystemExit(f"graphwarden check failed: {out.stderr.strip()}")
        found: dict[str, set[str]] = {}
        for v in json.loads(out.stdout)["violations"]:
            if v["rule"] in _NOT_TAINT:
                continue
            found.setdefault(v["file"], set()).add(v["rule"])
        return found
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--graphwarden", default=shutil.which("graphwarden") or "graphwarden")
    ap.add_argument("--only", default="", help="batch names (file stems), comma-separated")
    args = ap.parse_args()
    only = {b for b in args.only.split(",") if b}
    right = total = 0
    for batch in sorted(HERE.glob("*.json")):
        if only and batch.stem not in only:
            continue
        cases = json.loads(batch.read_text(encoding="utf-8"))
        found = check(args.graphwarden, cases)
        ok = 0
        misses = []
        for name, case in sorted(cases.items()):
            got = found.get(name, set())
            want = case["class"]
            good = not got if want is None else want in got
            ok += good
            if not good:
                misses.append(
                    f"    {name}: expected {want or 'nothing'}, got {sorted(got) or 'nothing'}"
                )
        print(f"{batch.stem}: {ok} / {len(cases)}")
        if misses:
            print("\n".join(misses))
        right += ok
        total += len(cases)
    print(f"total: {right} / {total}")


if __name__ == "__main__":
    main()
