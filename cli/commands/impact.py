"""`graphwarden impact --since REF`: what a change reaches, as Markdown for a pull request.

The working tree is compared with the merge base of REF (its graph built
from git's objects under the store directory, never checked out over the
user's files: graphwarden.analysis.comparison); the report is the library's
`Impact`, rendered by cli/reporting/markdown.py. Exit 0 whatever it finds
(it informs; `check --new-since` is the gate), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from graphwarden.analysis.comparison import compute_impact, open_base
from graphwarden.analysis.git import GitError
from graphwarden.cli.arguments import add_command, add_workers
from graphwarden.cli.errors import UsageError
from graphwarden.cli.output import write_stdout
from graphwarden.cli.progress import ProgressReporter
from graphwarden.cli.reporting.markdown import render_impact
from graphwarden.cli.workspace import open_for_command, project_of

if TYPE_CHECKING:
    from graphwarden.cli.arguments import Subcommands


def register(sub: Subcommands) -> None:
    p = add_command(
        sub,
        "impact",
        run,
        "the files, symbols and guarantees a change reaches, as Markdown for a pull request",
    )
    p.add_argument(
        "--since", required=True, metavar="REF", help="compare with the merge base of git REF"
    )
    p.add_argument("--output", "-o", help="write the Markdown to this file instead of stdout")
    add_workers(p)


def run(args: argparse.Namespace) -> int:
    project_of(args.path)
    ws = open_for_command(
        args.path, args.store, args.workers, persist_results=True, rules_must_load=True
    )
    try:
        with ProgressReporter(not args.output) as progress:
            ws.orchestrator.index_repository(progress=progress)
            try:
                base = open_base(ws, args.since, progress=progress)
            except GitError as exc:
                raise UsageError(str(exc)) from exc
        try:
            text = render_impact(compute_impact(ws, base))
        finally:
            base.close()
    finally:
        ws.close()
    if args.output:
        try:
            Path(args.output).parent.mkdir(parents=True, exist_ok=True)
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {args.output}: {exc}") from exc
        print(f"graphwarden: wrote the impact report to {args.output}", file=sys.stderr)
    else:
        write_stdout(text)
    return 0
