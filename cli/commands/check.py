"""`graphwarden check`: the headless CI mode.

Find the project PATH belongs to (its root, configuration and one store),
index incrementally, run the cycle with the guarantee checker attached by
the composition root, and print the results in the chosen format, ending
with a summary line: files, rules, violations by severity, seconds (and
"no configuration found" when the project has none, so a green run without
rules never looks like a clean one). `--new-since REF` keeps only the
violations the working tree adds to the merge base with REF (PR mode,
graphwarden.analysis.comparison). Exit 0 clean, 1 violations at or above
--fail-on, 2 usage or configuration error (one line on stderr, from
`main.py`), or results incomplete because an enricher failed on a file (the
report is still written; stderr names the failures).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from graphwarden.analysis.comparison import new_violations, open_base
from graphwarden.analysis.cycle.stats import EnricherFailure
from graphwarden.analysis.enrichers.dataflow import StoppedAnalysis
from graphwarden.analysis.git import GitError
from graphwarden.analysis.guarantees.baseline import (
    DEFAULT_BASELINE,
    BaselineError,
    apply_baseline,
    read_baseline,
    write_baseline,
)
from graphwarden.analysis.guarantees.results import SEVERITY_RANK, Violation
from graphwarden.cli.arguments import add_command, add_workers
from graphwarden.cli.errors import UsageError
from graphwarden.cli.output import wants_colour, write_stdout
from graphwarden.cli.progress import ProgressReporter
from graphwarden.cli.reporting import (
    FORMATS,
    render_github,
    render_json,
    render_sarif,
    render_text,
)
from graphwarden.cli.reporting.text import counts_text
from graphwarden.cli.workspace import open_for_command, project_of

if TYPE_CHECKING:
    from graphwarden.analysis.workspace import OpenWorkspace
    from graphwarden.cli.arguments import Subcommands

FAIL_ON = ("error", "warning", "info", "never")


def register(sub: Subcommands) -> None:
    p = add_command(
        sub,
        "check",
        run,
        "index incrementally, check every guarantee, report",
        description=(
            "Check the project PATH is in (default: the current directory) against its\n"
            "guarantees. The project root is the nearest directory, from PATH up, with a\n"
            "graphwarden.toml, a [tool.graphwarden] or import-linter configuration, or a\n"
            "VCS root (.git); the store and the configuration are that root's."
        ),
    )
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
    p.add_argument(
        "--new-since",
        metavar="REF",
        help="report only violations the working tree adds to the merge base with git REF",
    )
    p.add_argument("--no-color", action="store_true", help="never colour the text output")
    add_workers(p)


#: The exit code of a check whose graph misses what an enricher failed on: its
#: results may lack violations, so it passes neither as clean nor as failed.
INCOMPLETE = 2
#: How many failures are named on the terminal (the report lists them all).
_FAILURES_SHOWN = 10


def _print_capped(prefix: str, lines: Sequence[str]) -> None:
    """`lines` on stderr after `prefix`, the first `_FAILURES_SHOWN` of them."""
    for line in lines[:_FAILURES_SHOWN]:
        print(f"{prefix}{line}", file=sys.stderr)
    if len(lines) > _FAILURES_SHOWN:
        print(f"{prefix}... and {len(lines) - _FAILURES_SHOWN} more", file=sys.stderr)


def report_failures(failures: Sequence[EnricherFailure]) -> None:
    """Say on stderr that the results are incomplete, and where."""
    _print_capped("graphwarden: error: ", [f"analysis failed: {f}" for f in failures])
    if failures:
        print(
            "graphwarden: error: results are incomplete: what these files contribute "
            "to the graph is missing; this is a graphwarden bug, please report it (a "
            "file can be left out with `exclude` in the configuration)",
            file=sys.stderr,
        )


def report_stopped(stopped: Sequence[StoppedAnalysis]) -> None:
    """Warn on stderr where the data flow stopped at its budget (`StoppedAnalysis`)."""
    _print_capped("graphwarden: warning: ", [f"{s.file}:{s.line + 1}: {s}" for s in stopped])


def should_fail(violations: list[Violation], fail_on: str) -> bool:
    """True if any violation is at or above the --fail-on severity."""
    if fail_on == "never":
        return False
    threshold = SEVERITY_RANK[fail_on]
    return any(v.rank >= threshold for v in violations)


@dataclass
class Summary:
    """The last line of every check: what ran, what it found, how long it took."""

    files: int
    rules: int
    seconds: float
    violations: list[Violation]
    hidden_by_baseline: int = 0
    #: Violations the merge base already had (`--new-since`), and its commit.
    known_at_base: int = 0
    base: str = ""

    def line(self) -> str:
        found = counts_text(self.violations) if self.violations else "no violations"
        text = (
            f"checked {_count(self.files, 'file')} against {_count(self.rules, 'rule')} "
            f"in {self.seconds:.2f}s: {found}"
        )
        if self.base:
            text += f" new since the merge base {self.base[:12]}"
            if self.known_at_base:
                text += f" ({self.known_at_base} already there not shown)"
        if self.hidden_by_baseline:
            text += f" ({self.hidden_by_baseline} known violation(s) hidden by the baseline)"
        return text


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def no_configuration_note(ws: OpenWorkspace) -> str | None:
    """Said on every check of a project without rules of its own."""
    if ws.settings.config_file is not None or ws.notes:
        return None
    return (
        f"no configuration found for {ws.orchestrator.root} (no graphwarden.toml, "
        "[tool.graphwarden] or import-linter configuration there or above): only the "
        "built-in rules ran; `graphwarden init` writes a starting configuration"
    )


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    if args.baseline and args.write_baseline:
        raise UsageError("use either --baseline or --write-baseline, not both")
    known: set[str] | None = None
    if args.baseline:
        try:
            known = read_baseline(args.baseline)
        except BaselineError as exc:
            raise UsageError(str(exc)) from exc
    project_of(args.path)  # a bad PATH fails here, before anything is opened
    # Results are persisted: a warm `check` at the same revision evaluates nothing.
    ws = open_for_command(
        args.path, args.store, args.workers, persist_results=True, rules_must_load=True
    )
    to_stdout = not args.output
    show_progress = args.format == "text" and to_stdout
    base_violations: list[Violation] | None = None
    base_commit = ""
    try:
        for note in ws.notes:
            print(f"graphwarden: note: {note}", file=sys.stderr)
        missing = no_configuration_note(ws)
        if missing:
            print(f"graphwarden: note: {missing}", file=sys.stderr)
        with ProgressReporter(show_progress) as progress:
            stats = ws.orchestrator.index_repository(progress=progress)
            failures = ws.orchestrator.enricher_failures()
            stopped = ws.orchestrator.stopped_analyses()
            if args.new_since:
                try:
                    base = open_base(ws, args.new_since, progress=progress)
                except GitError as exc:
                    raise UsageError(str(exc)) from exc
                try:
                    base_violations = base.workspace.checker.violations
                    base_commit = base.commit
                finally:
                    base.close()
        violations = ws.checker.violations
        root = ws.orchestrator.root
        rules = ws.checker.rule_infos
    finally:
        ws.close()

    report_failures(failures)
    report_stopped(stopped)
    if args.write_baseline:
        n = write_baseline(args.write_baseline, violations)
        print(
            f"graphwarden: wrote {n} violation(s) to baseline {args.write_baseline}",
            file=sys.stderr,
        )
        return INCOMPLETE if failures else 0
    summary = Summary(stats.files, len(rules), 0.0, violations, base=base_commit)
    if base_violations is not None:
        violations, summary.known_at_base = new_violations(violations, base_violations)
    if known is not None:
        violations, summary.hidden_by_baseline = apply_baseline(violations, known)
    summary.violations = violations
    summary.seconds = time.perf_counter() - started
    # Results read from a graph with a hole in it must not pass as clean.
    code = INCOMPLETE if failures else 1 if should_fail(violations, args.fail_on) else 0

    if args.format == "json":
        extra: dict[str, object] = {
            "stats": {
                "files": stats.files,
                "changed_files": stats.changed_files,
                "rules": len(rules),
                "rules_evaluated": stats.guarantees_checked,
                "seconds": round(stats.seconds, 4),
                "guarantee_seconds": round(stats.stage_seconds.get("guarantees", 0.0), 4),
                "enricher_failures": [f.to_json() for f in failures],
                "analysis_stopped": [
                    {"file": s.file, "line": s.line + 1, "body": s.body, "statements": s.statements}
                    for s in stopped
                ],
            }
        }
        if base_commit:
            extra["new_since"] = {"ref": args.new_since, "merge_base": base_commit}
        text = render_json(violations, hidden=summary.hidden_by_baseline, extra=extra)
    elif args.format == "sarif":
        text = json.dumps(render_sarif(violations, rules, root, failures, stopped), indent=2) + "\n"
    elif args.format == "github":
        text = render_github(violations, failures, stopped)
    else:
        colour = to_stdout and wants_colour(sys.stdout, disabled=args.no_color)
        text = render_text(violations, colour=colour, summary=summary.line())
    if args.output:
        try:
            Path(args.output).parent.mkdir(parents=True, exist_ok=True)
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {args.output}: {exc}") from exc
    else:
        write_stdout(text)
    if args.format != "text" or args.output:
        # The report is for a machine or a file; the summary is for the person.
        print(f"graphwarden: {summary.line()}", file=sys.stderr)
    return code
