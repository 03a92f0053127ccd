"""Inline suppressions, found in a file's comments by its front end.

Two spellings, accepted in Python and JS/TS alike:

    x = eval(s)  # graphwarden: ignore[no-eval, no-exec] -- input is a literal
    // graphwarden-ignore no-eval, no-exec -- input is a literal
    /* graphwarden-ignore no-eval */

A comment after code applies to its own line; a comment alone on its line
applies to the next line that is not only a comment (so several may be
stacked above one statement). The reason after `--` is kept for reports.

Only comment nodes of the syntax tree are read (the front ends hand them
over), so the marker inside a string literal is no suppression.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import tree_sitter as ts

from graphwarden.analysis.languages.source import SourceText
from graphwarden.analysis.model import Suppression

#: The marker, where a comment's text may carry it (after `#`, `//`, `/*` or a space).
_MARKER = re.compile(
    r"(?:^|[#/*\s])graphwarden(?::\s*ignore\[(?P<bracketed>[^\]]*)\]|-ignore\b(?P<plain>.*))",
    re.DOTALL,
)
_RULE_SPLIT = re.compile(r"[,\s]+")


def parse_suppression(text: str) -> tuple[tuple[str, ...], str] | None:
    """(rules, reason) of a comment's text, or None when it holds no suppression."""
    m = _MARKER.search(text)
    if m is None:
        return None
    if m.group("bracketed") is not None:
        names, rest = m.group("bracketed"), text[m.end() :]
        _, sep, reason = rest.partition("--")
        reason = reason if sep else ""
    else:
        body = m.group("plain").removesuffix("*/")
        names, _, reason = body.partition("--")
    rules = tuple(r for r in _RULE_SPLIT.split(names.strip()) if r)
    return rules, " ".join(reason.removesuffix("*/").split())


def find_suppressions(comments: Sequence[ts.Node], src: SourceText) -> list[Suppression]:
    """The suppressions among a file's comment nodes, in file order."""
    comment_only: set[int] = set()
    found: list[tuple[ts.Node, tuple[str, ...], str, bool]] = []
    for node in sorted(comments, key=lambda n: n.start_byte):
        line = node.start_point[0]
        alone = not src.line_prefix(node).strip()
        if alone:
            comment_only.update(range(line, node.end_point[0] + 1))
        parsed = parse_suppression(src.text(node))
        if parsed is not None:
            found.append((node, parsed[0], parsed[1], alone))
    out = []
    for node, rules, reason, alone in found:
        target = node.start_point[0]
        if alone:
            target = node.end_point[0] + 1
            while target in comment_only:
                target += 1
        out.append(Suppression(target, rules, reason, src.range_of(node)))
    return out
