"""`graphwarden watch`: re-run the cycle on every change on disk, one report per cycle.

The watching loop is the library's (`graphwarden.analysis.watch`); this
module only chooses the debounce and says what each cycle did: which files
changed and, above all, which violations the change brought and which it
fixed (the guarantees' results before and after, told apart by their
line-free fingerprints). Cycles are numbered from 1 in the order they ran;
the store's revision counts every commit inside a cycle and is not shown.
`--format json` prints one JSON object per line: the initial state, then one
per cycle.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from graphwarden.analysis.guarantees.results import Violation
from graphwarden.analysis.orchestrator import CycleStats
from graphwarden.analysis.watch import stopped, watch_workspace
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
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text lines, or one JSON object per cycle (default: text)",
    )
    add_workers(p)


def describe_ready(root: Path, stats: CycleStats) -> str:
    """The line printed once the watches are in place (a change after it is never missed)."""
    return (
        f"watching {root}: {stats.files} files, {stats.nodes} nodes "
        f"(initial cycle {stats.seconds:.2f}s); Ctrl-C to stop"
    )


class ResultDiff:
    """The violations one cycle added and fixed, against those before it."""

    def __init__(self, violations: list[Violation]) -> None:
        self.current = {v.fingerprint: v for v in violations}

    def update(self, violations: list[Violation]) -> tuple[list[Violation], list[Violation]]:
        """(new, fixed) since the last update; remembers `violations` for the next."""
        now = {v.fingerprint: v for v in violations}
        new = [v for f, v in now.items() if f not in self.current]
        fixed = [v for f, v in self.current.items() if f not in now]
        self.current = now
        return sorted(new, key=Violation.sort_key), sorted(fixed, key=Violation.sort_key)


def _where(v: Violation) -> str:
    return f"{v.file or '<workspace>'}:{v.range[0] + 1}:{v.range[1] + 1}"


def describe_cycle(
    number: int,
    stats: CycleStats,
    new: Sequence[Violation] = (),
    fixed: Sequence[Violation] = (),
    total: int = 0,
) -> list[str]:
    """The lines printed for one cycle: what changed, new and fixed violations, gaps."""
    shown = ", ".join(stats.changed_paths[:SHOWN_PATHS])
    if len(stats.changed_paths) > SHOWN_PATHS:
        shown += f" (+{len(stats.changed_paths) - SHOWN_PATHS} more)"
    lines = [
        f"cycle {number}: {len(stats.changed_paths)} changed ({shown}); "
        f"{stats.blast_radius_files} in blast radius; {stats.reenriched_files} re-enriched; "
        f"{stats.seconds * 1000:.0f} ms; {total} violation(s) now"
    ]
    for v in new:
        lines.append(f"  new   {_where(v)}: {v.severity} [{v.rule}] {v.message}")
    for v in fixed:
        lines.append(f"  fixed {_where(v)}: {v.severity} [{v.rule}] {v.message}")
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


def _cycle_json(
    number: int, stats: CycleStats, new: list[Violation], fixed: list[Violation], total: int
) -> dict[str, Any]:
    return {
        "cycle": number,
        "changed": stats.changed_paths,
        "blast_radius_files": stats.blast_radius_files,
        "reenriched_files": stats.reenriched_files,
        "ms": round(stats.seconds * 1000, 1),
        "violations": total,
        "new": [v.to_json() for v in new],
        "fixed": [v.to_json() for v in fixed],
        "coverage_gaps": {
            "new": [g.to_json() for g in stats.new_coverage_gaps],
            "fixed": [g.to_json() for g in stats.fixed_coverage_gaps],
        },
        "enricher_errors": [str(e) for e in stats.enricher_errors],
    }


def run(args: argparse.Namespace) -> int:
    ws = open_for_command(args.path, args.store, args.workers)
    orch = ws.orchestrator
    debounce_ms = args.debounce_ms if args.debounce_ms is not None else ws.settings.debounce_ms
    as_json = args.format == "json"
    diff = ResultDiff([])
    cycles = 0

    def on_ready(stats: CycleStats) -> None:
        diff.update(ws.checker.violations)
        if as_json:
            _echo(
                json.dumps(
                    {
                        "watching": str(orch.root),
                        "files": stats.files,
                        "violations": [v.to_json() for v in diff.current.values()],
                    }
                )
            )
        else:
            _echo(describe_ready(orch.root, stats) + f"; {len(diff.current)} violation(s)")

    def on_cycle(stats: CycleStats) -> None:
        nonlocal cycles
        cycles += 1
        new, fixed = diff.update(ws.checker.violations)
        total = len(diff.current)
        if as_json:
            _echo(json.dumps(_cycle_json(cycles, stats, new, fixed, total)))
        else:
            for line in describe_cycle(cycles, stats, new, fixed, total):
                _echo(line)

    try:
        return watch_workspace(orch, debounce_ms=debounce_ms, on_ready=on_ready, on_cycle=on_cycle)
    finally:
        ws.close()
        stopped()
        # Ctrl-C: stop quietly (the workers ignore SIGINT; see analysis/indexer.py).
        sys.stdout.flush()
