"""GuaranteeChecker: config validation with lines, selective re-checking, built-ins, baseline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from graphwarden.analysis.config import load_config
from graphwarden.analysis.guarantees.baseline import apply_baseline, read_baseline, write_baseline
from graphwarden.analysis.guarantees.checker import GuaranteeChecker
from graphwarden.analysis.orchestrator import FileChange, Orchestrator

Run = Callable[..., tuple[Orchestrator, GuaranteeChecker]]

NO_EVAL = """
[[guarantees]]
name = "no-eval"
severity = "error"
description = "eval runs arbitrary code"
remediation = "use ast.literal_eval"
rule = 'violation(X) :- node(X, "CALL"), attr(X, "name", "eval").'
"""


def load_errors(tmp_path: Path, text: str, name: str = "graphwarden.toml") -> list[str]:
    (tmp_path / name).write_text(text)
    settings, errors = load_config(tmp_path)
    return [str(e) for e in [*errors, *GuaranteeChecker(settings).load_errors]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '[[contracts]]\nname = "c"\ntype = "forbiden"\nsource_modules = ["a"]\n',
            "graphwarden.toml:3: contract 'c': unknown contract type 'forbiden'",
        ),
        (
            '[[contracts]]\nname = "c"\ntype = "forbidden"\nsource_modules = ["a"]\n'
            'forbidden_modules = ["b"]\nforbiden_modules = ["b"]\n',
            "graphwarden.toml:6: contract 'c': unknown key 'forbiden_modules'",
        ),
        (
            '[[contracts]]\ntype = "layers"\nlayers = ["a", "b"]\n',
            "graphwarden.toml:1: contract #1 has no 'name'",
        ),
        (
            '[[guarantees]]\nname = "g"\nseverity = "fatal"\nrule = "violation(X) :- node(X, \\"CALL\\")."\n',
            "graphwarden.toml:3: guarantee 'g': bad severity 'fatal'",
        ),
        (
            '[[guarantees]]\nname = "g"\nrule = \'\'\'\nviolation(X) :-\n  node(X, "CALL"),\n'
            "  calls_eval(X).\n'''\n",
            "graphwarden.toml:6: guarantee 'g': unknown predicate 'calls_eval'",
        ),
        (
            '[[guarantees]]\nname = "g"\nrule = \'\'\'\nviolation(X) :- node(X, "CALL"), \\+ p(X).\n'
            "p(X) :- node(X, \"CALL\"), \\+ p(X).\n'''\n",
            "graphwarden.toml:5: guarantee 'g': unstratifiable",
        ),
        ("[[guarantees]\nname = 1\n", "graphwarden.toml:1: TOML syntax error"),
        ("builtin_rules = { import-cycles = true }\n", "unknown built-in rule 'import-cycles'"),
    ],
)
def test_config_errors_name_file_line_and_problem(tmp_path: Path, text: str, expected: str) -> None:
    errors = load_errors(tmp_path, text)
    assert errors, "expected a load error"
    assert errors[0].startswith(expected) or expected in errors[0], errors


def test_pyproject_table_lines(tmp_path: Path) -> None:
    text = (
        '[project]\nname = "x"\n\n[tool.graphwarden]\nexclude = []\n\n'
        '[[tool.graphwarden.contracts]]\nname = "c"\ntype = "nope"\n'
    )
    assert load_errors(tmp_path, text, "pyproject.toml")[0].startswith(
        "pyproject.toml:9: contract 'c': unknown contract type 'nope'"
    )


def test_datalog_guarantee_and_builtin_unresolved(check_workspace: Run) -> None:
    _orch, checker = check_workspace(
        {
            "app/__init__.py": "",
            "app/m.py": "import app.gone\nfrom app import nothing\nimport os\n\ndef f(s):\n    return eval(s)\n",
            "graphwarden.toml": NO_EVAL,
        }
    )
    got = sorted((v.rule, v.file, v.range[0], v.message) for v in checker.violations)
    assert got == [
        ("no-eval", "app/m.py", 5, "eval runs arbitrary code"),
        (
            "unresolved-import",
            "app/m.py",
            0,
            "unresolved import: 'app.gone' does not exist in the workspace",
        ),
        (
            "unresolved-import",
            "app/m.py",
            1,
            "unresolved import: 'app.nothing' does not exist in the workspace",
        ),
    ]
    ev = next(v for v in checker.violations if v.rule == "no-eval")
    assert ev.remediation == "use ast.literal_eval"
    assert ev.node_id == "app/m.py->CALL->f->eval#0"


def test_builtins_can_be_switched(check_workspace: Run) -> None:
    _orch, checker = check_workspace(
        {
            "p/__init__.py": "",
            "p/a.py": "from p import b\nimport p.missing\n",
            "p/b.py": "from p import a\n",
            "graphwarden.toml": "builtin_rules = { unresolved-import = false, import-cycle = true }\n",
        }
    )
    assert {v.rule for v in checker.violations} == {"import-cycle"}
    assert checker.violations[0].message == "import cycle: p.a -> p.b -> p.a"


def test_empty_repository(check_workspace: Run) -> None:
    _orch, checker = check_workspace({"graphwarden.toml": NO_EVAL})
    assert checker.violations == []
    # A cold check evaluates every rule: no-eval, unresolved-import and the
    # taint classes and security pack that are on by default.
    names = {r.info.name for r in checker.rules}
    assert {"no-eval", "unresolved-import", "sql-injection", "weak-hash"} <= names
    assert checker.last.rules_evaluated == len(checker.rules)


def test_selective_rechecking(check_workspace: Run) -> None:
    files = {
        "app/__init__.py": "",
        "app/m.py": "def f(s):\n    return eval(s)\n",
        "graphwarden.toml": NO_EVAL
        + '[[contracts]]\nname = "c"\ntype = "acyclic"\npackages = ["app"]\n',
    }
    orch, checker = check_workspace(files)
    assert checker.last.rules_evaluated == len(checker.rules)
    before = [v.fingerprint for v in checker.violations]
    # A comment line: no fact changes (positions are no facts), so no rule runs.
    # (A new local, `x = 1`, is a VARIABLE node: weak-random reads those.)
    stats = orch.apply_changes(
        [FileChange("app/m.py", b"def f(s):\n    # checked\n    return eval(s)\n")]
    )
    assert stats.guarantees_checked == 0
    assert checker.last.rules_evaluated == 0
    assert [v.fingerprint for v in checker.violations] == before
    # The line added above moved the call: its violation moved with it.
    assert checker.violations[0].range == (2, 11, 2, 18)
    # A new call: CALL nodes change -> the Datalog rule runs; imports did not change.
    stats = orch.apply_changes(
        [FileChange("app/m.py", b"def f(s):\n    print(s)\n    return eval(s)\n")]
    )
    assert "no-eval" in checker.last.per_rule_seconds
    assert "c" not in checker.last.per_rule_seconds
    # A new import: the contract and the import rule run again.
    orch.apply_changes([FileChange("app/m.py", b"import app\ndef f(s):\n    return eval(s)\n")])
    assert "c" in checker.last.per_rule_seconds
    # The violation moved a line down; its fingerprint did not change.
    assert [v.fingerprint for v in checker.violations] == before
    assert checker.violations[0].range[0] == 2


def test_baseline_round_trip(check_workspace: Run, tmp_path: Path) -> None:
    orch, checker = check_workspace(
        {
            "app/__init__.py": "",
            "app/m.py": "def f(s):\n    return eval(s)\n",
            "graphwarden.toml": NO_EVAL,
        }
    )
    path = tmp_path / "baseline.json"
    assert write_baseline(path, checker.violations) == 1
    known = read_baseline(path)
    kept, hidden = apply_baseline(checker.violations, known)
    assert (kept, hidden) == ([], 1)
    orch.apply_changes(
        [
            FileChange(
                "app/m.py",
                b"# moved\n\ndef f(s):\n    return eval(s)\n\ndef g(s):\n    return eval(s)\n",
            )
        ]
    )
    kept, hidden = apply_baseline(checker.violations, known)
    assert hidden == 1
    assert [v.node_id for v in kept] == ["app/m.py->CALL->g->eval#0"]


def test_warm_start_reuses_results_of_the_same_revision(check_workspace: Run) -> None:
    orch, checker = check_workspace(
        {
            "app/__init__.py": "",
            "app/m.py": "def f(s):\n    return eval(s)\n",
            "graphwarden.toml": NO_EVAL,
        }
    )
    # The language server's checker does not persist: nothing to reuse yet.
    unpersisted = GuaranteeChecker(orch.settings)
    with orch.snapshot() as snap:
        assert unpersisted.check(snap, None) == len(unpersisted.rules)
    # `graphwarden check` persists; a later process at the same revision reuses.
    first = GuaranteeChecker(orch.settings, persist_results=True)
    with orch.snapshot() as snap:
        assert first.check(snap, None) == len(first.rules)
    fresh = GuaranteeChecker(orch.settings, persist_results=True)
    with orch.snapshot() as snap:
        assert fresh.check(snap, None) == 0
    assert [v.to_json() for v in fresh.violations] == [v.to_json() for v in checker.violations]
    # A changed rule definition is never served from the cache.
    orch.settings.guarantees[0]["severity"] = "warning"
    changed = GuaranteeChecker(orch.settings, persist_results=True)
    with orch.snapshot() as snap:
        assert changed.check(snap, None) == 1
    assert changed.violations[0].severity == "warning"
