"""The definitions a cursor stands for, and the definitions around a use.

A use site follows the enrichers' resolution edges (a call its CALLS, an
import IMPORTS_FROM or IMPORTS, a variable INSTANCE_OF). A bare name without
an edge is looked up through the graph's scopes: the enclosing function,
class and module, then the import that binds it.
"""

from __future__ import annotations

from graphwarden.analysis.model import EdgeType, Node, NodeType, file_of_id
from graphwarden.analysis.navigation.cursor import SCOPES, Target, file_nodes, target_at
from graphwarden.analysis.store import Snapshot

#: Resolution edges, tried in this order: what a use points at.
RESOLUTION_EDGES = (
    EdgeType.CALLS,
    EdgeType.IMPORTS_FROM,
    EdgeType.INSTANCE_OF,
    EdgeType.EXTENDS,
    EdgeType.IMPORTS,
)
#: Edges from a node to what it structurally contains.
STRUCTURE_EDGES = (EdgeType.CONTAINS, EdgeType.DECLARES, EdgeType.HAS_PARAMETER)
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
#: How far up `enclosing_definition` climbs (nesting deeper than this is generated code).
MAX_NESTING = 64


def lookup_name(snap: Snapshot, file: str, word: str, scopes: list[Node]) -> Node | None:
    """A bare name resolved through the enclosing scopes (innermost first), then the module.

    Python's rule that a class body does not enclose its methods is kept:
    a class scope only counts when the cursor is directly in it.
    """
    if not word:
        return None
    candidates = [n for n in file_nodes(snap, file) if n.name == word and n.type in BINDINGS]
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
            if node.type == NodeType.CALL and etype == EdgeType.IMPORTS:
                # A call's IMPORTS edges record what its resolution read in
                # other files (names.Deps): dependencies, not answers.
                continue
            dst = snap.node(e.dst)
            if dst is not None and file_of_id(dst.id) and dst not in out:
                out.append(dst)
        if out:
            break
    return out


def definitions(snap: Snapshot, file: str, target: Target) -> list[Node]:
    """Where the thing under the cursor is defined (possibly several places)."""
    node = target.node
    if node is not None:
        if target.on_definition:
            return [node]
        resolved = follow(snap, node)
        if resolved:
            return resolved
        if node.type == NodeType.CALL and "receiver" in node.attrs:
            return []  # `obj.m()` is never a binding named `m` in scope
        if node.type == NodeType.CALL and "head_param" in node.attrs:
            # `callback()` calls a parameter of the innermost named function.
            found = lookup_name(snap, file, target.word, target.scopes)
            return [found] if found is not None and found.type == NodeType.PARAMETER else []
        if node.type == NodeType.CALL and ("head_local" in node.attrs or "head_type" in node.attrs):
            # Bound by an enclosing callback or local the graph has no node
            # for: any same-named definition further out would be wrong.
            return []
        if node.type == NodeType.IMPORT:
            # Unresolved import: the binding itself is the best we know.
            return [node]
    base = _base_class(snap, target)
    if base is not None:
        return [base] if isinstance(base, Node) else []
    found = lookup_name(snap, file, target.word, target.scopes)
    if found is None:
        return []
    if found.type == NodeType.IMPORT:
        return follow(snap, found) or [found]
    return [found]


def _base_class(snap: Snapshot, target: Target) -> Node | bool | None:
    """A base named in the header of the class the cursor is directly in
    (`class Migration(migrations.Migration)`: the base, not the class itself);
    False for a dotted base that did not resolve (`urllib.request.Request` is
    not the `Request` of this module); None when the word names no base."""
    cls = target.scopes[0] if target.scopes else None
    if cls is None or cls.type != NodeType.CLASS or not target.word:
        return None
    bases = cls.attrs.get("bases")
    if not isinstance(bases, list):
        return None
    for i, text in enumerate(bases):
        written = str(text).split("<", 1)[0].split("[", 1)[0].strip()
        if written.rsplit(".", 1)[-1] != target.word:
            continue
        for e in snap.edges_out(cls.id, EdgeType.EXTENDS):
            if (e.attrs or {}).get("index") == i:
                return snap.node(e.dst) or False
        return False if "." in written else None
    return None


def definitions_at(snap: Snapshot, file: str, line: int, col: int, line_text: str) -> list[Node]:
    """The definitions the symbol at (line, code-point column) of `file` stands for."""
    return definitions(snap, file, target_at(snap, file, line, col, line_text))


def container_of(snap: Snapshot, node: Node) -> Node | None:
    """The node that structurally contains `node` (a function, class, module, call...)."""
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
    while current is not None and seen < MAX_NESTING:
        if current.type in SCOPES and current is not node:
            return current
        current = container_of(snap, current)
        seen += 1
    return None
