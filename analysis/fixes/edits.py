"""A text edit in the graph's coordinates, and applying edits to a text (for tests and callers
that write files)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TextEdit:
    """Replace the text between two positions (0-based lines, code-point columns)."""

    start_line: int
    start_col: int
    end_line: int
    end_col: int
    new_text: str

    @staticmethod
    def insert(line: int, col: int, text: str) -> TextEdit:
        return TextEdit(line, col, line, col, text)


def _offset(lines: list[str], line: int, col: int) -> int:
    return sum(len(s) + 1 for s in lines[:line]) + col


def apply_edits(text: str, edits: list[TextEdit]) -> str:
    """`text` with non-overlapping `edits` applied (as an editor applies a WorkspaceEdit)."""
    lines = text.split("\n")
    spans = sorted(
        (
            (_offset(lines, e.start_line, e.start_col), _offset(lines, e.end_line, e.end_col), e)
            for e in edits
        ),
        key=lambda s: (s[0], s[1]),
        reverse=True,
    )
    out = text
    for start, end, e in spans:
        out = out[:start] + e.new_text + out[end:]
    return out
