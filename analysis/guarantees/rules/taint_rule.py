"""Taint rules: one rule per vulnerability class, over the dataflow enricher's TAINT edges.

Each class of analysis/dataflow/models.py (SQL injection, CWE-89; OS
command injection, CWE-78; ...) is a rule named after it. A finding is a
violation at the sink (the call, or the return / store statement) whose
related locations are the path, hop by hop: where the user data comes
from, each variable, parameter and call it passes through, the sink. The
fingerprint is built from the rule, the sink's and the source's semantic
ids and the message, never a line.

Configured in ``[tool.graphwarden.taint]`` (``classes`` switches a class off
or sets its severity; `models.load_spec` validates the table, its errors
reported with the rules' at their lines). The rules read only TAINT edges:
they are re-checked when those change.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from graphwarden.analysis.dataflow.models import CLASSES, VulnClass, load_spec
from graphwarden.analysis.guarantees.result_cache import definition_key
from graphwarden.analysis.guarantees.results import (
    RelatedLocation,
    RuleInfo,
    Violation,
    fingerprint,
)
from graphwarden.analysis.guarantees.rules.base import CheckContext, CheckedRule, RuleState
from graphwarden.analysis.guarantees.rules.config_tables import RuleTableReader
from graphwarden.analysis.model import (
    AttrValue,
    Edge,
    EdgeType,
    Node,
    NodeType,
    Range,
    str_attr,
    str_list_attr,
)
from graphwarden.analysis.store import Snapshot

TAINT_EDGE_TYPES = frozenset({EdgeType.TAINT})


def cwe_tags(cwes: tuple[int, ...]) -> list[str]:
    """CodeQL's way of tagging a rule with its CWEs."""
    return ["security", *(f"external/cwe/cwe-{c}" for c in cwes)]


@dataclass(frozen=True, kw_only=True, eq=False)
class TaintRule(CheckedRule):
    vuln: VulnClass

    def relocate(
        self, ctx: CheckContext, violations: list[Violation], state: RuleState | None
    ) -> list[Violation]:
        """Rendered again: a path's hops are shown at ranges of their own (a
        variable's name, a function's return site) that only the rule knows,
        and reading the TAINT edges again costs what moving them would."""
        return self.check(ctx)

    def check(self, ctx: CheckContext) -> list[Violation]:
        snap = ctx.snapshot
        out: list[Violation] = []
        # One finding per sink statement: data from a second source reaching the
        # same place is the same flaw (the first path in edge order is shown).
        seen: set[tuple[str, int | None]] = set()
        for edge in taint_edges(ctx):
            attrs = edge.attrs or {}
            if self.vuln.name not in (str_list_attr(attrs, "classes") or []):
                continue
            hits = str_list_attr(attrs, "hits")
            sites: list[int | None]
            if hits:
                # One finding per sink statement of this class (see _taint_edges).
                sites = [
                    int(at)
                    for cls, _, at in (h.rpartition("@") for h in hits)
                    if cls == self.vuln.name and at.lstrip("-").isdigit()
                ]
            else:
                site = attrs.get("site")
                sites = [site] if isinstance(site, int) else [None]
            for one in sites:
                key = (edge.dst, one)
                if key in seen:
                    continue
                v = self._violation(snap, edge, one)
                if v is not None:
                    seen.add(key)
                    out.append(v)
        return out

    def _violation(self, snap: Snapshot, edge: Edge, site: int | None) -> Violation | None:
        attrs = edge.attrs or {}
        sink = snap.node(edge.dst)
        if sink is None or not sink.file:
            return None
        rng = _site_range(sink, site) if isinstance(site, int) else sink.range
        source = str_attr(attrs, "source") or "user data"
        sink_label = _label_for(attrs, self.vuln.name) or sink.name
        info = self.info
        message = f"{self.vuln.title}: {source} reaches {sink_label}"
        path = str_list_attr(attrs, "path") or [edge.src]
        related = hop_locations(
            snap, path, source, sink_label, site if isinstance(site, int) else None
        )
        origin = str_attr(attrs, "origin") or edge.src
        return Violation(
            info.name,
            info.severity,
            message,
            sink.file,
            rng,
            related=related,
            description=info.description,
            remediation=info.remediation,
            node_id=sink.id,
            kind="taint",
            fingerprint=fingerprint(info.name, f"{sink.id}|{site}|{origin}", message),
        )


_EDGES: weakref.WeakKeyDictionary[CheckContext, list[Edge]] = weakref.WeakKeyDictionary()


def taint_edges(ctx: CheckContext) -> list[Edge]:
    """The snapshot's TAINT edges, read once per check for every taint rule."""
    got = _EDGES.get(ctx)
    if got is None:
        got = _EDGES[ctx] = sorted(ctx.snapshot.edges(EdgeType.TAINT), key=lambda e: (e.dst, e.src))
    return got


def _site_range(node: Node, site: int) -> Range:
    sites = node.attrs.get("sites")
    if isinstance(sites, list) and site >= 0 and len(sites) >= 4 * site + 4:
        a, b, c, d = (int(x) for x in sites[4 * site : 4 * site + 4])
        return (a, b, c, d)
    return node.range


def hop_locations(
    snap: Snapshot, path: list[str], source: str, sink: str, site: int | None
) -> list[RelatedLocation]:
    """One related location per hop of a taint path: source first, sink last."""
    out: list[RelatedLocation] = []
    last = len(path) - 1
    for i, node_id in enumerate(path):
        node = snap.node(node_id)
        if node is None or not node.file:
            continue
        rng = _hop_range(node)
        if i == last and site is not None and node.type in (NodeType.FUNCTION, NodeType.METHOD):
            rng = _site_range(node, site)
        if i == 0 and i == last and node.type in (NodeType.FUNCTION, NodeType.METHOD):
            # Read in the sink's own statement (`return request.args["v"]`).
            what = f"source: {source}, read where it is used"
        elif i == 0:
            what = f"source: {source}" + (
                f" ({_describe(node)})" if node.type == NodeType.CALL else f", in {_describe(node)}"
            )
        elif i == last:
            what = f"sink: {sink}"
        else:
            what = _describe(node)
        out.append(RelatedLocation(node.file, rng, what))
    return out


def _hop_range(node: Node) -> Range:
    sel = node.attrs.get("sel")
    if node.type in (NodeType.VARIABLE,) and isinstance(sel, list) and len(sel) == 4:
        a, b, c, d = (int(x) for x in sel)
        return (a, b, c, d)
    return node.range


def _describe(node: Node) -> str:
    if node.type == NodeType.VARIABLE:
        return f"variable {node.name}"
    if node.type == NodeType.PARAMETER:
        owner = node.id.split("->")[2] if node.id.count("->") >= 3 else ""
        return f"parameter {node.name} of {owner}" if owner else f"parameter {node.name}"
    if node.type == NodeType.CALL:
        return f"call {node.attrs.get('callee', node.name)}(...)"
    if node.type in (NodeType.FUNCTION, NodeType.METHOD):
        return f"returned by {node.name}"
    return f"{node.type.lower()} {node.name}"


def taint_rules(reader: RuleTableReader) -> list[CheckedRule]:
    """A rule per enabled class, with its configured severity; the spec's errors go to `reader`."""
    spec, errors = load_spec(reader.settings)
    reader.errors.extend(errors)
    rules: list[TaintRule] = []
    for name, vuln in CLASSES.items():
        if not spec.class_enabled(name):
            continue
        if name in reader.names:
            reader.name_clash(name, f"guarantee name {name!r} is the name of a taint rule")
            continue
        setting = spec.classes.get(name)
        severity = (setting.severity if setting is not None else None) or vuln.severity
        cwe = "/".join(f"CWE-{c}" for c in vuln.cwe)
        info = RuleInfo(
            name,
            severity,
            f"{vuln.description} ({cwe})",
            vuln.remediation,
            kind="taint",
            summary=f"{vuln.title} ({cwe}): untrusted data must not reach these sinks",
            tags=cwe_tags(vuln.cwe),
            security_severity=vuln.security_severity,
        )
        rules.append(
            TaintRule(
                info=info,
                node_types=frozenset(),
                edge_types=TAINT_EDGE_TYPES,
                key=definition_key({"taint": name, "severity": severity}, 0, name),
                vuln=vuln,
            )
        )
    from graphwarden.analysis.guarantees.rules.security_pack import security_rules

    return [*rules, *security_rules(reader, spec)]


def _label_for(attrs: dict[str, AttrValue], cls: str) -> str | None:
    """The sink's label for class `cls` (`sinks`, parallel to `classes`, when a call is
    a sink of several models with different labels; else `sink`)."""
    labels, classes = str_list_attr(attrs, "sinks"), str_list_attr(attrs, "classes")
    if labels and classes and cls in classes:
        i = classes.index(cls)
        if i < len(labels):
            return labels[i]
    return str_attr(attrs, "sink")
