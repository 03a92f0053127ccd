"""`graphwarden serve`: the language server on stdio."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graphwarden.cli.arguments import Subcommands


def register(sub: Subcommands) -> None:
    p = sub.add_parser("serve", help="run the language server on stdio")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Imported here, not at the top: pygls and lsprotocol are only needed by
    # this command, and every other command would pay for importing them.
    from graphwarden.lsp_server.server import main as serve_main

    serve_main()
    return 0
