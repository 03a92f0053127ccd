"""Full and warm indexing through the orchestrator: discovery, re-analysis, deletion."""

from __future__ import annotations

import os
from pathlib import Path

from graphwarden.analysis.orchestrator import Orchestrator
from tests.helpers import graph_dump, write_files

FILES = {
    "pkg/__init__.py": "from .core import run\n",
    "pkg/core.py": "def run():\n    return helper()\n\ndef helper():\n    return 1\n",
    "web/app.ts": "export function start(): void { console.log('hi'); }\n",
    "web/util.js": "module.exports = function util() {};\n",
    "README.md": "# not source\n",
    "node_modules/dep/index.js": "module.exports = 1;\n",
    ".venv/lib/x.py": "x = 1\n",
    "build/out.js": "var a;\n",
    "ignored/gen.py": "y = 2\n",
    ".gitignore": "ignored/\n*.gen.js\n",
    "web/skip.gen.js": "var b;\n",
}


def indexed_files(orch: Orchestrator) -> set[str]:
    with orch.snapshot() as snap:
        return {r.path for r in snap.files()}


def test_discovery_skips_dependencies_builds_and_gitignored(make_workspace, open_orch) -> None:
    root = make_workspace(FILES)
    orch = open_orch(root)
    stats = orch.index_repository()
    assert indexed_files(orch) == {"pkg/__init__.py", "pkg/core.py", "web/app.ts", "web/util.js"}
    assert stats.files == 4 and stats.changed_files == 4
    assert stats.nodes > 10 and stats.parse_errors == 0


def test_include_exclude_globs_from_config(make_workspace, open_orch) -> None:
    root = make_workspace({**FILES, "graphwarden.toml": 'exclude = ["web/**"]\n'})
    orch = open_orch(root)
    orch.index_repository()
    assert indexed_files(orch) == {"pkg/__init__.py", "pkg/core.py"}


def test_warm_start_reanalyses_nothing_then_only_the_touched_file(
    make_workspace, open_orch
) -> None:
    root = make_workspace(FILES)
    orch = open_orch(root)
    orch.index_repository()
    before = graph_dump(orch)
    orch.close()

    orch = open_orch(root)
    stats = orch.index_repository()
    assert stats.changed_files == 0 and stats.reenriched_files == 0
    assert graph_dump(orch) == before

    # Touch without changing content: still nothing to analyse.
    os.utime(root / "pkg/core.py", ns=(1, 1))
    assert orch.index_repository().changed_files == 0

    (root / "pkg/core.py").write_text("def run():\n    return 2\n")
    stats = orch.index_repository()
    assert stats.changed_files == 1 and stats.changed_paths == ["pkg/core.py"]
    with orch.snapshot() as snap:
        assert snap.node("pkg/core.py->FUNCTION->helper") is None


def test_deleted_files_leave_the_graph(make_workspace, open_orch) -> None:
    root = make_workspace(FILES)
    orch = open_orch(root)
    orch.index_repository()
    (root / "web/app.ts").unlink()
    stats = orch.index_repository()
    assert stats.deleted_files == 1
    assert "web/app.ts" not in indexed_files(orch)
    with orch.snapshot() as snap:
        assert snap.context_nodes("web/app.ts") == []
        assert snap.node("web/app.ts->FUNCTION->start") is None


def test_parallel_and_serial_indexing_give_the_same_graph(tmp_path: Path, open_orch) -> None:
    files = {f"pkg/m{i}.py": f"def f{i}(x):\n    return g{i}(x)\n" for i in range(80)}
    a, b = tmp_path / "a", tmp_path / "b"
    write_files(a, files)
    write_files(b, files)
    serial = open_orch(a, workers=1)
    parallel = open_orch(b, workers=2)
    serial.index_repository()
    parallel.index_repository()
    assert graph_dump(serial) == graph_dump(parallel)
