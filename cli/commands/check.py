"""`graphwarden check`: the headless CI mode.

Index incrementally (the store is reused), run the cycle with the guarantee
checker attached by the composition root, print the results in the chosen
format. Exit 0 clean, 1 violations at or above --fail-on, 2 usage or
configuration error (one line on stderr, from `main.py`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from graphwarden.analysis.guarantees.results import SEVERITY_RANK, Violation
from graphwarden.cli.arguments import add_command, add_workers
from graphwarden.cli.baseline import (
    DEFAULT_BASELINE,
    BaselineError,
    apply_baseline,
    read_baseline,
    write_baseline,
)
from graphwarden.cli.errors import UsageError
from graphwarden.cli.progress import ProgressReporter
from graphwarden.cli.reporting import (
    FORMATS,
    render_github,
    render_json,
    render_sarif,
    render_text,
)
from graphwarden.cli.workspace import open_for_command

if TYPE_CHECKING:
    from graphwarden.cli.arguments import Subcommands

FAIL_ON = ("error", "warning", "info", "never")


def register(sub: Subcommands) -> None:
    p = add_command(sub, "check", run, "index incrementally, check every guarantee, report")
    p.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    p.add_argument("--output", "-o", help="write the report to this file instead of stdout")
    p.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="error",
        help="exit 1 when a violation has at least this severity (default: error)",
    )
    p.add_argument("--baseline", metavar="FILE", help="hide the violations recorded in FILE")
    p.add_argument(
        "--write-baseline",
        nargs="?",
        const=DEFAULT_BASELINE,
        metavar="FILE",
        help=f"record the current violations in FILE (default: {DEFAULT_BASELINE}) and exit 0",
    )
    p.add_argument("--no-color", action="store_true", help="never colour the text output")
    add_workers(p)


def should_fail(violations: list[Violation], fail_on: str) -> bool:
    """True if any violation is at or above the --fail-on severity."""
    if fail_on == "never":
        return False
    threshold = SEVERITY_RANK[fail_on]
    return any(v.rank >= threshold for v in violations)


def run(args: argparse.Namespace) -> int:
    if args.baseline and args.write_baseline:
        raise UsageError("use either --baseline or --write-baseline, not both")
    known: set[str] | None = None
    if args.baseline:
        try:
            known = read_baseline(args.baseline)
        except BaselineError as exc:
            raise UsageError(str(exc)) from exc
    # Results are persisted: a warm `check` at the same revision evaluates nothing.
    ws = open_for_command(
        args.path, args.store, args.workers, persist_results=True, rules_must_load=True
    )
    try:
        show_progress = args.format == "text" and not args.output
        with ProgressReporter(show_progress) as progress:
            stats = ws.orchestrator.index_repository(progress=progress)
        violations = ws.checker.violations
        root = ws.orchestrator.root
        rules = ws.checker.rule_infos
    finally:
        ws.close()

    if args.write_baseline:
        n = write_baseline(args.write_baseline, violations)
        print(
            f"graphwarden: wrote {n} violation(s) to baseline {args.write_baseline}",
            file=sys.stderr,
        )
        return 0
    hidden = 0
    if known is not None:
        violations, hidden = apply_baseline(violations, known)

    if args.format == "json":
        extra = {
            "stats": {
                "files": stats.files,
                "changed_files": stats.changed_files,
                "rules_evaluated": stats.guarantees_checked,
                "seconds": round(stats.seconds, 4),
                "guarantee_seconds": round(stats.stage_seconds.get("guarantees", 0.0), 4),
            }
        }
        text = render_json(violations, hidden=hidden, extra=extra)
    elif args.format == "sarif":
        text = json.dumps(render_sarif(violations, rules, root), indent=2) + "\n"
    elif args.format == "github":
        text = render_github(violations)
    else:
        colour = not args.output and sys.stdout.isatty() and not args.no_color
        text = render_text(violations, colour=colour, hidden=hidden)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {args.output}: {exc}") from exc
    else:
        sys.stdout.write(text)
    return 1 if should_fail(violations, args.fail_on) else 0
