"""Suppress a rule on a line: the inline comment `languages/suppressions.py` reads.

A line already covered by a suppression comment (after code on that line,
or alone on one of the comment lines right above it) gets the rule added to
that comment's list; otherwise a comment is added after the code
(`# graphwarden: ignore[rule]` in Python, `// graphwarden-ignore rule` in
JS/TS), or, where a comment cannot follow the code (a Python line continued
with a backslash), alone on a line above it with the same indentation.
"""

from __future__ import annotations

import re

from graphwarden.analysis.fixes.edits import TextEdit

#: The bracketed spelling: the names between the brackets.
_BRACKETED = re.compile(r"(?:^|[#/*\s])graphwarden:\s*ignore\[(?P<names>[^\]]*)\]")
#: The plain spelling: the names up to a reason (`--`), the end of a block comment or the line.
_PLAIN = re.compile(r"(?:^|[#/*\s])graphwarden-ignore\b(?P<names>(?:(?!--|\*/).)*)")
_COMMENT_START = ("#", "//", "/*", "*")
_NAME_SPLIT = re.compile(r"[,\s]+")


def _is_python(file: str) -> bool:
    return file.endswith((".py", ".pyi"))


def _merge(line_text: str, line: int, rule: str) -> list[TextEdit] | None:
    """Edits adding `rule` to the suppression comment on this line (None: there is none;
    an empty list: it names the rule already)."""
    m = _BRACKETED.search(line_text)
    if m is not None:
        names = [n for n in _NAME_SPLIT.split(m.group("names")) if n]
        if rule in names:
            return []
        end = m.end("names")
        inner = m.group("names").rstrip()
        sep = ", " if inner.strip() else ""
        return [TextEdit(line, m.start("names") + len(inner), line, end, f"{sep}{rule}")]
    m = _PLAIN.search(line_text)
    if m is not None:
        names = [n for n in _NAME_SPLIT.split(m.group("names")) if n]
        if rule in names:
            return []
        inner = m.group("names").rstrip()
        at = m.start("names") + len(inner)
        return [TextEdit.insert(line, at, f", {rule}" if names else f" {rule}")]
    return None


def suppress_on_line(text: str, file: str, line: int, rule: str) -> list[TextEdit]:
    """The edits that suppress `rule`'s violations starting on `line` (0-based) of `file`."""
    lines = text.split("\n")
    if not 0 <= line < len(lines):
        return []
    own = lines[line].rstrip("\r")
    merged = _merge(own, line, rule)
    if merged is not None:
        return merged
    # Comment lines stacked right above cover this line too.
    above = line - 1
    while above >= 0 and lines[above].strip().startswith(_COMMENT_START):
        merged = _merge(lines[above].rstrip("\r"), above, rule)
        if merged is not None:
            return merged
        above -= 1
    python = _is_python(file)
    comment = f"# graphwarden: ignore[{rule}]" if python else f"// graphwarden-ignore {rule}"
    code = own.rstrip()
    if python and code.endswith("\\"):
        indent = own[: len(own) - len(own.lstrip())]
        return [TextEdit.insert(line, 0, f"{indent}{comment}\n")]
    if not code.strip():
        return [TextEdit.insert(line, len(own), comment)]
    return [TextEdit(line, len(code), line, len(own), f"  {comment}")]
