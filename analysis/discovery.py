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

from graphwarden.analysis.languages import language_of
from graphwarden.analysis.safe_read import file_kind, read_text

log = logging.getLogger(__name__)

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


def _gitignore(directory: Path) -> pathspec.PathSpec | None:
    path = directory / ".gitignore"
    try:
        lines = read_text(path).splitlines()
    except OSError:
        return None
    return pathspec.GitIgnoreSpec.from_lines(lines)


def _is_virtualenv(directory: Path) -> bool:
    return (directory / "pyvenv.cfg").is_file()


def _compile(patterns: Iterable[str]) -> pathspec.PathSpec | None:
    patterns = list(patterns)
    return pathspec.GitIgnoreSpec.from_lines(patterns) if patterns else None


def discover(
    root: str | Path,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    store_dir: str | None = None,
) -> Discovery:
    """Find the source files under `root` that graphwarden analyses."""
    root = Path(root).resolve()
    include_spec = _compile(include)
    exclude_spec = _compile(exclude)
    store_abs = (root / store_dir).resolve() if store_dir else None
    result = Discovery()
    # Each entry: directory, its relative path, and the gitignore specs in force
    # (with the relative dir each is anchored at).
    stack: list[tuple[Path, str, list[tuple[str, pathspec.PathSpec]]]] = [(root, "", [])]
    while stack:
        directory, rel_dir, ignores = stack.pop()
        spec = _gitignore(directory)
        if spec is not None:
            ignores = [*ignores, (rel_dir, spec)]
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            result.skipped[rel_dir or "."] = f"cannot list directory: {exc.strerror}"
            log.warning("skipping directory %s: %s", rel_dir or ".", exc.strerror)
            continue
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
                if entry.name in ALWAYS_SKIPPED_DIRS:
                    continue
                if store_abs is not None and Path(entry.path).resolve() == store_abs:
                    continue
                if _ignored(ignores, rel + "/") or (
                    exclude_spec and exclude_spec.match_file(rel + "/")
                ):
                    continue
                if _is_virtualenv(Path(entry.path)):
                    continue
                subdirs.append((Path(entry.path), rel, ignores))
                continue
            if language_of(entry.name) is None:
                continue
            if _ignored(ignores, rel):
                continue
            if exclude_spec and exclude_spec.match_file(rel):
                continue
            if include_spec and not include_spec.match_file(rel):
                continue
            if is_link:
                target = _resolve_inside(entry, root)
                if target is None:
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


def _resolve_inside(entry: os.DirEntry[str], root: Path) -> Path | None:
    try:
        target = Path(entry.path).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    return target if target.is_relative_to(root) else None


def _ignored(ignores: list[tuple[str, pathspec.PathSpec]], rel: str) -> bool:
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
