"""The coverage canary: source changes the graph cannot see.

A node whose content hash changed while nothing the analysis produced for it
changed (its facts, its resolution edges, the nodes inside it) was changed
in a way the analyser does not model: a dynamic import, a `getattr` call, a
construct the front end skips. Guarantees cannot vouch for such a change, so
it becomes a `CoverageGap` (an Information diagnostic in the editor).

The canary works in two halves around the commit: `CanaryBaseline.observe`
records, before a chunk is committed, what the changed nodes looked like and
resolved to; `judge` compares that with the graph after enrichment.

A call the front end marks ``dynamic`` (a dynamic import, ``getattr`` or a
computed call whose name or specifier is not constant: analysis/model/
attributes.py) is never explained by its own change: it is a gap where it
stands, new or changed, although a CALL node appears for it. With a
constant name it is modelled (an IMPORTS edge, a CALLS edge), so no gap.

Invariant: the workspace's gap ledger (``{node id: gap}``, owned by the
orchestrator) is only changed here, and every gap added to or removed from it
is also reported in the cycle's `CycleStats` (new / fixed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from graphwarden.analysis.cycle.stats import CoverageGap, CycleStats
from graphwarden.analysis.model import STRUCTURAL_EDGES, Node, Range, node_facts
from graphwarden.analysis.store import CommitDelta, Snapshot

#: Where a node is and which node it is: the span of an added, removed or
#: changed node.
ChangedSpan = tuple[Range, str]
#: A node's resolution edges, as (edge type, destination) pairs.
Resolution = frozenset[tuple[str, str]]


class ContentChange(NamedTuple):
    """A node whose content hash changes in this cycle, as it was and as it will be."""

    old: Node
    new: Node
    old_resolution: Resolution


@dataclass
class CanaryBaseline:
    """What the canary saw before the commit, for `judge` to compare with after."""

    #: Node id -> its content change (only nodes whose content hash changes).
    content_changes: dict[str, ContentChange] = field(default_factory=dict)
    #: Per file: spans of the nodes the edit added, removed or changed.
    changed_spans: dict[str, list[ChangedSpan]] = field(default_factory=dict)
    #: New nodes the front end marks ``dynamic``: gaps as soon as they appear.
    new_dynamic: dict[str, Node] = field(default_factory=dict)

    def observe(
        self,
        snap: Snapshot,
        new_nodes: dict[str, list[Node] | None],
        old_nodes: dict[str, list[Node]],
    ) -> None:
        """Record, on the graph before the commit, the nodes whose content changes.

        `new_nodes` maps each file of the chunk to its new nodes (None: deleted);
        `old_nodes` to the nodes the store holds for it now.
        """
        for path, result in new_nodes.items():
            old = old_nodes.get(path, [])
            self.changed_spans[path] = _changed_spans(old, result or [])
            if result is None:
                continue
            old_ids = {n.id for n in old}
            for n in result:
                if n.id not in old_ids and n.attrs.get("dynamic"):
                    self.new_dynamic[n.id] = n
            new_by_id = {n.id: n for n in result}
            for old_node in old:
                new_node = new_by_id.get(old_node.id)
                if new_node is None or new_node.content_hash == old_node.content_hash:
                    continue
                self.content_changes[old_node.id] = ContentChange(
                    old_node, new_node, _resolution(snap, old_node.id)
                )


def judge(
    snap: Snapshot,
    baseline: CanaryBaseline,
    delta: CommitDelta,
    gaps: dict[str, CoverageGap],
    stats: CycleStats,
) -> None:
    """Decide, for each node whose content changed, whether the graph shows why.

    A node is explained if its facts changed, if its resolution edges
    changed, or if a node inside its text was added, removed or changed
    (then that inner node is the one to blame, or to explain). Updates `gaps`
    in place and reports what it added and removed in `stats`.
    """
    for node_id, (old, new, old_resolution) in baseline.content_changes.items():
        explained = not new.attrs.get("dynamic") and (
            node_facts(old) != node_facts(new)
            or any(
                other != node_id and _inside(span, new.range)
                for span, other in baseline.changed_spans.get(new.file, ())
            )
            or old_resolution != _resolution(snap, node_id)
        )
        gap = gaps.get(node_id)
        if explained:
            if gap is not None:
                stats.fixed_coverage_gaps.append(gaps.pop(node_id))
            continue
        if gap is not None:
            if new.content_hash == gap.baseline_hash:
                stats.fixed_coverage_gaps.append(gaps.pop(node_id))
            else:
                gap.range = new.range
            continue
        gap = CoverageGap(node_id, new.file, new.range, new.type, new.name, old.content_hash)
        gaps[node_id] = gap
        stats.new_coverage_gaps.append(gap)
    for node_id, node in baseline.new_dynamic.items():
        if node_id not in gaps:
            gap = CoverageGap(node_id, node.file, node.range, node.type, node.name, "")
            gaps[node_id] = gap
            stats.new_coverage_gaps.append(gap)
    for node_id in delta.removed:
        if node_id in gaps:
            stats.fixed_coverage_gaps.append(gaps.pop(node_id))


def forget_files(gaps: dict[str, CoverageGap], paths: Iterable[str]) -> None:
    """Drop the gaps of deleted files (not reported as fixed: the code is gone)."""
    for path in paths:
        for gap_id in [g for g, gap in gaps.items() if gap.file == path]:
            del gaps[gap_id]


def _resolution(snap: Snapshot, node_id: str) -> Resolution:
    return frozenset(
        (e.type, e.dst) for e in snap.edges_out(node_id) if e.type not in STRUCTURAL_EDGES
    )


def _changed_spans(old_nodes: list[Node], new_nodes: list[Node]) -> list[ChangedSpan]:
    """Spans of the nodes an edit added, removed or changed the content of."""
    old_hash = {n.id: n.content_hash for n in old_nodes}
    new_ids = {n.id for n in new_nodes}
    spans = [(n.range, n.id) for n in new_nodes if old_hash.get(n.id) != n.content_hash]
    spans.extend((n.range, n.id) for n in old_nodes if n.id not in new_ids)
    return spans


def _inside(inner: Range, outer: Range) -> bool:
    return (inner[0], inner[1]) >= (outer[0], outer[1]) and (inner[2], inner[3]) <= (
        outer[2],
        outer[3],
    )
