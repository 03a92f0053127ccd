"""`graphwarden mcp`: the agent interface, a Model Context Protocol server on stdio.

Agent hosts (Claude Code, Cursor, VS Code) start it; it serves the project
PATH belongs to (default: the current directory), indexing it into its store
first. The server itself is `graphwarden.mcp_server`.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from graphwarden.cli.arguments import add_command, add_workers
from graphwarden.cli.workspace import open_for_command

if TYPE_CHECKING:
    from graphwarden.cli.arguments import Subcommands

DESCRIPTION = """\
Run graphwarden's Model Context Protocol server on stdio, for AI agents: it
reads MCP messages on stdin and answers on stdout, so an agent host starts
it, not a person. Tools: query, symbols, definition, references, callers,
callees, blast_radius, check, and editing sessions (session_begin,
session_apply, session_check, session_commit, session_abort).

    Claude Code:  claude mcp add graphwarden -- graphwarden mcp
    Cursor:       .cursor/mcp.json   {"mcpServers": {"graphwarden": {"command": "graphwarden", "args": ["mcp"]}}}
    VS Code:      .vscode/mcp.json   {"servers": {"graphwarden": {"type": "stdio", "command": "graphwarden", "args": ["mcp"]}}}

Logs go to stderr.
"""


def register(sub: Subcommands) -> None:
    p = add_command(
        sub, "mcp", run, "run the MCP server on stdio (for AI agents)", description=DESCRIPTION
    )
    add_workers(p)


def run(args: argparse.Namespace) -> int:
    # Opened here, before serving: a broken configuration fails the command
    # with one line instead of every tool call. The index runs on the server's
    # worker thread, so the handshake does not wait for it.
    ws = open_for_command(args.path, args.store, args.workers)
    # Imported here: only this command needs the MCP SDK.
    from graphwarden.mcp_server.server import main as serve_main

    serve_main(lambda: ws)
    return 0
