"""`graphwarden report --html`: every finding, grouped by rule and file, linked into the graph.

One self-contained page (works offline): the findings beside the module
graph; each finding selects its import chain in the graph and links to its
file at the line. Exit 0 whatever was found (failing a build is `check`'s job).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from graphwarden.analysis.pictures import PageOptions, render_report_page
from graphwarden.cli.arguments import add_command
from graphwarden.cli.errors import UsageError
from graphwarden.cli.pictures import add_picture_arguments, picture, write_output

if TYPE_CHECKING:
    from graphwarden.cli.arguments import Subcommands


def register(sub: Subcommands) -> None:
    p = add_command(
        sub, "report", run, "write every finding as one HTML page, linked into the graph"
    )
    p.add_argument("--html", action="store_true", help="an HTML page (the one format so far)")
    add_picture_arguments(p)


def run(args: argparse.Namespace) -> int:
    if not args.html:
        raise UsageError("report needs a format: --html")
    graph, rules, root = picture(args)
    options = PageOptions(
        root=root,
        title=args.title or f"graphwarden report: {root.name}",
        link_template=args.link_template,
    )
    write_output(render_report_page(graph, rules, options), args.output)
    return 0
