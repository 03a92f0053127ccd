"""Taint results everywhere results go: SARIF, text, GitHub, hover, Datalog, baselines, gaps."""

from __future__ import annotations

from pathlib import Path

from graphwarden.analysis.model import EdgeType
from graphwarden.analysis.modules import ModuleNaming
from graphwarden.analysis.navigation import describe
from graphwarden.analysis.orchestrator import CycleStats, FileChange
from graphwarden.analysis.workspace import UserChoices, open_workspace
from graphwarden.cli.reporting.github import render_github
from graphwarden.cli.reporting.sarif import render_sarif
from graphwarden.cli.reporting.text import render_text
from tests.helpers import write_files

VIEWS = """\
import sqlite3
from flask import Flask, request
from app.helpers import passthru

app = Flask(__name__)


@app.route("/a")
def a():
    param = request.args.get("id")
    bar = passthru(param)
    cur = sqlite3.connect("db").cursor()
    cur.execute("SELECT * FROM t WHERE id = '" + bar + "'")
    return "ok"
"""
HELPERS = "def passthru(s):\n    t = s.strip()\n    return t\n"


def _open(root: Path):
    ws = open_workspace(root, UserChoices(store=root / ".store", workers=1))
    ws.orchestrator.index_repository()
    return ws


def test_sarif_text_and_github_carry_the_path(tmp_path: Path) -> None:
    write_files(tmp_path, {"app/__init__.py": "", "app/views.py": VIEWS, "app/helpers.py": HELPERS})
    ws = _open(tmp_path)
    try:
        vs = [v for v in ws.checker.violations if v.rule == "sql-injection"]
        assert len(vs) == 1 and vs[0].range[0] == 12
        sarif = render_sarif(vs, ws.checker.rule_infos, tmp_path)
        run = sarif["runs"][0]
        rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "sql-injection")
        assert rule["properties"]["tags"] == ["security", "external/cwe/cwe-89"]
        assert float(rule["properties"]["security-severity"]) > 7
        flow = run["results"][0]["codeFlows"][0]["threadFlows"][0]["locations"]
        files = [step["location"]["physicalLocation"]["artifactLocation"]["uri"] for step in flow]
        assert files[0] == "app/views.py" and "app/helpers.py" in files
        assert flow[-1]["location"]["message"]["text"].startswith("sink:")
        text = render_text(vs)
        assert "parameter s of passthru" in text and "sink: execute" in text
        gh = render_github(vs)
        assert "app/helpers.py:1: parameter s of passthru" in gh
    finally:
        ws.close()


def test_fingerprint_is_line_free_and_hover_names_the_source(tmp_path: Path) -> None:
    write_files(tmp_path, {"app/__init__.py": "", "app/views.py": VIEWS, "app/helpers.py": HELPERS})
    ws = _open(tmp_path)
    try:
        before = [v.fingerprint for v in ws.checker.violations if v.rule == "sql-injection"]
        moved = VIEWS.replace("app = Flask(__name__)\n", "\n\n\napp = Flask(__name__)\n")
        ws.orchestrator.apply_changes([FileChange("app/views.py", moved.encode())])
        after = [v for v in ws.checker.violations if v.rule == "sql-injection"]
        assert [v.fingerprint for v in after] == before
        with ws.orchestrator.snapshot() as snap:
            bar = snap.node("app/views.py->VARIABLE->a.bar")
            assert bar is not None
            facts = describe(snap, bar, ModuleNaming(()))
            assert [t.source for t in facts.tainted_by] == ["Flask request data"]
            assert facts.tainted_by[0].file == "app/views.py"
    finally:
        ws.close()


def test_helper_body_edit_makes_the_finding_come_and_go(tmp_path: Path) -> None:
    files = {
        "app/__init__.py": "",
        "app/views.py": VIEWS.replace("passthru", "clean"),
        "app/helpers.py": "import shlex\n\ndef clean(s):\n    return str(int(s))\n",
        "app/other.py": "def unrelated():\n    return 1\n",
    }
    edit = "import shlex\n\ndef clean(s):\n    return s\n"
    stats = _finding_comes_and_goes(
        tmp_path, files, "app/helpers.py", edit, "sql-injection", "app/views.py"
    )
    # The helper's file, and for the dataflow enricher its one reader: nothing else.
    assert stats.reenriched_by_enricher["dataflow"] == 2
    assert stats.reenriched_by_enricher["calls"] == 1


def _finding_comes_and_goes(
    root: Path, files: dict[str, str], path: str, edit: str, rule: str, where: str
) -> CycleStats:
    """Index `files` (no `rule` finding), edit `path` (one, in `where`), undo the
    edit (none again); the edit's cycle statistics."""
    write_files(root, files)
    ws = _open(root)
    try:
        assert not [v for v in ws.checker.violations if v.rule == rule]
        stats = ws.orchestrator.apply_changes([FileChange(path, edit.encode())])
        assert [v.file for v in ws.checker.violations if v.rule == rule] == [where]
        ws.orchestrator.apply_changes([FileChange(path, files[path].encode())])
        assert not [v for v in ws.checker.violations if v.rule == rule]
        return stats
    finally:
        ws.close()


def test_datalog_flows_taint_and_value(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/views.py": VIEWS,
            "app/helpers.py": HELPERS,
            "app/crypto.py": 'import hashlib\nALG = "md5"\n\ndef h():\n    return hashlib.new(ALG)\n',
        },
    )
    ws = _open(tmp_path)
    try:
        q = ws.orchestrator.query
        sinks = q('?- taint(S, K, "sql-injection").')
        assert [r["K"] for r in sinks] == ["app/views.py->CALL->a->cur.execute#0"]
        reach = q('?- flows("app/views.py->VARIABLE->a.param", X), node(X, "PARAMETER").')
        assert {r["X"] for r in reach} == {"app/helpers.py->PARAMETER->passthru->s"}
        back = q('?- flows(X, "app/views.py->VARIABLE->a.bar"), node(X, "VARIABLE").')
        assert {"app/views.py->VARIABLE->a.param", "app/helpers.py->VARIABLE->passthru.t"} <= {
            r["X"] for r in back
        }
        assert q('?- value("app/crypto.py->VARIABLE->ALG", V).') == [{"V": "md5"}]
        assert q('?- node(C, "CALL"), attr(C, "qualified", "hashlib.new"), value(C, "0", V).') == [
            {"C": "app/crypto.py->CALL->h->hashlib.new#0", "V": "md5"}
        ]
        weak = [v for v in ws.checker.violations if v.rule == "weak-hash"]
        assert [v.file for v in weak] == ["app/crypto.py"]
    finally:
        ws.close()


def test_dynamic_calls_become_edges_or_gaps(tmp_path: Path) -> None:
    base = "import importlib\n\ndef f(name):\n    return 1\n"
    write_files(
        tmp_path,
        {"pkg/__init__.py": "", "pkg/mod.py": "def run():\n    return 1\n", "pkg/use.py": base},
    )
    ws = _open(tmp_path)
    try:
        orch = ws.orchestrator
        const = base.replace(
            "return 1", 'm = importlib.import_module("pkg" + ".mod")\n    return m'
        )
        stats = orch.apply_changes([FileChange("pkg/use.py", const.encode())])
        assert stats.new_coverage_gaps == []
        with orch.snapshot() as snap:
            imports = [
                e.dst
                for e in snap.edges_out(
                    "pkg/use.py->CALL->f->importlib.import_module#0", EdgeType.IMPORTS
                )
            ]
        assert imports == ["pkg/mod.py->MODULE"]
        dynamic = base.replace("return 1", "m = __import__(name)\n    return m")
        stats = orch.apply_changes([FileChange("pkg/use.py", dynamic.encode())])
        assert [g.node_id for g in stats.new_coverage_gaps] == ["pkg/use.py->CALL->f->__import__#0"]
    finally:
        ws.close()


DEPENDENT = """\
import os
from fastapi import Depends, FastAPI
from app.deps import term

api = FastAPI()


@api.get("/s")
def search(t: str = Depends(term)):
    os.system("grep " + t)
"""


def test_a_dependency_body_edit_makes_the_finding_come_and_go(tmp_path: Path) -> None:
    files = {
        "app/__init__.py": "",
        "app/api.py": DEPENDENT,
        "app/deps.py": "def term(q: str = ''):\n    return 'fixed'\n",
    }
    edit = "def term(q: str = ''):\n    return q\n"
    _finding_comes_and_goes(tmp_path, files, "app/deps.py", edit, "command-injection", "app/api.py")


def test_third_party_code_gets_no_taint_findings_but_stays_in_the_graph(tmp_path: Path) -> None:
    # The same handler in the application and in a shipped library: only the
    # application's is a finding; the library's module and function are still
    # in the graph (go to definition, contracts).
    handler = (
        "const { exec } = require('child_process');\n"
        "module.exports = (req, res) => { exec('ping ' + req.query.host); };\n"
    )
    # Bundles and minified code by their text: esbuild's preamble, and lines of
    # minified length (a long comment stands for the rest of the build); a
    # hand-written file with one long line of data stays source.
    bundle = "var __create = Object.create;\nvar __defProp = Object.defineProperty;\n" + handler
    minified = "/*" + "x" * 30_000 + "*/" + handler.replace("\n", " ")
    data_line = "const LOGO = '" + "A" * 30_000 + "';\n" + handler + "// ...\n" * 40
    write_files(
        tmp_path,
        {
            "app/ping.js": handler,
            "app/logo.js": data_line,
            "static/vendor/lib/ping.js": handler,
            "static/js/ping.min.js": handler,
            "lib/coreBundle.js": bundle,
            "public/app.js": minified,
        },
    )
    ws = _open(tmp_path)
    try:
        found = sorted(v.file for v in ws.checker.violations if v.rule == "command-injection")
        assert found == ["app/logo.js", "app/ping.js"]
        with ws.orchestrator.store.snapshot() as snap:
            paths = {r.path for r in snap.files()}
        assert {
            "static/vendor/lib/ping.js",
            "static/js/ping.min.js",
            "lib/coreBundle.js",
            "public/app.js",
        } <= paths
    finally:
        ws.close()
