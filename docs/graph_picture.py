"""Make docs/graph.png, the README's picture: graphwarden's own module graph, by its own command.

Runs `graphwarden graph . --format html --depth 3` on this repository and
takes a screenshot of the page in headless Chromium (Debian's, as the page
tests use). Usage, from the repository root:  python docs/graph_picture.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # the page tests' Chromium launcher

from tests.pictures.chromium import chromium, open_page  # noqa: E402

COMMAND = [
    "graph",
    ".",
    "--format",
    "html",
    "--depth",
    "3",
    "--title",
    "graphwarden: its own modules",
]


def main() -> None:
    graphwarden = Path(sys.executable).parent / "graphwarden"
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        page_file = Path(tmp) / "graph.html"
        subprocess.run([str(graphwarden), *COMMAND, "-o", str(page_file)], cwd=REPO, check=True)
        page, log = open_page(browser, page_file.as_uri(), width=1600, height=1000)
        if log.errors:
            raise SystemExit(f"the page reported errors: {log.errors}")
        page.screenshot(path=str(REPO / "docs" / "graph.png"))
    print(f"wrote docs/graph.png from: graphwarden {' '.join(COMMAND)}")


if __name__ == "__main__":
    main()
