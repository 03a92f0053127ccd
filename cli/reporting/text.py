"""Human-readable results, grouped by file: `path:line:col: severity [rule] message`.

Lines and columns are printed 1-based, as editors and compilers do.
Colour is used only when asked (the CLI asks when stdout is a terminal).
"""

from __future__ import annotations

from itertools import groupby

from graphwarden.analysis.guarantees.results import Violation

_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def _pos(file: str, rng: tuple[int, int, int, int]) -> str:
    return f"{file or '<workspace>'}:{rng[0] + 1}:{rng[1] + 1}"


def summary_line(violations: list[Violation], hidden: int = 0) -> str:
    counts = {
        s: sum(1 for v in violations if v.severity == s) for s in ("error", "warning", "info")
    }
    parts = [
        f"{counts['error']} error(s)",
        f"{counts['warning']} warning(s)",
        f"{counts['info']} info",
    ]
    text = ", ".join(parts)
    if hidden:
        text += f" ({hidden} known violation(s) hidden by the baseline)"
    return text


def render_text(violations: list[Violation], *, colour: bool = False, hidden: int = 0) -> str:
    """Results grouped by file, each with its chain and remediation, then a summary."""

    def c(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    lines: list[str] = []
    ordered = sorted(violations, key=Violation.sort_key)
    for file, group in groupby(ordered, key=lambda v: v.file):
        lines.append(c(_BOLD, file or "<workspace>"))
        for v in group:
            sev = c(_COLOURS.get(v.severity, ""), v.severity)
            lines.append(f"  {_pos(v.file, v.range)}: {sev} [{v.rule}] {v.message}")
            for r in v.related:
                lines.append(c(_DIM, f"      {_pos(r.file, r.range)}: {r.message}"))
            if v.remediation:
                lines.append(c(_DIM, f"      help: {v.remediation}"))
        lines.append("")
    lines.append(summary_line(violations, hidden) if violations or hidden else "no violations")
    return "\n".join(lines) + "\n"
