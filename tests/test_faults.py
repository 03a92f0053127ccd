"""Faults survived with nothing lost: a full disk, a damaged or deleted store,
a process killed mid-commit, two processes writing one store.

Every test uses real processes and a real store; a child is held at a named
point of its cycle (analysis/checkpoints.py) when the test must act there.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

from tests.helpers import Checkpoints, write_files

BIN = Path(sys.executable).parent
GRAPHWARDEN = str(BIN / "graphwarden")

NO_EVAL = """
[[guarantees]]
name = "no-eval"
rule = 'violation(X) :- node(X, "CALL"), attr(X, "name", "eval").'
"""


def project(root: Path, modules: int = 20) -> Path:
    files = {
        f"pkg/m{i}.py": f"from pkg.m{(i + 1) % modules} import f{(i + 1) % modules}\n"
        f"def f{i}():\n    return f{(i + 1) % modules}()\n"
        for i in range(modules)
    }
    write_files(root, {**files, "pkg/__init__.py": "", "graphwarden.toml": NO_EVAL})
    return root


def gw(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [GRAPHWARDEN, *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def export(root: Path, store: Path) -> str:
    done = gw("export", str(root), "--store", str(store))
    assert done.returncode == 0, done.stderr
    return done.stdout


def fresh_export(root: Path, tmp: Path, *args: str) -> str:
    store = tmp / "fresh-store"
    shutil.rmtree(store, ignore_errors=True)
    assert gw("index", str(root), "--store", str(store), *args).returncode == 0
    return export(root, store)


def revision(root: Path, store: Path) -> int:
    done = gw("stats", str(root), "--store", str(store), "--json")
    assert done.returncode == 0, done.stderr
    return int(json.loads(done.stdout)["revision"])


# -- a full disk ---------------------------------------------------------------------


def test_disk_full_keeps_the_previous_revision_and_recovers(tmp_path: Path) -> None:
    """The store on a tiny file system (tmpfs in a private mount namespace)."""
    root = project(tmp_path / "ws")
    disk = tmp_path / "disk"
    disk.mkdir()
    script = textwrap.dedent(
        f"""
        set -u
        mount -t tmpfs -o size=24m tmpfs {disk}
        gw() {{ {GRAPHWARDEN} "$@"; }}
        gw index {root} --store {disk}/store >/dev/null 2>&1 || {{ echo "first index failed"; exit 1; }}
        echo "rev-before $(gw stats {root} --store {disk}/store --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["revision"])')"
        # Fill the file system, then make a change that needs new pages.
        dd if=/dev/zero of={disk}/filler bs=64k >/dev/null 2>&1
        python3 -c "open('{root}/pkg/big.py','w').write(''.join(f'def g{{i}}(a, b):\\n    return eval(a)\\n' for i in range(3000)))"
        gw index {root} --store {disk}/store >/dev/null 2>{disk}/../full.err
        echo "full-exit $?"
        echo "rev-after-failure $(gw stats {root} --store {disk}/store --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["revision"])')"
        rm {disk}/filler
        gw check {root} --store {disk}/store --format json >{disk}/../recovered.json 2>{disk}/../recovered.err
        echo "recovered-exit $?"
        """
    )
    done = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "bash", "-c", script],
        capture_output=True,
        text=True,
        timeout=600,
    )
    out = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    assert out.get("full-exit") == "2", done.stdout + done.stderr
    err = (tmp_path / "full.err").read_text().strip().splitlines()
    assert len(err) == 1 and "no space left on the device" in err[0], err
    assert "previous revision is intact" in err[0]
    assert out["rev-after-failure"] == out["rev-before"]
    # Once there is space again, the next run catches up: the 3,000 evals are seen.
    assert out["recovered-exit"] == "1", done.stdout + (tmp_path / "recovered.err").read_text()
    results = json.loads((tmp_path / "recovered.json").read_text())
    assert sum(1 for v in results["violations"] if v["rule"] == "no-eval") == 3000


# -- a damaged or deleted store -------------------------------------------------------


def test_a_truncated_or_garbled_store_is_rebuilt_from_the_sources(tmp_path: Path) -> None:
    root = project(tmp_path / "ws")
    store = tmp_path / "store"
    assert gw("index", str(root), "--store", str(store)).returncode == 0
    want = export(root, store)
    data = store / "data.mdb"
    for damage in ("truncate", "garble"):
        if damage == "truncate":
            with open(data, "r+b") as fh:
                fh.truncate(8192)  # the two meta pages survive, the tree does not
        else:
            data.write_bytes(os.urandom(data.stat().st_size))
        done = gw("check", str(root), "--store", str(store))
        assert done.returncode == 0, done.stderr
        warnings = [line for line in done.stderr.splitlines() if "unreadable" in line]
        assert len(warnings) == 1 and "rebuilding it" in warnings[0], done.stderr
        assert export(root, store) == want


def test_a_store_deleted_while_watching_is_started_afresh(tmp_path: Path) -> None:
    root = project(tmp_path / "ws")
    store = tmp_path / "store"
    proc = subprocess.Popen(
        [GRAPHWARDEN, "watch", str(root), "--store", str(store), "--debounce-ms", "50"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().startswith("watching ")
        shutil.rmtree(store)
        (root / "pkg/m1.py").write_text("def f1():\n    return eval('1')\n")
        line = proc.stdout.readline()
        assert line.startswith("cycle 1:"), line
        # The new store holds the whole workspace, not just the edited file.
        assert export(root, store) == fresh_export(root, tmp_path)
    finally:
        proc.terminate()
        proc.wait(timeout=60)


# -- killed mid-commit -------------------------------------------------------------------


def test_check_killed_mid_commit_then_catches_up(tmp_path: Path, checkpoints: Checkpoints) -> None:
    root = project(tmp_path / "ws")
    store = tmp_path / "store"
    assert gw("index", str(root), "--store", str(store)).returncode == 0
    before = revision(root, store)
    for i in range(5):
        (root / f"pkg/m{i}.py").write_text(f"def f{i}():\n    return eval('{i}')\n")
    checkpoints.hold("commit")
    proc = subprocess.Popen(
        [GRAPHWARDEN, "check", str(root), "--store", str(store)],
        env={**os.environ, **checkpoints.env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    checkpoints.wait_reached("commit", proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    checkpoints.release("commit")
    assert revision(root, store) == before  # the killed commit left nothing
    done = gw("check", str(root), "--store", str(store), "--format", "json")
    assert done.returncode == 1, done.stderr
    assert sum(1 for v in json.loads(done.stdout)["violations"] if v["rule"] == "no-eval") == 5
    assert export(root, store) == fresh_export(root, tmp_path)


# -- two writers --------------------------------------------------------------------------


def _wchan(pid: int) -> str:
    """Where in the kernel a process sleeps (`locks_lock_inode_wait` in a file lock)."""
    try:
        return Path(f"/proc/{pid}/wchan").read_text()
    except OSError:
        return ""


def wait_until(predicate: Callable[[], bool], proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while not predicate():
        assert proc.poll() is None, "the process ended first"
        assert time.monotonic() < deadline, "timed out (a bound on a broken test, not a speed)"
        time.sleep(0.01)


def test_two_processes_writing_one_store_take_turns(tmp_path: Path) -> None:
    """`watch` (a long-lived writer, like the language server) and `check` in a terminal."""
    root = project(tmp_path / "ws")
    store = tmp_path / "store"
    held_watch = Checkpoints(tmp_path / "cp-watch")
    held_check = Checkpoints(tmp_path / "cp-check")
    proc = subprocess.Popen(
        [GRAPHWARDEN, "watch", str(root), "--store", str(store), "--debounce-ms", "50"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **held_watch.env},
    )
    check: subprocess.Popen[str] | None = None
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().startswith("watching ")
        # The watcher's next cycle stops half-way (analysis committed, enrichment not).
        held_watch.hold("enrichment")
        (root / "pkg/m2.py").write_text("def f2():\n    return eval('2')\n")
        held_watch.wait_reached("enrichment", proc)
        # Meanwhile a check in a terminal, after another edit on disk.
        (root / "pkg/m3.py").write_text("from pkg.m2 import f2\ndef f3():\n    return f2()\n")
        held_check.hold("cycle")
        check = subprocess.Popen(
            [GRAPHWARDEN, "check", str(root), "--store", str(store), "--format", "json"],
            env={**os.environ, **held_check.env},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        # The check waits for the store's cycle lock while the watcher's cycle is
        # held: seen from the kernel (the process sleeps in a file-lock wait).
        wait_until(lambda: "lock" in _wchan(check.pid), check)
        assert not held_check.reached("cycle")
        held_watch.release("enrichment")
        # The check's cycle starts only once the watcher's has ended (the lock
        # passes over; the watcher's cycle may also be cancelled by the m3 event,
        # its changes then waiting, behind the check, for the watcher's next).
        held_check.wait_reached("cycle", check)
        held_check.release("cycle")
        out, err = check.communicate(timeout=300)
        assert check.returncode == 1, err
        assert [v["file"] for v in json.loads(out)["violations"]] == ["pkg/m2.py"]
        # The watcher's next report comes after the check: it saw both edits
        # whether or not the check committed them first.
        line = proc.stdout.readline()
        assert line.startswith("cycle 1:") and "violation(s) now" in line, line
        assert export(root, store) == fresh_export(root, tmp_path)
    finally:
        for p in (proc, check):
            if p is not None and p.poll() is None:
                p.terminate()
                p.wait(timeout=60)


def test_commits_by_another_process_are_checked(tmp_path: Path) -> None:
    """A contract broken by a commit of another process shows in this one's next cycle.

    The checker keeps state between cycles (the live import graph, rules'
    results); a cycle of its own after another process's commit must not
    trust it: the edited file is already in the store, so this cycle's
    delta is empty (found as `graphwarden watch` beside a terminal's `check`).
    """
    from graphwarden.analysis.cycle.stats import FileChange
    from graphwarden.analysis.workspace import open_workspace

    contract = (
        '[[contracts]]\nname = "core-not-web"\ntype = "forbidden"\n'
        'source_modules = ["app.core"]\nforbidden_modules = ["app.web"]\n'
    )
    root = tmp_path / "ws"
    write_files(
        root,
        {
            "graphwarden.toml": contract,
            "app/__init__.py": "",
            "app/core/__init__.py": "",
            "app/core/service.py": "def total():\n    return 1\n",
            "app/web/__init__.py": "",
            "app/web/views.py": "def index():\n    return 2\n",
        },
    )
    ws = open_workspace(root)
    try:
        ws.orchestrator.index_repository()
        assert [v.rule for v in ws.checker.violations] == []
        broken = "from app.web import views\n\ndef total():\n    return 1\n"
        (root / "app/core/service.py").write_text(broken)
        # Another process commits the edit (and checks it).
        other = gw("check", str(root), "--no-color")
        assert other.returncode == 1, other.stdout + other.stderr
        assert "core-not-web" in other.stdout
        # This process's next cycle sees nothing new in the file itself.
        stats = ws.orchestrator.apply_changes([FileChange("app/core/service.py", broken.encode())])
        assert stats.foreign_writes
        assert [v.rule for v in ws.checker.violations] == ["core-not-web"]
    finally:
        ws.close()


# -- an enrichment worker killed -------------------------------------------------------


#: The data-flow enrichment of this file (in a worker process: 300 files are
#: enriched by the pool) is where the tests below kill the worker.
KILLED_AT = "enrich-dataflow-pkg-m7.py"


def _pool_project(root: Path, modules: int = 300) -> Path:
    project(root, modules=modules)
    (root / "pkg/m7.py").write_text("def f7():\n    return eval('7')\n")
    return root


def _kill_worker_at(checkpoints: Checkpoints, proc: subprocess.Popen[str]) -> None:
    """Wait until a worker announces `KILLED_AT`, and kill that worker (not the check)."""
    checkpoints.wait_reached(KILLED_AT, proc)
    at = checkpoints.directory / f"at-{KILLED_AT}"
    pid = int(at.read_text())
    assert pid != proc.pid
    at.unlink()  # (a killed process never removes its announcement)
    os.kill(pid, signal.SIGKILL)


def _held_check(root: Path, store: Path, checkpoints: Checkpoints) -> subprocess.Popen[str]:
    """`check` with the pool, its workers held where `KILLED_AT` is enriched."""
    checkpoints.hold(KILLED_AT)
    return subprocess.Popen(
        [GRAPHWARDEN, "check", str(root), "--store", str(store), "--workers", "2"],
        env={**os.environ, **checkpoints.env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_the_pool_enriches_what_one_process_does(tmp_path: Path) -> None:
    """The worker pool (700 files: eleven chunks of each file enricher, more than
    the pool has in flight) makes the graph one process makes, in one cycle."""
    root = _pool_project(tmp_path / "ws", modules=700)
    done = gw("index", str(root), "--store", str(tmp_path / "store"), "--workers", "2", "--json")
    assert done.returncode == 0, done.stderr
    stats = json.loads(done.stdout)
    assert stats["cancelled"] is False
    assert stats["reenriched_by_enricher"]["dataflow"] == 701
    assert export(root, tmp_path / "store") == fresh_export(root, tmp_path, "--workers", "1")


def test_a_worker_killed_once_costs_nothing(tmp_path: Path, checkpoints: Checkpoints) -> None:
    """An enrichment worker killed by something else (the OOM killer picking it)
    while it enriches: its chunk runs again, and the check's results are whole."""
    root = _pool_project(tmp_path / "ws")
    proc = _held_check(root, tmp_path / "store", checkpoints)
    _kill_worker_at(checkpoints, proc)
    checkpoints.release(KILLED_AT)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err
    assert "pkg/m7.py:2:12: error [no-eval]" in out
    assert "analysis failed" not in err
    # The same graph as one process enriching every file makes.
    assert export(root, tmp_path / "store") == fresh_export(root, tmp_path, "--workers", "1")


def test_a_file_that_kills_its_worker_fails_alone(tmp_path: Path, checkpoints: Checkpoints) -> None:
    """A file whose enrichment kills the worker every time (memory it cannot have):
    the check finishes, that file's enrichment is a failure (exit 2, named),
    and every other file's results are whole."""
    root = _pool_project(tmp_path / "ws")
    proc = _held_check(root, tmp_path / "store", checkpoints)
    kills = 0
    while True:
        # Each time the file is enriched again (its chunk, the chunk alone, the
        # file alone) its worker is killed, until the check gives up on it.
        if not checkpoints.reached_or_ended(KILLED_AT, proc):
            break
        _kill_worker_at(checkpoints, proc)
        kills += 1
        assert kills < 20, "the check never gave up on the file"
    out, err = proc.communicate(timeout=300)
    assert kills >= 2
    assert proc.returncode == 2, err
    assert (
        "graphwarden: error: analysis failed: dataflow on pkg/m7.py: the enrichment "
        "process died on this file"
    ) in err
    assert "pkg/m7.py:2:12: error [no-eval]" in out  # what other enrichers found stands
    assert err.count("analysis failed") == 1
