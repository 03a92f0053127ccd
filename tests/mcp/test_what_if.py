"""session_check's results equal committing then checking; and they commit nothing.

The library side of the agent interface (analysis/what_if.py), against a real
commit on a copy of the same workspace and store: the same violations (rule,
place, message, chain), for each kind of change; the store's revision, the
files on disk and a reader's snapshot are as before.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphwarden.analysis.cycle.stats import FileChange
from graphwarden.analysis.guarantees.checker import GuaranteeChecker
from graphwarden.analysis.guarantees.results import Violation
from graphwarden.analysis.orchestrator import Orchestrator
from graphwarden.analysis.what_if import what_if
from graphwarden.analysis.workspace import OpenWorkspace, open_workspace
from tests import test_incremental_equivalence as incr
from tests.helpers import graph_dump
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


def lines(violations: list[Violation]) -> list[str]:
    """As `incr.guarantee_lines` prints a checker's results."""
    return sorted("violation " + json.dumps(v.to_json(), sort_keys=True) for v in violations)


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


# -- any sequence of edits (hypothesis, over the incremental-equivalence generators) -----

WHAT_IF_EXAMPLES = int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "300")) // 5 or 1


@settings(
    max_examples=WHAT_IF_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_what_if_equals_the_commit_for_any_edits(data: st.DataObject) -> None:
    """Before each cycle, a what-if of its changes gives the results the cycle then gives,
    and leaves the graph (every node, edge, summary and name use) as it was."""
    root = Path(tempfile.mkdtemp(prefix="gw-whatif-"))
    try:
        settings_ = incr._settings(root, incr.PY_RULES)
        orch = Orchestrator(root, settings_, workers=1, store_path=root / ".store")
        checker = GuaranteeChecker(settings_)
        orch.guarantee_hook = checker
        try:
            files = {"pkg/__init__.py": data.draw(incr.py_module(init=True))}
            for m in data.draw(st.lists(st.sampled_from(incr.PY_MODS), min_size=1, unique=True)):
                files[f"pkg/{m}.py"] = data.draw(incr.py_module())
            orch.apply_changes([FileChange(p, c.encode()) for p, c in sorted(files.items())])
            for _ in range(data.draw(st.integers(1, 4))):
                path = data.draw(
                    st.sampled_from(["pkg/__init__.py", *(f"pkg/{m}.py" for m in incr.PY_MODS)])
                )
                kind = data.draw(st.integers(0, 9))
                if path != "pkg/__init__.py" and kind == 0:
                    if path not in files:
                        continue
                    del files[path]
                    changes = [FileChange(path, deleted=True)]
                else:
                    if kind <= 5 and path in files:
                        content = data.draw(incr.block_edit(files[path], incr.PY_BLOCKS))
                    else:
                        content = data.draw(incr.py_module(init=path.endswith("__init__.py")))
                    files[path] = content
                    changes = [FileChange(path, content.encode())]
                graph = graph_dump(orch)
                speculated = what_if(orch, checker, changes)
                assert graph_dump(orch) == graph
                orch.apply_changes(changes)
                assert lines(speculated.violations) == incr.guarantee_lines(checker)
        finally:
            orch.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)
