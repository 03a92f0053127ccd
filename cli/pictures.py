"""What `graph` and `report` share: their options, the picture of the workspace, the output.

Both index incrementally first (the store is reused, and guarantee results
are persisted as `check` does), so the picture shows the code as it is on
disk with the violations of that revision.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graphwarden.analysis.guarantees.results import RuleInfo
from graphwarden.analysis.pictures import (
    DEFAULT_LINK_TEMPLATE,
    DepthError,
    GraphOptions,
    LinkTemplateError,
    ModuleGraph,
    UnknownContract,
    UnknownFocus,
    check_link_template,
    workspace_picture,
)
from graphwarden.cli.arguments import add_workers
from graphwarden.cli.errors import UsageError
from graphwarden.cli.progress import ProgressReporter
from graphwarden.cli.workspace import open_for_command


def add_picture_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--depth",
        type=int,
        metavar="N",
        help="collapse modules to packages / directories N segments deep (default: no collapsing)",
    )
    p.add_argument(
        "--externals",
        action="store_true",
        help="draw imported packages from outside the workspace too",
    )
    p.add_argument(
        "--layers",
        metavar="CONTRACT",
        help="draw the layers of this layers contract as bands (default: the first one configured)",
    )
    p.add_argument(
        "--link-template",
        default=DEFAULT_LINK_TEMPLATE,
        metavar="TEMPLATE",
        help="address a click opens, with {path} (absolute, from /), {file} (relative), {line}, {column}"
        f" (default: {DEFAULT_LINK_TEMPLATE})",
    )
    p.add_argument("--title", help="the HTML page's title (default: after the workspace folder)")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    add_workers(p)


def check_picture_arguments(args: argparse.Namespace) -> None:
    """Usage errors found before anything is indexed."""
    try:
        check_link_template(args.link_template)
    except LinkTemplateError as exc:
        raise UsageError(str(exc)) from exc
    if args.depth is not None and args.depth < 1:
        raise UsageError(f"--depth must be 1 or more, not {args.depth}")


def picture(
    args: argparse.Namespace, focus: str | None = None
) -> tuple[ModuleGraph, list[RuleInfo], Path]:
    """The workspace's module graph with its violations, its rules, and its root."""
    check_picture_arguments(args)
    ws = open_for_command(args.path, args.store, args.workers, persist_results=True)
    try:
        with ProgressReporter(True) as progress:
            ws.orchestrator.index_repository(progress=progress)
        options = GraphOptions(depth=args.depth, externals=args.externals, focus=focus)
        with ws.orchestrator.snapshot() as snap:
            try:
                graph = workspace_picture(
                    snap,
                    ws.settings,
                    ws.checker.rules,
                    ws.checker.violations,
                    options,
                    layers=args.layers,
                )
            except (DepthError, UnknownFocus, UnknownContract) as exc:
                raise UsageError(str(exc)) from exc
        return graph, ws.checker.rule_infos, ws.orchestrator.root
    finally:
        ws.close()


def write_output(text: str, output: str | None) -> None:
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc}") from exc
    else:
        sys.stdout.write(text)
