"""The pre-commit blast radius: which unchanged files a change reaches.

Enrichment re-runs only for the changed files plus the files whose
resolution the change can alter. Those are found on the live graph *before*
the change is committed, because afterwards the edges into the vanished or
changed nodes are what we need and the old nodes are gone:

- files with resolution edges into nodes that disappear or whose signature
  changes (for a class member also into its class), following EXTENDS to
  subclasses transitively (`dependents_of`, which enrichment also uses to
  propagate an enricher's changed output);
- files waiting on placeholders (``EXTERNAL_MODULE->key``) that a new file,
  or a file whose module signature changed, may now satisfy.

A body-only edit changes no signature and reaches no other file.

Invariant: the radius never contains a changed file, nor "" (ids of
external nodes belong to no file).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from graphwarden.analysis.enrichers.base import Enricher
from graphwarden.analysis.model import (
    STRUCTURAL_EDGES,
    EdgeType,
    Node,
    NodeType,
    definition_id,
    external_module_id,
    file_of_id,
    module_id,
    parse_id,
)
from graphwarden.analysis.store import Snapshot


def blast_radius(
    snap: Snapshot,
    enrichers: Sequence[Enricher],
    new_nodes: dict[str, list[Node] | None],
    old_nodes: dict[str, list[Node]],
    changed: set[str],
) -> set[str]:
    """Files outside `changed` whose enrichment this chunk of changes may alter.

    `new_nodes` maps each file of the chunk to its new nodes (None: deleted),
    `old_nodes` to the nodes `snap` holds for it (before the commit).
    """
    radius: set[str] = set()
    frontier: list[str] = []
    for path, result in new_nodes.items():
        new_sigs = {n.id: n.signature_hash for n in result} if result is not None else {}
        module_sig_changed = result is None
        for node in old_nodes.get(path, []):
            sig = new_sigs.get(node.id)
            if sig is None or sig != node.signature_hash:
                if node.type == NodeType.MODULE:
                    module_sig_changed = True
                if node.type not in (NodeType.CALL, NodeType.PARAMETER):
                    frontier.append(node.id)
        if not old_nodes.get(path):
            module_sig_changed = True  # a new file
        elif (
            result is not None
            and not module_sig_changed
            and _top_level_ids(old_nodes[path]) != _top_level_ids(result)
        ):
            # A module-level binding that changes kind under an unchanged
            # module signature (`class A` added after an `import A`) changes
            # what importers resolve to: treat it as a signature change.
            module_sig_changed = True
            frontier.append(module_id(path))
        if module_sig_changed and result is not None:
            # Files waiting on placeholders this file may now satisfy.
            for enricher in enrichers:
                for key in enricher.dependent_keys(path, result):
                    for e in snap.edges_in(external_module_id(key)):
                        radius.add(file_of_id(e.src))
    radius |= dependents_of(snap, set(frontier))
    radius.discard("")
    return radius - changed


def dependents_of(snap: Snapshot, node_ids: set[str]) -> set[str]:
    """Files with resolution edges into these nodes (or, for a class member, into
    its class), following EXTENDS to subclasses transitively."""
    frontier: list[str] = []
    for nid in node_ids:
        frontier.append(nid)
        parts = parse_id(nid)
        if parts.kind == NodeType.VARIABLE and parts.owner_path:
            frontier.append(definition_id(parts.file, NodeType.CLASS, parts.owner_path))
    seen = set(frontier)
    files: set[str] = set()
    while frontier:
        nid = frontier.pop()
        for e in snap.edges_in(nid):
            if e.type in STRUCTURAL_EDGES:
                continue
            files.add(file_of_id(e.src))
            if e.type == EdgeType.EXTENDS and e.src not in seen:
                seen.add(e.src)
                frontier.append(e.src)
    files.discard("")
    return files


def _top_level_ids(nodes: Iterable[Node]) -> set[str]:
    """Ids of a file's module-level bindings (definitions and imports)."""
    return {n.id for n in nodes if parse_id(n.id).is_top_level}
