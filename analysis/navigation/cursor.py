"""What is under a cursor: a definition's name, a use site, or a bare word, and its scopes.

A cursor is a (line, code-point column) in a workspace file, plus the text of
that line (the editor's buffer or the disk: the caller knows which version
the graph was built from). Everything here reads one `Snapshot`.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from cachetools import LRUCache

from graphwarden.analysis.model import DEFINITION_TYPES, Node, NodeType, Range
from graphwarden.analysis.store import Snapshot
from graphwarden.analysis.store.snapshot import OpenEnvironment

#: Node types that open a scope a name can be bound in.
SCOPES = frozenset({NodeType.FUNCTION, NodeType.METHOD, NodeType.CLASS, NodeType.MODULE})

_WORD = re.compile(r"[\w$]+")

_nodes_cache: LRUCache[tuple[int, str, str], tuple[OpenEnvironment, list[Node]]] = LRUCache(
    maxsize=64
)
#: Per (store, file): the record -> node map of its latest decode. A new
#: revision of an edited file decodes only the records that changed (an
#: edit while typing: a few of query.py's 1,600; 1.6 ms instead of 6-7).
_records: LRUCache[tuple[int, str], tuple[OpenEnvironment, dict[bytes, Node]]] = LRUCache(
    maxsize=16
)
_nodes_lock = threading.Lock()
#: Entries being decoded, and how long a second asker waits for one.
_decoding: dict[tuple[int, str, str], threading.Event] = {}
_DECODE_WAIT_S = 2.0


def file_nodes(snap: Snapshot, file: str) -> list[Node]:
    """A file's decoded nodes, cached per (store, file, content hash).

    Decoding a big file's nodes costs milliseconds (Django's
    db/models/query.py: 1,400 nodes); every request on it needs them. A
    file's nodes are made from its content alone, so an entry serves every
    revision in which the file's content is the same: the cycles of other
    files never make the next request on this one decode it again, and an
    entry is never served for content it was not read from. The store object
    is part of the key (a re-index or a reload opens a new one); the entry
    holds it, so its id cannot be reused while the entry lives.
    """
    rec = snap.file(file)
    if rec is None:
        return snap.context_nodes(file)
    key = (id(snap.store), file, rec.content_hash)
    with _nodes_lock:
        hit = _nodes_cache.get(key)
        if hit is not None:
            return hit[1]
        running = _decoding.get(key)
        if running is None:
            running = _decoding[key] = threading.Event()
            mine = True
        else:
            mine = False
    if not mine:
        # Another thread (the warmer, when a revision lands) is decoding this
        # very entry: wait for it rather than decode it again beside it, two
        # threads taking turns at the interpreter lock.
        running.wait(_DECODE_WAIT_S)
        with _nodes_lock:
            hit = _nodes_cache.get(key)
        return hit[1] if hit is not None else snap.context_nodes(file)
    try:
        with _nodes_lock:
            earlier = _records.get((id(snap.store), file))
        nodes, records = snap.context_nodes_reusing(file, earlier[1] if earlier else {})
        with _nodes_lock:
            _nodes_cache[key] = (snap.store, nodes)
            _records[(id(snap.store), file)] = (snap.store, records)
    finally:
        with _nodes_lock:
            _decoding.pop(key, None)
        running.set()
    return nodes


def warm_file_nodes(
    snapshot: Callable[[], Snapshot],
    files: Iterable[str],
    also: Callable[[Snapshot], object] | None = None,
) -> None:
    """Decode the latest revision of `files` into the cache, before a request asks.

    For a new revision of a file open in an editor: run it when the revision
    lands (in a thread of its own), and the first hover on the edited file
    finds its nodes decoded. `also` warms more on the same snapshot (the
    module naming, when files were added).
    """
    with snapshot() as snap:
        for file in files:
            file_nodes(snap, file)
        if also is not None:
            also(snap)


def selection(node: Node) -> Range:
    """The name's range (attrs.sel) or, when absent, the node's range."""
    sel = node.attrs.get("sel")
    if isinstance(sel, list) and len(sel) == 4:
        sl, sc, el, ec = (int(v) for v in sel)
        return sl, sc, el, ec
    return node.range


def use_range(node: Node) -> Range:
    """Where to point at a use: a call's callee text, a definition's name."""
    if node.type == NodeType.CALL:
        callee = str(node.attrs.get("callee", node.name))
        sl, sc = node.range[0], node.range[1]
        if "\n" not in callee:
            return sl, sc, sl, sc + len(callee)
    return selection(node)


def contains(r: Range, line: int, col: int) -> bool:
    return (r[0], r[1]) <= (line, col) <= (r[2], r[3])


def _size(r: Range) -> tuple[int, int]:
    return (r[2] - r[0], r[3] - r[1] if r[0] == r[2] else r[3])


def word_at(line: str, col: int) -> str:
    """The identifier touching column `col` of `line` ('' when none)."""
    for m in _WORD.finditer(line):
        if m.start() <= col <= m.end():
            return m.group(0)
    return ""


@dataclass
class Target:
    """What the cursor is on: a node (definition name or use site), a bare word, and scopes."""

    node: Node | None
    word: str
    #: Enclosing scopes, innermost first (functions, classes, the module).
    scopes: list[Node] = field(default_factory=list)
    on_definition: bool = False


def target_at(snap: Snapshot, file: str, line: int, col: int, line_text: str) -> Target:
    """Find what is at (line, code-point column) of a file in the graph."""
    nodes = file_nodes(snap, file)
    word = word_at(line_text, col)
    containing = sorted(
        (n for n in nodes if contains(n.range, line, col)), key=lambda n: _size(n.range)
    )
    scopes = [n for n in containing if n.type in SCOPES]
    module = next((n for n in nodes if n.type == NodeType.MODULE), None)
    if module is not None and module not in scopes:
        scopes.append(module)
    for n in containing:
        if (
            n.type in DEFINITION_TYPES
            and n.type != NodeType.MODULE
            and contains(selection(n), line, col)
        ):
            return Target(n, word, scopes, on_definition=True)
    for n in containing:
        if n.type == NodeType.CALL:
            callee = str(n.attrs.get("callee", n.name))
            start_line, start_col = n.range[0], n.range[1]
            # Only the callee text counts: in `f(x)`, `x` is not a use of `f`.
            # A callee over several lines (`new X({\n...}).apply()`, a chain
            # broken before `.m()`) is folded in the attribute: there the
            # called name itself is what the cursor must be on.
            if line != start_line and word != n.name:
                continue
            if line == start_line and col > start_col + len(callee) + (
                4 if n.attrs.get("new") else 0
            ):
                continue
            if word and word != callee.rsplit(".", 1)[-1]:
                continue  # `obj` in `obj.method()`: look the name up instead
            return Target(n, word, scopes)
        if n.type in (NodeType.IMPORT, NodeType.EXPORT, NodeType.PARAMETER):
            return Target(n, word, scopes, on_definition=n.type == NodeType.PARAMETER)
    return Target(None, word, scopes)
