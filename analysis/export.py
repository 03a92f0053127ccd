"""Deterministic JSON-lines export of a stored graph.

Users load it into other tools; tests compare graphs with it. So it is
sorted, holds graph content only (no timestamps, no revision numbers), and
the same files always give byte-identical output.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Literal, NotRequired, TypedDict

from graphwarden.analysis.model import AttrValue, NodeAttrs
from graphwarden.analysis.store import Snapshot


class NodeObject(TypedDict):
    """One exported node (a JSON line)."""

    kind: Literal["node"]
    id: str
    type: str
    name: str
    file: str
    range: list[int]
    content_hash: str
    signature_hash: str
    attrs: NodeAttrs


class EdgeObject(TypedDict):
    """One exported edge (a JSON line); `attrs` only when the edge has any."""

    kind: Literal["edge"]
    src: str
    type: str
    dst: str
    attrs: NotRequired[dict[str, AttrValue]]


def node_objects(snapshot: Snapshot) -> list[NodeObject]:
    out: list[NodeObject] = [
        {
            "kind": "node",
            "id": n.id,
            "type": n.type,
            "name": n.name,
            "file": n.file,
            "range": list(n.range),
            "content_hash": n.content_hash,
            "signature_hash": n.signature_hash,
            "attrs": n.attrs,
        }
        for n in snapshot.nodes()
    ]
    out.sort(key=lambda o: o["id"])
    return out


def edge_objects(snapshot: Snapshot) -> list[EdgeObject]:
    out: list[EdgeObject] = []
    for e in snapshot.edges():
        obj: EdgeObject = {"kind": "edge", "src": e.src, "type": e.type, "dst": e.dst}
        if e.attrs:
            obj["attrs"] = e.attrs
        out.append(obj)
    out.sort(key=lambda o: (o["src"], o["type"], o["dst"]))
    return out


def export_lines(snapshot: Snapshot) -> Iterator[str]:
    """One JSON object per line: every node (by id), then every visible edge."""
    for node in node_objects(snapshot):
        yield json.dumps(node, sort_keys=True, ensure_ascii=False)
    for edge in edge_objects(snapshot):
        yield json.dumps(edge, sort_keys=True, ensure_ascii=False)
