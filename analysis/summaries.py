"""Per-file summaries: what the enrichers read of a file, made where it is parsed.

Enrichers resolve names against other files many thousands of times per
cycle. Decoding every node record of every file for that (ranges, hashes,
docstrings, signatures: ~490k records for Django) was most of a cold
index's enrichment time and most of its memory. Instead, the analysis
worker that parsed a file also writes its summary: the nodes enrichers look
at (not parameters), each with just the attributes enrichers read, in one
compact msgpack blob the store keeps beside the file record. An enricher
decodes one blob per file it touches, into `SummaryNode`s.

The blob also carries the file's data-flow facts (`FileAnalysis.flow`, the
front ends' encoding of every body, read by the dataflow enricher alone):
`summary_flow` returns them without decoding the nodes.

Invariant: a summary is a pure function of the file's nodes and flow facts
(so of its path and bytes), written in the same transaction as those nodes;
the incremental-equivalence test compares summaries too.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import msgpack

from graphwarden.analysis.model import (
    NODE_TYPE_BY_CODE,
    NODE_TYPE_CODE,
    SEP,
    AttrValue,
    Node,
    NodeAttrs,
    NodeType,
)

#: Bump when the blob layout or SUMMARY_ATTRS change (the store schema follows).
SUMMARY_VERSION = 3

#: Per node type, the attributes enrichers read, in blob order. A type not
#: listed is not summarised (parameters: nothing resolves against them).
SUMMARY_ATTRS: dict[NodeType, tuple[str, ...]] = {
    NodeType.MODULE: ("all", "typedefs"),
    NodeType.CLASS: ("bases", "decorators", "alias_of", "kind"),
    NodeType.FUNCTION: ("decorators", "returns", "callback_params"),
    NodeType.METHOD: ("decorators", "returns", "accessor", "callback_params", "static"),
    NodeType.VARIABLE: (
        "assigned_call",
        "local",
        "via_self",
        "annotation",
        "declared_type",
        "static",
    ),
    NodeType.IMPORT: ("source", "level", "kind", "imported", "alias"),
    NodeType.EXPORT: ("local", "source", "imported", "kind"),
    NodeType.CALL: (
        "callee",
        "receiver",
        "arg_names",
        "new",
        "head_type",
        "head_local",
        "target",
        "imports",
    ),
}


class SummaryNode(NamedTuple):
    """A node as enrichers see it: identity, kind, name, and the attributes they read.

    Positions, hashes and descriptive attributes (docstrings, signatures) are
    left out; navigation and rules read full nodes from the store instead. A
    NamedTuple because a cold index decodes hundreds of thousands of them
    (a frozen dataclass costs several times more to construct).
    """

    id: str
    type: NodeType
    name: str
    file: str
    attrs: NodeAttrs


def encode_summary(file: str, nodes: Iterable[Node], flow: bytes | None = None) -> bytes:
    """The summary blob of a file's nodes (in their analysis order) and flow facts."""
    prefix = file + SEP
    rows: list[list[object]] = []
    for n in nodes:
        keys = SUMMARY_ATTRS.get(n.type)
        if keys is None:
            continue
        # The file part of an id is implied by the file: store the rest
        # (a NUL marks the unexpected id that is not the file's own, kept whole).
        local_id = n.id[len(prefix) :] if n.id.startswith(prefix) else "\x00" + n.id
        values = [n.attrs.get(k) for k in keys]
        while values and values[-1] is None:
            values.pop()
        rows.append([NODE_TYPE_CODE[n.type], local_id, n.name, values])
    # Compressed (level 1: cheap): names and callee texts repeat a lot, and a
    # summary is decoded once per file per process, so the store keeps a third.
    packed = [SUMMARY_VERSION, rows, flow] if flow else [SUMMARY_VERSION, rows]
    return zlib.compress(msgpack.packb(packed, use_bin_type=True), 1)


def decode_summary(file: str, blob: bytes) -> list[SummaryNode]:
    """The summary nodes of a file from its blob (raises ValueError on a foreign version)."""
    version, rows, *_flow = msgpack.unpackb(zlib.decompress(blob), raw=False)
    if version != SUMMARY_VERSION:
        raise ValueError(f"summary of {file} has version {version}, expected {SUMMARY_VERSION}")
    prefix = file + SEP
    out: list[SummaryNode] = []
    for code, local_id, name, values in rows:
        node_type = NODE_TYPE_BY_CODE[code]
        keys: Sequence[str] = SUMMARY_ATTRS[node_type]
        attrs: dict[str, AttrValue] = {
            k: v for k, v in zip(keys, values, strict=False) if v is not None
        }
        node_id = local_id[1:] if local_id.startswith("\x00") else prefix + local_id
        out.append(SummaryNode(node_id, node_type, name, file, attrs))
    return out


def summary_flow(blob: bytes) -> bytes | None:
    """The flow facts a summary blob carries (None: the file has none).

    Only the outer array is walked: the node rows are skipped, not decoded.
    """
    unpacker = msgpack.Unpacker(raw=False)
    unpacker.feed(zlib.decompress(blob))
    size = unpacker.read_array_header()
    if size < 3 or unpacker.unpack() != SUMMARY_VERSION:
        return None
    unpacker.skip()
    flow = unpacker.unpack()
    return flow if isinstance(flow, bytes) else None
