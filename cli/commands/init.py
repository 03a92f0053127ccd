"""`graphwarden init`: write a starting graphwarden.toml from what the project holds.

The project root is found as `check` finds it (graphwarden.analysis.project);
the text comes from the library (graphwarden.analysis.starter). An existing
configuration is never overwritten: a second `init` is an error, not a
silent reset of a team's rules.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from graphwarden.analysis.config import config_files
from graphwarden.analysis.starter import project_shape, starting_configuration
from graphwarden.cli.arguments import add_parser
from graphwarden.cli.errors import UsageError
from graphwarden.cli.output import write_stdout
from graphwarden.cli.workspace import project_of

if TYPE_CHECKING:
    from graphwarden.cli.arguments import Subcommands

CONFIG_NAME = "graphwarden.toml"


def register(sub: Subcommands) -> None:
    p = add_parser(
        sub,
        "init",
        "write a starting graphwarden.toml (packages, an acyclic contract, built-in rules)",
    )
    p.add_argument("path", nargs="?", default=".", metavar="PATH")
    p.add_argument(
        "--stdout", action="store_true", help="print the configuration instead of writing it"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    project = project_of(args.path)
    root = project.root
    text = starting_configuration(project_shape(root))
    if args.stdout:
        write_stdout(text)
        return 0
    existing = config_files(root)
    if existing:
        raise UsageError(
            f"{existing[0][0]} already configures graphwarden; init never overwrites "
            "(see `graphwarden init --stdout` for a proposal)"
        )
    target = root / CONFIG_NAME
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc}") from exc
    print(f"graphwarden: wrote {target}; next: graphwarden check {root}", file=sys.stderr)
    return 0
