"""Full and warm indexing through the orchestrator: discovery, re-analysis, deletion."""

from __future__ import annotations

import os
from pathlib import Path

from graphwarden.analysis.discovery import FileFilter
from graphwarden.analysis.orchestrator import Orchestrator
from graphwarden.analysis.store.mapped_pages import mapped_bytes
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
    # 300 files: analysed in the pool, and enriched there in five chunks whose
    # shards the writer decodes one chunk at a time (enrichment_worker.py).
    files = {
        f"pkg/m{i}.py": f"from pkg.m{(i + 1) % 300} import f{(i + 1) % 300}\n"
        f"def f{i}(x):\n    return f{(i + 1) % 300}(x)\n"
        for i in range(300)
    }
    a, b = tmp_path / "a", tmp_path / "b"
    write_files(a, files)
    write_files(b, files)
    serial = open_orch(a, workers=1)
    parallel = open_orch(b, workers=2)
    serial.index_repository()
    parallel.index_repository()
    assert graph_dump(serial) == graph_dump(parallel)


def test_file_filter_answers_single_paths_as_the_walk_does(tmp_path: Path) -> None:
    """Watched-file events and editor buffers are filtered exactly as `index` filters."""
    root = tmp_path / "ws"
    write_files(
        root,
        {
            **FILES,
            "graphwarden.toml": 'exclude = ["pkg/excluded/**"]\n',
            "pkg/excluded/x.py": "x = 1\n",
            "deep/.gitignore": "local_*.py\n",
            "deep/local_tmp.py": "t = 1\n",
            "deep/kept.py": "k = 1\n",
            "env/pyvenv.cfg": "home = /usr\n",
            "env/lib/site.py": "s = 1\n",
            "dist/bundle.js": "var d;\n",
        },
    )
    os.mkfifo(root / "pkg" / "pipe.py")
    (root / "linked").symlink_to(root / "pkg", target_is_directory=True)
    ff = FileFilter(root, exclude=["pkg/excluded/**"], store_dir=".graphwarden")
    walked = set(ff.discover().files)
    every_path = {
        p.relative_to(root).as_posix() for p in root.rglob("*") if not p.is_dir() or p.is_symlink()
    } | {"linked/core.py", ".graphwarden/x.py", "pkg/new_file.py"}
    assert walked == {"pkg/__init__.py", "pkg/core.py", "web/app.ts", "web/util.js", "deep/kept.py"}
    for rel in sorted(every_path):
        # A file that does not exist yet (pkg/new_file.py) is accepted: it may be created.
        expected = rel in walked or rel == "pkg/new_file.py"
        assert ff.accepts(rel) == expected, (rel, ff.reason(rel))
    assert ff.reason("pkg/pipe.py") == "not a regular file: a named pipe (FIFO)"
    assert ff.reason("build/out.js") == "in a skipped directory: build/"
    # A store under any name inside the workspace is never walked into.
    in_store = FileFilter(root, store_dir="deep")
    assert "deep/kept.py" not in in_store.discover().files
    assert in_store.reason("deep/kept.py") == "in a skipped directory: deep/"


def test_a_cold_index_lets_go_of_its_workers_and_of_the_store_it_read(
    tmp_path: Path, open_orch
) -> None:
    # A big cycle reads and writes the whole store; its pages would stay mapped
    # in the process (and its workers' caches alive) long after it ended: the
    # peak memory of an index and of the language server after it
    # (store/mapped_pages.py, cycle/run.py).
    body = "".join(f"def f{j}(x):\n    return helper(x) + {j}\n" for j in range(80))
    files = {
        f"pkg/m{i:03}.py": body + f"from pkg.m{(i + 1) % 120:03} import f1 as helper\n"
        for i in range(120)
    }
    write_files(tmp_path, files)
    orch = open_orch(tmp_path, workers=2)
    stats = orch.index_repository()
    assert stats.files == 120
    data_file = orch.store.path / "data.mdb"
    after_index = mapped_bytes(data_file)
    assert not orch.pool.running  # the workers and their caches are gone
    with orch.snapshot() as snap:  # reading the graph maps the store: the measure sees it
        nodes = sum(1 for rec in snap.files() for _ in snap.context_nodes(rec.path))
    assert nodes == 120 * (1 + 3 * 80 + 1)  # module, functions, parameters, calls, import
    assert mapped_bytes(data_file) > 4 * max(after_index, 64 * 1024)


def test_a_file_bigger_than_the_flow_cache_is_analysed(tmp_path: Path) -> None:
    """A file whose data-flow facts are bigger than the whole cache of decoded
    facts (an enrichment worker keeps 1 MB of them; graphwarden's own engine.py
    has more) is analysed like any other, not failed with the cache's error."""
    from graphwarden.analysis import defaults
    from graphwarden.analysis.dataflow.engine import bound_flow_cache
    from graphwarden.analysis.orchestrator import FileChange

    view = "from flask import Flask, request\napp = Flask(__name__)\n@app.route('/q')\ndef q():\n    return request.args['q']\n"
    write_files(tmp_path / "ws", {"app.py": view})
    orch = Orchestrator(tmp_path / "ws", workers=1, store_path=tmp_path / "store")
    bound_flow_cache(64)  # smaller than any file's facts
    try:
        orch.index_repository()
        stats = orch.apply_changes([FileChange("app.py", (view + "x = 1\n").encode())])
        assert stats.enricher_errors == []
        assert any('"type": "TAINT"' in line for line in graph_dump(orch))
    finally:
        bound_flow_cache(defaults.FLOW_CACHE_ENCODED_BYTES)
        orch.close()
