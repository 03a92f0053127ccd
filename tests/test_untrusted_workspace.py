"""Opening an untrusted repository: no code from it runs, nothing blocks, no write leaves it.

Each hostile workspace here carries packages named like ours and like the
libraries we import lazily, each with a payload that records that it ran.
Every test first proves the payload works (a plain import from the workspace
sets it off), so "the payload never ran" is a real observation.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import lmdb
import pytest
from lsprotocol import types

from graphwarden.analysis.discovery import discover
from graphwarden.analysis.indexer import read_source
from tests.lsp.conftest import index_done, session, wait_for

BIN = Path(sys.executable).parent
#: Packages a hostile workspace plants: our own names, and what Python or we import later.
HOSTILE_PACKAGES = (
    "analysis",
    "lsp_server",
    "mcp_server",
    "graphwarden",
    "multiprocessing",
    "lmdb",
    "msgpack",
    "mcp",
    "jsonschema",
    "anyio",
)


def hostile_workspace(tmp_path: Path) -> tuple[Path, Path]:
    """A workspace full of planted packages, and the folder their payloads write to."""
    root = tmp_path / "hostile"
    evidence = tmp_path / "evidence"
    evidence.mkdir()
    for name in HOSTILE_PACKAGES:
        pkg = root / name
        pkg.mkdir(parents=True)
        payload = f"open({str(evidence / ('PWNED-' + name))!r}, 'w').write('ran')\n"
        (pkg / "__init__.py").write_text(payload)
        (pkg / "__main__.py").write_text(payload)
    # Enough files that indexing starts the worker pool (its processes are launched too).
    for i in range(80):
        (root / "app").mkdir(exist_ok=True)
        (root / "app" / f"m{i}.py").write_text(f"def hostile_marker_{i}():\n    return {i}\n")
    (root / "app" / "__init__.py").write_text("")
    return root, evidence


def assert_payload_works(root: Path, evidence: Path) -> None:
    """The positive control: importing from the workspace does set the payload off."""
    # Without PYTHONSAFEPATH, which graphwarden sets for its own workers (and so
    # for this test process too, once an earlier test has started a pool).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONSAFEPATH"}
    subprocess.run([sys.executable, "-c", "import multiprocessing"], cwd=root, check=True, env=env)
    ran = sorted(p.name for p in evidence.iterdir())
    assert ran == ["PWNED-multiprocessing"], ran
    for p in evidence.iterdir():
        p.unlink()


LAUNCHERS = {
    # The console script: what `graphwarden serve`, VS Code's executable mode
    # and Neovim's default `cmd` run.
    "console-script": [str(BIN / "graphwarden"), "serve"],
    # The documented module form, and VS Code's `graphwarden.interpreter` mode.
    "python -I -m graphwarden": [sys.executable, "-I", "-m", "graphwarden", "serve"],
}


@pytest.mark.parametrize("launcher", sorted(LAUNCHERS))
async def test_server_launchers_never_import_workspace_code(tmp_path: Path, launcher: str) -> None:
    root, evidence = hostile_workspace(tmp_path)
    assert_payload_works(root, evidence)
    async with session(
        [root], server_command=LAUNCHERS[launcher], cwd=root, wait_index=False
    ) as client:
        await wait_for(lambda: index_done(client), timeout=120)
        found = await client.workspace_symbol_async(
            types.WorkspaceSymbolParams(query="hostile_marker_79")
        )
        assert [s.name for s in found or []] == ["hostile_marker_79"]
    assert sorted(p.name for p in evidence.iterdir()) == []


def test_check_never_imports_workspace_code(tmp_path: Path) -> None:
    root, evidence = hostile_workspace(tmp_path)
    assert_payload_works(root, evidence)
    for cmd in (
        [str(BIN / "graphwarden"), "check", "."],
        [sys.executable, "-I", "-m", "graphwarden", "check", "."],
    ):
        done = subprocess.run(cmd, cwd=root, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert "no violations" in done.stdout
    assert sorted(p.name for p in evidence.iterdir()) == []


# -- special files ----------------------------------------------------------------


def test_fifos_are_skipped_with_a_reason_and_never_block(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "ok.py").write_text("def fine():\n    return 1\n")
    os.mkfifo(root / "pkg" / "fifo.py")
    os.mkfifo(root / ".gitignore")
    os.mkfifo(root / "pyproject.toml")
    found = discover(root)
    assert found.files == ["pkg/ok.py"]
    assert found.skipped["pkg/fifo.py"] == "not a regular file: a named pipe (FIFO)"
    # Read directly (as a watcher event or an editor would ask): refused, not blocked.
    assert read_source(root, "pkg/fifo.py").error == "not a regular file: a named pipe (FIFO)"
    done = subprocess.run(
        [str(BIN / "graphwarden"), "index", str(root), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert '"files": 1' in done.stdout


# -- where the store may go ----------------------------------------------------------


def _index(
    root: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "graphwarden"), "index", str(root), *extra],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.parametrize("where", ["absolute", "parent", "symlink"])
def test_workspace_config_cannot_put_the_store_outside(tmp_path: Path, where: str) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    (root / "a.py").write_text("x = 1\n")
    target = tmp_path / "elsewhere"
    if where == "absolute":
        (root / "graphwarden.toml").write_text(f"store = {str(target)!r}\n")
    elif where == "parent":
        (root / "graphwarden.toml").write_text('store = "../elsewhere"\n')
    else:
        target.mkdir()
        (root / ".graphwarden").symlink_to(target, target_is_directory=True)
    done = _index(root)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "outside the workspace" in lines[0], done.stderr
    if where != "symlink":
        assert "graphwarden.toml:1" in lines[0]
    assert not (target / "data.mdb").exists()
    assert not target.exists() or list(target.iterdir()) == []


def test_the_user_may_put_the_store_anywhere(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    (root / "a.py").write_text("x = 1\n")
    by_flag, by_env = tmp_path / "flag-store", tmp_path / "env-store"
    assert _index(root, "--store", str(by_flag)).returncode == 0
    assert _index(root, env={"GRAPHWARDEN_STORE": str(by_env)}).returncode == 0
    assert (by_flag / "data.mdb").is_file() and (by_env / "data.mdb").is_file()
    assert not (root / ".graphwarden").exists()


def test_a_foreign_lmdb_environment_is_never_opened(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    (root / "a.py").write_text("x = 1\n")
    foreign = tmp_path / "other-program"
    env = lmdb.open(str(foreign), max_dbs=2)
    with env.begin(write=True) as txn:
        txn.put(b"their-key", b"their-value")
    env.close()
    before = (foreign / "data.mdb").read_bytes()
    done = _index(root, "--store", str(foreign))
    assert done.returncode == 2
    assert "did not create" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert (foreign / "data.mdb").read_bytes() == before
    assert sorted(p.name for p in foreign.iterdir()) == ["data.mdb", "lock.mdb"]


def test_our_own_store_is_reopened(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    (root / "a.py").write_text(textwrap.dedent("x = 1\n"))
    assert _index(root).returncode == 0
    assert (root / ".graphwarden" / "GRAPHWARDEN_STORE").is_file()
    assert _index(root).returncode == 0
