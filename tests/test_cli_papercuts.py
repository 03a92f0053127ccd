"""What a newcomer trips over first: pipes, colour, -v, progress, stats, serve, reports, docs.

Every test runs the real command line in a real process (a pseudo-terminal
where a terminal is the point), on a workspace written in the test.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import write_files

REPO = Path(__file__).resolve().parent.parent
CMD = [sys.executable, "-I", "-m", "graphwarden"]
NO_EVAL = """
[[guarantees]]
name = "no-eval"
severity = "error"
description = "eval runs arbitrary code"
remediation = "use ast.literal_eval"
instructions = "Ask #security before adding an exception."
rule = 'violation(X, "eval called") :- node(X, "CALL"), attr(X, "name", "eval").'
"""
FILES = {
    "app/__init__.py": "",
    "app/m.py": "def f(s):\n    return eval(s)\n",
    "graphwarden.toml": NO_EVAL,
}
ESC = "\x1b["
#: An SGR sequence that sets a colour (foreground or background, any palette).
COLOUR = re.compile(r"\x1b\[(?:\d+;)*(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;\d+)*m")


def run(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CMD, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def run_in_terminal(*args: str, env: dict[str, str]) -> tuple[int, str]:
    """Run with stdout and stderr on a pseudo-terminal; (exit code, everything it drew)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [*CMD, *args], stdout=follower, stderr=follower, stdin=subprocess.DEVNULL, env=env
    )
    os.close(follower)
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        assert ready, "the command drew nothing for a minute"
        try:
            data = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    return proc.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    write_files(root, FILES)
    return root


def big_workspace(root: Path) -> Path:
    """Enough graph that `export` writes far more than a pipe holds (64 KiB)."""
    body = "".join(f"def f{i}(a, b):\n    return f{i + 1}(a, b)\n\n" for i in range(1500))
    write_files(root, {"big.py": body})
    return root


@pytest.mark.parametrize("command", ["export", "query"])
def test_a_closed_pipe_ends_output_quietly(tmp_path: Path, command: str) -> None:
    root = big_workspace(tmp_path / "big")
    assert run("index", str(root), "--workers", "1").returncode == 0
    args = [str(root)] if command == "export" else [str(root), 'node(X, "FUNCTION")']
    quoted = " ".join(f"'{a}'" for a in [*CMD, command, *args])
    shell = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {quoted} | head -1"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert shell.returncode == 0, shell.stderr
    assert len(shell.stdout.splitlines()) == 1
    assert shell.stderr == ""  # no BrokenPipeError traceback, no "Exception ignored"


def test_no_color_is_honoured_on_a_terminal(ws: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    code, drawn = run_in_terminal("check", str(ws), "--workers", "1", env=env)
    assert code == 1
    assert f"{ESC}31merror" in drawn  # red on a terminal
    code, drawn = run_in_terminal("check", str(ws), "--workers", "1", env={**env, "NO_COLOR": "1"})
    assert code == 1
    assert COLOUR.search(drawn) is None, drawn  # the bar may be bold; nothing is coloured
    report = drawn[drawn.index("app/m.py\r\n") :]
    assert ESC not in report  # the report itself is plain
    assert "app/m.py:2:12: error [no-eval] eval called" in report


def test_the_progress_bar_names_every_stage(tmp_path: Path) -> None:
    root = big_workspace(tmp_path / "big")
    write_files(root, {"graphwarden.toml": NO_EVAL})
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    code, drawn = run_in_terminal("index", str(root), "--workers", "1", env=env)
    assert code == 0, drawn
    bar = drawn[: drawn.index("indexed 1 files")]
    shown = re.findall(r"(analysis|commit|enrichment|guarantees)", bar)
    # Each stage is drawn, in the cycle's order.
    assert list(dict.fromkeys(shown)) == ["analysis", "commit", "enrichment", "guarantees"]


def test_verbose_works_before_and_after_the_subcommand(ws: Path) -> None:
    for args in (["-v", "check", str(ws)], ["check", str(ws), "-v"], ["check", "-v", str(ws)]):
        out = run(*args)
        assert out.returncode == 1, out.stderr
        assert f"graphwarden: INFO: project root {ws}" in out.stderr, args
    assert "INFO" not in run("check", str(ws)).stderr


def test_stats_is_readable_text(ws: Path) -> None:
    run("index", str(ws), "--workers", "1")
    out = run("stats", str(ws))
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert lines[0].startswith(f"store: {ws / '.graphwarden'} (revision ")
    assert lines[1] == "files: 2 (python 2)"
    assert lines[2] == "parse errors: 0; skipped files: 0"
    assert lines[3].startswith("nodes: ") and "MODULE 2" in lines[3] and "CALL 1" in lines[3]
    assert lines[4].startswith("edges: ")
    assert "{" not in out.stdout and "'" not in out.stdout  # no dict reprs


def test_serve_help_explains_stdio() -> None:
    out = run("serve", "--help")
    assert out.returncode == 0
    text = " ".join(out.stdout.split())
    assert "language server on stdio" in text
    assert "reads LSP messages" in text and "answers on stdout" in text
    assert "--log-file FILE" in out.stdout


def _lsp_message(payload: dict[str, object]) -> bytes:
    body = json.dumps(payload).encode()
    return f"Content-Length: {len(body)}\r\n\r\n".encode() + body


def _read_lsp(stream: object) -> dict[str, object]:
    assert hasattr(stream, "readline") and hasattr(stream, "read")
    length = 0
    while True:
        line = stream.readline()
        assert line, "the server closed stdout"
        if line in (b"\r\n", b"\n"):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    message: dict[str, object] = json.loads(stream.read(length))
    return message


def test_serve_writes_its_log_to_a_file(ws: Path, tmp_path: Path) -> None:
    log_file = tmp_path / "server.log"
    proc = subprocess.Popen(
        [*CMD, "serve", "--log-file", str(log_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        proc.stdin.write(
            _lsp_message(
                {
                    "jsonrpc": "2.0",
                    "id": 1,
                    "method": "initialize",
                    "params": {"processId": None, "rootUri": ws.as_uri(), "capabilities": {}},
                }
            )
        )
        proc.stdin.flush()
        while True:  # notifications (log messages) may come first
            message = _read_lsp(proc.stdout)
            if message.get("id") == 1:
                break
        assert "capabilities" in message["result"]  # type: ignore[operator]
        proc.stdin.write(_lsp_message({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
        proc.stdin.flush()
        while _read_lsp(proc.stdout).get("id") != 2:
            pass
        proc.stdin.write(_lsp_message({"jsonrpc": "2.0", "method": "exit"}))
        proc.stdin.flush()
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert " INFO graphwarden.lsp: position encoding: utf-16" in log_file.read_text()


def test_description_and_instructions_in_text_and_github_output(ws: Path) -> None:
    text = run("check", str(ws), "--no-color").stdout
    assert "app/m.py:2:12: error [no-eval] eval called" in text
    assert "      eval runs arbitrary code" in text
    assert "      help: use ast.literal_eval" in text
    assert "      instructions: Ask #security before adding an exception." in text
    github = run("check", str(ws), "--format", "github").stdout
    assert github.startswith("::error file=app/m.py,line=2,col=12,")
    assert (
        "::eval called%0Aeval runs arbitrary code%0Ahelp: use ast.literal_eval"
        "%0Ainstructions: Ask #security before adding an exception." in github
    )


def test_json_says_how_ranges_count(ws: Path) -> None:
    data = json.loads(run("check", str(ws), "--format", "json").stdout)
    assert data["positions"] == {"base": 0, "columns": "unicode-code-points"}
    v = data["violations"][0]
    # 0-based: text and GitHub print the same place as 2:12.
    assert v["range"][:2] == [1, 11]
    assert v["instructions"] == "Ask #security before adding an exception."


def test_an_unknown_predicate_lists_no_internal_name(ws: Path) -> None:
    out = run("query", str(ws), "?- nod(X).")
    assert out.returncode == 2
    assert out.stderr.strip() == (
        "graphwarden: error: query error: line 1: unknown predicate 'nod' "
        "(known: arg, attr, edge, flows, name_word, node, path, taint, value)"
    )


def test_no_document_points_outside_the_repository() -> None:
    docs = [REPO / "README.md", REPO / "BENCHMARKS.md", REPO / "ARCHITECTURE.md"]
    docs += sorted((REPO / "docs").glob("*.md")) + sorted((REPO / "editors").glob("*/README.md"))
    for doc in docs:
        assert "../shared" not in doc.read_text(encoding="utf-8"), doc
    for doc in (REPO / "README.md", REPO / "BENCHMARKS.md"):
        assert "benchmarks/fetch_corpora.sh" in doc.read_text(encoding="utf-8")
    assert (REPO / "benchmarks" / "fetch_corpora.sh").is_file()
