"""Which files of a workspace are indexed.

Walks the tree iteratively (no recursion, no following of directory
symlinks, so symlink loops cannot trap it), honours `.gitignore` files at
every level, always skips VCS folders, the store, dependency folders,
virtualenvs and build outputs, and applies the config's include/exclude
globs. Paths come out workspace-relative, POSIX-style, sorted.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from graphwarden.analysis.languages.registry import language_by_extension, unanalysable
from graphwarden.analysis.safe_read import file_kind, read_text

log = logging.getLogger(__name__)

#: A compiled set of gitignore-style patterns.
IgnoreSpec = pathspec.GitIgnoreSpec

ALWAYS_SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".graphwarden",
        "node_modules",
        "bower_components",
        "__pycache__",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".hypothesis",
        "build",
        "dist",
        ".next",
        ".eggs",
        "site-packages",
    }
)


@dataclass
class Discovery:
    """The result of a walk: files to index, and what was passed over and why."""

    files: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)


def _gitignore(directory: Path) -> IgnoreSpec | None:
    path = directory / ".gitignore"
    try:
        lines = read_text(path).splitlines()
    except OSError:
        return None
    return pathspec.GitIgnoreSpec.from_lines(lines)


def _is_virtualenv(directory: Path) -> bool:
    return (directory / "pyvenv.cfg").is_file()


def _compile(patterns: Iterable[str]) -> IgnoreSpec | None:
    patterns = list(patterns)
    return pathspec.GitIgnoreSpec.from_lines(patterns) if patterns else None


class FileFilter:
    """Which workspace paths are indexed: the one rule for `index`, `watch` and the server.

    `discover` walks the tree with it; `accepts` answers for a single path (a
    watched-file event, a buffer opened in the editor) with the same
    decisions: supported extension, no always-skipped or virtualenv folder on
    the way, not the store, not gitignored at any level, include/exclude
    globs, no symlink leaving the workspace, a regular file.
    """

    def __init__(
        self,
        root: str | Path,
        include: Iterable[str] = (),
        exclude: Iterable[str] = (),
        store_dir: str | Path | None = None,
    ) -> None:
        self.root = Path(root).resolve()
        self.include = _compile(include)
        self.exclude = _compile(exclude)
        self.store = (self.root / store_dir).resolve() if store_dir is not None else None
        #: The store as a workspace-relative path, when it is inside: walks never
        #: follow a symlink, so a directory's relative path is its real one and
        #: no directory needs resolving to be recognised as the store.
        self._store_rel = (
            self.store.relative_to(self.root).as_posix()
            if self.store is not None and self.store.is_relative_to(self.root)
            else None
        )
        #: Directory (relative, "" for the root) -> its .gitignore spec, read once.
        self._gitignores: dict[str, IgnoreSpec | None] = {}

    # -- pieces shared by the walk and single paths -----------------------------------

    def gitignore(self, rel_dir: str, present: bool = True) -> IgnoreSpec | None:
        """The .gitignore of a directory, read once (`present=False`: the walk saw none)."""
        if rel_dir not in self._gitignores:
            self._gitignores[rel_dir] = (
                _gitignore(self.root / rel_dir if rel_dir else self.root) if present else None
            )
        return self._gitignores[rel_dir]

    def skips_dir(self, rel: str, path: Path, ignores: list[tuple[str, IgnoreSpec]]) -> bool:
        """Whether the walk stays out of a directory (not a symlink; those are never entered)."""
        return self.skips_dir_by_name(rel, path.name, ignores) or _is_virtualenv(path)

    def skips_dir_by_name(self, rel: str, name: str, ignores: list[tuple[str, IgnoreSpec]]) -> bool:
        """`skips_dir` but for the virtualenv test, which the walk makes on the listing."""
        if name in ALWAYS_SKIPPED_DIRS or rel == self._store_rel:
            return True
        return _ignored(ignores, rel + "/") or bool(
            self.exclude and self.exclude.match_file(rel + "/")
        )

    def takes_file(self, rel: str, ignores: list[tuple[str, IgnoreSpec]]) -> bool:
        """Whether a file's path is selected (extension, ignores, globs); not its type."""
        if language_by_extension(rel) is None or _ignored(ignores, rel):
            return False
        if self.exclude and self.exclude.match_file(rel):
            return False
        return not (self.include and not self.include.match_file(rel))

    # -- single paths ----------------------------------------------------------------

    def accepts(self, rel: str) -> bool:
        """Whether `rel` (workspace-relative, POSIX) is indexed; False for a path that
        does not exist any more only if its folders or name rule it out (a deleted
        file that was indexed must still reach the graph as a deletion)."""
        return self.reason(rel) is None

    def reason(self, rel: str) -> str | None:
        """Why `rel` is not indexed (None when it is)."""
        parts = rel.split("/")
        if not rel or ".." in parts or rel.startswith("/"):
            return "outside the workspace"
        try:
            return self._reason(rel, parts)
        except OSError as exc:
            # A name too long for the filesystem (an editor's buffer may have any
            # name): there is no such file to index.
            return f"the filesystem refuses its path ({exc.strerror or exc})"

    def _reason(self, rel: str, parts: list[str]) -> str | None:
        ignores: list[tuple[str, IgnoreSpec]] = []
        for i in range(len(parts)):
            rel_dir = "/".join(parts[:i])
            spec = self.gitignore(rel_dir)
            if spec is not None:
                ignores.append((rel_dir, spec))
            if i == len(parts) - 1:
                break
            sub = "/".join(parts[: i + 1])
            path = self.root / sub
            if path.is_symlink():
                return "inside a symlinked directory (not followed)"
            if self.skips_dir(sub, path, ignores):
                return f"in a skipped directory: {sub}/"
        if not self.takes_file(rel, ignores):
            return "not selected (extension, .gitignore or include/exclude)"
        if (why := unanalysable(rel)) is not None:
            return why
        path = self.root / rel
        if path.is_symlink() and _resolve_inside(path, self.root) is None:
            return "symlink that leaves the workspace or is broken"
        try:
            kind = file_kind(path.stat().st_mode)
        except OSError:
            return None  # gone: the cycle records the deletion
        return f"not a regular file: {kind}" if kind is not None else None

    # -- the walk ----------------------------------------------------------------------

    def discover(self) -> Discovery:
        """Find the source files under the root (iterative; symlinked folders never entered)."""
        root = self.root
        result = Discovery()
        # Each entry: directory, its relative path, and the gitignore specs in force
        # (with the relative dir each is anchored at).
        stack: list[tuple[Path, str, list[tuple[str, IgnoreSpec]]]] = [(root, "", [])]
        while stack:
            directory, rel_dir, ignores = stack.pop()
            try:
                entries = sorted(os.scandir(directory), key=lambda e: e.name)
            except OSError as exc:
                result.skipped[rel_dir or "."] = f"cannot list directory: {exc.strerror}"
                log.warning("skipping directory %s: %s", rel_dir or ".", exc.strerror)
                continue
            # The listing answers what would otherwise cost a system call per
            # directory: is it a virtualenv, has it a .gitignore.
            names = {e.name for e in entries}
            if rel_dir and "pyvenv.cfg" in names and _is_virtualenv(directory):
                continue
            spec = self.gitignore(rel_dir, present=".gitignore" in names)
            if spec is not None:
                ignores = [*ignores, (rel_dir, spec)]
            subdirs = []
            for entry in entries:
                rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
                try:
                    is_link = entry.is_symlink()
                    is_dir = entry.is_dir(follow_symlinks=False)
                except OSError:
                    continue
                if is_dir or (is_link and _points_to_dir(entry)):
                    if is_link:
                        # Never followed: a link can loop, or leave the workspace.
                        result.skipped[rel] = "symlinked directory (not followed)"
                        continue
                    if not self.skips_dir_by_name(rel, entry.name, ignores):
                        subdirs.append((Path(entry.path), rel, ignores))
                    continue
                if not self.takes_file(rel, ignores):
                    continue
                if (why := unanalysable(rel)) is not None:
                    result.skipped[rel] = why
                    continue
                if is_link and _resolve_inside(Path(entry.path), root) is None:
                    result.skipped[rel] = "symlink that leaves the workspace or is broken"
                    continue
                kind = _special_kind(entry)
                if kind is not None:
                    # A FIFO would block whoever opens it; devices and sockets are not source.
                    result.skipped[rel] = f"not a regular file: {kind}"
                    continue
                result.files.append(rel)
            stack.extend(reversed(subdirs))
        result.files.sort()
        return result


def discover(
    root: str | Path,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    store_dir: str | None = None,
) -> Discovery:
    """Find the source files under `root` that graphwarden analyses."""
    return FileFilter(root, include, exclude, store_dir).discover()


def _points_to_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=True)
    except OSError:
        return False


def _special_kind(entry: os.DirEntry[str]) -> str | None:
    """What the entry is if not a regular file (symlinks followed); None when regular."""
    try:
        return file_kind(entry.stat(follow_symlinks=True).st_mode)
    except OSError:
        return None  # gone: the reader reports it


def _resolve_inside(path: Path, root: Path) -> Path | None:
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    return target if target.is_relative_to(root) else None


def _ignored(ignores: list[tuple[str, IgnoreSpec]], rel: str) -> bool:
    for base, spec in ignores:
        if base:
            if not rel.startswith(base + "/"):
                continue
            sub = rel[len(base) + 1 :]
        else:
            sub = rel
        if spec.match_file(sub):
            return True
    return False
