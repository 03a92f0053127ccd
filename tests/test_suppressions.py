"""Inline suppressions in Python and JS/TS, as `graphwarden check` and the library honour them."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from graphwarden.analysis.orchestrator import FileChange, Orchestrator
from graphwarden.analysis.workspace import UserChoices, open_workspace
from tests.helpers import write_files

CMD = [sys.executable, "-I", "-m", "graphwarden"]
NO_EVAL = """
[[guarantees]]
name = "no-eval"
rule = 'violation(X, "eval called") :- node(X, "CALL"), attr(X, "name", "eval").'
"""
CONFIG = """
[[guarantees]]
name = "no-eval"
rule = 'violation(X, "eval called") :- node(X, "CALL"), attr(X, "name", "eval").'

[[guarantees]]
name = "no-exec"
severity = "warning"
rule = 'violation(X, "exec called") :- node(X, "CALL"), attr(X, "name", "exec").'

[[contracts]]
name = "core-not-web"
type = "forbidden"
source_modules = ["app.core"]
forbidden_modules = ["app.web"]
"""
PYTHON = """\
a = eval(s)  # graphwarden: ignore[no-eval] -- the input is a literal
# graphwarden: ignore[no-eval, no-exec] -- generated code
# (a second comment between the suppression and the code is fine)
b = exec(eval(s))
c = eval("# graphwarden: ignore[no-eval]")
d = eval(s)  # graphwarden: ignore[no-evl]
e = 1  # graphwarden: ignore[no-exec]
"""
JAVASCRIPT = """\
const a = eval(s); // graphwarden-ignore no-eval -- the input is a literal
/* graphwarden-ignore no-eval */
const b = eval(s);
const c = eval("// graphwarden-ignore no-eval");
"""
FILES = {
    "graphwarden.toml": CONFIG,
    "app/__init__.py": "",
    "app/m.py": PYTHON,
    "app/core/__init__.py": "",
    "app/core/svc.py": "from app.web import views  # graphwarden: ignore[core-not-web] -- legacy\n",
    "app/web/__init__.py": "",
    "app/web/views.py": "",
    "web/m.js": JAVASCRIPT,
}


def check(root: Path) -> tuple[int, list[dict[str, object]]]:
    out = subprocess.run(
        [*CMD, "check", str(root), "--format", "json", "--workers", "1"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode in (0, 1), out.stderr
    return out.returncode, json.loads(out.stdout)["violations"]


def shown(violations: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [(v["file"], v["range"][0] + 1, v["rule"], v["message"]) for v in violations]  # type: ignore[index]


def test_check_honours_suppressions_and_reports_unused_ones(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    write_files(root, FILES)
    code, violations = check(root)
    assert code == 1
    assert shown(violations) == [
        # The string literal holding the marker suppresses nothing.
        ("app/m.py", 5, "no-eval", "eval called"),
        # A typo in the rule name: the violation stays, the suppression is reported.
        ("app/m.py", 6, "no-eval", "eval called"),
        (
            "app/m.py",
            6,
            "unused-suppression",
            "unused suppression of 'no-evl': no rule is called 'no-evl' (did you mean 'no-eval'?)",
        ),
        (
            "app/m.py",
            7,
            "unused-suppression",
            "unused suppression of 'no-exec': no 'no-exec' violation starts on the line it covers",
        ),
        ("web/m.js", 4, "no-eval", "eval called"),
    ]
    unused = violations[2]
    assert unused["severity"] == "warning" and unused["kind"] == "suppression"
    assert unused["range"] == [5, 13, 5, 42]  # the comment itself


def test_a_comment_only_edit_adds_and_removes_a_suppression(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    write_files(root, {"graphwarden.toml": NO_EVAL, "m.py": "x = eval(s)\n"})
    assert shown(check(root)[1]) == [("m.py", 1, "no-eval", "eval called")]
    # Only a trailing comment changes: no node moves, no rule is re-evaluated.
    (root / "m.py").write_text("x = eval(s)  # graphwarden: ignore[no-eval] -- reviewed\n")
    assert check(root) == (0, [])
    (root / "m.py").write_text("x = eval(s)\n")
    assert shown(check(root)[1]) == [("m.py", 1, "no-eval", "eval called")]


def test_editor_buffers_are_suppressed_by_what_they_hold(
    make_workspace: Callable[[dict[str, str | bytes]], Path],
) -> None:
    # The language server feeds unsaved buffers as changes with content: the
    # library's results (what diagnostics publish) follow the buffer.
    root = make_workspace({"graphwarden.toml": NO_EVAL, "m.py": "x = eval(s)\n"})
    ws = open_workspace(root, UserChoices(workers=1))
    try:
        orch: Orchestrator = ws.orchestrator
        orch.index_repository()
        assert [v.rule for v in ws.checker.violations] == ["no-eval"]
        orch.apply_changes([FileChange("m.py", b"# graphwarden: ignore[no-eval]\nx = eval(s)\n")])
        assert ws.checker.violations == []
        orch.apply_changes([FileChange("m.py", b"x = eval(s)\n")])
        assert [v.rule for v in ws.checker.violations] == ["no-eval"]
    finally:
        ws.close()
