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
from typing import Any, NamedTuple

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
SUMMARY_VERSION = 14

#: Per node type, the attributes enrichers read, in blob order. A type not
#: listed is not summarised (parameters: nothing resolves against them).
SUMMARY_ATTRS: dict[NodeType, tuple[str, ...]] = {
    NodeType.MODULE: ("all", "typedefs"),
    NodeType.CLASS: ("bases", "decorators", "alias_of", "kind"),
    NodeType.FUNCTION: ("decorators", "returns", "callback_params", "returns_class"),
    NodeType.METHOD: ("decorators", "returns", "accessor", "callback_params", "static"),
    NodeType.VARIABLE: (
        "assigned_call",
        "local",
        "via_self",
        "annotation",
        "declared_type",
        "static",
        "decorators",
        "assigned_name",
        "pattern",
        "pattern_name",
        "checks",
        "assigned_consts",
        "assigned_literal",
        "argument_types",
        "assigned_arg_calls",
        "annotated_validators",
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
        "arg_refs",
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
    rows = [_row(prefix, n) for n in nodes if n.type in SUMMARY_ATTRS]
    # Compressed (level 1: cheap): names and callee texts repeat a lot, and a
    # summary is decoded once per file per process, so the store keeps a third.
    packed = [SUMMARY_VERSION, rows, flow] if flow else [SUMMARY_VERSION, rows]
    return zlib.compress(msgpack.packb(packed, use_bin_type=True), 1)


#: One node's row in a blob: [type code, local id, name, attribute values].
SummaryRow = list[Any]


def _row(prefix: str, n: Node) -> SummaryRow:
    # The file part of an id is implied by the file: store the rest
    # (a NUL marks the unexpected id that is not the file's own, kept whole).
    local_id = n.id[len(prefix) :] if n.id.startswith(prefix) else "\x00" + n.id
    values = [n.attrs.get(k) for k in SUMMARY_ATTRS[n.type]]
    while values and values[-1] is None:
        values.pop()
    return [NODE_TYPE_CODE[n.type], local_id, n.name, values]


def summary_rows(file: str, nodes: Iterable[Node]) -> list[SummaryRow]:
    """The rows of a file's summary (not its flow facts): what enrichers that
    read no flow facts (`FileReads.SUMMARY_ROWS`) see of it.

    Two node lists with equal rows give such an enricher the same input from
    this file: a body edit that changes a value and adds no call or local
    (`return x` -> `return x or ""`) leaves its results for the file as they were.
    """
    prefix = file + SEP
    return [_row(prefix, n) for n in nodes if n.type in SUMMARY_ATTRS]


_CALL_CODE = NODE_TYPE_CODE[NodeType.CALL]


def definition_rows(rows: Sequence[SummaryRow]) -> list[SummaryRow]:
    """Of a file's `summary_rows`, all but its calls: what enrichers that read
    no calls (`FileReads.DEFINITIONS`) see of it. A body edit that changes only
    calls (their arguments, a new call, a comment) keeps them."""
    return [r for r in rows if r[0] != _CALL_CODE]


def _rows(file: str, blob: bytes) -> list[SummaryRow]:
    version, unpacked_rows, *_flow = msgpack.unpackb(zlib.decompress(blob), raw=False)
    if version != SUMMARY_VERSION:
        raise ValueError(f"summary of {file} has version {version}, expected {SUMMARY_VERSION}")
    rows: list[SummaryRow] = unpacked_rows
    return rows


def _node(file: str, prefix: str, row: SummaryRow) -> SummaryNode:
    code, local_id, name, values = row
    node_type = NODE_TYPE_BY_CODE[code]
    keys: Sequence[str] = SUMMARY_ATTRS[node_type]
    attrs: dict[str, AttrValue] = {
        k: v for k, v in zip(keys, values, strict=False) if v is not None
    }
    node_id = local_id[1:] if local_id.startswith("\x00") else prefix + local_id
    return SummaryNode(node_id, node_type, name, file, attrs)


def decode_summary(file: str, blob: bytes) -> list[SummaryNode]:
    """The summary nodes of a file from its blob (raises ValueError on a foreign version)."""
    prefix = file + SEP
    return [_node(file, prefix, row) for row in _rows(file, blob)]


_CALL_CODE = NODE_TYPE_CODE[NodeType.CALL]


def decode_summary_but_calls(file: str, blob: bytes) -> tuple[list[SummaryNode], bytes]:
    """The summary nodes of a file except its calls, and the calls' rows packed.

    Calls are most of a file's nodes (Django: 187k of 320k) and only the
    enrichment of the file itself reads them, while other files' lookups keep
    a summary alive for a whole cold index; so they stay packed (a tenth of
    their decoded size) until `decode_calls` is asked for them.
    """
    prefix = file + SEP
    nodes: list[SummaryNode] = []
    calls: list[SummaryRow] = []
    for row in _rows(file, blob):
        if row[0] == _CALL_CODE:
            calls.append(row)
        else:
            nodes.append(_node(file, prefix, row))
    return nodes, msgpack.packb(calls, use_bin_type=True) if calls else b""


def decode_calls(file: str, packed: bytes) -> list[SummaryNode]:
    """The call nodes `decode_summary_but_calls` left packed, in their order."""
    if not packed:
        return []
    prefix = file + SEP
    return [_node(file, prefix, row) for row in msgpack.unpackb(packed, raw=False)]


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
