"""Writing to the terminal: colour only where wanted, and a reader that goes away.

Two things every command's output must get right, decided here once:

* colour: only on a terminal, never with `NO_COLOR` set (https://no-color.org)
  or `--no-color`;
* a closed pipe (`graphwarden export . | head -1`): the reader has what it
  wanted, so the rest of the output is dropped quietly, with no
  `BrokenPipeError` traceback, and the command's exit code stands.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO


def wants_colour(stream: TextIO, *, disabled: bool = False) -> bool:
    """Whether to colour what goes to `stream`."""
    if disabled or os.environ.get("NO_COLOR"):
        return False
    return stream.isatty()


def silence_stdout() -> None:
    """Point stdout at /dev/null after the reader closed the pipe.

    Python flushes stdout once more at exit; writing into the closed pipe
    again would print "Exception ignored ... BrokenPipeError" there.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    finally:
        os.close(devnull)


def write_stdout(text: str) -> bool:
    """Write and flush `text`; False (and stdout silenced) if the reader has gone."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        return False
    return True
