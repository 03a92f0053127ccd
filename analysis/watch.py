"""The watching loop behind `graphwarden watch`: re-run the cycle whenever files change.

Changes are debounced (watchfiles groups the events of one burst, a branch
switch included) and become one cycle. What a cycle did is handed to the
caller as `CycleStats`; saying it in words is the command line's job
(`graphwarden.cli.commands.watch`), so nothing here prints.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from graphwarden.analysis import defaults
from graphwarden.analysis.discovery import ALWAYS_SKIPPED_DIRS
from graphwarden.analysis.languages import language_of
from graphwarden.analysis.orchestrator import CycleStats, FileChange, Orchestrator

log = logging.getLogger(__name__)

#: How long the watcher waits before it reports a quiet period (its readiness).
READY_PROBE_MS = 100


def _candidate(orch: Orchestrator, rel: str) -> bool:
    """Cheap filter before asking discovery (which honours .gitignore)."""
    if language_of(rel) is None:
        return False
    parts = rel.split("/")
    return not any(p in ALWAYS_SKIPPED_DIRS for p in parts[:-1])


def changes_from_events(orch: Orchestrator, paths: set[Path], known: set[str]) -> list[FileChange]:
    """Turn changed absolute paths into FileChanges for indexable files."""
    root = orch.root
    store = orch.store.path.resolve()
    rels = []
    for p in paths:
        try:
            resolved = p.resolve() if p.exists() else p
            if resolved.is_relative_to(store):
                continue
            rel = p.relative_to(root).as_posix()
        except ValueError:
            continue
        if _candidate(orch, rel):
            rels.append(rel)
    if not rels:
        return []
    new = [r for r in rels if r not in known and (root / r).exists()]
    if new:
        # Only a file we have never seen needs the full rules (.gitignore, globs).
        allowed = set(orch.discover())
        known |= allowed
    changes = []
    for rel in sorted(set(rels)):
        if (root / rel).is_file():
            if rel in known:
                changes.append(FileChange(rel))
        elif rel in known:
            known.discard(rel)
            changes.append(FileChange(rel, deleted=True))
    return changes


def watch_workspace(
    orch: Orchestrator,
    debounce_ms: int = defaults.DEBOUNCE_MS,
    *,
    on_ready: Callable[[CycleStats], None],
    on_cycle: Callable[[CycleStats], None],
    stop: threading.Event | None = None,
) -> int:
    """Index, then re-run the cycle on every debounced batch of changes until stopped.

    `on_ready` gets the initial cycle's stats once the OS watches are in place
    (a change made after it is never missed); `on_cycle` gets every later cycle's.
    """
    import watchfiles

    stats = orch.index_repository()
    known = set(orch.discover())
    ready = False
    # yield_on_timeout: the watcher yields an empty batch when a quiet period
    # passes. The first yield proves the OS watches are in place, and only then
    # is `on_ready` called: a change made after it is never missed.
    for batch in watchfiles.watch(
        orch.root,
        debounce=debounce_ms,
        step=50,
        stop_event=stop,
        rust_timeout=READY_PROBE_MS,
        yield_on_timeout=True,
        recursive=True,
        raise_interrupt=False,
        ignore_permission_denied=True,
    ):
        if not ready:
            ready = True
            on_ready(stats)
        if not batch:
            continue
        changes = changes_from_events(orch, {Path(p) for _change, p in batch}, known)
        if not changes:
            continue
        on_cycle(orch.apply_changes(changes))
    return 0
