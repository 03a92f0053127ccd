"""`graphwarden check` and `graphwarden query`: the headless CI mode.

check: index incrementally (the store is reused), run the cycle with the
guarantee checker as the orchestrator's hook, print the results. Exit 0
clean, 1 violations at or above --fail-on, 2 usage or configuration error
(one line on stderr).

query: `graphwarden query PATH 'DATALOG'` indexes the same way and prints
the bindings of a Datalog query (`?- body.` or a bare body; helper rules
may come first).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from graphwarden.analysis.cli import ProgressReporter, UsageError, open_orchestrator
from graphwarden.analysis.guarantees.baseline import (
    DEFAULT_BASELINE,
    BaselineError,
    apply_baseline,
    read_baseline,
    write_baseline,
)
from graphwarden.analysis.guarantees.results import SEVERITY_RANK, Violation
from graphwarden.analysis.reporting import (
    FORMATS,
    render_github,
    render_json,
    render_sarif,
    render_text,
)

FAIL_ON = ("error", "warning", "info", "never")


def _config_failure(errors: list[Any]) -> UsageError:
    first = errors[0]
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return UsageError(f"configuration error: {first}{more}")


def should_fail(violations: list[Violation], fail_on: str) -> bool:
    """True if any violation is at or above the --fail-on severity."""
    if fail_on == "never":
        return False
    threshold = SEVERITY_RANK[fail_on]
    return any(v.rank >= threshold for v in violations)


def cmd_check(args: argparse.Namespace) -> int:
    from graphwarden.analysis.guarantees.checker import GuaranteeChecker

    if args.baseline and args.write_baseline:
        raise UsageError("use either --baseline or --write-baseline, not both")
    known: set[str] | None = None
    if args.baseline:
        try:
            known = read_baseline(args.baseline)
        except BaselineError as exc:
            raise UsageError(str(exc)) from exc
    orch = open_orchestrator(args.path, args.store, args.workers)
    try:
        checker = GuaranteeChecker(orch.settings, persist_results=True)
        if checker.load_errors:
            raise _config_failure(checker.load_errors)
        orch.guarantee_hook = checker
        show_progress = args.format == "text" and not args.output
        with ProgressReporter(show_progress) as progress:
            stats = orch.index_repository(progress=progress)
        violations = checker.violations
        root = orch.root
        rules = checker.rule_infos
    finally:
        orch.close()

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


def cmd_query(args: argparse.Namespace) -> int:
    from graphwarden.analysis.guarantees.datalog import DatalogError, LimitExceeded, parse_query

    try:
        parse_query(args.datalog)  # fail before indexing: a typo costs nothing
    except DatalogError as exc:
        raise UsageError(f"query error: {exc}") from exc
    orch = open_orchestrator(args.path, args.store, args.workers)
    try:
        with ProgressReporter(not args.json) as progress:
            orch.index_repository(progress=progress)
        try:
            rows = orch.query(args.datalog)
        except LimitExceeded as exc:
            raise UsageError(f"query stopped: {exc}") from exc
    finally:
        orch.close()
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    if not rows:
        print("no answers")
    for row in rows:
        print(", ".join(f"{k} = {v}" for k, v in row.items()) if row else "yes")
    return 0


def register(
    sub: Any,
    add: Callable[..., argparse.ArgumentParser],
) -> None:
    """Add `check` and `query` to the CLI (called by analysis.cli.build_parser)."""
    p = add("check", cmd_check, "index incrementally, check every guarantee, report")
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
    p.add_argument("--workers", type=int, default=None, help="analysis processes (default: cores)")

    p = add("query", cmd_query, "run a Datalog query against the code graph", path="")
    p.add_argument(
        "datalog", metavar="DATALOG", help='\'?- node(X, "CLASS"), attr(X, "name", N).\''
    )
    p.add_argument("--json", action="store_true", help="print the bindings as a JSON list")
    p.add_argument("--workers", type=int, default=None)
