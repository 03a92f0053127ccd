"""Every record is a function of the file's path and bytes, whatever came before.

The same file is analysed in a fresh process, after other files in a process
with a history, and through the worker pool; the records must be identical.
Two cold indexes of a real corpus (Flask, fetched by
benchmarks/fetch_corpora.sh) must export byte-identical graphs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from graphwarden.analysis.indexer import AnalysisPool, analyse_source, read_source
from graphwarden.analysis.model import Node
from graphwarden.analysis.store import decode_node_rows
from tests.helpers import write_files

REPO = Path(__file__).resolve().parents[1]

#: Comments, nesting, decorators, non-ASCII: what hashing and ids depend on.
SAMPLES = {
    "pkg/a.py": (
        '"""Module doc."""\n# a comment\nimport os  # trailing\n\n\n@deco  # c\n'
        "class A(Base):  # c\n    # c\n    def m(self, x):  # c\n        return os.path(x)  # c\n"
        "\n\ndef f():\n    # only a comment\n    return [g() for g in h()]  # c\n"
        "value = 'é😀'  # c\n"
    ),
    "pkg/b.ts": (
        "// header\nimport { x } from './c'; // c\n/* block */\nexport class B extends A {\n"
        "  // c\n  m(a: number): number { return x(a); } // c\n}\nexport const k = () => x(1); /* c */\n"
    ),
    "pkg/c.js": "/** doc */\nfunction x(a) { /* c */ return a; }\nmodule.exports = { x }; // c\n",
}
#: Unrelated files analysed in between, to give the process a history.
NOISE = {
    f"noise/n{i}.py": f"# {i}\n"
    + "".join(f"def f{j}():  # c{j}\n    return {j}\n" for j in range(i))
    for i in range(1, 40)
}


def node_fields(nodes: list[Node]) -> list[tuple[object, ...]]:
    return [
        (n.id, n.type, n.name, n.range, n.content_hash, n.signature_hash, sorted(n.attrs.items()))
        for n in nodes
    ]


def records(root: Path, rel: str) -> list[tuple[object, ...]]:
    """Every field of every node and edge a file's analysis produces."""
    analysis, record = analyse_source(read_source(root, rel), 4 << 20)
    edges = [(e.src, e.type, e.dst) for e in analysis.edges]
    return [*node_fields(analysis.nodes), *edges, (record.content_hash, record.language)]


_CHILD = """
import json, sys
from pathlib import Path
from tests.test_determinism import records
print(json.dumps(records(Path(sys.argv[1]), sys.argv[2]), default=list))
"""


def records_in_fresh_process(root: Path, rel: str) -> list[object]:
    import json

    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(root), rel],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
        timeout=120,
        # The repository on the path explicitly: graphwarden's pool sets
        # PYTHONSAFEPATH for this process, so `-c` would not add the cwd.
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    return json.loads(done.stdout)


def as_json(value: list[tuple[object, ...]]) -> list[object]:
    import json

    return json.loads(json.dumps(value, default=list))


@pytest.mark.parametrize("rel", sorted(SAMPLES))
def test_same_file_same_records_in_any_process_and_order(tmp_path: Path, rel: str) -> None:
    write_files(tmp_path, {**SAMPLES, **NOISE})
    first = records(tmp_path, rel)
    fresh = records_in_fresh_process(tmp_path, rel)
    assert as_json(first) == fresh
    # After analysing many other files in this process, in two orders.
    for order in (sorted(NOISE), sorted(NOISE, reverse=True)):
        for other in order:
            records(tmp_path, other)
        assert records(tmp_path, rel) == first


def test_worker_pool_gives_the_same_records(tmp_path: Path) -> None:
    files = {
        **SAMPLES,
        **NOISE,
        **{f"more/m{i}.py": f"def m{i}():  # c\n    pass\n" for i in range(40)},
    }
    write_files(tmp_path, files)
    pool = AnalysisPool(workers=2)
    try:
        pooled = {enc.file: enc for enc in pool.analyse(tmp_path, sorted(files))}
    finally:
        pool.close()
    assert len(files) >= 64, "enough files that the pool is used"
    for rel in SAMPLES:
        analysis, _record = analyse_source(read_source(tmp_path, rel), 4 << 20)
        assert node_fields(decode_node_rows(pooled[rel].node_rows)) == node_fields(analysis.nodes)


def _corpus(name: str) -> Path:
    base = Path(
        os.environ.get("GRAPHWARDEN_CORPORA", Path.home() / ".cache" / "graphwarden-corpora")
    )
    path = base / name
    if not path.is_dir():
        subprocess.run(
            ["bash", str(REPO / "benchmarks" / "fetch_corpora.sh"), str(base), name],
            check=True,
            timeout=600,
        )
    return path


@pytest.mark.slow(seconds=15)
def test_two_cold_indexes_of_flask_export_identical_bytes(tmp_path: Path) -> None:
    flask = _corpus("flask")
    exports = []
    for i in range(2):
        store = tmp_path / f"store{i}"
        out = tmp_path / f"export{i}.jsonl"
        graphwarden = str(Path(sys.executable).parent / "graphwarden")
        subprocess.run(
            [graphwarden, "index", str(flask), "--store", str(store)],
            check=True,
            capture_output=True,
            timeout=600,
        )
        subprocess.run(
            [graphwarden, "export", str(flask), "--store", str(store), "-o", str(out)],
            check=True,
            capture_output=True,
            timeout=600,
        )
        exports.append(out.read_bytes())
    assert len(exports[0]) > 100_000
    assert exports[0] == exports[1]


#: A workspace whose data-flow dependencies (USES_SUMMARY) once depended on the
#: order a set of names was walked in, that is on the process's hash seed.
HASH_ORDER = {
    "pkg/__init__.py": "\n",
    "pkg/m0.py": "class A:\n    def run(self):\n        f()\ndef f():\n    f()\n",
    "pkg/m1.py": (
        "import pkg.m0 as m0\nclass B(m0.A):\n    def run(self):\n"
        "        os.system(str(m2.F(request.form).cleaned_data['n']))\n"
    ),
    "pkg/m2.py": "from .m1 import *\ndef f(a: 'B'):\n    return v\n    a.run()\n",
}


def test_index_is_the_same_under_any_hash_seed(tmp_path: Path) -> None:
    write_files(tmp_path / "ws", HASH_ORDER)
    graphwarden = str(Path(sys.executable).parent / "graphwarden")
    exports = []
    for seed in ("1", "2", "3"):
        store, out = tmp_path / f"store{seed}", tmp_path / f"export{seed}.jsonl"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        for args in (["index"], ["export", "-o", str(out)]):
            subprocess.run(
                [graphwarden, args[0], str(tmp_path / "ws"), "--store", str(store), *args[1:]],
                check=True,
                capture_output=True,
                timeout=120,
                env=env,
            )
        exports.append(out.read_text())
    assert '"USES_SUMMARY"' in exports[0]
    assert exports[0] == exports[1] == exports[2]
