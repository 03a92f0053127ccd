"""`graphwarden serve`: the language server, speaking LSP over stdin and stdout.

Editors start it (the VS Code extension, Neovim's `vim.lsp`); typed in a
terminal it waits for an LSP client on stdin. `--log-file` copies the
server's log to a file, for the bug report an editor's own log panel does
not make easy.
"""

from __future__ import annotations

import argparse
import logging
from typing import TYPE_CHECKING

from graphwarden.cli.arguments import add_parser
from graphwarden.cli.errors import UsageError

if TYPE_CHECKING:
    from graphwarden.cli.arguments import Subcommands

DESCRIPTION = """\
Run the graphwarden language server on stdio: it reads LSP messages
(JSON-RPC with Content-Length headers) on stdin and answers on stdout, so an
editor starts it, not a person. It serves every workspace folder the client
opens, indexing each into its store (.graphwarden/ in the folder).

Logs go to stderr (editors show it in their log panel) and to the client as
window/logMessage; --log-file also writes them to FILE.

    VS Code:  the graphwarden extension (editors/vscode/)
    Neovim:   require('graphwarden').setup()   (editors/neovim/)
    any client: cmd = { "graphwarden", "serve" }
"""
#: The server's own log format (lsp_server/server.py logs to stderr the same way).
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def register(sub: Subcommands) -> None:
    p = add_parser(
        sub, "serve", "run the language server on stdio (for editors)", description=DESCRIPTION
    )
    p.add_argument("--log-file", metavar="FILE", help="also write the server's log to FILE")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.log_file:
        try:
            file_handler = logging.FileHandler(args.log_file, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write the log file {args.log_file}: {exc}") from exc
        # The file gets at least INFO (what a bug report needs) while stderr
        # keeps the level -v chose; the server's own basicConfig is then a
        # no-op, as it already is after main() configured logging.
        root = logging.getLogger()
        chosen = root.level or logging.WARNING
        for handler in root.handlers:
            handler.setLevel(chosen)
        file_handler.setFormatter(logging.Formatter(LOG_FORMAT))
        file_handler.setLevel(min(chosen, logging.INFO))
        root.addHandler(file_handler)
        root.setLevel(min(chosen, logging.INFO))
    # Imported here, not at the top: pygls and lsprotocol are only needed by
    # this command, and every other command would pay for importing them.
    from graphwarden.lsp_server.server import main as serve_main

    serve_main()
    return 0
