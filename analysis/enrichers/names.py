"""Name lookup inside one file, shared by inheritance, instances and calls.

`FileScope.lookup(scope, name)` finds what a bare name means at a point of a
file: the innermost enclosing function's nested definitions and local
imports, then the enclosing functions outwards (class bodies are skipped, as
Python does), then module level: definitions, import bindings (through their
IMPORTS_FROM edges, the imports enricher's output for this file) and star
imports. `resolve_dotted` continues through modules (`mod.Class`,
`a.b.func`, namespace imports) and classes (`Outer.Inner`).

Resolving `mod.name` reads the target module's nodes, possibly through
re-exports: the nodes passed through are collected in `deps` (ids of
re-export nodes in other files, and placeholder keys of names missing from a
workspace module) so the caller can record them as edges, which is what puts
this file in the blast radius when they change.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

from graphwarden.analysis.enrichers.imports import Resolution, Resolver, placeholder_node
from graphwarden.analysis.enrichers.imports.edges import VIA_REEXPORT
from graphwarden.analysis.enrichers.name_uses import NameUse, foreign_uses
from graphwarden.analysis.enrichers.workspace import FileSummary, WorkspaceIndex, is_python
from graphwarden.analysis.model import (
    MODULE_SCOPE,
    Edge,
    EdgeType,
    Node,
    NodeType,
    base_order,
    file_of_id,
    id_path,
    scoped_id,
    str_attr,
)
from graphwarden.analysis.summaries import SummaryNode

if TYPE_CHECKING:
    from graphwarden.analysis.store import Snapshot

FUNCTION_TYPES = (NodeType.FUNCTION, NodeType.METHOD)
#: How many classes a member lookup visits at most (deep or cyclic hierarchies).
MAX_MRO = 64


class Deps:
    """What a resolution depended on in other files (see module docstring)."""

    __slots__ = ("keys", "nodes")

    def __init__(self) -> None:
        self.nodes: list[str] = []
        self.keys: list[str] = []

    def edges(self, src: str, file: str) -> list[Edge]:
        out = [
            Edge(src, EdgeType.IMPORTS, n, dict(VIA_REEXPORT))
            for n in self.nodes
            if file_of_id(n) != file
        ]
        out += [Edge(src, EdgeType.IMPORTS, placeholder_node(k).id) for k in self.keys]
        return out

    def placeholder_nodes(self) -> list[Node]:
        return [placeholder_node(k) for k in self.keys]


def _clean(text: str) -> str:
    """`Base[T]` -> `Base`, `Foo<T>` -> `Foo`, `(a.b)` -> `a.b`."""
    text = text.strip().strip("()")
    for ch in "[<(":
        i = text.find(ch)
        if i != -1:
            text = text[:i]
    return text.strip()


def head_name(text: str) -> str | None:
    """The local name `resolve_dotted` looks up first for an expression, if any."""
    parts = _clean(text).split(".")
    return parts[0] if all(parts) else None


def reads_any(names: AbstractSet[str], looked_up: AbstractSet[str]) -> bool:
    """Whether bindings of `names` matter to a file that looks up `looked_up`
    (a star import's, "*", may answer any name not bound otherwise)."""
    return "*" in names or bool(names & looked_up)


def mro(snapshot: Snapshot, cls: SummaryNode, index: WorkspaceIndex) -> list[SummaryNode]:
    """The class and its bases, depth-first left to right, each once (cycle-safe).

    Memoised for the index's revision (EXTENDS edges cannot change within one
    revision)."""
    hit = index.mro_cache.get(cls.id)
    if hit is None:
        hit = index.mro_cache[cls.id] = _linearise(snapshot, cls, index)
    return hit


def _linearise(snapshot: Snapshot, cls: SummaryNode, index: WorkspaceIndex) -> list[SummaryNode]:
    out: list[SummaryNode] = []
    seen: set[str] = set()
    stack = [cls]
    while stack and len(out) < MAX_MRO:
        c = stack.pop()
        if c.id in seen:
            continue
        seen.add(c.id)
        out.append(c)
        bases = snapshot.edges_out(c.id, EdgeType.EXTENDS)
        bases.sort(key=lambda e: base_order(e.attrs))
        for e in reversed(bases):
            if e.dst not in seen:
                node = index.node(snapshot, e.dst)
                if node is not None and node.type == NodeType.CLASS:
                    stack.append(node)
    return out


def lookup_member(
    snapshot: Snapshot, index: WorkspaceIndex, cls: SummaryNode, name: str, skip_self: bool = False
) -> SummaryNode | None:
    """`name` on class `cls` or, first found, on its bases (methods, class variables)."""
    for i, c in enumerate(mro(snapshot, cls, index)):
        if skip_self and i == 0:
            continue
        members = index.summary(snapshot, c.file).members.get(c.id)
        if members:
            m = members.get(name)
            if m is not None:
                return m
        nested = index.summary(snapshot, c.file).by_path.get(f"{id_path(c.id)}.{name}")
        if nested is not None and nested.type == NodeType.CLASS:
            return nested
    return None


class FileScope:
    """Lookups in one file against one snapshot."""

    def __init__(self, snapshot: Snapshot, index: WorkspaceIndex, file: str) -> None:
        self.snap = snapshot
        self.idx = index
        self.file = file
        self.s: FileSummary = index.summary(snapshot, file)
        self.python = is_python(file)
        self.resolver = Resolver(snapshot, index)
        self._bindings: dict[str, SummaryNode | None] = {}
        self._star: dict[str, str] | None = None

    # -- bindings -------------------------------------------------------------------

    def binding(self, imp: SummaryNode) -> SummaryNode | None:
        """What an IMPORT binding of this file resolved to (its IMPORTS_FROM edge)."""
        if imp.id in self._bindings:
            return self._bindings[imp.id]
        target = None
        for e in self.snap.edges_out(imp.id, EdgeType.IMPORTS_FROM):
            target = self.idx.node(self.snap, e.dst)
            break
        self._bindings[imp.id] = target
        return target

    def uses(self) -> list[NameUse]:
        """The names of other files these look-ups read (name_uses.py)."""
        return foreign_uses(self.file, self.resolver.uses)

    def star_names(self) -> dict[str, str]:
        if self._star is None:
            self._star = {}
            for star in self.s.star_imports:
                for e in self.snap.edges_out(star.id, EdgeType.IMPORTS_FROM):
                    name = str_attr(e.attrs or {}, "name")
                    if name:
                        self._star.setdefault(name, e.dst)
        return self._star

    # -- names ----------------------------------------------------------------------

    def lookup(self, scope: str, name: str) -> SummaryNode | None:
        """What bare `name` means inside scope id-path `scope` ("" or "<module>": module)."""
        by_path = self.s.by_path
        path = "" if scope == MODULE_SCOPE else scope
        first = True
        while path:
            owner = by_path.get(path)
            if first or owner is None or owner.type != NodeType.CLASS:
                node = by_path.get(f"{path}.{name}")
                if node is not None:
                    return node
                imp = self.s.by_id.get(scoped_id(self.file, NodeType.IMPORT, path, name))
                if imp is not None:
                    return self.binding(imp)
            first = False
            path = path.rsplit(".", 1)[0] if "." in path else ""
        node = self.s.top.get(name)
        if node is not None:
            return node
        imp = self.s.imports.get(name)
        if imp is not None:
            return self.binding(imp)
        if self.s.star_imports:
            dst = self.star_names().get(name)
            if dst is not None:
                return self.idx.node(self.snap, dst)
        return None

    def enclosing_class(self, scope: str) -> SummaryNode | None:
        path = "" if scope == MODULE_SCOPE else scope
        while path:
            node = self.s.by_path.get(path)
            if node is not None and node.type == NodeType.CLASS:
                return node
            path = path.rsplit(".", 1)[0] if "." in path else ""
        return None

    def _import_binding(self, scope: str, name: str) -> SummaryNode | None:
        path = "" if scope == MODULE_SCOPE else scope
        while True:
            imp = self.s.by_id.get(
                scoped_id(self.file, NodeType.IMPORT, path or MODULE_SCOPE, name)
            )
            if imp is not None or not path:
                return imp
            path = path.rsplit(".", 1)[0] if "." in path else ""

    def member_of_module(self, module: SummaryNode, name: str, deps: Deps) -> SummaryNode | None:
        res = Resolution()
        self.resolver.export(module.file, name, res, set())
        deps.nodes.extend(h.id for h in res.hops)
        if res.node is None and res.missing and self.python:
            deps.keys.append(res.missing)
        deps.keys.extend(res.missing_stars)
        return res.node

    def resolve_dotted(self, scope: str, text: str, deps: Deps) -> SummaryNode | None:
        """What an expression like `Base`, `mod.Base`, `a.b.f`, `Outer.Inner` names."""
        text = _clean(text)
        if not text:
            return None
        parts = text.split(".")
        if not all(parts):
            return None
        node: SummaryNode | None = None
        rest = parts[1:]
        if self.python and len(parts) > 1:
            imp = self._import_binding(scope, parts[0])
            if (
                imp is not None
                and imp.attrs.get("kind") == "import"
                and imp.attrs.get("alias") is None
            ):
                # `import a.b.c` then `a.b.c.f`: the longest imported module prefix.
                source = str_attr(imp.attrs, "source") or ""
                for i in range(len(parts) - 1, 0, -1):
                    dotted = ".".join(parts[:i])
                    if dotted == source or source.startswith(dotted + "."):
                        f = self.idx.py_modules.get(dotted)
                        if f is not None:
                            node = self.idx.summary(self.snap, f).module
                            rest = parts[i:]
                        break
        if node is None:
            node = self.lookup(scope, parts[0])
            rest = parts[1:]
        for part in rest:
            if node is None:
                return None
            if node.type == NodeType.MODULE:
                node = self.member_of_module(node, part, deps)
            elif node.type == NodeType.CLASS:
                node = lookup_member(self.snap, self.idx, node, part)
            else:
                return None
        return node

    def instance_class(self, var: SummaryNode) -> SummaryNode | None:
        """The class a variable holds an instance of (its INSTANCE_OF edge)."""
        for e in self.snap.edges_out(var.id, EdgeType.INSTANCE_OF):
            node = self.idx.node(self.snap, e.dst)
            if node is not None:
                return node
        return None
