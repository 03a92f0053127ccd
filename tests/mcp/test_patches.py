"""Unified diffs applied in memory, and the paths an agent may name (analysis/patches.py)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from graphwarden.analysis.patches import PatchError, apply_unified_diff, workspace_path

OLD = "".join(f"line {i}\n" for i in range(1, 21))


def apply(diff: str, files: dict[str, str]) -> dict[str, str | None]:
    out = apply_unified_diff(diff, lambda p: files[p].encode() if p in files else None)
    return {p: None if b is None else b.decode() for p, b in out.items()}


def git_diff(tmp_path: Path, old: str | None, new: str | None, name: str = "f.py") -> str:
    """The diff git itself prints between two versions of a file (None: absent)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    sides = []
    for side, text in (("a", old), ("b", new)):
        if text is None:
            sides.append("/dev/null")
            continue
        (tmp_path / side).mkdir(exist_ok=True)
        (tmp_path / side / name).write_text(text)
        sides.append(f"{side}/{name}")
    done = subprocess.run(
        ["git", "diff", "--no-index", "--no-prefix", *sides],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    return done.stdout


@pytest.mark.parametrize(
    "new",
    [
        OLD.replace("line 3\n", "line three\n").replace("line 17\n", ""),
        "first\n" + OLD + "last\n",
        OLD.rstrip("\n"),
        OLD.replace("line 20\n", "line 20"),
        "",
    ],
)
def test_git_diffs_apply(tmp_path: Path, new: str) -> None:
    diff = git_diff(tmp_path, OLD, new)
    assert apply(diff, {"f.py": OLD}) == {"f.py": new}


def test_new_deleted_and_shifted(tmp_path: Path) -> None:
    created = git_diff(tmp_path / "1", None, "x = 1\n")
    assert "--- /dev/null" in created
    assert apply(created, {}) == {"f.py": "x = 1\n"}
    deleted = "--- a/f.py\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-line 1\n-line 2\n"
    assert apply(deleted, {"f.py": "line 1\nline 2\n"}) == {"f.py": None}
    # A hunk whose header is a few lines off still applies where its context is.
    shifted = "--- a/f.py\n+++ b/f.py\n@@ -2,3 +2,3 @@\n line 5\n-line 6\n+six\n line 7\n"
    assert apply(shifted, {"f.py": OLD})["f.py"] == OLD.replace("line 6\n", "six\n")


def test_bad_diffs_raise_one_error() -> None:
    with pytest.raises(PatchError, match="does not apply"):
        apply("--- a/f.py\n+++ b/f.py\n@@ -1 +1 @@\n-nope\n+x\n", {"f.py": OLD})
    with pytest.raises(PatchError, match="does not exist"):
        apply("--- a/g.py\n+++ b/g.py\n@@ -1 +1 @@\n-a\n+b\n", {})
    with pytest.raises(PatchError, match="no file headers"):
        apply("just text", {})
    with pytest.raises(PatchError, match="shorter"):
        apply("--- a/f.py\n+++ b/f.py\n@@ -1,5 +1,5 @@\n line 1\n", {"f.py": OLD})


def test_workspace_paths(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    (root / "pkg").mkdir(parents=True)
    (tmp_path / "out").mkdir()
    (root / "escape").symlink_to(tmp_path / "out", target_is_directory=True)
    assert workspace_path(root, "pkg/./mod.py") == "pkg/mod.py"
    assert workspace_path(root, "new/dir/file.py") == "new/dir/file.py"
    for bad, why in [
        ("", "invalid"),
        ("/etc/passwd", "absolute"),
        ("../x.py", "'..'"),
        ("pkg/../../x.py", "'..'"),
        ("a\\b.py", "invalid"),
        (".git/config", "version-control"),
        ("escape/x.py", "symbolic link"),
        (".graphwarden/data.mdb", "store"),
    ]:
        with pytest.raises(PatchError, match=why):
            workspace_path(root, bad, root / ".graphwarden")
