"""Reading workspace files without ever blocking: regular files only.

An untrusted workspace may hold a FIFO, a socket or a device under any name
(``pkg/fifo.py``, ``pyproject.toml``, ``.gitignore``). Opening a FIFO for
reading blocks until a writer appears, so a plain ``open()`` can hang the
indexer forever. Every read of a workspace file goes through `read_regular`:
it opens non-blocking and checks the type on the opened descriptor (a
separate ``stat`` before ``open`` could race with the file being swapped).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a directory"),
)


class NotARegularFile(OSError):
    """The path names something other than a regular file; `kind` says what."""

    def __init__(self, path: str | os.PathLike[str], kind: str) -> None:
        super().__init__(f"not a regular file: {kind}")
        self.path = str(path)
        self.kind = kind


def file_kind(mode: int) -> str | None:
    """What a non-regular file is ("a named pipe (FIFO)"...), None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, kind in _KINDS:
        if test(mode):
            return kind
    return "a special file"


def read_regular(path: str | os.PathLike[str]) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file and its stat, taken from the same descriptor.

    Raises `NotARegularFile` for FIFOs, sockets, devices and directories
    (without blocking), and `OSError` (FileNotFoundError...) as `open` does.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        kind = file_kind(st.st_mode)
        if kind is not None:
            raise NotARegularFile(path, kind)
        chunks = []
        while True:
            chunk = os.read(fd, max(st.st_size, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks), st
    finally:
        os.close(fd)


def read_text(path: str | os.PathLike[str], errors: str = "replace") -> str:
    """A regular file's text as UTF-8 (see `read_regular` for what is refused)."""
    return read_regular(path)[0].decode("utf-8", errors)


def is_regular_file(path: Path) -> bool:
    """True for a regular file (following symlinks), without opening it."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False
