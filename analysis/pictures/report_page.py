"""`graphwarden report --html`: every finding grouped by rule and file, beside the graph.

The findings are the graph's highlighted paths (every violation is one, and
so will every taint path be), written as static HTML in a pane of the graph
page: each links into the graph (``#path=ID`` selects its chain there) and to
its file at the line (the page's script fills in the editor link, the same
way for the findings as for the graph).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from itertools import groupby
from urllib.parse import quote

from graphwarden.analysis.guarantees.results import SEVERITY_RANK, RuleInfo
from graphwarden.analysis.model import Range
from graphwarden.analysis.pictures.html_page import PageOptions, render_graph_page
from graphwarden.analysis.pictures.model import DrawnPath, ModuleGraph


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _source_link(file: str, range_: Range, text: str | None = None) -> str:
    line, column = range_[0] + 1, range_[1] + 1
    label = text if text is not None else f"{file}:{line}:{column}"
    return (
        f'<a class="source-link" data-file="{_e(file)}" data-line="{line}" '
        f'data-column="{column}">{_e(label)}</a>'
    )


def _finding(d: DrawnPath) -> str:
    p = d.path
    out = [f'<li class="finding" data-path="{_e(p.id)}" data-rule="{_e(p.rule)}">']
    out.append(f'<span class="sev sev-{_e(p.severity)}">{_e(p.severity)}</span>')
    out.append(_source_link(p.file, p.range, f"{p.range[0] + 1}:{p.range[1] + 1}"))
    if d.nodes:
        out.append(f'<a class="graph-link" href="#path={_e(_fragment(p.id))}">show in graph</a>')
    out.append(f'<span class="message">{_e(p.message)}</span>')
    if p.hops:
        out.append('<ol class="hops chain">')
        for h in p.hops:
            out.append(
                f'<li>{_source_link(h.file, h.range)}<span class="hop-message">{_e(h.message)}</span></li>'
            )
        out.append("</ol>")
    out.append("</li>")
    return "".join(out)


def _fragment(path_id: str) -> str:
    # Fingerprints are hex, but a producer of paths may choose any id.
    return quote(path_id, safe="-_.")


def findings_html(graph: ModuleGraph, rules: Sequence[RuleInfo]) -> str:
    """The findings pane: rules (most severe first), then files, then findings by position."""
    info = {r.name: r for r in rules}
    paths = sorted(graph.paths, key=lambda d: (d.path.rule, d.path.file, d.path.range))
    by_rule = {rule: list(group) for rule, group in groupby(paths, key=lambda d: d.path.rule)}

    def rule_order(rule: str) -> tuple[int, str]:
        worst = max(SEVERITY_RANK.get(d.path.severity, 2) for d in by_rule[rule])
        return (-worst, rule)

    counts = {
        sev: sum(1 for d in paths if d.path.severity == sev) for sev in ("error", "warning", "info")
    }
    totals = ", ".join(f"{n} {sev}{'s' if n != 1 else ''}" for sev, n in counts.items() if n)
    out = ['<section id="findings" aria-label="Findings">']
    out.append(f'<h2>Findings <span class="count">({len(paths)})</span></h2>')
    out.append(f'<p class="totals">{_e(totals or "no findings: every guarantee holds")}</p>')
    for rule in sorted(by_rule, key=rule_order):
        group = by_rule[rule]
        out.append(f'<section class="rule-group" data-rule="{_e(rule)}">')
        out.append(f'<h3>{_e(rule)} <span class="weight">({len(group)})</span></h3>')
        ri = info.get(rule)
        if ri is not None and ri.description:
            out.append(f'<p class="description">{_e(ri.description)}</p>')
        if ri is not None and ri.remediation:
            out.append(f'<p class="description remediation">{_e(ri.remediation)}</p>')
        for file, in_file in groupby(group, key=lambda d: d.path.file):
            out.append(f'<section class="file-group" data-file="{_e(file)}">')
            out.append(f"<h4>{_e(file)}</h4>")
            out.append('<ul class="plain">')
            out.extend(_finding(d) for d in in_file)
            out.append("</ul></section>")
        out.append("</section>")
    out.append("</section>")
    return "\n".join(out)


def render_report_page(graph: ModuleGraph, rules: Sequence[RuleInfo], options: PageOptions) -> str:
    return render_graph_page(graph, options, findings_html=findings_html(graph, rules))
