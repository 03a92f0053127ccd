"""Graph lookups shared by the features: what is under the cursor, and where it is defined.

Everything here reads one `Snapshot` and returns graph `Node`s; converting
to LSP types (and to the client's position encoding) is the features' job.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from cachetools import LRUCache
from lsprotocol import types

from graphwarden.analysis.model import DEFINITION_TYPES, EdgeType, Node, NodeType, file_of_id
from graphwarden.analysis.store import Snapshot

#: Resolution edges: what a use points at (a use -> a definition).
RESOLUTION_EDGES = (
    EdgeType.CALLS,
    EdgeType.IMPORTS_FROM,
    EdgeType.INSTANCE_OF,
    EdgeType.EXTENDS,
    EdgeType.IMPORTS,
)
#: Edges that make something depend on a symbol (for references and blast radius).
DEPENDENCY_EDGES = (EdgeType.CALLS, EdgeType.IMPORTS_FROM, EdgeType.EXTENDS, EdgeType.INSTANCE_OF)
STRUCTURE_EDGES = (EdgeType.CONTAINS, EdgeType.DECLARES, EdgeType.HAS_PARAMETER)
SCOPES = frozenset({NodeType.FUNCTION, NodeType.METHOD, NodeType.CLASS, NodeType.MODULE})
#: Node types a bare name can be bound to inside a scope.
BINDINGS = frozenset(
    {
        NodeType.FUNCTION,
        NodeType.METHOD,
        NodeType.CLASS,
        NodeType.VARIABLE,
        NodeType.PARAMETER,
        NodeType.IMPORT,
    }
)
#: Use sites: the cursor on one of these means "what does this refer to".
USES = (NodeType.CALL, NodeType.IMPORT, NodeType.EXPORT)

SYMBOL_KIND = {
    NodeType.MODULE: types.SymbolKind.Module,
    NodeType.CLASS: types.SymbolKind.Class,
    NodeType.FUNCTION: types.SymbolKind.Function,
    NodeType.METHOD: types.SymbolKind.Method,
    NodeType.VARIABLE: types.SymbolKind.Variable,
    NodeType.PARAMETER: types.SymbolKind.Variable,
    NodeType.IMPORT: types.SymbolKind.Namespace,
    NodeType.EXPORT: types.SymbolKind.Key,
    NodeType.CALL: types.SymbolKind.Event,
    NodeType.EXTERNAL_MODULE: types.SymbolKind.Package,
}

_WORD = re.compile(r"[\w$]+")


_nodes_cache: LRUCache[tuple[int, int, str], tuple[object, list[Node]]] = LRUCache(maxsize=64)
_nodes_lock = threading.Lock()


def file_nodes(snap: Snapshot, rel: str) -> list[Node]:
    """A file's decoded nodes, cached per (store, revision, file).

    Decoding a big file's nodes costs tens of milliseconds; every request on
    it needs them. The store object and its revision are the key, so an entry
    is only served to a snapshot of the very revision it was read from (a
    re-index makes a new store whose revisions start again; the entry holds
    its store, so the object id cannot be reused while the entry lives).
    """
    key = (id(snap.store), snap.revision, rel)
    with _nodes_lock:
        hit = _nodes_cache.get(key)
    if hit is not None:
        return hit[1]
    nodes = snap.context_nodes(rel)
    with _nodes_lock:
        _nodes_cache[key] = (snap.store, nodes)
    return nodes


def symbol_kind(node: Node) -> types.SymbolKind:
    return SYMBOL_KIND.get(node.type, types.SymbolKind.Object)


def module_name(file: str) -> str:
    """`pkg/mod.py` -> `pkg.mod`; `pkg/__init__.py` -> `pkg`; JS/TS keep their path."""
    stem, _, ext = file.rpartition(".")
    if ext not in ("py", "pyi"):
        return stem or file
    parts = stem.split("/")
    if parts and parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def qualified_name(node: Node) -> str:
    """The dotted name a user would write: module plus qualname."""
    if node.type == NodeType.MODULE:
        return module_name(node.file)
    if node.type == NodeType.EXTERNAL_MODULE:
        return node.name
    qual = node.attrs.get("qualname") or node.name
    mod = module_name(node.file)
    sep = "." if node.file.endswith((".py", ".pyi")) else ":"
    return f"{mod}{sep}{qual}" if mod else str(qual)


def selection(node: Node) -> tuple[int, int, int, int]:
    """The name's range (attrs.sel) or, when absent, the node's range."""
    sel = node.attrs.get("sel")
    if isinstance(sel, list | tuple) and len(sel) == 4:
        return tuple(sel)  # type: ignore[return-value]
    return node.range


def _contains(r: tuple[int, int, int, int], line: int, col: int) -> bool:
    return (r[0], r[1]) <= (line, col) <= (r[2], r[3])


def _size(r: tuple[int, int, int, int]) -> tuple[int, int]:
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
    scopes: list[Node]
    on_definition: bool = False


def target_at(snap: Snapshot, rel: str, line: int, col: int, line_text: str) -> Target:
    """Find what is at (line, code-point column) of a file in the graph."""
    nodes = file_nodes(snap, rel)
    word = word_at(line_text, col)
    containing = sorted(
        (n for n in nodes if _contains(n.range, line, col)), key=lambda n: _size(n.range)
    )
    scopes = [n for n in containing if n.type in SCOPES]
    module = next((n for n in nodes if n.type == NodeType.MODULE), None)
    if module is not None and module not in scopes:
        scopes.append(module)
    for n in containing:
        if (
            n.type in DEFINITION_TYPES
            and n.type != NodeType.MODULE
            and _contains(selection(n), line, col)
        ):
            return Target(n, word, scopes, on_definition=True)
    for n in containing:
        if n.type == NodeType.CALL:
            callee = str(n.attrs.get("callee", n.name))
            start_line, start_col = n.range[0], n.range[1]
            # Only the callee text counts: in `f(x)`, `x` is not a use of `f`.
            if line != start_line or col > start_col + len(callee):
                continue
            if word and word != callee.rsplit(".", 1)[-1]:
                continue  # `obj` in `obj.method()`: look the name up instead
            return Target(n, word, scopes)
        if n.type in (NodeType.IMPORT, NodeType.EXPORT, NodeType.PARAMETER):
            return Target(n, word, scopes, on_definition=n.type == NodeType.PARAMETER)
    return Target(None, word, scopes)


def lookup_name(snap: Snapshot, rel: str, word: str, scopes: list[Node]) -> Node | None:
    """A bare name resolved through the enclosing scopes (innermost first), then the module.

    Python's rule that a class body does not enclose its methods is kept:
    a class scope only counts when the cursor is directly in it.
    """
    if not word:
        return None
    candidates = [n for n in file_nodes(snap, rel) if n.name == word and n.type in BINDINGS]
    if not candidates:
        return None
    parents: dict[str, str] = {}
    for c in candidates:
        for e in snap.edges_in(c.id):
            if e.type in STRUCTURE_EDGES:
                parents[c.id] = e.src
                break
    for depth, scope in enumerate(scopes):
        if scope.type == NodeType.CLASS and depth > 0:
            continue
        for c in candidates:
            if parents.get(c.id) == scope.id:
                return c
    return None


def follow(snap: Snapshot, node: Node) -> list[Node]:
    """The definitions a use site resolves to, through the enrichers' edges."""
    out: list[Node] = []
    for etype in RESOLUTION_EDGES:
        for e in snap.edges_out(node.id, etype):
            dst = snap.node(e.dst)
            if dst is not None and file_of_id(dst.id) and dst not in out:
                out.append(dst)
        if out:
            break
    return out


def definitions(snap: Snapshot, rel: str, target: Target) -> list[Node]:
    """Where the thing under the cursor is defined (possibly several places)."""
    node = target.node
    if node is not None:
        if target.on_definition:
            return [node]
        resolved = follow(snap, node)
        if resolved:
            return resolved
        if node.type == NodeType.IMPORT:
            # Unresolved import: the binding itself is the best we know.
            return [node]
    found = lookup_name(snap, rel, target.word, target.scopes)
    if found is None:
        return []
    if found.type == NodeType.IMPORT:
        return follow(snap, found) or [found]
    return [found]


def container_of(snap: Snapshot, node: Node) -> Node | None:
    """The function, class or module that structurally contains `node`."""
    for e in snap.edges_in(node.id):
        if e.type in STRUCTURE_EDGES:
            parent = snap.node(e.src)
            if parent is not None:
                return parent
    return None


def enclosing_definition(snap: Snapshot, node: Node) -> Node | None:
    """The nearest function, class or module around a use site."""
    seen = 0
    current: Node | None = node
    while current is not None and seen < 64:
        if current.type in SCOPES and current is not node:
            return current
        current = container_of(snap, current)
        seen += 1
    return None


def use_range(node: Node) -> tuple[int, int, int, int]:
    """Where to point at a use: a call's callee text, a definition's name."""
    if node.type == NodeType.CALL:
        callee = str(node.attrs.get("callee", node.name))
        sl, sc = node.range[0], node.range[1]
        if "\n" not in callee:
            return sl, sc, sl, sc + len(callee)
    return selection(node)
