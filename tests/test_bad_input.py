"""Bad input: each case is skipped or partly indexed with a reason; the rest is complete."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from graphwarden.analysis.indexer import analyse_source
from graphwarden.analysis.languages import analyse_bytes
from graphwarden.analysis.model import NodeType
from tests.helpers import write_files

GOOD = {"good/a.py": "def a():\n    return b()\n", "good/b.ts": "export const b = () => 1;\n"}


def records(orch):
    with orch.snapshot() as snap:
        return {r.path: r for r in snap.files()}


def assert_good_files_complete(orch) -> None:
    with orch.snapshot() as snap:
        assert snap.node("good/a.py->FUNCTION->a") is not None
        assert snap.node("good/a.py->CALL->a->b#0") is not None
        assert snap.node("good/b.ts->FUNCTION->b") is not None


def index_with(make_workspace, open_orch, extra: dict[str, str | bytes]):
    root = make_workspace({**GOOD, **extra})
    orch = open_orch(root)
    stats = orch.index_repository()
    assert_good_files_complete(orch)
    return root, orch, stats


def test_invalid_utf8_is_indexed_partially_with_reason(make_workspace, open_orch) -> None:
    _root, orch, _ = index_with(
        make_workspace, open_orch, {"bad/latin1.py": b"# caf\xe9\ndef ok():\n    pass\n"}
    )
    rec = records(orch)["bad/latin1.py"]
    assert any("invalid UTF-8" in e.message for e in rec.parse_errors)
    with orch.snapshot() as snap:
        assert snap.node("bad/latin1.py->FUNCTION->ok") is not None


def test_binary_file_with_source_extension_is_skipped(make_workspace, open_orch) -> None:
    _root, orch, stats = index_with(
        make_workspace, open_orch, {"bad/blob.js": bytes(range(256)) * 40}
    )
    rec = records(orch)["bad/blob.js"]
    assert rec.skipped_reason and "binary" in rec.skipped_reason
    assert stats.skipped_files == 1


def test_nul_bytes_in_text_are_skipped_with_reason() -> None:
    fa = analyse_bytes("x.py", b"x = 1\n\x00\ny = 2\n")
    assert fa.skipped_reason == "binary content (NUL byte at offset 6)"
    assert [n.type for n in fa.nodes] == [NodeType.MODULE]


def test_huge_minified_javascript_is_skipped_not_stalled(make_workspace, open_orch) -> None:
    body = ("function a" + "x" * 10 + "(){return 1};") * 250_000  # ~6 MB on one line
    _root, orch, _ = index_with(make_workspace, open_orch, {"bad/bundle.min.js": body})
    rec = records(orch)["bad/bundle.min.js"]
    assert rec.skipped_reason and "limit" in rec.skipped_reason


@pytest.mark.slow(seconds=70)
def test_huge_file_under_a_raised_limit_is_indexed() -> None:
    body = "function f(){return g()};" * 200_000  # 5 MB
    fa = analyse_bytes("bundle.js", body.encode(), max_bytes=8 * 1024 * 1024)
    assert fa.skipped_reason is None
    assert sum(1 for n in fa.nodes if n.type == NodeType.CALL) == 200_000


@pytest.mark.parametrize(
    ("path", "src"),
    [
        ("deep.py", "x = " + "(" * 5000 + "1" + ")" * 5000 + "\n"),
        ("deep.js", "x = " + "[" * 5000 + "1" + "]" * 5000 + ";\n"),
        ("calls.py", "x = " + "f(" * 5000 + ")" * 5000 + "\n"),
        (
            "defs.py",
            "".join("    " * i + f"def f{i}():\n" for i in range(400)) + "    " * 400 + "pass\n",
        ),
    ],
)
def test_nesting_5000_deep_does_not_recurse(path: str, src: str) -> None:
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)  # prove there is no Python recursion over the tree
    try:
        fa = analyse_bytes(path, src.encode())
    finally:
        sys.setrecursionlimit(limit)
    assert fa.skipped_reason is None
    assert fa.nodes[0].type == NodeType.MODULE


def test_symlink_loop_is_not_followed(make_workspace, open_orch) -> None:
    root = make_workspace(GOOD)
    (root / "loop").mkdir()
    os.symlink(root / "loop", root / "loop" / "again")
    os.symlink("/etc", root / "outside")
    os.symlink("/etc/hostname", root / "leak.py")
    orch = open_orch(root)
    orch.index_repository()
    assert_good_files_complete(orch)
    assert set(records(orch)) == set(GOOD)


def test_unreadable_file(tmp_path: Path) -> None:
    # Root reads files whatever their mode, so as root (CI) the indexing runs
    # as `nobody` (setpriv, util-linux): the permission check is then real.
    ws = Path(tempfile.mkdtemp(prefix="gw-unreadable-"))
    try:
        ws.chmod(0o777)
        write_files(ws, {**GOOD, "secret.py": "x = 1\n"})
        (ws / "secret.py").chmod(0)
        script = (
            "import sys; from graphwarden.analysis.orchestrator import Orchestrator\n"
            "o = Orchestrator(sys.argv[1], workers=1); o.index_repository()\n"
            "with o.snapshot() as s: print(s.file('secret.py').skipped_reason)\n"
            "o.close()\n"
        )
        cmd = [sys.executable, "-c", script, str(ws)]
        if os.geteuid() == 0:
            cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=ws)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "cannot read: Permission denied"
    finally:
        shutil.rmtree(ws, ignore_errors=True)


def test_unreadable_file_reason_even_as_root(tmp_path: Path) -> None:
    # As root chmod 0 does not stop reads; a directory named like a source file does.
    (tmp_path / "dir.py").mkdir()
    from graphwarden.analysis.indexer import read_source

    src = read_source(tmp_path, "dir.py")
    analysis, record = analyse_source(src, 1 << 20)
    assert record.skipped_reason == "is a directory"
    assert analysis.nodes[0].attrs["skipped"] == "is a directory"


def test_file_deleted_between_discovery_and_parse(tmp_path: Path) -> None:
    from graphwarden.analysis.indexer import read_source

    src = read_source(tmp_path, "gone.py")
    assert src.data is None and src.error == "deleted before it could be read"
    analysis, record = analyse_source(src, 1 << 20)
    assert record.skipped_reason == "deleted before it could be read"
    assert analysis.skipped_reason == record.skipped_reason


def test_file_deleted_during_index_run(make_workspace, open_orch, monkeypatch) -> None:
    root = make_workspace({**GOOD, "vanishing.py": "x = 1\n"})
    orch = open_orch(root)
    real_discover = orch.discover

    def discover_then_delete() -> list[str]:
        files = real_discover()
        (root / "vanishing.py").unlink()
        return files

    monkeypatch.setattr(orch, "discover", discover_then_delete)
    orch.index_repository()
    assert_good_files_complete(orch)
    assert records(orch)["vanishing.py"].skipped_reason == "deleted before it could be read"


def test_empty_file_and_bom_only_file(make_workspace, open_orch) -> None:
    _root, orch, stats = index_with(
        make_workspace,
        open_orch,
        {
            "empty.py": b"",
            "bom.py": b"\xef\xbb\xbf",
            "bom2.ts": b"\xef\xbb\xbfexport const x = 1;\n",
        },
    )
    recs = records(orch)
    assert recs["empty.py"].skipped_reason is None and not recs["empty.py"].parse_errors
    assert recs["bom.py"].skipped_reason is None and not recs["bom.py"].parse_errors
    with orch.snapshot() as snap:
        assert snap.node("empty.py->MODULE") is not None
        exported = snap.node("bom2.ts->VARIABLE->x")
        assert exported is not None and exported.attrs["sel"][:2] == [0, 13]
    assert stats.parse_errors == 0


def test_syntax_errors_are_recorded_per_file(make_workspace, open_orch) -> None:
    _root, orch, stats = index_with(make_workspace, open_orch, {"broken.py": "def f(:\n    pass\n"})
    assert stats.parse_errors >= 1
    errs = records(orch)["broken.py"].parse_errors
    assert errs and errs[0].range[0] == 0
