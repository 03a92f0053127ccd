"""`[tool.graphwarden.taint]`: user models, switches and their validation (file and line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphwarden.analysis.dataflow.models import builtin_pack_errors, load_spec
from graphwarden.analysis.workspace import UserChoices, open_workspace
from tests.helpers import write_files

WORKED_EXAMPLE = """\
[tool.graphwarden.taint]
classes = { xss = { severity = "warning" }, weak-random = false }

[[tool.graphwarden.taint.sources]]
pattern = "mycorp.web.param"
kind = "call"
label = "a mycorp request parameter"

[[tool.graphwarden.taint.sinks]]
pattern = "mycorp.db.run_sql"
class = "sql-injection"
args = ["0", "query"]
label = "mycorp.db.run_sql"

[[tool.graphwarden.taint.sanitizers]]
pattern = "mycorp.web.clean_sql"
classes = ["sql-injection"]
"""

APP = """\
import random
from mycorp import db, web


def report():
    name = web.param("name")
    db.run_sql("SELECT * FROM t WHERE name = '" + name + "'")
    db.run_sql(query="SELECT * FROM t WHERE name = '" + web.clean_sql(name) + "'")
    return random.random()
"""


def _check(root: Path) -> tuple[list, list]:
    ws = open_workspace(root, UserChoices(store=root / ".store", workers=1))
    try:
        ws.orchestrator.index_repository()
        return ws.checker.violations, ws.config_errors
    finally:
        ws.close()


def test_builtin_packs_are_valid() -> None:
    assert builtin_pack_errors() == []


def test_worked_example_source_custom_sink_and_sanitizer(tmp_path: Path) -> None:
    write_files(tmp_path, {"pyproject.toml": WORKED_EXAMPLE, "app/report.py": APP})
    violations, errors = _check(tmp_path)
    assert errors == []
    sql = [v for v in violations if v.rule == "sql-injection"]
    assert [(v.file, v.range[0]) for v in sql] == [("app/report.py", 6)]
    assert "a mycorp request parameter reaches mycorp.db.run_sql" in sql[0].message
    hops = [r.message for r in sql[0].related]
    assert hops[0].startswith("source: a mycorp request parameter")
    assert "variable name" in hops and hops[-1] == "sink: mycorp.db.run_sql"
    # The class switched off is not checked.
    assert not [v for v in violations if v.rule == "weak-random"]


def test_severity_and_switches(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "graphwarden.toml": '[taint]\nclasses = { command-injection = { severity = "info" }, code-injection = false }\n',
            "app.py": "import os\nfrom flask import request\n\ndef v():\n    os.system(request.args['c'])\n    eval(request.args['e'])\n",
        },
    )
    violations, errors = _check(tmp_path)
    assert errors == []
    assert [(v.rule, v.severity) for v in violations] == [("command-injection", "info")]


def test_threat_models_and_packs(tmp_path: Path) -> None:
    app = "import os, sys\n\ndef main():\n    os.system(sys.argv[1])\n"
    write_files(tmp_path, {"app.py": app})
    violations, _ = _check(tmp_path)
    assert [v.rule for v in violations] == ["command-injection"]
    other = tmp_path / "remote-only"
    write_files(other, {"app.py": app, "graphwarden.toml": '[taint]\nthreat_models = ["remote"]\n'})
    violations, errors = _check(other)
    assert errors == [] and violations == []
    third = tmp_path / "no-flask"
    write_files(
        third,
        {
            "graphwarden.toml": "[taint]\npacks = { flask = false }\n",
            "app.py": "import os\nfrom flask import request\n\ndef v():\n    os.system(request.args['c'])\n",
        },
    )
    violations, errors = _check(third)
    assert errors == [] and violations == []


def test_errors_have_file_and_line(tmp_path: Path) -> None:
    text = """\
[tool.graphwarden.taint]
colour = "red"
classes = { sql-injection = true, buffer-overflow = false }

[[tool.graphwarden.taint.sinks]]
pattern = "mycorp.db.run_sql"
class = "heap-spray"

[[tool.graphwarden.taint.sources]]
pattern = "mycorp.web.param"
kind = "telepathy"

[[tool.graphwarden.taint.sanitizers]]
patern = "mycorp.web.clean"

[[tool.graphwarden.taint.sinks]]
pattern = "mycorp.db.run_sql"
class = "sql-injection"
base = "Repository"
"""
    write_files(tmp_path, {"pyproject.toml": text, "app.py": "x = 1\n"})
    _violations, errors = _check(tmp_path)
    got = sorted((e.file, e.line, e.message.split(":")[0]) for e in errors)
    lines = {e.line: e.message for e in errors}
    assert all(f == "pyproject.toml" for f, _, _ in got)
    assert "unknown taint key 'colour'" in lines[2]
    assert "unknown taint class 'buffer-overflow'" in lines[3]
    assert "unknown class 'heap-spray'" in lines[7]
    assert "'kind' must be one of" in lines[11]
    assert "unknown key 'patern'" in lines[14]
    assert "'base' and 'function' choose the methods of a return sink only" in lines[19]


@pytest.mark.parametrize("value", ['"many"', "0", "-5", "true", "1.5"])
def test_a_bad_statement_budget_is_an_error_at_its_line(tmp_path: Path, value: str) -> None:
    text = f'[tool.graphwarden.taint]\nthreat_models = ["remote"]\nstatement_budget = {value}\n'
    write_files(tmp_path, {"pyproject.toml": text, "app.py": "x = 1\n"})
    _violations, errors = _check(tmp_path)
    assert [(e.file, e.line, e.message) for e in errors] == [
        (
            "pyproject.toml",
            3,
            "taint 'statement_budget' must be a positive whole number of statements",
        )
    ]


def test_spec_digest_follows_models(tmp_path: Path) -> None:
    from graphwarden.analysis.config import load_config

    write_files(tmp_path / "a", {"graphwarden.toml": "[taint]\n"})
    write_files(tmp_path / "b", {"graphwarden.toml": '[[taint.sanitizers]]\npattern = "x.y"\n'})
    a, _ = load_spec(load_config(tmp_path / "a")[0])
    b, _ = load_spec(load_config(tmp_path / "b")[0])
    assert a.digest != b.digest


LIBRARY = """\
from flask import Flask, request

app = Flask(__name__)


def clean_html(text):
    return text.replace("<", "&lt;")


def find(text):
    return text


@app.route("/show")
def show():
    # The library's own sanitizer, called where it is defined: the model names it.
    return "<p>" + clean_html(request.args["q"]) + "</p>"


@app.route("/echo")
def echo():
    # A wildcard model (`*.find`: a string's method) never names a user's function.
    return "<p>" + find(request.args["q"]) + "</p>"
"""


def test_a_sanitizer_model_names_the_librarys_own_definition(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "pyproject.toml": (
                "[[tool.graphwarden.taint.sanitizers]]\n"
                'pattern = "mylib.views.clean_html"\n'
                'classes = ["xss"]\n'
            ),
            "mylib/__init__.py": "",
            "mylib/views.py": LIBRARY,
        },
    )
    violations, errors = _check(tmp_path)
    assert errors == []
    lines = LIBRARY.splitlines()
    xss = [lines[v.range[0]].strip() for v in violations if v.rule == "xss"]
    assert xss == ['return "<p>" + find(request.args["q"]) + "</p>"']
