"""`graphwarden watch`: re-run the cycle on every change on disk, one report per cycle.

The watching loop is the library's (`graphwarden.analysis.watch`); this
module only chooses the debounce and says in words what each cycle did.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from graphwarden.analysis.orchestrator import CycleStats
from graphwarden.analysis.watch import watch_workspace
from graphwarden.cli.arguments import add_command, add_workers
from graphwarden.cli.workspace import open_for_command

if TYPE_CHECKING:
    from pathlib import Path

    from graphwarden.cli.arguments import Subcommands

#: How many changed paths a cycle line names before it says "+N more".
SHOWN_PATHS = 5


def register(sub: Subcommands) -> None:
    p = add_command(sub, "watch", run, "re-run the cycle whenever files change")
    p.add_argument(
        "--debounce-ms",
        type=int,
        default=None,
        help="quiet time before a cycle (default: debounce_ms of the configuration, else 150)",
    )
    add_workers(p)


def describe_ready(root: Path, stats: CycleStats) -> str:
    """The line printed once the watches are in place (a change after it is never missed)."""
    return (
        f"watching {root}: {stats.files} files, {stats.nodes} nodes "
        f"(initial cycle {stats.seconds:.2f}s); Ctrl-C to stop"
    )


def describe_cycle(stats: CycleStats) -> list[str]:
    """The lines printed for one cycle."""
    shown = ", ".join(stats.changed_paths[:SHOWN_PATHS])
    if len(stats.changed_paths) > SHOWN_PATHS:
        shown += f" (+{len(stats.changed_paths) - SHOWN_PATHS} more)"
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


def _echo(line: str) -> None:
    # Flushed line by line: watch output is read live (a pipe to grep, tee, a test).
    print(line, flush=True)


def run(args: argparse.Namespace) -> int:
    ws = open_for_command(args.path, args.store, args.workers)
    orch = ws.orchestrator
    debounce_ms = args.debounce_ms if args.debounce_ms is not None else ws.settings.debounce_ms

    def on_cycle(stats: CycleStats) -> None:
        for line in describe_cycle(stats):
            _echo(line)

    try:
        return watch_workspace(
            orch,
            debounce_ms=debounce_ms,
            on_ready=lambda stats: _echo(describe_ready(orch.root, stats)),
            on_cycle=on_cycle,
        )
    finally:
        ws.close()
