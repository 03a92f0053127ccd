"""Reading a git repository's history without touching the user's working tree.

PR mode compares the working tree with the merge base of a branch. The
base's files are read straight from git's object database (`ls-tree` and
`cat-file --batch`): nothing is checked out over the user's files, no
worktree is registered, the index is never written, and no filter, hook or
external diff configured in the repository runs (blobs are read raw, and
every command runs with the settings below, which override the repository's
own `.git/config`). Symbolic links and submodules are left out, as the
indexer leaves them out of a working tree.

Every failure is a `GitError` with one line saying what to do.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

#: Settings that keep git from running anything a repository's config names.
_SAFE = (
    "-c",
    "core.fsmonitor=false",
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "core.pager=cat",
    "-c",
    "diff.external=",
    "-c",
    "protocol.allow=never",
)
#: `ls-tree` modes of the entries copied out: regular and executable files.
_FILE_MODES = ("100644", "100755")


class GitError(Exception):
    """git is missing, the directory is no repository, or a ref does not exist."""


@dataclass(frozen=True)
class TreeFile:
    """A regular file of a commit: its path (relative to the project root) and blob."""

    path: str
    blob: str


class GitRepository:
    """The repository a project directory is in."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        if shutil.which("git") is None:
            raise GitError("git is not installed (PR mode reads the base from git)")
        inside = self._run("rev-parse", "--is-inside-work-tree", check=False)
        if inside.returncode != 0 or inside.stdout.strip() != b"true":
            raise GitError(f"{directory} is not inside a git repository")
        #: Where the project sits in the repository ("" at its top, else "sub/dir/").
        self.prefix = self._text("rev-parse", "--show-prefix")

    def _run(
        self, *args: str, check: bool = True, stdin: bytes | None = None
    ) -> subprocess.CompletedProcess[bytes]:
        env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
        proc = subprocess.run(
            ["git", *_SAFE, *args],
            cwd=self.directory,
            input=stdin,
            capture_output=True,
            env=env,
            check=False,
        )
        if check and proc.returncode != 0:
            reason = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitError(f"git {args[0]} failed: {reason[-1] if reason else proc.returncode}")
        return proc

    def _text(self, *args: str) -> str:
        return self._run(*args).stdout.decode("utf-8", "replace").strip()

    def commit_of(self, ref: str) -> str:
        """The commit a ref names (a branch, a tag, a sha, `HEAD~2`...)."""
        proc = self._run("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False)
        if proc.returncode != 0:
            raise GitError(f"unknown git ref {ref!r} (fetch it first, e.g. git fetch origin {ref})")
        return proc.stdout.decode().strip()

    def merge_base(self, ref: str) -> str:
        """The commit where HEAD's history and `ref`'s meet: what a pull request is compared with."""
        other = self.commit_of(ref)
        proc = self._run("merge-base", other, "HEAD", check=False)
        if proc.returncode != 0:
            raise GitError(f"HEAD and {ref!r} have no common ancestor")
        return proc.stdout.decode().strip()

    def files(self, commit: str) -> list[TreeFile]:
        """The project's regular files at `commit` (paths relative to the project root)."""
        out = self._run("ls-tree", "-r", "-z", "--full-name", commit, "--", ".").stdout
        files = []
        for entry in out.split(b"\0"):
            if not entry:
                continue
            meta, _, raw_path = entry.partition(b"\t")
            mode, kind, blob = meta.decode().split()
            path = raw_path.decode("utf-8", "surrogateescape")
            if kind != "blob" or mode not in _FILE_MODES or not path.startswith(self.prefix):
                continue
            files.append(TreeFile(path[len(self.prefix) :], blob))
        return files

    def blobs(self, blobs: Sequence[str]) -> Iterator[bytes]:
        """The raw contents of blobs, in order (one `cat-file --batch`, no filters)."""
        if not blobs:
            return
        proc = self._run("cat-file", "--batch", stdin=("\n".join(blobs) + "\n").encode())
        data, pos = proc.stdout, 0
        for _ in blobs:
            end = data.index(b"\n", pos)
            header = data[pos:end].split()
            if len(header) != 3:
                raise GitError(f"git cat-file: unexpected answer {data[pos:end]!r}")
            size = int(header[2])
            yield data[end + 1 : end + 1 + size]
            pos = end + 1 + size + 1  # the content, then a newline

    def export(self, commit: str, destination: Path, wanted: Callable[[str], bool]) -> int:
        """Write the project's files at `commit` that are `wanted` under `destination`.

        Returns how many were written.
        """
        files = [f for f in self.files(commit) if wanted(f.path)]
        for tree_file, content in zip(files, self.blobs([f.blob for f in files]), strict=True):
            target = destination / tree_file.path
            if ".." in Path(tree_file.path).parts:
                continue  # git refuses such paths; never write outside the destination
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        return len(files)
