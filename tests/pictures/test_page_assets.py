"""The page's assets: the vendored d3 is the pinned build, and the page admits only its own scripts."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from graphwarden.analysis.pictures import ModuleGraph, PageOptions, render_graph_page
from graphwarden.analysis.pictures.html_page import D3_SHA256, D3_VERSION, asset

ASSETS = Path(__file__).resolve().parents[2] / "analysis" / "pictures" / "assets"


def test_vendored_d3_is_the_pinned_build() -> None:
    d3 = (ASSETS / "d3.min.js").read_bytes()
    assert hashlib.sha256(d3).hexdigest() == D3_SHA256
    assert d3.startswith(f"// https://d3js.org v{D3_VERSION} ".encode())
    assert (
        (ASSETS / "d3.LICENSE.txt")
        .read_text(encoding="utf-8")
        .startswith("Copyright 2010-2026 Mike Bostock")
    )
    assert f"d3 {D3_VERSION}" in (ASSETS / "README.md").read_text(encoding="utf-8")
    assert D3_SHA256 in (ASSETS / "README.md").read_text(encoding="utf-8")


def test_policy_admits_exactly_the_inlined_scripts(tmp_path: Path) -> None:
    page = render_graph_page(ModuleGraph(nodes=[], edges=[]), PageOptions(root=tmp_path))
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    hashes = re.findall(r"'sha256-([^']+)'", policy.group(1))
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert scripts == [asset("d3.min.js"), asset("graph_view.js")]
    assert hashes == [
        base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts
    ]
    assert policy.group(1).startswith("default-src 'none'; ")
