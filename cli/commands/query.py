"""`graphwarden query PATH 'DATALOG'`: index, then print the bindings of a Datalog query.

The query is `?- body.` or a bare body; helper rules may come first. It is
parsed before indexing, so a typo costs nothing.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from graphwarden.analysis.guarantees.datalog import DatalogError, LimitExceeded, parse_query
from graphwarden.cli.arguments import add_command, add_workers
from graphwarden.cli.errors import UsageError
from graphwarden.cli.progress import ProgressReporter
from graphwarden.cli.workspace import open_for_command

if TYPE_CHECKING:
    from graphwarden.cli.arguments import Subcommands


def register(sub: Subcommands) -> None:
    p = add_command(sub, "query", run, "run a Datalog query against the code graph", path="")
    p.add_argument(
        "datalog", metavar="DATALOG", help='\'?- node(X, "CLASS"), attr(X, "name", N).\''
    )
    p.add_argument("--json", action="store_true", help="print the bindings as a JSON list")
    add_workers(p)


def run(args: argparse.Namespace) -> int:
    try:
        parse_query(args.datalog)
    except DatalogError as exc:
        raise UsageError(f"query error: {exc}") from exc
    # The guarantee results of the cycle are kept in the store, as `check`
    # keeps them: the next command at this revision evaluates no rule again.
    ws = open_for_command(args.path, args.store, args.workers, persist_results=True)
    try:
        with ProgressReporter(not args.json) as progress:
            ws.orchestrator.index_repository(progress=progress)
        try:
            rows = ws.orchestrator.query(args.datalog)
        except LimitExceeded as exc:
            raise UsageError(f"query stopped: {exc}") from exc
    finally:
        ws.close()
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    if not rows:
        print("no answers")
    for row in rows:
        print(", ".join(f"{k} = {v}" for k, v in row.items()) if row else "yes")
    return 0
