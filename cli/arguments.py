"""Arguments several commands share: PATH, --store, --workers, -v, and how a command registers.

Kept apart from `main.py` so command modules can use them without importing
the module that imports them (the command line's own modules stay acyclic).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    #: What `main.py` hands each command's `register`: the parser's subcommands
    #: (generic only in the type stubs, so named for the type checker alone).
    Subcommands: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]

#: A command's body: the parsed arguments in, the exit code out.
Handler = Callable[[argparse.Namespace], int]


def verbosity_parent() -> argparse.ArgumentParser:
    """`-v` for a subcommand, so `graphwarden check . -v` works as `graphwarden -v check .`.

    Its default is SUPPRESS: a subcommand that was not given `-v` leaves the
    count the top-level parser set (argparse copies only what was parsed).
    """
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=argparse.SUPPRESS,
        help="more log output (-vv: debug)",
    )
    return parent


def add_parser(
    sub: Subcommands,
    name: str,
    help_: str,
    *,
    description: str | None = None,
    epilog: str | None = None,
) -> argparse.ArgumentParser:
    """A subcommand's parser, with the options every command takes (-v)."""
    return sub.add_parser(
        name,
        help=help_,
        description=description or help_,
        epilog=epilog,
        parents=[verbosity_parent()],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def add_command(
    sub: Subcommands,
    name: str,
    handler: Handler,
    help_: str,
    *,
    path: str | None = ".",
    description: str | None = None,
    epilog: str | None = None,
) -> argparse.ArgumentParser:
    """A subcommand taking PATH (optional with default `path`; required when `path` is
    empty; none when None) and --store, that runs `handler`."""
    p = add_parser(sub, name, help_, description=description, epilog=epilog)
    if path is not None:
        p.add_argument("path", nargs="?" if path else None, default=path or None, metavar="PATH")
    p.add_argument(
        "--store", help="graph store directory (default: .graphwarden in the project root)"
    )
    p.set_defaults(func=handler)
    return p


def add_workers(p: argparse.ArgumentParser) -> None:
    p.add_argument("--workers", type=int, default=None, help="analysis processes (default: cores)")
