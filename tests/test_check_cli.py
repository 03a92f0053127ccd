"""`graphwarden check` and `graphwarden query` through the CLI's main(): exit codes and output."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from graphwarden.cli.main import main
from tests.helpers import LONG_ROUTE

NO_EVAL = """
[[guarantees]]
name = "no-eval"
severity = "warning"
description = "eval runs arbitrary code"
rule = 'violation(X) :- node(X, "CALL"), attr(X, "name", "eval").'
"""
FILES: dict[str, str | bytes] = {
    "app/__init__.py": "",
    "app/m.py": "def f(s):\n    return eval(s)\n",
    "graphwarden.toml": NO_EVAL,
}


@pytest.fixture
def ws(make_workspace: Callable[[dict[str, str | bytes]], Path]) -> Path:
    return make_workspace(FILES)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_fail_on_levels(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(ws), "--workers", "1")
    assert code == 0  # a warning, and --fail-on defaults to error
    assert "app/m.py:2:12: warning [no-eval] eval runs arbitrary code" in out
    assert run(capsys, "check", str(ws), "--fail-on", "warning")[0] == 1
    assert run(capsys, "check", str(ws), "--fail-on", "never")[0] == 0


def test_formats_and_output_file(
    ws: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _code, out, _ = run(capsys, "check", str(ws), "--format", "json")
    data = json.loads(out)
    assert data["violations"][0]["rule"] == "no-eval"
    target = tmp_path / "out.sarif"
    _code, out, _ = run(capsys, "check", str(ws), "--format", "sarif", "--output", str(target))
    assert out == ""
    assert json.loads(target.read_text())["version"] == "2.1.0"
    _code, out, _ = run(capsys, "check", str(ws), "--format", "github")
    assert out.startswith("::warning file=app/m.py,line=2,col=12")


def test_baseline_cli(ws: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    base = tmp_path / "base.json"
    assert run(capsys, "check", str(ws), "--write-baseline", str(base))[0] == 0
    code, out, _ = run(capsys, "check", str(ws), "--baseline", str(base), "--fail-on", "warning")
    assert code == 0
    assert "1 known violation(s) hidden" in out
    (ws / "app" / "n.py").write_text("x = eval('1')\n")
    code, out, _ = run(capsys, "check", str(ws), "--baseline", str(base), "--fail-on", "warning")
    assert code == 1
    assert "app/n.py" in out and "app/m.py:" not in out


@pytest.mark.parametrize(
    ("config", "fragment"),
    [
        ("[[contracts]\n", "TOML syntax error"),
        (
            '[[contracts]]\nname = "c"\ntype = "nope"\n',
            "graphwarden.toml:3: contract 'c': unknown contract type",
        ),
        (
            '[[guarantees]]\nname = "g"\nrule = "violation(X) :- nod(X)."\n',
            "unknown predicate 'nod'",
        ),
        (
            "[[guarantees]]\nname = \"g\"\nrule = '''\nviolation(X) :-\n  node(X, \"CALLS\").\n'''\n",
            "graphwarden.toml:5: guarantee 'g': node: unknown node type \"CALLS\" "
            '(did you mean "CALL"?); "CALLS" is an edge type',
        ),
    ],
)
def test_config_errors_exit_2(
    make_workspace: Callable[[dict[str, str | bytes]], Path],
    capsys: pytest.CaptureFixture[str],
    config: str,
    fragment: str,
) -> None:
    root = make_workspace({"a.py": "", "graphwarden.toml": config})
    code, _out, err = run(capsys, "check", str(root))
    assert code == 2
    assert fragment in err
    assert len(err.strip().splitlines()) == 1


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", str(tmp_path / "nope"))
    assert code == 2 and "path does not exist" in err
    code, _, err = run(capsys, "check", str(tmp_path), "--baseline", str(tmp_path / "missing.json"))
    assert code == 2 and "baseline file does not exist" in err


def test_empty_repository_is_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(tmp_path))
    assert code == 0
    assert "no violations" in out


def test_query(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "query", str(ws), '?- node(X, "FUNCTION"), attr(X, "name", N).', "--json"
    )
    assert code == 0
    assert json.loads(out) == [{"X": "app/m.py->FUNCTION->f", "N": "f"}]
    code, out, _ = run(capsys, "query", str(ws), 'node(X, "CALL"), attr(X, "callee", "eval")')
    assert out.strip() == "X = app/m.py->CALL->f->eval#0"
    code, _, err = run(capsys, "query", str(ws), "?- nod(X).")
    assert code == 2 and "unknown predicate 'nod'" in err


def test_enricher_failure_makes_the_check_incomplete(
    ws: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An enricher that raises on a file (a graphwarden bug a hostile file can hit)
    must not let `check` pass as clean: exit 2, the file named, the SARIF run
    unsuccessful; and a later check at the same revision still says so, until
    the file changes and the enricher runs there again."""
    from graphwarden.analysis.enrichers.dataflow import DataflowEnricher

    real = DataflowEnricher.process_file

    def fails_on_m(self, file, snapshot, cancelled=None):  # type: ignore[no-untyped-def]
        if file == "app/m.py" and "crash" in snapshot.node("app/m.py->MODULE").attrs.get("doc", ""):
            raise RecursionError("too deep")
        return real(self, file, snapshot, cancelled)

    monkeypatch.setattr(DataflowEnricher, "process_file", fails_on_m)
    (ws / "app/m.py").write_text('"""crash"""\ndef f(s):\n    return eval(s)\n')
    code, out, err = run(capsys, "check", str(ws), "--workers", "1")
    assert code == 2
    assert "app/m.py:3:12: warning [no-eval]" in out  # what was found is still reported
    assert (
        "graphwarden: error: analysis failed: dataflow on app/m.py: RecursionError('too deep')"
        in err
    )
    assert "results are incomplete" in err
    # Warm, nothing changed: the enricher does not run again, the failure stands.
    code, out, _err = run(capsys, "check", str(ws), "--format", "sarif")
    assert code == 2
    invocation = json.loads(out)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and note["descriptor"]["id"] == "dataflow"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "app/m.py"
    code, out, _err = run(capsys, "check", str(ws), "--format", "json")
    assert json.loads(out)["stats"]["enricher_failures"] == [
        ["dataflow", "app/m.py", "RecursionError('too deep')"]
    ]
    code, out, _err = run(capsys, "check", str(ws), "--format", "github")
    assert out.startswith("::error file=app/m.py,title=graphwarden%3A analysis incomplete::")
    # The file changes and the enricher succeeds there: the failure is gone.
    (ws / "app/m.py").write_text("def f(s):\n    return eval(s)\n")
    code, out, err = run(capsys, "check", str(ws), "--format", "sarif")
    assert code == 0 and "analysis failed" not in err
    invocation = json.loads(out)["runs"][0]["invocations"][0]
    assert invocation == {"executionSuccessful": True, "toolExecutionNotifications": []}


def test_an_entry_past_the_statement_budget_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An entry whose data flow runs out of its statement budget finds nothing
    (a partial run's findings would be those of a path it did not finish), and
    `check` says so where users look: a warning on stderr with the place, a
    SARIF warning notification, JSON, a GitHub annotation. The check still
    passes: nothing it reports is wrong."""
    (tmp_path / "app.py").write_text(LONG_ROUTE)
    config = tmp_path / "pyproject.toml"
    config.write_text("[tool.graphwarden.taint]\nstatement_budget = 100\n")
    code, out, err = run(capsys, "check", str(tmp_path), "--workers", "1")
    assert code == 0 and "no violations" in out
    warning = (
        "graphwarden: warning: app.py:205: data flow of search in app.py stopped after "
        "100 statements: taint findings through it may be missing"
    )
    assert warning in err.splitlines()
    code, out, _err = run(capsys, "check", str(tmp_path), "--format", "sarif")
    invocation = json.loads(out)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "warning" and note["descriptor"]["id"] == "dataflow-budget"
    location = note["locations"][0]["physicalLocation"]
    assert location == {
        "artifactLocation": {"uri": "app.py", "uriBaseId": "SRCROOT"},
        "region": {"startLine": 205},
    }
    code, out, _err = run(capsys, "check", str(tmp_path), "--format", "json")
    assert json.loads(out)["stats"]["analysis_stopped"] == [
        {"file": "app.py", "line": 205, "body": "search", "statements": 100}
    ]
    code, out, _err = run(capsys, "check", str(tmp_path), "--format", "github")
    assert out.startswith("::warning file=app.py,line=205,title=graphwarden%3A data flow stopped::")
    # The default budget: the route finishes, and its finding is reported.
    config.write_text("[tool.graphwarden.taint]\n")
    code, out, err = run(capsys, "check", str(tmp_path))
    assert code == 1 and "app.py:207:5: error [xss]" in out
    assert "stopped after" not in err
