"""graphwarden checks its own architecture: the contracts in pyproject.toml catch a breach.

The repository's own configuration (`[tool.graphwarden]`) is copied with the
packages into a temporary directory, so the breach is made in the copy and
the real tree is never touched. Violations already known in the copy (in
modules being reworked elsewhere) are recorded in a baseline first: the test
is about the breach it makes, and `.ci/run` checks the repository as it is.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
COPIED = ("graphwarden", "analysis", "lsp_server", "mcp_server", "cli")
FORBIDDEN_CONTRACT = "library-knows-no-adapter"


def check(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "graphwarden"), "check", ".", "--workers", "1", "--no-color", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_library_may_not_import_the_lsp_stack(tmp_path: Path) -> None:
    root = tmp_path / "graphwarden"
    root.mkdir()
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    for folder in COPIED:
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    baseline = tmp_path / "known.json"
    assert check(root, "--write-baseline", str(baseline)).returncode == 0
    assert FORBIDDEN_CONTRACT not in baseline.read_text()

    clean = check(root, "--baseline", str(baseline))
    assert clean.returncode == 0, clean.stdout + clean.stderr

    export = root / "analysis" / "export.py"
    export.write_text(export.read_text() + "\nimport pygls  # the breach\n")
    breached = check(root, "--baseline", str(baseline))
    assert breached.returncode == 1, breached.stdout + breached.stderr
    assert f"[{FORBIDDEN_CONTRACT}]" in breached.stdout
    assert "analysis/export.py" in breached.stdout and "pygls" in breached.stdout


def test_the_two_servers_stay_independent(tmp_path: Path) -> None:
    root = tmp_path / "graphwarden"
    root.mkdir()
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    for folder in COPIED:
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    baseline = tmp_path / "known.json"
    assert check(root, "--write-baseline", str(baseline)).returncode == 0
    tools = root / "mcp_server" / "tools.py"
    tools.write_text(tools.read_text() + "\nimport graphwarden.lsp_server.lines  # the breach\n")
    breached = check(root, "--baseline", str(baseline))
    assert breached.returncode == 1, breached.stdout + breached.stderr
    assert "[adapters-above-library]" in breached.stdout
    assert "mcp_server/tools.py" in breached.stdout
