"""Where data flow runs: a switch for benchmarks, and third-party code.

A switch for benchmarks: index without data flow (front-end facts and the
dataflow enricher).

``GRAPHWARDEN_NO_DATAFLOW=1`` in the environment of the process (and so of
its analysis workers) makes the front ends skip the flow extraction and the
orchestrator leave the dataflow enricher out. benchmarks/index_corpora.py
uses it to measure what data flow and taint add to a cold index, in the
same run. It is not a user setting: ``enrichers = { dataflow = false }``
switches the enricher off in a workspace.

Third-party code a repository ships (a `vendor/`, `third_party/` or
`node_modules/` folder, a minified bundle, by its name or its text) gets no
data-flow facts: its
findings are not the repository's to fix, and a bundled library is most of
the analysis's time (Django's admin ships jQuery: 2 s of 10 in the dataflow
enricher). Semgrep and CodeQL skip the same by default. Its modules,
classes, functions and calls stay in the graph (navigation, contracts);
calls into it carry their arguments' data, as calls into any unread library.
"""

from __future__ import annotations

import os


def dataflow_enabled() -> bool:
    return os.environ.get("GRAPHWARDEN_NO_DATAFLOW", "") not in ("1", "true", "yes")


#: Folders whose code the repository ships but does not write.
THIRD_PARTY_DIRS = frozenset(
    {
        "vendor",
        "vendors",
        "_vendor",
        "third_party",
        "thirdparty",
        "node_modules",
        "bower_components",
    }
)
#: File-name endings of machine-made bundles.
BUNDLE_SUFFIXES = (".min.js", ".min.mjs", ".bundle.js")


def third_party(path: str) -> bool:
    """Whether a workspace-relative path is third-party code (see above)."""
    if path.endswith(BUNDLE_SUFFIXES):
        return True
    return not THIRD_PARTY_DIRS.isdisjoint(path.split("/")[:-1])


#: What a bundler writes first (webpack's bootstrap; esbuild's module helpers):
#: the build of a program and its dependencies, not its source.
BUNDLE_PREAMBLES = (b"webpackBootstrap", b"var __defProp = Object.defineProperty;")
#: The mean line length of minified code (hand-written code is far below it).
MINIFIED_LINE_LENGTH = 1_000


def machine_made(data: bytes) -> bool:
    """Whether a JavaScript file's text is a bundle or minified: a bundler's
    preamble at its top, or lines of minified length on average (a file of
    20 kB or more; embedded data makes long lines too)."""
    head = data[:2048]
    if any(p in head for p in BUNDLE_PREAMBLES):
        return True
    return len(data) >= 20_000 and len(data) > MINIFIED_LINE_LENGTH * (data.count(b"\n") + 1)


def flow_for(path: str, data: bytes | None = None) -> bool:
    """Whether the front ends extract data-flow facts for the file at `path` (of
    JavaScript text `data`: not a bundle's or minified code's)."""
    if not dataflow_enabled() or third_party(path):
        return False
    return data is None or not machine_made(data)
