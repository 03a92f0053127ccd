"""`graphwarden impact` as Markdown, for a pull-request comment.

Sections: the files the change touches, the symbols it changes, the
symbols it reaches (its blast radius: everything that calls, imports,
extends or instantiates a changed symbol, transitively), and every
guarantee whose results change, with the verdict before and after. Names
and paths are code spans; tables stay short enough for a comment.
"""

from __future__ import annotations

from graphwarden.analysis.comparison import Impact, Symbol
from graphwarden.analysis.guarantees.results import Violation

#: Rows per table before "... and N more" (a PR comment must stay readable).
MAX_ROWS = 50


def _code(text: str) -> str:
    return "`" + text.replace("`", "'") + "`"


def _symbol(s: Symbol) -> str:
    return f"{_code(s.name)} ({s.type.lower()}) in {_code(s.file)}"


def _verdict(count: int) -> str:
    return "passes" if count == 0 else f"fails ({count})"


def _violation(v: Violation) -> str:
    where = f"{v.file}:{v.range[0] + 1}" if v.file else "<workspace>"
    return f"{_code(where)} {v.message}"


def _more(total: int) -> list[str]:
    return [f"- ... and {total - MAX_ROWS} more"] if total > MAX_ROWS else []


def render_impact(impact: Impact) -> str:
    lines = [
        f"## graphwarden: impact of this change since {_code(impact.ref)}",
        "",
        f"Compared with the merge base {_code(impact.commit[:12])}: "
        f"{len(impact.changed_files)} file(s) changed, {len(impact.changed_symbols)} "
        f"symbol(s) changed, {len(impact.reached)}{'+' if impact.truncated else ''} "
        f"symbol(s) reached, {len(impact.rules)} guarantee(s) with different results.",
        "",
        "### Changed files",
        "",
    ]
    lines += [f"- {_code(c.path)} ({c.status})" for c in impact.changed_files[:MAX_ROWS]]
    lines += _more(len(impact.changed_files))
    if not impact.changed_files:
        lines.append("No file changed.")
    lines += ["", "### Changed symbols", ""]
    lines += [f"- {_symbol(s)}" for s in impact.changed_symbols[:MAX_ROWS]]
    lines += _more(len(impact.changed_symbols))
    if not impact.changed_symbols:
        lines.append("No symbol changed.")
    lines += ["", "### Blast radius", ""]
    if impact.reached:
        files = sorted({r.symbol.file for r in impact.reached})
        lines += [
            f"{len(impact.reached)} symbol(s) in {len(files)} file(s) depend on the change:",
            "",
            "| symbol | file | depends on |",
            "| --- | --- | --- |",
        ]
        lines += [
            f"| {_code(r.symbol.name)} | {_code(r.symbol.file)} | {_code(r.via.name)} |"
            for r in impact.reached[:MAX_ROWS]
        ]
        if len(impact.reached) > MAX_ROWS:
            lines.append(f"| ... and {len(impact.reached) - MAX_ROWS} more | | |")
        if impact.truncated:
            lines += ["", "(The walk stopped there: the change reaches further.)"]
    else:
        lines.append("Nothing else depends on the changed symbols.")
    lines += ["", "### Guarantees", ""]
    if impact.rules:
        lines += ["| guarantee | before | after | new | fixed |", "| --- | --- | --- | --- | --- |"]
        for change in impact.rules:
            mark = " **(verdict changes)**" if change.verdict_changed else ""
            lines.append(
                f"| {_code(change.rule.name)}{mark} | {_verdict(change.before)} | "
                f"{_verdict(change.after)} | {len(change.new)} | {len(change.fixed)} |"
            )
        for change in impact.rules:
            if change.new:
                lines += ["", f"New {_code(change.rule.name)} violations:", ""]
                lines += [f"- {_violation(v)}" for v in change.new[:MAX_ROWS]]
                lines += _more(len(change.new))
    else:
        lines.append("No guarantee changes its results.")
    return "\n".join(lines) + "\n"
