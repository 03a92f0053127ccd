"""The store's records and keys: named fields, and bytes that do not move."""

from __future__ import annotations

import msgpack

from graphwarden.analysis.model import Edge, Node, NodeType, ParseError, Suppression
from graphwarden.analysis.store.keys import (
    node_key,
    out_edge_key,
    reverse_edge_key,
    type_index_key,
)
from graphwarden.analysis.store.records import (
    FileRecord,
    NodeRecord,
    decode_file_record,
    decode_node,
    decode_node_record,
    decode_node_rows,
    encode_edges,
    encode_file_record,
    encode_nodes,
    node_from_record,
    node_keys_by_id,
    node_record,
    pack,
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


def test_node_record_is_the_array_it_always_was() -> None:
    # The on-disk layout: a NamedTuple packs exactly as the plain list did.
    legacy = [
        NODE.id,
        "FUNCTION",
        NODE.name,
        NODE.file,
        [1, 2, 3, 4],
        NODE.content_hash,
        NODE.signature_hash,
        NODE.attrs,
    ]
    assert pack(node_record(NODE)) == msgpack.packb(legacy, use_bin_type=True)


def test_both_decoders_read_fields_in_record_order() -> None:
    packed = pack(node_record(NODE))
    record = decode_node_record(packed)
    assert isinstance(record, NodeRecord)
    assert (record.id, record.type, record.name, record.file) == (
        "a.py->FUNCTION->f",
        "FUNCTION",
        "f",
        "a.py",
    )
    assert (record.content_hash, record.signature_hash) == ("content", "signature")
    assert decode_node(packed) == NODE == node_from_record(record)


def test_rows_round_trip_and_edge_keys_mirror() -> None:
    g = Node("a.py->FUNCTION->g", NodeType.FUNCTION, "g", "a.py", (5, 0, 6, 0))
    rows = encode_nodes([NODE, g])
    assert decode_node_rows(rows) == [NODE, g]
    keys = node_keys_by_id(rows)
    assert keys == {NODE.id: node_key(NODE.id), g.id: node_key(g.id)}
    [(okey, edge_type, value, src)] = encode_edges([Edge(NODE.id, "CALLS", g.id)], keys)
    assert okey == out_edge_key(node_key(NODE.id), "CALLS", node_key(g.id))
    assert (edge_type, value, src) == ("CALLS", b"", NODE.id)
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
