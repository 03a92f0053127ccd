"""`graphwarden graph`: the module dependency graph as DOT, Mermaid or an interactive HTML page.

The format is `--format`, else guessed from the `--output` file's suffix
(`.html`, `.mmd`, `.dot`), else DOT. `--focus` cuts DOT and Mermaid down to
the module, its dependencies and dependents; the HTML page keeps the whole
graph and opens focused, so the focus can be cleared there.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from graphwarden.analysis.pictures import (
    PageOptions,
    render_dot,
    render_graph_page,
    render_mermaid,
    restrict_to_focus,
)
from graphwarden.cli.arguments import add_command
from graphwarden.cli.pictures import add_picture_arguments, picture, write_output

if TYPE_CHECKING:
    from graphwarden.cli.arguments import Subcommands

FORMATS = ("dot", "mermaid", "html")
SUFFIXES = {
    ".html": "html",
    ".htm": "html",
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
    ".dot": "dot",
    ".gv": "dot",
}


def register(sub: Subcommands) -> None:
    p = add_command(sub, "graph", run, "draw the module dependency graph (DOT, Mermaid, HTML)")
    p.add_argument(
        "--format",
        choices=FORMATS,
        help="output format (default: from the --output suffix, else dot)",
    )
    p.add_argument(
        "--focus", metavar="MODULE", help="a module with its dependencies and dependents"
    )
    add_picture_arguments(p)


def output_format(chosen: str | None, output: str | None) -> str:
    if chosen:
        return chosen
    if output:
        return SUFFIXES.get(Path(output).suffix.lower(), "dot")
    return "dot"


def run(args: argparse.Namespace) -> int:
    fmt = output_format(args.format, args.output)
    graph, _rules, root = picture(args, focus=args.focus)
    if fmt == "html":
        options = PageOptions(
            root=root,
            title=args.title or f"graphwarden: {root.name}",
            link_template=args.link_template,
        )
        text = render_graph_page(graph, options)
    elif fmt == "mermaid":
        text = render_mermaid(restrict_to_focus(graph))
    else:
        text = render_dot(restrict_to_focus(graph))
    write_output(text, args.output)
    return 0
