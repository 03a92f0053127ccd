"""The `graphwarden` command line: the parser's wiring, and errors handled in one place.

Exit codes: 0 success (for `check`: no violation at or above --fail-on),
1 violations, 2 usage or configuration error (with a one-line reason on
stderr), 130 interrupted. A reader that closes the pipe early (`| head`) is
not an error: the rest of the output is dropped without a traceback.

Every command module is imported unconditionally at the top: a command whose
import breaks (a missing dependency, a syntax error) must stop the command
line with a traceback, never disappear silently from `--help`.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import NoReturn

from graphwarden.analysis import __version__
from graphwarden.analysis.store import StoreWriteError
from graphwarden.cli.commands import (
    check,
    export,
    graph,
    impact,
    index,
    init,
    mcp,
    query,
    report,
    rules,
    serve,
    stats,
    watch,
)
from graphwarden.cli.errors import UsageError
from graphwarden.cli.output import silence_stdout

#: In the order `--help` lists them.
COMMANDS = (
    init,
    check,
    impact,
    rules,
    query,
    graph,
    report,
    index,
    stats,
    export,
    watch,
    serve,
    mcp,
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, not argparse's usage block: CI logs show the reason.
        self.exit(2, f"graphwarden: error: {message} (see graphwarden --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="graphwarden",
        description="A live code graph of your repository, and the guarantees it keeps.",
    )
    parser.add_argument("--version", action="version", version=f"graphwarden {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING - 10 * min(args.verbose, 2),
        format="graphwarden: %(levelname)s: %(message)s",
        stream=sys.stderr,
    )
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        code: int = args.func(args)
        # Flushed here, inside the handler: at interpreter exit a closed pipe
        # would only be reported as an ignored exception. (`serve` hands
        # stdout to the LSP connection, which closes it on exit.)
        if not sys.stdout.closed:
            sys.stdout.flush()
    except (UsageError, StoreWriteError) as exc:
        # A disk that is full (or read-only) under the store is the user's to
        # fix, like a bad flag: one line, exit 2; the store is left intact.
        print(f"graphwarden: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader took what it wanted (`graphwarden export . | head -1`).
        silence_stdout()
        return 0
    except KeyboardInterrupt:
        print("graphwarden: interrupted", file=sys.stderr)
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
