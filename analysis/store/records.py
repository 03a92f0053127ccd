"""The values the store writes: msgpack records, and the rows workers send.

Why this module exists: every value in every table is encoded and decoded
here, with each field named once (NodeRecord, FileRecord, OwnedKeys), so no
other module indexes into a decoded array by position.

Invariants:

* A record's field order is its on-disk layout. Reordering, adding or
  removing a field changes the format: bump SCHEMA_VERSION (graph_store.py).
* Records are msgpack arrays, not maps: compact, and cheap to decode. A
  NamedTuple packs exactly as the list it replaced did (msgpack writes any
  tuple or list as an array).
* `encode_nodes` / `encode_edges` run in analysis workers; what they return
  is what the writer stores, byte for byte, without re-encoding.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import msgpack

from graphwarden.analysis.model import AttrValue, Edge, Node, NodeAttrs, NodeType, ParseError
from graphwarden.analysis.store.keys import node_key, out_edge_key

# -- msgpack -----------------------------------------------------------------------


def pack(value: object) -> bytes:
    """Any msgpack-able value (str, int, float, bool, None, bytes, lists, dicts)."""
    packed: bytes = msgpack.packb(value, use_bin_type=True)
    return packed


def _unpack(data: bytes) -> Any:  # the decoders below give what they return its type
    return msgpack.unpackb(data, raw=False)


def unpack(data: bytes) -> object:
    """A value of unknown shape (meta entries): the caller narrows it."""
    value: object = _unpack(data)
    return value


def unpack_int(data: bytes) -> int:
    """A counter (revision, refcount, call count); trusted, as the store wrote it."""
    value: int = _unpack(data)
    return value


def unpack_uses(data: bytes) -> list[tuple[str, str]]:
    """A context's name uses, (file, name) pairs, as the writer packed them."""
    pairs: list[list[str]] = _unpack(data)
    return [(f, n) for f, n in pairs]


# -- nodes -------------------------------------------------------------------------


class NodeRecord(NamedTuple):
    """A node as stored in `nodes`: these fields, in this order, as an array."""

    id: str
    type: str
    name: str
    file: str
    range: list[int]
    content_hash: str
    signature_hash: str
    attrs: NodeAttrs


_NODE_TYPE_OF = {str(t): t for t in NodeType}


def node_record(node: Node) -> NodeRecord:
    """The stored form of a node."""
    return NodeRecord(
        node.id,
        str(node.type),
        node.name,
        node.file,
        list(node.range),
        node.content_hash,
        node.signature_hash,
        node.attrs,
    )


def decode_node_record(data: bytes) -> NodeRecord:
    """A stored node's fields, for the writer's diffs (no Node is built)."""
    return NodeRecord._make(_unpack(data))


def node_from_record(record: NodeRecord) -> Node:
    id_, type_, name, file, (l0, c0, l1, c1), content, signature, attrs = record
    return Node(id_, _NODE_TYPE_OF[type_], name, file, (l0, c0, l1, c1), content, signature, attrs)


def decode_node(data: bytes) -> Node:
    """A stored node, decoded straight to a Node (the read path).

    Destructures the array in NodeRecord's field order instead of building
    a NodeRecord first: that would add a third to the cost of a decode, and
    readers decode a lot (every edge they return decodes both endpoints).
    """
    id_, type_, name, file, (l0, c0, l1, c1), content, signature, attrs = _unpack(data)
    return Node(id_, _NODE_TYPE_OF[type_], name, file, (l0, c0, l1, c1), content, signature, attrs)


# -- edges -------------------------------------------------------------------------


def encode_edge_attrs(attrs: dict[str, AttrValue] | None) -> bytes:
    """An `out` value: the packed attributes, or b"" for an edge without any."""
    return pack(attrs) if attrs else b""


def decode_edge_attrs(value: bytes) -> dict[str, AttrValue] | None:
    if not value:
        return None
    attrs: dict[str, AttrValue] = _unpack(value)
    return attrs


# -- rows: what analysis workers send the writer -----------------------------------

#: (node key, id, type, name, file, packed NodeRecord): a node as the writer
#: stores it. A plain tuple, not a NamedTuple: rows are pickled from the
#: workers by the hundred thousand, and a plain tuple unpickles fastest.
NodeRow = tuple[bytes, str, str, str, str, bytes]
#: (out-edge key, edge type, packed attributes or b"", source id)
EdgeRow = tuple[bytes, str, bytes, str]


def encode_nodes(nodes: Iterable[Node]) -> list[NodeRow]:
    """Nodes in the form the writer stores them (keys hashed, records packed)."""
    return [(node_key(n.id), n.id, n.type, n.name, n.file, pack(node_record(n))) for n in nodes]


def node_keys_by_id(rows: Iterable[NodeRow]) -> dict[str, bytes]:
    """id -> node key of encoded nodes (saves re-hashing edge endpoints)."""
    return {node_id: key for key, node_id, _type, _name, _file, _packed in rows}


def encode_edges(edges: Iterable[Edge], keys: dict[str, bytes] | None = None) -> list[EdgeRow]:
    """Edges in stored form; `keys` (id -> key) saves re-hashing known endpoints."""
    keys = keys or {}
    rows: list[EdgeRow] = []
    for e in edges:
        src_key = keys.get(e.src) or node_key(e.src)
        dst_key = keys.get(e.dst) or node_key(e.dst)
        rows.append(
            (out_edge_key(src_key, e.type, dst_key), e.type, encode_edge_attrs(e.attrs), e.src)
        )
    return rows


def decode_node_rows(rows: Iterable[NodeRow]) -> list[Node]:
    return [decode_node(packed) for _key, _id, _type, _name, _file, packed in rows]


# -- ownership ---------------------------------------------------------------------


class OwnedKeys(NamedTuple):
    """An `owner` value: the keys one context wrote, in commit order."""

    node_keys: list[bytes]
    edge_keys: list[bytes]


def encode_owned(node_keys: list[bytes], edge_keys: list[bytes]) -> bytes:
    return pack([node_keys, edge_keys])


def decode_owned(data: bytes) -> OwnedKeys:
    return OwnedKeys._make(_unpack(data))


# -- files -------------------------------------------------------------------------


@dataclass
class FileRecord:
    """What the store remembers of a source file (for warm starts and diagnostics)."""

    path: str
    content_hash: str
    size: int
    mtime_ns: int
    language: str
    parse_errors: list[ParseError] = field(default_factory=list)
    skipped_reason: str | None = None

    def to_record(self) -> list[object]:
        """The `files` value: every field but the path (which is the key)."""
        return [
            self.content_hash,
            self.size,
            self.mtime_ns,
            self.language,
            [[*e.range, e.message] for e in self.parse_errors],
            self.skipped_reason,
        ]

    @classmethod
    def from_record(cls, path: str, record: Sequence[Any]) -> FileRecord:
        """From a decoded `files` value (a msgpack array of mixed types)."""
        content_hash, size, mtime_ns, language, errors, skipped_reason = record
        parse_errors = [
            ParseError(path, (l0, c0, l1, c1), message) for l0, c0, l1, c1, message in errors
        ]
        return cls(path, content_hash, size, mtime_ns, language, parse_errors, skipped_reason)


def encode_file_record(record: FileRecord) -> bytes:
    return pack(record.to_record())


def decode_file_record(path: str, data: bytes) -> FileRecord:
    return FileRecord.from_record(path, _unpack(data))
