"""GitHub Actions workflow commands: `::error file=...,line=...,col=...,title=...::msg`.

GitHub shows them as annotations on the pull request's diff. Values are
escaped as the runner expects (%, CR, LF everywhere; also ':' and ',' in
properties), lines and columns 1-based. The message carries the rule's
description, the chain, the remediation and the instructions, as the text
report does.
"""

from __future__ import annotations

from collections.abc import Sequence

from graphwarden.analysis.cycle.stats import EnricherFailure
from graphwarden.analysis.enrichers.dataflow import StoppedAnalysis
from graphwarden.analysis.guarantees.results import Violation

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(
    violations: list[Violation],
    failures: Sequence[EnricherFailure] = (),
    stopped: Sequence[StoppedAnalysis] = (),
) -> str:
    lines = [
        f"::error {f'file={_prop(f.file)},' if f.file else ''}"
        f"title={_prop('graphwarden: analysis incomplete')}::{_data(str(f))}"
        for f in failures
    ]
    lines += [
        f"::warning file={_prop(s.file)},line={s.line + 1},"
        f"title={_prop('graphwarden: data flow stopped')}::{_data(str(s))}"
        for s in stopped
    ]
    for v in sorted(violations, key=Violation.sort_key):
        sl, sc, el, ec = v.range
        props = [f"file={_prop(v.file)}"] if v.file else []
        if v.file:
            props += [f"line={sl + 1}", f"col={sc + 1}", f"endLine={el + 1}"]
            if el == sl:
                props.append(f"endColumn={ec + 1}")
        props.append(f"title={_prop(v.rule)}")
        msg = v.message
        if v.description and v.description not in msg:
            msg += f"\n{v.description}"
        if v.related:
            msg += "\n" + "\n".join(f"  {r.file}:{r.range[0] + 1}: {r.message}" for r in v.related)
        if v.remediation:
            msg += f"\nhelp: {v.remediation}"
        if v.instructions:
            msg += f"\ninstructions: {v.instructions}"
        lines.append(f"::{_LEVEL.get(v.severity, 'error')} {','.join(props)}::{_data(msg)}")
    return "\n".join(lines) + ("\n" if lines else "")
