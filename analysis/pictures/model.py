"""The module dependency graph as data: what every picture (DOT, Mermaid, HTML) draws.

Nodes are modules (Python dotted names, JS/TS workspace paths), or groups of
them when the graph is collapsed to a depth (a Python package, a JS/TS
directory, written with a trailing ``/``), or external packages. An edge
stands for every import statement from one node's modules to the other's,
and keeps them as sites, so a picture can point at each statement. Bands are
the layers of a `layers` contract, highest first. Highlighted paths are
sequences of module-to-module hops (a violation's import chain today, a taint
path later) with where each hop is written; the builder maps them onto the
drawn nodes and edges.

Ranges are 0-based with code-point columns, like everything in the graph;
renderers convert for their readers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from graphwarden.analysis.model import Range

#: A node's kind: one module, a collapsed Python package, a collapsed JS/TS
#: directory, or a package from outside the workspace.
NodeKind = Literal["module", "package", "directory", "external"]
Language = Literal["python", "javascript", "external"]


@dataclass(frozen=True, slots=True)
class EdgeSite:
    """One import statement behind an edge: `importer` imports `imported` at `file`/`range`."""

    importer: str
    imported: str
    file: str
    range: Range


@dataclass(frozen=True, slots=True)
class GraphNode:
    id: str
    kind: NodeKind
    language: Language
    #: The modules drawn as this node (itself alone when not collapsed), sorted.
    members: tuple[str, ...]
    #: The file that opens for this node: the module's, a package's
    #: `__init__.py`; None for a directory, a namespace package or an external.
    file: str | None
    #: Index of the node's band (layer), None when outside every layer or
    #: when its members sit in different layers.
    band: int | None = None


@dataclass(frozen=True, slots=True)
class GraphEdge:
    source: str
    target: str
    #: Every import statement the edge stands for, sorted by file and position.
    #: Empty for an edge drawn only because a highlighted path crosses it.
    sites: tuple[EdgeSite, ...]

    @property
    def weight(self) -> int:
        return len(self.sites)

    @property
    def key(self) -> tuple[str, str]:
        return (self.source, self.target)


@dataclass(frozen=True, slots=True)
class Band:
    """One layer of a `layers` contract; index 0 is the highest layer."""

    index: int
    name: str


@dataclass(frozen=True, slots=True)
class PathHop:
    """One step of a highlighted path, between two modules (full names, not collapsed)."""

    source: str
    target: str
    file: str
    range: Range
    message: str


@dataclass(frozen=True, slots=True)
class HighlightedPath:
    """A path to draw over the graph: a violation's import chain, a taint path later.

    `modules` are the modules the path marks, in order (for a violation
    without a chain: the module it is reported in, if any).
    """

    id: str
    #: "violation" for guarantee results; other producers name their own kind.
    kind: str
    rule: str
    severity: str
    message: str
    file: str
    range: Range
    hops: tuple[PathHop, ...] = ()
    modules: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DrawnPath:
    """A highlighted path mapped onto the drawn graph (after collapsing and focus)."""

    path: HighlightedPath
    #: Node ids the path marks, in order of first appearance.
    nodes: tuple[str, ...]
    #: Drawn edges the path runs along, in hop order (hops inside one node vanish).
    edges: tuple[tuple[str, str], ...]


@dataclass
class ModuleGraph:
    """What a picture draws. Nodes, edges and paths are sorted (the output is deterministic)."""

    nodes: list[GraphNode]
    edges: list[GraphEdge]
    bands: list[Band] = field(default_factory=list)
    #: Name of the `layers` contract the bands come from.
    band_contract: str | None = None
    paths: list[DrawnPath] = field(default_factory=list)
    #: Package depth the modules were collapsed to (None: not collapsed).
    depth: int | None = None
    #: Node ids the picture is focused on (empty: no focus).
    focus: tuple[str, ...] = ()
    #: The file of every workspace module drawn (a member of some node).
    files: dict[str, str] = field(default_factory=dict)

    def node_ids(self) -> set[str]:
        return {n.id for n in self.nodes}

    def highlighted_edges(self) -> set[tuple[str, str]]:
        """Edges that some highlighted path runs along."""
        return {e for p in self.paths for e in p.edges}

    def highlighted_nodes(self) -> set[str]:
        return {n for p in self.paths for n in p.nodes}

    def neighbours(self, ids: set[str]) -> Iterator[str]:
        """Nodes one edge away from `ids`, either direction."""
        for e in self.edges:
            if e.source in ids:
                yield e.target
            if e.target in ids:
                yield e.source
