"""The `graphwarden` command line: index, stats, export, watch; exit codes; broken imports."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import write_files

FILES = {
    "pkg/__init__.py": "from .core import run\n",
    "pkg/core.py": "import os\n\ndef run():\n    return helper(os.getcwd())\n\ndef helper(p):\n    return p\n",
    "web/app.ts": "import { x } from './util';\nexport function start(): void { x(); }\n",
    "web/util.ts": "export function x() {}\n",
    "broken.py": "def f(:\n",
}


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-I", "-m", "graphwarden", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    write_files(root, FILES)
    return root


def test_index_json_reports_figures_and_stages(repo: Path) -> None:
    out = run("index", str(repo), "--json", "--workers", "1")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    for key in (
        "files",
        "nodes",
        "edges",
        "parse_errors",
        "seconds",
        "changed_files",
        "stage_seconds",
    ):
        assert key in data, key
    assert data["files"] == 5 and data["changed_files"] == 5
    assert data["parse_errors"] >= 1
    assert {"analysis", "commit", "enrichment"} <= set(data["stage_seconds"])
    for key in ("blast_radius_files", "reenriched_files", "reenriched_by_enricher"):
        assert key in data
    # The store lives in the workspace and hides itself from git.
    assert (repo / ".graphwarden" / ".gitignore").read_text() == "*\n"
    again = json.loads(run("index", str(repo), "--json").stdout)
    assert again["changed_files"] == 0


def test_index_plain_output_is_a_summary(repo: Path) -> None:
    out = run("index", str(repo))
    assert out.returncode == 0
    assert out.stdout.startswith("indexed 5 files")
    assert "\x1b[" not in out.stdout + out.stderr  # no colour or bar when not a TTY


def test_stats_reads_without_indexing(repo: Path) -> None:
    missing = run("stats", str(repo), "--json")
    assert missing.returncode == 2
    assert "run `graphwarden index" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1
    run("index", str(repo))
    (repo / "new.py").write_text("x = 1\n")
    data = json.loads(run("stats", str(repo), "--json").stdout)
    assert data["files"] == 5  # new.py is not indexed by `stats`
    assert data["nodes_by_type"]["MODULE"] == 5
    assert data["files_by_language"] == {"python": 3, "typescript": 2}


def test_export_is_deterministic_and_content_only(repo: Path, tmp_path: Path) -> None:
    other = tmp_path / "copy"
    write_files(other, FILES)
    run("index", str(repo), "--workers", "2")
    run("index", str(other), "--workers", "1")
    first = run("export", str(repo)).stdout
    second = run("export", str(other)).stdout
    assert first == second, "the same files must export byte-identically"
    # Re-indexing (revision changes) does not change the export either.
    (repo / "pkg/core.py").write_text(FILES["pkg/core.py"] + "\n# comment\n")
    run("index", str(repo))
    (repo / "pkg/core.py").write_text(FILES["pkg/core.py"])
    run("index", str(repo))
    assert run("export", str(repo)).stdout == first
    lines = [json.loads(line) for line in first.splitlines()]
    nodes = [o for o in lines if o["kind"] == "node"]
    edges = [o for o in lines if o["kind"] == "edge"]
    assert nodes and edges
    assert [n["id"] for n in nodes] == sorted(n["id"] for n in nodes)
    assert set(nodes[0]) == {
        "kind",
        "id",
        "type",
        "name",
        "file",
        "range",
        "content_hash",
        "signature_hash",
        "attrs",
    }
    assert set(edges[0]) <= {"kind", "src", "type", "dst", "attrs"}
    assert "revision" not in first and "mtime" not in first


def test_usage_errors_exit_2_with_one_line(tmp_path: Path) -> None:
    for args in (["index", str(tmp_path / "nope")], ["frobnicate"], ["index", "--bogus"]):
        out = run(*args)
        assert out.returncode == 2, args
        assert len(out.stderr.strip().splitlines()) == 1, out.stderr
        assert out.stderr.startswith("graphwarden: error:")


def test_broken_config_exits_2_naming_file_and_line(repo: Path) -> None:
    (repo / "graphwarden.toml").write_text('exclude = ["a"]\nexclude_typo = 1\n')
    out = run("index", str(repo))
    assert out.returncode == 2
    assert "graphwarden.toml:2" in out.stderr and "exclude_typo" in out.stderr
    (repo / "graphwarden.toml").write_text("exclude = [\n")
    out = run("index", str(repo))
    assert out.returncode == 2 and "TOML syntax error" in out.stderr


def test_watch_reacts_to_a_file_written_by_another_process(repo: Path) -> None:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-I",
            "-m",
            "graphwarden",
            "watch",
            str(repo),
            "--debounce-ms",
            "100",
            "--workers",
            "1",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        # "watching" is printed once the OS watches are in place: no wait needed.
        assert first.startswith("watching "), first + (proc.stderr.read() if proc.poll() else "")
        subprocess.run(
            [
                sys.executable,
                "-c",
                f"open({str(repo / 'pkg/extra.py')!r}, 'w').write('def extra():\\n    return 1\\n')",
            ],
            check=True,
        )
        deadline = time.monotonic() + 30
        line = ""
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if line.startswith("cycle"):
                break
        assert line.startswith("cycle"), line
        assert "pkg/extra.py" in line and "re-enriched" in line and " ms" in line
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert proc.returncode in (0, -15)
    assert not list(repo.glob(".graphwarden/lock.mdb.*"))
    assert os.path.exists(repo / ".graphwarden" / "data.mdb")


NO_EVAL = """
[[guarantees]]
name = "no-eval"
severity = "error"
rule = 'violation(X) :- node(X, "CALL"), attr(X, "name", "eval").'
"""


def _write(path: Path, text: str) -> None:
    # Written by another process, as an editor or `git checkout` would.
    subprocess.run([sys.executable, "-c", f"open({str(path)!r}, 'w').write({text!r})"], check=True)


def _next_report(stream: Any, lines: int) -> list[str]:
    """The next cycle report's first `lines` lines (the cycle line, then its details)."""
    line = stream.readline()
    while line and not line.startswith("cycle "):
        line = stream.readline()
    assert line.startswith("cycle "), f"watch ended: {line!r}"
    return [line.rstrip("\n")] + [stream.readline().rstrip("\n") for _ in range(lines - 1)]


def test_watch_shows_new_and_fixed_violations_and_stops_cleanly(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    # Enough files that the initial index runs in the worker pool: Ctrl-C
    # reaches those processes too, and none may print a traceback.
    files = {f"pkg/m{i}.py": f"def f{i}():\n    return {i}\n" for i in range(80)}
    write_files(root, {**files, "pkg/__init__.py": "", "graphwarden.toml": NO_EVAL})
    # A process inherits an ignored or blocked SIGINT across exec, and Python
    # then leaves Ctrl-C ignored: started from a test process whose earlier
    # tests left SIGINT so, `watch` would never see it (twice in fresh-clone CI
    # runs: still running 90 s after Ctrl-C, its stop deadline never armed).
    # A terminal starts a foreground job with SIGINT at its default: so here.
    inherited = (signal.getsignal(signal.SIGINT), signal.pthread_sigmask(signal.SIG_BLOCK, []))
    as_a_terminal_starts_it = (
        "import os, signal, sys\n"
        "signal.signal(signal.SIGINT, signal.SIG_DFL)\n"
        "signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGINT])\n"
        "os.execv(sys.argv[1], sys.argv[1:])\n"
    )
    graphwarden = str(Path(sys.executable).parent / "graphwarden")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            as_a_terminal_starts_it,
            graphwarden,
            "watch",
            str(root),
            "--debounce-ms",
            "50",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a process group of its own, like a terminal's job
    )
    try:
        assert proc.stdout is not None and proc.stderr is not None
        first = proc.stdout.readline()
        assert first.startswith("watching ") and "0 violation(s)" in first, first
        _write(root / "pkg/m3.py", "def f3():\n    return eval('3')\n")
        report = _next_report(proc.stdout, 2)
        assert report[0].startswith("cycle 1: 1 changed (pkg/m3.py)"), report
        assert report[0].endswith("1 violation(s) now"), report
        assert report[1].startswith("  new   pkg/m3.py:2:12: error [no-eval]"), report
        _write(root / "pkg/m3.py", "def f3():\n    return 3\n")
        report = _next_report(proc.stdout, 2)
        assert report[0].startswith("cycle 2: 1 changed (pkg/m3.py)"), report
        assert report[0].endswith("0 violation(s) now"), report
        assert report[1].startswith("  fixed pkg/m3.py:2:12: error [no-eval]"), report
        # Ctrl-C in a terminal: SIGINT to the whole process group. Both pipes
        # are drained while waiting: a child blocked writing to a full stderr
        # pipe would look like a child that ignores Ctrl-C.
        os.killpg(proc.pid, signal.SIGINT)
        try:
            _out, err = proc.communicate(timeout=90)
        except subprocess.TimeoutExpired:
            # The whole group: worker processes hold the pipes open too.
            os.killpg(proc.pid, signal.SIGKILL)
            _out, err = proc.communicate()
            pytest.fail(
                f"watch still running 90 s after Ctrl-C (the test process's SIGINT "
                f"handler and blocked signals: {inherited}); its stderr:\n{err[-6000:]}"
            )
        assert proc.returncode == 0, err
        assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.parametrize(
    "broken",
    [
        "graphwarden.cli.commands.query",  # a command module itself
        "graphwarden.cli.errors",  # something a command module imports
    ],
)
@pytest.mark.parametrize("argv", [["--help"], ["check", "."]])
def test_a_command_that_cannot_be_imported_fails_loudly(
    tmp_path: Path, broken: str, argv: list[str]
) -> None:
    # `None` in sys.modules makes `import broken` raise ImportError, the very
    # error that once made commands vanish silently from the command line.
    code = (
        "import sys\n"
        f"sys.modules[{broken!r}] = None\n"
        "from graphwarden.cli.main import main\n"
        f"sys.exit(main({argv!r}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-I", "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert out.returncode == 1, out.stdout + out.stderr
    # A traceback naming the module (ModuleNotFoundError is an ImportError).
    assert "Traceback" in out.stderr
    assert f"ModuleNotFoundError: import of {broken} halted" in out.stderr
    assert "usage:" not in out.stdout and "no violations" not in out.stdout
