"""How a command opens a workspace: the project root, the user's store, the composition root.

Every command that indexes opens its workspace through
`graphwarden.analysis.workspace.open_workspace`, the library's composition
root, so the command line and the language server assemble configuration,
orchestrator and guarantee checker the same way. What is left here is what
only a terminal knows: the path typed on the command line (any directory or
file inside the project: the root is found from it, as ruff and pytest find
theirs, `graphwarden.analysis.project`), `--store` and `$GRAPHWARDEN_STORE`
(relative to the current directory, as a shell user expects), and turning
the library's exceptions into a `UsageError`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from graphwarden.analysis.config import ConfigError
from graphwarden.analysis.enrichers import EnricherCycleError
from graphwarden.analysis.project import ProjectRoot, find_project_root
from graphwarden.analysis.store import ForeignStoreError, GraphStore
from graphwarden.analysis.workspace import (
    OpenWorkspace,
    UserChoices,
    open_workspace,
    workspace_settings,
)
from graphwarden.cli.errors import UsageError, config_failure

log = logging.getLogger("graphwarden")


def project_of(path: str) -> ProjectRoot:
    """The project the path named on the command line belongs to, or a UsageError."""
    if not Path(path).exists():
        raise UsageError(f"path does not exist: {path}")
    project = find_project_root(path)
    if project.root != project.start:
        log.info("project root %s (found from %s by %s)", project.root, path, project.marker)
    else:
        log.info("project root %s (%s)", project.root, project.marker or "no marker found")
    return project


def workspace_root(path: str) -> Path:
    """The root directory of the project the path belongs to, or a UsageError."""
    return project_of(path).root


def user_store(flag: str | None) -> Path | None:
    """The store directory the user chose: --store, else $GRAPHWARDEN_STORE, else none.

    Only these may put the store outside the workspace (a workspace's own
    configuration may not); relative paths are taken from the current directory.
    """
    chosen = flag or os.environ.get("GRAPHWARDEN_STORE")
    return Path(chosen).resolve() if chosen else None


def open_for_command(
    path: str,
    store: str | None,
    workers: int | None,
    *,
    persist_results: bool = False,
    rules_must_load: bool = False,
) -> OpenWorkspace:
    """The workspace at `path`, opened by the composition root; UsageError when it cannot be.

    A broken configuration file always fails. `rules_must_load` also fails on
    guarantees and contracts that do not load (`check`, whose whole job they
    are); the other commands go on with the rules that did load.
    """
    root = workspace_root(path)
    choices = UserChoices(store=user_store(store), workers=workers, persist_results=persist_results)
    # Validated before opening: a broken configuration must fail before the
    # store is created or anything else is written in the workspace.
    settings, errors, _warnings = workspace_settings(root, choices)
    if errors:
        raise config_failure(errors)
    try:
        ws = open_workspace(root, choices)
    except (EnricherCycleError, ConfigError, ForeignStoreError) as exc:
        raise UsageError(str(exc)) from exc
    except Exception as exc:
        # The store's LMDB errors (permissions, a full disk, a read-only
        # directory) are reasons the user can act on. They are matched by
        # module so the command line does not depend on the store's backend.
        if exc.__class__.__module__.startswith("lmdb"):
            raise UsageError(
                f"cannot open the graph store at {settings.store_path}: {exc}"
            ) from exc
        raise
    if rules_must_load and ws.config_errors:
        ws.close()
        raise config_failure(ws.config_errors)
    for warning in ws.warnings:
        log.warning("%s", warning)
    return ws


def open_existing_store(path: str, store: str | None) -> tuple[GraphStore, Path]:
    """The workspace's store, opened for reading what is there (never indexes).

    Settings come from the composition root's `workspace_settings`, so the
    store is looked for exactly where `index` put it.
    """
    root = workspace_root(path)
    settings, _errors, _warnings = workspace_settings(root, UserChoices(store=user_store(store)))
    outside = settings.store_location_error()
    if outside is not None:
        raise UsageError(str(outside))
    store_path = settings.store_path
    if not (store_path / "data.mdb").exists():
        raise UsageError(f"no graph store at {store_path}: run `graphwarden index {path}` first")
    try:
        return GraphStore(store_path), store_path
    except ForeignStoreError as exc:
        raise UsageError(str(exc)) from exc
