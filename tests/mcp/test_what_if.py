"""session_check's results equal committing then checking; and they commit nothing.

The library side of the agent interface (analysis/what_if.py), against a real
commit on a copy of the same workspace and store: the same violations (rule,
place, message, chain), for each kind of change; the store's revision, the
files on disk and a reader's snapshot are as before.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from graphwarden.analysis.cycle.stats import FileChange
from graphwarden.analysis.what_if import what_if
from graphwarden.analysis.workspace import OpenWorkspace, open_workspace
from tests.mcp.conftest import FILES, FORBIDDEN_LINE, RULE, write_repo

GUARANTEES = '''
[[tool.graphwarden.guarantees]]
name = "no-eval"
severity = "error"
rule = 'violation(X) :- node(X, "CALL"), attr(X, "name", "eval").'

[[tool.graphwarden.guarantees]]
name = "web-reaches-no-eval"
severity = "warning"
rule = """
calls(F, G) :- edge(F, C, "CONTAINS"), edge(C, G, "CALLS").
reaches(F, G) :- calls(F, G).
reaches(F, H) :- reaches(F, G), calls(G, H).
violation(F) :- node(F, "FUNCTION"), file(F, "app/web.py"), reaches(F, G),
    edge(G, C, "CONTAINS"), attr(C, "name", "eval").
"""
'''

REPO = {
    **FILES,
    "pyproject.toml": FILES["pyproject.toml"] + GUARANTEES,
    "app/views.py": """\
        from flask import request
        import os


        def run():
            os.system(request.args["cmd"])
        """,
}

DOMAIN = "app/domain.py"
ORIGINAL = textwrap.dedent(FILES[DOMAIN])

CASES = {
    "forbidden import": [FileChange(DOMAIN, (FORBIDDEN_LINE + ORIGINAL).encode())],
    "eval reached from web": [
        FileChange(DOMAIN, ORIGINAL.replace("return x * 2", "return eval(x)").encode())
    ],
    "new file and a deletion": [
        FileChange(
            "app/extra.py", b"from app.web import page\n\n\ndef extra():\n    return eval('1')\n"
        ),
        FileChange("app/views.py", deleted=True),
    ],
    "body edit": [FileChange(DOMAIN, ORIGINAL.replace("x * 2", "x * 3").encode())],
    "taint fixed": [FileChange("app/views.py", b"def run():\n    return 1\n")],
}


def results(ws: OpenWorkspace) -> list[dict[str, object]]:
    return [v.to_json() for v in ws.checker.violations]


def opened(root: Path) -> OpenWorkspace:
    ws = open_workspace(root)
    ws.orchestrator.index_repository()
    return ws


@pytest.mark.parametrize("case", sorted(CASES))
def test_what_if_equals_commit_then_check(tmp_path: Path, case: str) -> None:
    root = write_repo(tmp_path / "a", REPO)
    ws = opened(root)
    try:
        # The copy (files and store) gets the real commit.
        shutil.copytree(root, tmp_path / "b", symlinks=True)
        twin = opened(tmp_path / "b")
        try:
            disk = {p: p.read_bytes() for p in root.rglob("*.py")}
            revision = ws.orchestrator.store.revision
            reader = ws.orchestrator.snapshot()
            before = results(ws)
            assert any(v["rule"] == "command-injection" for v in before)

            speculated = what_if(ws.orchestrator, ws.checker, CASES[case])

            twin.orchestrator.apply_changes(CASES[case])
            committed = results(twin)
            assert [v.to_json() for v in speculated.violations] == committed
            assert [v.to_json() for v in speculated.before] == before
            # Nothing moved: the revision, the disk, a reader, the workspace's own results.
            assert ws.orchestrator.store.revision == revision
            assert {p: p.read_bytes() for p in root.rglob("*.py")} == disk
            assert reader.revision == revision and reader.file("app/extra.py") is None
            reader.close()
            assert results(ws) == before
            # And the workspace's checker still updates correctly from there.
            ws.orchestrator.apply_changes(CASES[case])
            assert results(ws) == committed
        finally:
            twin.close()
    finally:
        ws.close()


def test_the_forbidden_import_is_introduced(tmp_path: Path) -> None:
    ws = opened(write_repo(tmp_path / "a", REPO))
    try:
        result = what_if(ws.orchestrator, ws.checker, CASES["forbidden import"])
        assert [(v.rule, v.file) for v in result.introduced] == [(RULE, DOMAIN)]
        assert result.resolved == []
    finally:
        ws.close()


def test_what_if_after_another_process_committed(tmp_path: Path) -> None:
    """The checker is behind (another process committed): it catches up first."""
    import subprocess
    import sys

    root = write_repo(tmp_path / "a", REPO)
    ws = opened(root)
    try:
        (root / "app/web.py").write_text((root / "app/web.py").read_text() + "\nX = eval('2')\n")
        done = subprocess.run(
            [sys.executable, "-I", "-m", "graphwarden", "index", str(root)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert ws.checker.checked_revision != ws.orchestrator.store.revision
        revision = ws.orchestrator.store.revision
        shutil.copytree(root, tmp_path / "b", symlinks=True)
        result = what_if(ws.orchestrator, ws.checker, CASES["forbidden import"])
        assert ws.orchestrator.store.revision == revision
        assert ("no-eval", "app/web.py") in {(v.rule, v.file) for v in result.before}
        twin = opened(tmp_path / "b")
        try:
            twin.orchestrator.apply_changes(CASES["forbidden import"])
            assert [v.to_json() for v in result.violations] == results(twin)
        finally:
            twin.close()
    finally:
        ws.close()
