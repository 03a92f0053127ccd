"""The blast radius of a body-only edit, for the enrichers that read bodies across files.

A body-only edit changes no signature, so for resolution it reaches no
other file (blast_radius.py). The dataflow enricher is different: a file's
taint findings depend on the bodies of the functions its calls reach (their
summaries), and on module constants it imports. It records each of them as
``module -USES_SUMMARY-> function | variable`` (enrichers/dataflow.py), so
when such an enricher is running:

* `body_dependents` (before a chunk is committed): the files with a
  USES_SUMMARY edge into a function or variable whose data-flow facts the
  edit changes. A node whose content hash changes but whose flow facts do
  not (a docstring, a constant only a comment mentions) reaches nobody:
  exactly the files whose result can change;
* a class whose signature changes (a member added or removed, another base)
  reaches the results that looked a method up in it (recorded the same way);
* `call_dependents` (during enrichment): when the calls a body makes now
  resolve elsewhere (its CALLS changed because of a third file), the files
  whose results read that body.

Invariant: never returns "" or a file of the changed set's own analysis
(the caller subtracts the changed files).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from graphwarden.analysis.dataflow import ir
from graphwarden.analysis.enrichers.base import Enricher
from graphwarden.analysis.model import (
    EdgeType,
    Node,
    NodeType,
    definition_id,
    file_of_id,
    module_id,
    parse_id,
)
from graphwarden.analysis.store import Snapshot
from graphwarden.analysis.summaries import summary_flow

#: Node types whose body other files' data-flow results read.
_BODY_TYPES = frozenset({NodeType.FUNCTION, NodeType.METHOD, NodeType.VARIABLE})


def reads_bodies(enrichers: Iterable[Enricher]) -> bool:
    return any(e.metadata.reads_bodies_across_files for e in enrichers)


def body_dependents(
    snap: Snapshot,
    enrichers: Sequence[Enricher],
    chunk: Iterable[tuple[str, list[Node] | None, bytes | None]],
    old_nodes: dict[str, list[Node]],
) -> set[str]:
    """Files whose body-reading enrichers read a body this chunk changes.

    `chunk` holds, per file, its new nodes (None: deleted) and its new
    summary blob (the new flow facts).
    """
    if not reads_bodies(enrichers):
        return set()
    files: set[str] = set()
    for path, new_nodes, new_summary in chunk:
        if new_nodes is None:
            continue  # deleted: its nodes vanish, blast_radius.py follows every edge into them
        new_sig = {n.id: n.signature_hash for n in new_nodes}
        for n in old_nodes.get(path, ()):
            # A class whose members or bases changed: the results that looked a
            # method up in it, or read its fields' declarations.
            if n.type == NodeType.CLASS and new_sig.get(n.id, n.signature_hash) != n.signature_hash:
                files |= _readers(snap, n.id)
        new_hash = {n.id: n.content_hash for n in new_nodes}
        changed = [
            n.id
            for n in old_nodes.get(path, ())
            if n.type in _BODY_TYPES
            and n.id in new_hash
            and new_hash[n.id] != n.content_hash
            and not (n.type == NodeType.VARIABLE and n.attrs.get("local"))
        ]
        if not changed:
            continue
        old_flow = _bodies(snap.summary(path))
        new_flow = _bodies(new_summary)
        for node_id in changed:
            parts = parse_id(node_id)
            if parts.kind == NodeType.VARIABLE:
                files |= _readers(snap, node_id)
                continue
            old, new = old_flow.get(parts.path), new_flow.get(parts.path)
            if old == new:
                continue  # same flow facts: no summary of it can change
            words_same = _words(old) == _words(new)
            files |= _readers(snap, node_id, skip_word_readers=words_same)
        # Module-level statements can change a module variable's value.
        if old_flow.get("") != new_flow.get(""):
            files |= _readers_of_module_values(snap, path, new_nodes)
    files.discard("")
    return files


def call_dependents(snap: Snapshot, call_ids: Iterable[str]) -> set[str]:
    """Files whose results read a body whose calls (CALL ids) now resolve elsewhere."""
    bodies: set[str] = set()
    for cid in call_ids:
        parts = parse_id(cid)
        if parts.kind != NodeType.CALL:
            continue
        if parts.path == "<module>":
            bodies.add(module_id(parts.file))
            continue
        bodies.add(definition_id(parts.file, NodeType.FUNCTION, parts.path))
        bodies.add(definition_id(parts.file, NodeType.METHOD, parts.path))
    files: set[str] = set()
    for b in bodies:
        files |= _readers(snap, b)
    files.discard("")
    return files


def _readers(snap: Snapshot, node_id: str, skip_word_readers: bool = False) -> set[str]:
    """Files that read this body (those that read only its words, unless skipped)."""
    return {
        file_of_id(e.src)
        for e in snap.edges_in(node_id, EdgeType.USES_SUMMARY)
        if not (skip_word_readers and e.attrs and e.attrs.get("reads") == "words")
    }


def _words(wire: list[object] | None) -> tuple[object, ...] | None:
    """What `World.may_source` reads of a body: its identifiers and its calls."""
    if wire is None:
        return None
    # FlowFunction wire from `params` on: params, body, bound, words, calls, nested.
    return (wire[3], wire[4])


def _readers_of_module_values(snap: Snapshot, path: str, nodes: list[Node]) -> set[str]:
    out: set[str] = set()
    for n in nodes:
        if n.type == NodeType.VARIABLE and parse_id(n.id).is_top_level:
            out |= _readers(snap, n.id)
    return out


def _bodies(blob: bytes | None) -> dict[str, list[object]]:
    """A file's flow facts by body path, as plain data (to compare versions)."""
    if blob is None:
        return {}
    flow = summary_flow(blob)
    if flow is None:
        return {}
    return {f.path: f.to_wire()[2:] for f in ir.decode_flow(flow)}
