"""The store's records and keys: named fields, and bytes that do not move."""

from __future__ import annotations

import msgpack

from graphwarden.analysis.model import (
    EDGE_TYPE_CODE,
    NODE_TYPE_CODE,
    Edge,
    EdgeType,
    Node,
    NodeType,
    ParseError,
    Suppression,
)
from graphwarden.analysis.store.keys import (
    node_key,
    out_edge_key,
    reverse_edge_key,
    type_index_key,
)
from graphwarden.analysis.store.records import (
    ATTRIBUTE_CODES,
    FileRecord,
    NodeRecord,
    decode_file_record,
    decode_node,
    decode_node_record,
    decode_node_rows,
    encode_edges,
    encode_file_record,
    encode_nodes,
    node_keys_by_id,
    pack_node,
    stored_node_id,
    stored_parent,
)

NODE_HEX = Node(
    "a.py->FUNCTION->f",
    NodeType.FUNCTION,
    "f",
    "a.py",
    (1, 2, 3, 4),
    "00112233445566ff",
    "",
    {"decorators": ["cached"], "async": True, "novel": 1},
)
NODE = Node(
    "a.py->FUNCTION->f",
    NodeType.FUNCTION,
    "f",
    "a.py",
    (1, 2, 3, 4),
    "content",
    "signature",
    {"decorators": ["cached"], "async": True},
)


def test_node_record_layout() -> None:
    # The on-disk layout (schema 10): the bare id, a NUL, then the msgpack body;
    # hex digests as raw bytes, attribute keys coded, the structural parent.
    parent = node_key("a.py->MODULE") + bytes([EDGE_TYPE_CODE[EdgeType.CONTAINS]])
    packed = pack_node(NODE_HEX, parent)
    assert packed.startswith(b"a.py->FUNCTION->f\x00")
    body = msgpack.unpackb(packed[len(NODE_HEX.id) + 1 :], raw=False, strict_map_key=False)
    assert body == [
        NODE_TYPE_CODE[NodeType.FUNCTION],
        "f",
        [1, 2, 3, 4],
        bytes.fromhex("00112233445566ff"),
        b"",
        {ATTRIBUTE_CODES["decorators"]: ["cached"], ATTRIBUTE_CODES["async"]: True, "novel": 1},
        parent,
    ]
    assert stored_node_id(packed) == NODE_HEX.id
    assert stored_parent(packed) == (node_key("a.py->MODULE"), EDGE_TYPE_CODE[EdgeType.CONTAINS])


def test_both_decoders_read_the_same_fields() -> None:
    for node in (NODE, NODE_HEX):
        packed = pack_node(node)
        record = decode_node_record(packed)
        assert isinstance(record, NodeRecord)
        assert (record.id, record.type, record.name, record.file) == (
            node.id,
            NodeType.FUNCTION,
            "f",
            "a.py",
        )
        assert (record.content_hash, record.signature_hash, record.attrs) == (
            node.content_hash,
            node.signature_hash,
            node.attrs,
        )
        assert decode_node(packed) == node
        assert stored_parent(packed) is None


def test_rows_round_trip_and_edge_keys_mirror() -> None:
    g = Node("a.py->FUNCTION->g", NodeType.FUNCTION, "g", "a.py", (5, 0, 6, 0))
    contains = Edge(NODE.id, EdgeType.CONTAINS, g.id)
    rows = encode_nodes([NODE, g], [contains])
    assert decode_node_rows(rows) == [NODE, g]
    assert stored_parent(rows[1][5]) == (node_key(NODE.id), EDGE_TYPE_CODE[EdgeType.CONTAINS])
    keys = node_keys_by_id(rows)
    assert keys == {NODE.id: node_key(NODE.id), g.id: node_key(g.id)}
    calls, structural = encode_edges([Edge(NODE.id, "CALLS", g.id), contains], keys, [NODE, g])
    okey, edge_type, value, src, recorded = calls
    assert okey == out_edge_key(node_key(NODE.id), "CALLS", node_key(g.id))
    assert (edge_type, value, src, recorded) == ("CALLS", b"", NODE.id, False)
    # The structural edge into g is the one g's record names: no reverse entry.
    assert structural[4] is True
    assert reverse_edge_key(reverse_edge_key(okey)) == okey
    assert reverse_edge_key(okey)[:16] == node_key(g.id)


def test_file_record_round_trip() -> None:
    rec = FileRecord(
        "a.py",
        "h",
        10,
        20,
        "python",
        [ParseError("a.py", (0, 1, 0, 2), "x")],
        None,
        [Suppression(3, ("no-eval", "x"), "trusted input", (2, 4, 2, 40))],
    )
    assert decode_file_record("a.py", encode_file_record(rec)) == rec


def test_index_keys_cut_names_by_characters() -> None:
    key = type_index_key("CALL", "é" * 250, b"k" * 16)
    assert key[1:-17].decode("utf-8") == "é" * 200
