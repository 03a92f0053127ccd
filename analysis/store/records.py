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

import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import msgpack

from graphwarden.analysis.model import (
    EDGE_TYPE_CODE,
    NODE_TYPE_BY_CODE,
    NODE_TYPE_CODE,
    STRUCTURAL_EDGES,
    AttrValue,
    Edge,
    Node,
    NodeAttrs,
    NodeType,
    ParseError,
    Suppression,
    file_of_id,
)
from graphwarden.analysis.store.keys import NODE_KEY_SIZE, node_key, out_edge_key

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
#
# A stored node is its id (UTF-8), a NUL, then a msgpack array:
#   [type code, name, range, content hash (8 bytes), signature hash (8 bytes
#    or empty), attributes (keys coded, see ATTRIBUTE_CODES), parent]
# The id comes first and bare so that a reader who only needs it (every edge
# a reader returns names both endpoints) slices it without decoding the rest.
# The file is not stored: it is the id's first part. `parent` is the node key
# and edge-type code of the structural edge into the node (CONTAINS, DECLARES
# or HAS_PARAMETER: every node but a module has one), so the reverse index
# need not hold one entry per structural edge; empty for none.

#: Persisted codes of attribute keys (append only; a key not listed is stored
#: by name, so a new attribute needs no schema change).
ATTRIBUTE_CODES: dict[str, int] = {
    name: code
    for code, name in enumerate(
        (
            "qualname",
            "signature",
            "sel",
            "decorators",
            "async",
            "doc",
            "bases",
            "keywords",
            "implements",
            "kind",
            "abstract",
            "static",
            "all",
            "skipped",
            "assigned_call",
            "annotation",
            "local",
            "via_self",
            "source",
            "level",
            "imported",
            "alias",
            "callee",
            "receiver",
            "args",
            "arg_names",
            "new",
            "unresolved",
            "type_checking",
        )
    )
}
_ATTRIBUTE_OF_CODE: dict[int, str] = {code: name for name, code in ATTRIBUTE_CODES.items()}
_NODE_TYPES: tuple[NodeType, ...] = tuple(
    NODE_TYPE_BY_CODE[i] for i in range(len(NODE_TYPE_BY_CODE))
)
#: Bytes of a stored parent reference: the parent's node key and an edge-type code.
PARENT_REF_SIZE = NODE_KEY_SIZE + 1


class NodeRecord(NamedTuple):
    """A stored node's fields, for the writer's diffs."""

    id: str
    type: NodeType
    name: str
    range: list[int]
    content_hash: str
    signature_hash: str
    attrs: NodeAttrs
    #: The structural parent: its node key + edge-type code byte, or b"".
    parent: bytes

    @property
    def file(self) -> str:
        return file_of_id(self.id)


def _code_attrs(attrs: NodeAttrs) -> dict[int | str, AttrValue]:
    codes = ATTRIBUTE_CODES
    return {codes.get(k, k): v for k, v in attrs.items()}


def _name_attrs(coded: dict[int | str, AttrValue]) -> NodeAttrs:
    names = _ATTRIBUTE_OF_CODE
    return {names[k] if isinstance(k, int) else k: v for k, v in coded.items()}


_HEX = frozenset("0123456789abcdef")


def _hash_bytes(digest: str) -> bytes | str:
    """A hex digest as its raw bytes (half the size); anything else as it is."""
    if len(digest) % 2 == 0 and _HEX.issuperset(digest):
        return bytes.fromhex(digest)
    return digest


def _hash_text(stored: bytes | str) -> str:
    return stored.hex() if isinstance(stored, bytes) else stored


def pack_node(node: Node, parent: bytes = b"") -> bytes:
    """The stored form of a node (`parent`: see the layout note above)."""
    body: bytes = msgpack.packb(
        [
            NODE_TYPE_CODE[node.type],
            node.name,
            list(node.range),
            _hash_bytes(node.content_hash),
            _hash_bytes(node.signature_hash),
            _code_attrs(node.attrs),
            parent,
        ],
        use_bin_type=True,
    )
    return node.id.encode("utf-8", "surrogatepass") + b"\x00" + body


def _split(data: bytes) -> tuple[str, list[Any]]:
    sep = data.index(0)
    body: list[Any] = msgpack.unpackb(memoryview(data)[sep + 1 :], raw=False, strict_map_key=False)
    return data[:sep].decode("utf-8", "surrogatepass"), body


def stored_node_id(data: bytes) -> str:
    """The id of a stored node, without decoding the rest of its record."""
    return data[: data.index(0)].decode("utf-8", "surrogatepass")


def decode_node_record(data: bytes) -> NodeRecord:
    """A stored node's fields, for the writer's diffs (no Node is built)."""
    node_id, (code, name, rng, content, signature, attrs, parent) = _split(data)
    return NodeRecord(
        node_id,
        _NODE_TYPES[code],
        name,
        rng,
        _hash_text(content),
        _hash_text(signature),
        _name_attrs(attrs),
        parent,
    )


def decode_node(data: bytes) -> Node:
    """A stored node, decoded straight to a Node (the read path)."""
    node_id, (code, name, (l0, c0, l1, c1), content, signature, attrs, _parent) = _split(data)
    return Node(
        node_id,
        _NODE_TYPES[code],
        name,
        file_of_id(node_id),
        (l0, c0, l1, c1),
        _hash_text(content),
        _hash_text(signature),
        _name_attrs(attrs),
    )


def stored_parent(data: bytes) -> tuple[bytes, int] | None:
    """(parent's node key, edge-type code) of a stored node, None for a root (a module)."""
    parent: bytes = _split(data)[1][6]
    if not parent:
        return None
    return parent[:NODE_KEY_SIZE], parent[NODE_KEY_SIZE]


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
#: (out-edge key, edge type, packed attributes or b"", source id, recorded as
#: the destination's parent): the last is True for the structural edge a node
#: record names as its parent, whose reverse-index entry the writer skips.
EdgeRow = tuple[bytes, str, bytes, str, bool]


def structural_parents(edges: Iterable[Edge]) -> dict[str, Edge]:
    """Node id -> the structural edge into it that its record names (the first)."""
    parents: dict[str, Edge] = {}
    for e in edges:
        if e.type in STRUCTURAL_EDGES and e.dst not in parents:
            parents[e.dst] = e
    return parents


def encode_nodes(nodes: Iterable[Node], edges: Iterable[Edge] = ()) -> list[NodeRow]:
    """Nodes in the form the writer stores them (keys hashed, records packed).

    `edges` are the batch's edges: a node's structural parent among them is
    recorded in its record (see the layout note).
    """
    parents = structural_parents(edges)
    rows: list[NodeRow] = []
    for n in nodes:
        edge = parents.get(n.id)
        parent = node_key(edge.src) + bytes([EDGE_TYPE_CODE[edge.type]]) if edge else b""
        rows.append((node_key(n.id), n.id, n.type, n.name, n.file, pack_node(n, parent)))
    return rows


def node_keys_by_id(rows: Iterable[NodeRow]) -> dict[str, bytes]:
    """id -> node key of encoded nodes (saves re-hashing edge endpoints)."""
    return {node_id: key for key, node_id, _type, _name, _file, _packed in rows}


def encode_edges(
    edges: Iterable[Edge], keys: dict[str, bytes] | None = None, nodes: Iterable[Node] = ()
) -> list[EdgeRow]:
    """Edges in stored form; `keys` (id -> key) saves re-hashing known endpoints.

    `nodes` are the batch's nodes: a structural edge into one of them is the
    parent its record names, and is marked so (no reverse-index entry).
    """
    keys = keys or {}
    edges = list(edges)
    in_batch = {n.id for n in nodes}
    recorded = {id(e) for dst, e in structural_parents(edges).items() if dst in in_batch}
    rows: list[EdgeRow] = []
    for e in edges:
        src_key = keys.get(e.src) or node_key(e.src)
        dst_key = keys.get(e.dst) or node_key(e.dst)
        rows.append(
            (
                out_edge_key(src_key, e.type, dst_key),
                e.type,
                encode_edge_attrs(e.attrs),
                e.src,
                id(e) in recorded,
            )
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
    # Compressed: a file's keys all begin with the same 8 bytes (the file's
    # hash, keys.py), so the list shrinks to about half for little CPU.
    return zlib.compress(pack([node_keys, edge_keys]), 1)


def decode_owned(data: bytes) -> OwnedKeys:
    return OwnedKeys._make(_unpack(zlib.decompress(data)))


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
    #: The file's inline suppressions: kept with the file, so reporting never
    #: re-reads sources (and an open editor buffer's count, not the disk's).
    suppressions: list[Suppression] = field(default_factory=list)

    def to_record(self) -> list[object]:
        """The `files` value: every field but the path (which is the key)."""
        return [
            self.content_hash,
            self.size,
            self.mtime_ns,
            self.language,
            [[*e.range, e.message] for e in self.parse_errors],
            self.skipped_reason,
            [[s.target, list(s.rules), s.reason, *s.range] for s in self.suppressions],
        ]

    @classmethod
    def from_record(cls, path: str, record: Sequence[Any]) -> FileRecord:
        """From a decoded `files` value (a msgpack array of mixed types)."""
        content_hash, size, mtime_ns, language, errors, skipped_reason, suppressed = record
        parse_errors = [
            ParseError(path, (l0, c0, l1, c1), message) for l0, c0, l1, c1, message in errors
        ]
        suppressions = [
            Suppression(target, tuple(rules), reason, (l0, c0, l1, c1))
            for target, rules, reason, l0, c0, l1, c1 in suppressed
        ]
        return cls(
            path,
            content_hash,
            size,
            mtime_ns,
            language,
            parse_errors,
            skipped_reason,
            suppressions,
        )


def encode_file_record(record: FileRecord) -> bytes:
    return pack(record.to_record())


#: `FileRecord.to_record` fields that say which bytes the file had (content
#: hash, size, modification time), not what the analysis found in them.
_FILE_IDENTITY_FIELDS = 3


def same_file_facts(stored: bytes, encoded: bytes) -> bool:
    """Whether two encoded file records say the same of the file (language, parse
    errors, skip reason, suppressions), whatever bytes each was made from."""
    old: list[object] = _unpack(stored)
    new: list[object] = _unpack(encoded)
    return old[_FILE_IDENTITY_FIELDS:] == new[_FILE_IDENTITY_FIELDS:]


def decode_file_record(path: str, data: bytes) -> FileRecord:
    return FileRecord.from_record(path, _unpack(data))
