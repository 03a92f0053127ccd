"""`graphwarden export`: the stored graph as sorted JSON lines, to stdout or a file."""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import TYPE_CHECKING, TextIO

from graphwarden.analysis.export import export_lines
from graphwarden.cli.arguments import add_command
from graphwarden.cli.workspace import open_existing_store

if TYPE_CHECKING:
    from graphwarden.cli.arguments import Subcommands


def register(sub: Subcommands) -> None:
    p = add_command(sub, "export", run, "write the stored graph as sorted JSON lines")
    p.add_argument("--output", "-o", help="file to write (default: stdout)")


def run(args: argparse.Namespace) -> int:
    store, _store_path = open_existing_store(args.path, args.store)
    try:
        with store.snapshot() as snap, contextlib.ExitStack() as stack:
            out: TextIO = (
                stack.enter_context(open(args.output, "w", encoding="utf-8"))
                if args.output
                else sys.stdout
            )
            for line in export_lines(snap):
                out.write(line + "\n")
    finally:
        store.close()
    return 0
