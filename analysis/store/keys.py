"""The byte keys every table is keyed by, and the names of contexts.

Why this module exists: the key scheme is the skeleton of the on-disk format.
The writer builds keys and the snapshot takes them apart; both go through
these functions, so the two can never disagree on where a type code or a
node key sits inside a key.

Invariant: every function here is part of the persisted format. Changing
what any of them returns for the same input makes existing stores unreadable,
so it must come with a bump of SCHEMA_VERSION (graph_store.py), which
rebuilds old stores instead of misreading them.
"""

from __future__ import annotations

import functools
import hashlib

from graphwarden.analysis.model import (
    DEFINITION_TYPES,
    EDGE_TYPE_BY_CODE,
    EDGE_TYPE_CODE,
    NODE_TYPE_CODE,
    EdgeType,
    NodeType,
)

# -- node keys ---------------------------------------------------------------------

#: Bytes in a node key: 8 from the node's file, 8 from its id.
NODE_KEY_SIZE = 16
#: The first bytes of a node key, the same for every node of a file.
FILE_KEY_PREFIX_SIZE = 8


def node_key(node_id: str) -> bytes:
    """16-byte key: 8 bytes from the node's file, 8 from its id.

    Clustering by file keeps one file's nodes (and, through the edge keys
    built from them, its edges) on neighbouring B-tree pages. A commit then
    copies a few pages instead of touching pages across the whole tree, as
    uniformly random keys would: that difference is most of a cold index's
    commit time.
    """
    raw = node_id.encode("utf-8", "surrogatepass")
    sep = raw.find(b"->")
    return (
        _file_prefix(raw[:sep] if sep != -1 else b"") + hashlib.blake2b(raw, digest_size=8).digest()
    )


@functools.lru_cache(maxsize=4096)
def _file_prefix(file_part: bytes) -> bytes:
    # One file's nodes all share this half of their keys: hash it once.
    return hashlib.blake2b(file_part, digest_size=8).digest()


def file_key_prefix(file: str) -> bytes:
    """The first 8 bytes of the keys of a file's nodes (and of the edges leaving them)."""
    return _file_prefix(file.encode("utf-8", "surrogatepass"))


def key_order(files: list[str]) -> list[str]:
    """Files in the order of their keys: committed so, a cold index appends to
    the B-trees of nodes and edges, and LMDB fills their pages instead of
    leaving two half pages at every split (Django's nodes table: see
    BENCHMARKS.md, "Where the store goes")."""
    return sorted(files, key=file_key_prefix)


# -- type codes --------------------------------------------------------------------
# Keyed by str, not by the enums: callers (rules, tests) pass plain strings,
# and a StrEnum member hashes and compares as its string.

_EDGE_CODE_BYTE: dict[str, bytes] = {t: bytes([c]) for t, c in EDGE_TYPE_CODE.items()}
_NODE_CODE_BYTE: dict[str, bytes] = {t: bytes([c]) for t, c in NODE_TYPE_CODE.items()}
_EDGE_CODE: dict[str, int] = {t: c for t, c in EDGE_TYPE_CODE.items()}


def edge_type_code(edge_type: str) -> int:
    """The persisted one-byte code of an edge type (KeyError for an unknown type)."""
    return _EDGE_CODE[edge_type]


def edge_type_byte(edge_type: str) -> bytes:
    return _EDGE_CODE_BYTE[edge_type]


# -- edge keys ---------------------------------------------------------------------
# An edge key is a node key, the edge type's code, and the other node key.
# In `out` the first node is the source; in `in` it is the destination, so
# a prefix scan on one node key finds its outgoing or incoming edges.

#: Bytes in an edge key: two node keys around a one-byte type code.
EDGE_KEY_SIZE = 2 * NODE_KEY_SIZE + 1


def out_edge_key(src_key: bytes, edge_type: str, dst_key: bytes) -> bytes:
    """The `out` table's key of an edge (source first)."""
    return src_key + _EDGE_CODE_BYTE[edge_type] + dst_key


def reverse_edge_key(edge_key: bytes) -> bytes:
    """Swap the two node keys: an `out` key becomes its `in` key, and back."""
    return (
        edge_key[NODE_KEY_SIZE + 1 :]
        + edge_key[NODE_KEY_SIZE : NODE_KEY_SIZE + 1]
        + edge_key[:NODE_KEY_SIZE]
    )


def edge_prefix(node_key_: bytes, edge_type: str | None = None) -> bytes:
    """The prefix of a node's edge keys, optionally of one type only."""
    return node_key_ if edge_type is None else node_key_ + _EDGE_CODE_BYTE[edge_type]


def near_node_key(edge_key: bytes) -> bytes:
    """The first node key of an edge key (the source of an `out` key)."""
    return edge_key[:NODE_KEY_SIZE]


def far_node_key(edge_key: bytes) -> bytes:
    """The second node key of an edge key (the source of an `in` key)."""
    return edge_key[NODE_KEY_SIZE + 1 :]


def edge_code_of(edge_key: bytes) -> int:
    return edge_key[NODE_KEY_SIZE]


def edge_type_of(edge_key: bytes) -> EdgeType:
    return EDGE_TYPE_BY_CODE[edge_key[NODE_KEY_SIZE]]


# -- index keys --------------------------------------------------------------------
# Index keys end in NUL + the node key; the value is always b"".

#: Names in index keys are cut to this many characters (LMDB keys are at
#: most 511 bytes); readers re-check the full name on the node.
INDEXED_NAME_CHARS = 200
#: Node types in the `names` index: what a user searches for by name.
NAME_INDEXED_TYPES: frozenset[NodeType] = DEFINITION_TYPES | {NodeType.EXPORT}


#: A `types` key starts with the node type's one-byte code.
_TYPE_CODE_SIZE = 1


def _name_bytes(name: str) -> bytes:
    # Cut by characters, never mid-way through a UTF-8 sequence.
    return name[:INDEXED_NAME_CHARS].encode("utf-8", "surrogatepass")


def type_prefix(node_type: str) -> bytes:
    """The prefix of every `types` key of one node type (KeyError for an unknown type)."""
    return _NODE_CODE_BYTE[node_type]


def type_index_key(node_type: str, name: str, node_key_: bytes) -> bytes:
    """`types` key: type, then exact name, then the node.

    Type first, then name: serves "all CALLs" and "CALLs named eval" alike.
    With an empty node key it is the prefix of one (type, name) pair.
    """
    return _NODE_CODE_BYTE[node_type] + _name_bytes(name) + b"\x00" + node_key_


def name_bytes_of_type_key(type_key: bytes) -> bytes:
    """The encoded name inside a `types` key (cheaper to collect than to decode)."""
    return type_key[_TYPE_CODE_SIZE : -NODE_KEY_SIZE - 1]


def name_of_type_key(type_key: bytes) -> str:
    """The (possibly cut) name inside a `types` key."""
    return name_bytes_of_type_key(type_key).decode("utf-8", "surrogatepass")


def name_index_key(name: str, node_key_: bytes) -> bytes:
    """`names` key: the name, cut then lower-cased, then the node."""
    return name[:INDEXED_NAME_CHARS].lower().encode("utf-8", "surrogatepass") + b"\x00" + node_key_


def name_search_prefix(prefix: str) -> bytes:
    """The `names` prefix that finds names starting with `prefix`, in any case."""
    return prefix.lower().encode("utf-8", "surrogatepass")


def name_of_name_key(name_key: bytes) -> str:
    """The lower-cased (possibly cut) name inside a `names` key."""
    return name_key[: -NODE_KEY_SIZE - 1].decode("utf-8", "replace")


def node_key_of_index_key(index_key: bytes) -> bytes:
    """The node an index key points at (its last 16 bytes)."""
    return index_key[-NODE_KEY_SIZE:]


def call_name_key(name: str) -> bytes:
    """`callnames` key: a CALL node's name, cut like every indexed name."""
    return _name_bytes(name)


# -- name uses ---------------------------------------------------------------------
# A `uses` key says "this context looked up this name of this file"
# (enrichers/name_uses.py). Hashed parts keep every key short whatever the
# path or name; a collision could only add a file to a blast radius.

_USE_PART = 8


def _use_part(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=_USE_PART).digest()


def use_prefix(file: str, name: str | None = None) -> bytes:
    """The prefix of the `uses` keys of one name of a file (None: of every name)."""
    return _use_part(file) if name is None else _use_part(file) + _use_part(name)


def use_key(file: str, name: str, context: str) -> bytes:
    """`uses` key: the used file, the name, then the context that uses it."""
    return _use_part(file) + _use_part(name) + _use_part(context)


# -- contexts and files ------------------------------------------------------------
# A context is what a Batch replaces as a whole: a workspace file (its path)
# or one enricher's shard for a file, or an enricher's global shard.

ENRICHMENT_PREFIX = "__enrichment__/"
_GLOBAL_SHARD = "__global__"


def enrichment_context(enricher: str, file: str) -> str:
    """The shard an enricher's output for one file is committed to."""
    return f"{ENRICHMENT_PREFIX}{enricher}/{file}"


def global_context(enricher: str) -> str:
    return f"{ENRICHMENT_PREFIX}{enricher}/{_GLOBAL_SHARD}"


def enricher_and_file(context: str) -> tuple[str | None, str | None]:
    """(enricher, file) of an enrichment shard; (None, file) for a file's own context."""
    if not context.startswith(ENRICHMENT_PREFIX):
        return None, context
    enricher, slash, file = context[len(ENRICHMENT_PREFIX) :].partition("/")
    if not slash or file == _GLOBAL_SHARD:
        return enricher, None
    return enricher, file


def file_of_context(context: str) -> str | None:
    """The workspace file a context is about (None for a global shard)."""
    if not context.startswith(ENRICHMENT_PREFIX):
        return context
    _enricher, slash, file = context[len(ENRICHMENT_PREFIX) :].partition("/")
    if not slash or file == _GLOBAL_SHARD:
        return None
    return file


def text_key(text: str) -> bytes:
    """The key of a context (`owner`) or of a workspace path (`files`).

    LMDB keys hold at most 511 bytes: paths longer than
    `languages.registry.MAX_PATH_BYTES` are never analysed, so never keys.

    surrogatepass: paths that are not valid UTF-8 reach us as surrogates and
    must still round-trip.
    """
    return text.encode("utf-8", "surrogatepass")


def text_of_key(key: bytes) -> str:
    return key.decode("utf-8", "surrogatepass")
