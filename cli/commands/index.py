"""`graphwarden index`: bring the store up to date and print the cycle's figures."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from graphwarden.cli.arguments import add_command, add_workers
from graphwarden.cli.commands.check import report_failures, report_stopped
from graphwarden.cli.progress import ProgressReporter
from graphwarden.cli.workspace import open_for_command

if TYPE_CHECKING:
    from graphwarden.cli.arguments import Subcommands


def register(sub: Subcommands) -> None:
    p = add_command(sub, "index", run, "index a repository into its graph store (incremental)")
    p.add_argument("--json", action="store_true", help="print one JSON object with the figures")
    add_workers(p)


def run(args: argparse.Namespace) -> int:
    # The guarantee results of the cycle are kept in the store, as `check`
    # keeps them: the next command at this revision evaluates no rule again.
    ws = open_for_command(args.path, args.store, args.workers, persist_results=True)
    try:
        with ProgressReporter(not args.json) as progress:
            stats = ws.orchestrator.index_repository(progress=progress)
        failures = ws.orchestrator.enricher_failures()
        stopped = ws.orchestrator.stopped_analyses()
    finally:
        ws.close()
    if args.json:
        print(json.dumps(stats.to_json(), indent=2))
        return 0
    print(
        f"indexed {stats.files} files ({stats.changed_files} analysed, {stats.deleted_files} removed): "
        f"{stats.nodes} nodes, {stats.edges} edges, {stats.parse_errors} parse errors, "
        f"{stats.skipped_files} skipped in {stats.seconds:.2f}s"
    )
    stages = ", ".join(f"{k} {v:.2f}s" for k, v in stats.stage_seconds.items())
    print(f"stages: {stages}")
    # Those still standing, not only this run's: a failure stays until its file changes.
    report_failures(failures)
    report_stopped(stopped)
    return 0
