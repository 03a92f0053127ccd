"""Where a project starts: found from any path inside it, as ruff and pytest find theirs.

`graphwarden check` run from `src/pkg` must check the project that directory
belongs to, with the project's configuration and its one store, not treat
`src/pkg` as a project of its own (a second `.graphwarden/`, no
configuration, a false "no violations"). The root is the nearest directory,
from the given path upwards, that holds

1. a graphwarden configuration (`graphwarden.toml`, or `pyproject.toml`
   with `[tool.graphwarden]`),
2. else an import-linter configuration (`.importlinter`, `setup.cfg` with
   `[importlinter]`, `pyproject.toml` with `[tool.importlinter]`),
3. else a version-control root (`.git`, `.hg`, `.svn`).

With none of them up to the file-system root, the path itself is the
project. Markers are looked for in each directory in that order, so a
configuration in a sub-project of a repository wins over the repository's
root. Only file names and table headers are read: nothing is parsed or run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graphwarden.analysis.config import config_files
from graphwarden.analysis.importlinter import importlinter_files

#: Directories that mark the root of a version-controlled tree.
VCS_MARKERS = (".git", ".hg", ".svn")


@dataclass(frozen=True)
class ProjectRoot:
    """A project's root directory and what marked it."""

    root: Path
    #: The file or directory that made `root` the root ("graphwarden.toml",
    #: ".importlinter", ".git"...), or "" when nothing did.
    marker: str
    #: The directory the search started from.
    start: Path

    @property
    def has_marker(self) -> bool:
        return bool(self.marker)


def find_project_root(path: str | Path) -> ProjectRoot:
    """The project `path` (a directory or a file in it) belongs to.

    `path` must exist. The search never leaves the file system's tree above
    `path`; reading a parent's file names is all it does there.
    """
    start = Path(path).resolve()
    if not start.is_dir():
        start = start.parent
    for directory in (start, *start.parents):
        marker = _marker(directory)
        if marker:
            return ProjectRoot(directory, marker, start)
    return ProjectRoot(start, "", start)


def _marker(directory: Path) -> str:
    found = config_files(directory)
    if found:
        return found[0][0].name
    linter = importlinter_files(directory)
    if linter:
        return linter[0].name
    for name in VCS_MARKERS:
        if (directory / name).exists():
            return name
    return ""
