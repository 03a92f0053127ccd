"""`graphwarden watch`: re-run the cycle whenever files change on disk.

Changes are debounced (watchfiles groups the events of one burst, a branch
switch included) and become one cycle. Each cycle prints what changed, how
many files were re-enriched, the time, and coverage gaps that appeared or
went away.
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


def describe_cycle(stats: CycleStats) -> list[str]:
    """The lines `watch` prints for one cycle."""
    shown = ", ".join(stats.changed_paths[:5])
    if len(stats.changed_paths) > 5:
        shown += f" (+{len(stats.changed_paths) - 5} more)"
    lines = [
        f"cycle r{stats.revision}: {len(stats.changed_paths)} changed ({shown}); "
        f"{stats.blast_radius_files} in blast radius; {stats.reenriched_files} re-enriched; "
        f"{stats.seconds * 1000:.0f} ms"
    ]
    for gap in stats.new_coverage_gaps:
        lines.append(f"  new coverage gap {gap.file}:{gap.range[0] + 1}: {gap.message}")
    for gap in stats.fixed_coverage_gaps:
        lines.append(f"  coverage gap gone {gap.file}:{gap.range[0] + 1} ({gap.name})")
    for err in stats.enricher_errors:
        lines.append(f"  enricher error: {err}")
    return lines


def watch_workspace(
    orch: Orchestrator,
    debounce_ms: int = defaults.DEBOUNCE_MS,
    echo: Callable[[str], None] = print,
    stop: threading.Event | None = None,
) -> int:
    """Index, then re-run the cycle on every debounced batch of changes until stopped."""
    import watchfiles

    stats = orch.index_repository()
    known = set(orch.discover())
    ready = False
    # yield_on_timeout: the watcher yields an empty batch when a quiet period
    # passes. The first yield proves the OS watches are in place, and only then
    # does "watching" go out: a change made after that line is never missed.
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
            echo(
                f"watching {orch.root}: {stats.files} files, {stats.nodes} nodes "
                f"(initial cycle {stats.seconds:.2f}s); Ctrl-C to stop"
            )
        if not batch:
            continue
        changes = changes_from_events(orch, {Path(p) for _change, p in batch}, known)
        if not changes:
            continue
        stats = orch.apply_changes(changes)
        for line in describe_cycle(stats):
            echo(line)
    return 0
