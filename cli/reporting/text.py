"""Human-readable results, grouped by file: `path:line:col: severity [rule] message`.

Under each violation: the rule's description (why the rule exists), the
import chain, the remediation (`help:`) and the team's instructions. Lines
and columns are printed 1-based, as editors and compilers do. Colour is used
only when asked (the CLI asks on a terminal without NO_COLOR).
"""

from __future__ import annotations

from itertools import groupby

from graphwarden.analysis.guarantees.results import Violation

_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def _pos(file: str, rng: tuple[int, int, int, int]) -> str:
    return f"{file or '<workspace>'}:{rng[0] + 1}:{rng[1] + 1}"


def details(v: Violation) -> list[str]:
    """The description, unless the message already says it (a rule without a message)."""
    if v.description and v.description not in v.message:
        return v.description.splitlines()
    return []


def counts_text(violations: list[Violation]) -> str:
    """`1 error(s), 0 warning(s), 2 info`."""
    counts = {
        s: sum(1 for v in violations if v.severity == s) for s in ("error", "warning", "info")
    }
    return ", ".join(
        [
            f"{counts['error']} error(s)",
            f"{counts['warning']} warning(s)",
            f"{counts['info']} info",
        ]
    )


def summary_line(violations: list[Violation], hidden: int = 0) -> str:
    text = counts_text(violations)
    if hidden:
        text += f" ({hidden} known violation(s) hidden by the baseline)"
    return text


def render_text(
    violations: list[Violation],
    *,
    colour: bool = False,
    hidden: int = 0,
    summary: str | None = None,
) -> str:
    """Results grouped by file, each with its chain and remediation, then a summary line.

    `summary` replaces the default last line (the counts) with the caller's.
    """

    def c(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    lines: list[str] = []
    ordered = sorted(violations, key=Violation.sort_key)
    for file, group in groupby(ordered, key=lambda v: v.file):
        lines.append(c(_BOLD, file or "<workspace>"))
        for v in group:
            sev = c(_COLOURS.get(v.severity, ""), v.severity)
            lines.append(f"  {_pos(v.file, v.range)}: {sev} [{v.rule}] {v.message}")
            lines.extend(c(_DIM, f"      {line}") for line in details(v))
            for r in v.related:
                lines.append(c(_DIM, f"      {_pos(r.file, r.range)}: {r.message}"))
            if v.remediation:
                lines.append(c(_DIM, f"      help: {v.remediation}"))
            if v.instructions:
                lines.append(c(_DIM, f"      instructions: {v.instructions}"))
        lines.append("")
    if summary is None:
        summary = summary_line(violations, hidden) if violations or hidden else "no violations"
    lines.append(summary)
    return "\n".join(lines) + "\n"
