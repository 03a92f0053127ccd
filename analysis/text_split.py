"""Text split at separators outside brackets and quotes (`Dict[str, int], B` at `,`).

One rule for every reader of written declarations: the front ends' declared
types (`languages/type_text.py`) and the taint interpreter's annotations
(`dataflow/engine.py`). Pure text: no tree-sitter, no graph.
"""

from __future__ import annotations


def split_top(text: str, seps: str) -> list[str]:
    """`text` split at the characters of `seps` that are outside brackets and strings."""
    parts: list[str] = []
    depth = 0
    quote = ""
    start = 0
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"`":
            quote = ch
        elif ch in "([{<":
            depth += 1
        elif ch in ")]}>":
            # `=>` of a function type is not a closing bracket.
            if not (ch == ">" and i > 0 and text[i - 1] == "="):
                depth -= 1
        elif depth == 0 and ch in seps:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts]
