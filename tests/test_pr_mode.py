"""PR mode on a real git repository made in the test: `check --new-since` and `impact --since`.

The user's working tree, index, branches and worktree list must be exactly
as they were: the base is read from git's objects, never checked out.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import write_files

CMD = [sys.executable, "-I", "-m", "graphwarden"]
CONFIG = """
[[guarantees]]
name = "no-eval"
description = "eval runs arbitrary code"
rule = 'violation(X, "eval called") :- node(X, "CALL"), attr(X, "name", "eval").'

[[contracts]]
name = "data-below-ui"
type = "layers"
containers = ["shop"]
layers = ["ui", "data"]
"""
BASE = {
    "graphwarden.toml": CONFIG,
    "shop/__init__.py": "",
    "shop/ui/__init__.py": "",
    "shop/ui/views.py": "from shop.data.models import load\n\ndef page():\n    return load()\n",
    "shop/data/__init__.py": "",
    "shop/data/models.py": "def load():\n    return eval('1')\n\ndef keep():\n    return 2\n",
    "shop/report.py": "from shop.data.models import load\n\ndef report():\n    return load()\n",
}
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
}


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, check=True, capture_output=True, text=True, env=ENV
    ).stdout


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CMD, *args, "--workers", "1"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        env=ENV,
    )


def repository_state(root: Path) -> tuple[str, str, str, str, str]:
    """Everything of the user's a command could disturb."""
    index = hashlib.sha256((root / ".git" / "index").read_bytes()).hexdigest()
    status = git(root, "status", "--porcelain=v1", "--untracked-files=all", "--ignored")
    # The store (and the base inside it) is graphwarden's own, ignored by git.
    mine = "!! .graphwarden/"
    return (
        "\n".join(line for line in status.splitlines() if not line.startswith(mine)),
        git(root, "worktree", "list", "--porcelain"),
        git(root, "branch", "--all"),
        git(root, "rev-parse", "HEAD"),
        index,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: the base; feature: one commit and uncommitted edits on top."""
    root = tmp_path / "repo"
    write_files(root, BASE)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    git(root, "switch", "-qc", "feature")
    # Committed on the branch: a second eval and an upward import (data -> ui).
    write_files(
        root,
        {
            "shop/data/models.py": (
                "from shop.ui import views\n\ndef load():\n    return eval('1')\n\n"
                "def keep():\n    return eval('2')\n"
            )
        },
    )
    git(root, "commit", "-qam", "feature work")
    # Not committed yet: a new module and an edit the PR will also carry.
    write_files(root, {"shop/extra.py": "def extra():\n    return eval('3')\n"})
    return root


def test_check_new_since_reports_only_what_the_change_adds(repo: Path) -> None:
    before = repository_state(repo)
    everything = run(repo, "check", "--format", "json")
    new = run(repo, "check", "--new-since", "main", "--format", "json")
    assert everything.returncode == new.returncode == 1
    assert len(json.loads(everything.stdout)["violations"]) == 4
    data = json.loads(new.stdout)
    found = sorted((v["file"], v["range"][0] + 1, v["rule"]) for v in data["violations"])
    # models.py:2's eval existed at the merge base (it only moved down a line).
    assert found == [
        ("shop/data/models.py", 1, "data-below-ui"),
        ("shop/data/models.py", 7, "no-eval"),
        ("shop/extra.py", 2, "no-eval"),
    ]
    merge_base = git(repo, "merge-base", "main", "HEAD").strip()
    assert data["new_since"] == {"ref": "main", "merge_base": merge_base}
    assert (f"new since the merge base {merge_base[:12]} (1 already there not shown)") in new.stderr
    text = run(repo, "check", "--new-since", "main", "--no-color")
    assert text.stdout.splitlines()[-1].endswith(
        f"3 error(s), 0 warning(s), 0 info new since the merge base {merge_base[:12]} "
        "(1 already there not shown)"
    )
    # Nothing of the user's moved: files, index, worktrees, branches, HEAD.
    assert repository_state(repo) == before
    # The base lives in the store directory, and a second run reuses it.
    assert (
        repo / ".graphwarden" / "base" / merge_base / "tree" / "shop" / "ui" / "views.py"
    ).is_file()
    again = json.loads(run(repo, "check", "--new-since", "main", "--format", "json").stdout)
    assert again["violations"] == data["violations"]


def test_new_since_with_nothing_new_passes(repo: Path) -> None:
    git(repo, "stash", "-u", "-q")
    git(repo, "switch", "-q", "main")
    out = run(repo, "check", "--new-since", "main")
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.splitlines()[-1].endswith(
        ": no violations new since the merge base "
        + git(repo, "rev-parse", "HEAD")[:12]
        + " (1 already there not shown)"
    )


def test_impact_is_markdown_for_the_pull_request(repo: Path) -> None:
    before = repository_state(repo)
    out = run(repo, "impact", "--since", "main")
    assert out.returncode == 0, out.stderr
    md = out.stdout
    merge_base = git(repo, "merge-base", "main", "HEAD").strip()
    assert md.startswith("## graphwarden: impact of this change since `main`\n")
    assert f"Compared with the merge base `{merge_base[:12]}`: 2 file(s) changed" in md
    assert "- `shop/data/models.py` (modified)\n- `shop/extra.py` (added)\n" in md
    # keep() changed; load() did not (it moved, its code is the same).
    assert "- `keep` (function) in `shop/data/models.py`" in md
    assert "- `load` (function)" not in md
    assert "- `extra` (module) in `shop/extra.py`" in md
    # Nothing calls keep(), and extra.py is new: the change reaches no other symbol.
    assert "### Blast radius\n\nNothing else depends on the changed symbols." in md
    assert "| guarantee | before | after | new | fixed |" in md
    assert "| `data-below-ui` **(verdict changes)** | passes | fails (1) | 1 | 0 |" in md
    assert "| `no-eval` | fails (1) | fails (3) | 2 | 0 |" in md
    assert "- `shop/extra.py:2` eval called" in md
    assert repository_state(repo) == before


def test_impact_names_the_symbols_a_change_reaches(repo: Path) -> None:
    # Change load(): its callers in ui.views and report are reached, transitively.
    models = repo / "shop/data/models.py"
    models.write_text(models.read_text().replace("return eval('1')", "return eval('11') + 1"))
    md = run(repo, "impact", "--since", "main").stdout
    assert "- `load` (function) in `shop/data/models.py`" in md
    assert "| `page` | `shop/ui/views.py` | `load` |" in md
    assert "| `report` | `shop/report.py` | `load` |" in md


def test_pr_mode_errors_are_one_line(repo: Path, tmp_path: Path) -> None:
    out = run(repo, "check", "--new-since", "no-such-branch")
    assert out.returncode == 2
    assert out.stderr.strip() == (
        "graphwarden: error: unknown git ref 'no-such-branch' "
        "(fetch it first, e.g. git fetch origin no-such-branch)"
    )
    plain = tmp_path / "plain"
    write_files(plain, {"graphwarden.toml": CONFIG, "a.py": ""})
    out = run(plain, "impact", "--since", "main")
    assert out.returncode == 2
    assert out.stderr.strip() == f"graphwarden: error: {plain} is not inside a git repository"


def test_git_config_of_the_repository_runs_nothing(repo: Path, tmp_path: Path) -> None:
    # A repository's own .git/config may name programs (an fsmonitor, a smudge
    # filter for every file); reading the base must run none of them.
    marker = tmp_path / "ran"
    script = tmp_path / "evil.sh"
    script.write_text(f"#!/bin/sh\ntouch {marker}\ncat\n")
    script.chmod(0o755)
    git(repo, "config", "core.fsmonitor", str(script))
    git(repo, "config", "filter.evil.smudge", str(script))
    git(repo, "config", "filter.evil.clean", "cat")
    (repo / ".gitattributes").write_text("* filter=evil\n")
    out = run(repo, "check", "--new-since", "main")
    assert out.returncode == 1, out.stderr
    assert not marker.exists()
