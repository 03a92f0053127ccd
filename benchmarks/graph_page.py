"""Benchmark the HTML module graph of Django: page weight and time to interactive.

Copies the corpus to a temporary directory (the corpus is never modified),
writes a graphwarden.toml with a layers contract (so the page has bands and
violations), runs `graphwarden graph --format html` as a user would, then
opens the page from its file:// URL in headless Chromium (Debian's, driven by
Playwright, as the page tests do) several times, each in a fresh page.

Time to interactive is the page's own `graphwarden-interactive` performance
mark (laid out, drawn, answering clicks), from navigation start; the marks
`graphwarden-script`, `-laid-out` and `-drawn` split it. Three workspaces:

* django-package: `include = ["django/**"]`, the ~900 modules of the django
  package at depth 2 (the issue's target: interactive within 2 s, < 2 MB);
* whole-repository: Django's sdist as it is (tests, docs, scripts, JS), depth 2;
* whole-repository, not collapsed: every module a node (no target; the worst case).

Prints one JSON object. Usage:
    python benchmarks/graph_page.py [CORPUS] [--runs N]
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

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # the page tests' Chromium launcher

from playwright.sync_api import Browser  # noqa: E402

from tests.pictures.chromium import chromium, open_page  # noqa: E402

DEFAULT_CORPUS = Path.home() / ".cache" / "graphwarden-corpora" / "django"
GRAPHWARDEN = Path(sys.executable).parent / "graphwarden"
LAYERS = """
[[contracts]]
name = "core-layers"
type = "layers"
containers = ["django"]
layers = ["contrib", "db", "utils"]
"""
MARKS = (
    "graphwarden-script",
    "graphwarden-laid-out",
    "graphwarden-drawn",
    "graphwarden-interactive",
)


def make_workspace(corpus: Path, into: Path, package_only: bool) -> Path:
    root = into / ("django-package" if package_only else "django-repository")
    shutil.copytree(corpus, root, symlinks=True)
    config = ('include = ["django/**"]\n' if package_only else "") + LAYERS
    (root / "graphwarden.toml").write_text(config, encoding="utf-8")
    return root


def draw(root: Path, page: Path, depth: int | None) -> float:
    """Seconds for `graphwarden graph --format html` (the store already warm)."""
    args = [str(GRAPHWARDEN), "graph", str(root), "--format", "html", "-o", str(page)]
    if depth is not None:
        args += ["--depth", str(depth)]
    t0 = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - t0


def page_contents(page: Path) -> dict[str, int]:
    text = page.read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', text, re.S)
    assert m is not None
    data = json.loads(m.group(1))
    return {
        "bytes": page.stat().st_size,
        "data_bytes": len(m.group(1).encode("utf-8")),
        "nodes": len(data["nodes"]),
        "edges": len(data["edges"]),
        "import_statements": sum(len(e["sites"]) for e in data["edges"]),
        "modules": len(data["modules"]),
        "highlighted_paths": len(data["paths"]),
        "bands": len(data["bands"]),
    }


def measure(browser: Browser, page: Path, runs: int) -> dict[str, float]:
    samples: dict[str, list[float]] = {m: [] for m in MARKS}
    for _ in range(runs):
        tab, log = open_page(browser, page.as_uri(), width=1400, height=900)
        if log.errors:
            raise SystemExit(f"the page reported errors: {log.errors}")
        marks = tab.evaluate(
            "names => names.map(n => performance.getEntriesByName(n)[0].startTime)", list(MARKS)
        )
        for name, value in zip(MARKS, marks, strict=True):
            samples[name].append(value)
        tab.close()
    tti = samples["graphwarden-interactive"]
    layout = [
        b - a
        for a, b in zip(samples["graphwarden-script"], samples["graphwarden-laid-out"], strict=True)
    ]
    return {
        "tti_ms_median": round(statistics.median(tti)),
        "tti_ms_max": round(max(tti)),
        "layout_ms_median": round(statistics.median(layout)),
        "script_start_ms_median": round(statistics.median(samples["graphwarden-script"])),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"no corpus at {args.corpus}: run benchmarks/fetch_corpora.sh")
    result: dict[str, object] = {
        "machine": {
            "cores": os.cpu_count(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version(),
            "chromium": subprocess.run(
                ["dpkg-query", "-W", "-f", "${Version}", "chromium"], capture_output=True, text=True
            ).stdout,
        },
        "runs": args.runs,
    }
    scenarios = [
        ("django-package, depth 2", True, 2),
        ("whole repository, depth 2", False, 2),
        ("whole repository, not collapsed", False, None),
    ]
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        workspaces = {flag: make_workspace(args.corpus, Path(tmp), flag) for flag in (True, False)}
        for name, package_only, depth in scenarios:
            root = workspaces[package_only]
            page = Path(tmp) / f"{root.name}-{depth}.html"
            cold = draw(root, page, depth)  # the first one indexes the copy
            warm = draw(root, page, depth)
            result[name] = {
                "command": "graphwarden graph WORKSPACE --format html"
                + (f" --depth {depth}" if depth else "")
                + " -o page.html",
                "graph_seconds_first_with_index": round(cold, 2),
                "graph_seconds_warm": round(warm, 2),
                **page_contents(page),
                **measure(browser, page, args.runs),
            }
    result["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
