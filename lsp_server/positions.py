"""Column conversion between the graph (code points) and LSP clients (UTF-16 or UTF-8).

The graph counts columns in Unicode code points (Python ``str`` indices). LSP
counts them in the negotiated position encoding: UTF-16 code units unless the
client offered UTF-8 (or UTF-32, which equals code points). Lines are the same
in all three. Positions past the end of a line or file are clamped, never an
error: editors send them routinely while a buffer is being edited.
"""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types

UTF8: str = types.PositionEncodingKind.Utf8.value
UTF16: str = types.PositionEncodingKind.Utf16.value
UTF32: str = types.PositionEncodingKind.Utf32.value


def _units(ch: str, encoding: str) -> int:
    cp = ord(ch)
    if encoding == UTF8:
        return 1 if cp < 0x80 else 2 if cp < 0x800 else 3 if cp < 0x10000 else 4
    if encoding == UTF16:
        return 2 if cp >= 0x10000 else 1
    return 1


def to_client_column(line: str, column: int, encoding: str) -> int:
    """Code-point column in `line` -> column in the client's encoding (clamped to the line)."""
    column = max(0, min(column, len(line)))
    if encoding == UTF32 or line.isascii():
        return column
    return sum(_units(ch, encoding) for ch in line[:column])


def from_client_column(line: str, column: int, encoding: str) -> int:
    """Client column -> code-point column in `line`.

    A column past the end of the line maps to the end; a column in the middle
    of a multi-unit character (half a surrogate pair, inside a UTF-8 sequence)
    maps to that character's start.
    """
    if column <= 0:
        return 0
    if encoding == UTF32 or line.isascii():
        return min(column, len(line))
    units = 0
    for i, ch in enumerate(line):
        units += _units(ch, encoding)
        if units > column:
            return i
        if units == column:
            return i + 1
    return len(line)


def split_lines(text: str) -> list[str]:
    """Lines without their terminators, counted like the front ends count rows.

    Rows end at ``\\n`` only (tree-sitter's rule); a ``\\r`` before it is
    dropped so CRLF files convert like LF files.
    """
    return [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]


class LineConverter:
    """Converts positions for one file's text (the version the graph was built from)."""

    def __init__(self, lines: Sequence[str], encoding: str) -> None:
        self.lines = lines
        self.encoding = encoding

    def line_text(self, line: int) -> str:
        """The text of a line of the document (empty past the end)."""
        return self.lines[line] if 0 <= line < len(self.lines) else ""

    def to_client(self, line: int, column: int) -> types.Position:
        """Graph (line, code-point column) -> LSP position."""
        line = max(0, line)
        return types.Position(line, to_client_column(self.line_text(line), column, self.encoding))

    def to_graph(self, position: types.Position) -> tuple[int, int]:
        """LSP position -> graph (line, code-point column), clamped to the text."""
        line = max(0, position.line)
        if line >= len(self.lines):
            # Past the end of the file: the end of the last line.
            last = max(0, len(self.lines) - 1)
            return last, len(self.line_text(last))
        return line, from_client_column(self.line_text(line), position.character, self.encoding)

    def range(self, r: Sequence[int]) -> types.Range:
        """A graph range (sl, sc, el, ec) -> LSP range."""
        return types.Range(self.to_client(r[0], r[1]), self.to_client(r[2], r[3]))
