"""The module graph as the JSON the HTML page reads (typed, compact where it is big).

Import sites are most of the volume (Django has ~15,000), so a site is four
numbers: the importer's and the imported module's index in `modules` (whose
entries are `[name, file]`; the statement is in the importer's file), and
its 1-based line and column. Everything a person reads (hops, paths) is
1-based too; the graph's own ranges are 0-based.
"""

from __future__ import annotations

from typing import TypedDict

from graphwarden.analysis.pictures.model import ModuleGraph


class NodeData(TypedDict):
    id: str
    kind: str
    lang: str
    file: str | None
    band: int | None
    #: Indexes into `modules`.
    members: list[int]


class EdgeData(TypedDict):
    s: str
    t: str
    w: int
    #: [importer index, imported index, line, column] per import statement.
    sites: list[tuple[int, int, int, int]]


class BandData(TypedDict):
    index: int
    name: str


class HopData(TypedDict):
    source: str
    target: str
    file: str
    line: int
    column: int
    message: str


class PathData(TypedDict):
    id: str
    kind: str
    rule: str
    severity: str
    message: str
    file: str
    line: int
    column: int
    nodes: list[str]
    edges: list[tuple[str, str]]
    hops: list[HopData]


class PageData(TypedDict):
    title: str
    #: Absolute workspace root, for links that need a full path.
    root: str
    linkTemplate: str
    depth: int | None
    focus: list[str]
    #: A highlighted path's id to open the page on (before `focus`; `#path=` wins over both).
    path: str | None
    bandContract: str | None
    modules: list[tuple[str, str]]
    nodes: list[NodeData]
    edges: list[EdgeData]
    bands: list[BandData]
    paths: list[PathData]


def page_data(
    graph: ModuleGraph, *, title: str, root: str, link_template: str, path: str | None = None
) -> PageData:
    files = {m: graph.files.get(m, "") for node in graph.nodes for m in node.members}
    index = {name: i for i, name in enumerate(sorted(files))}
    return PageData(
        title=title,
        root=root,
        linkTemplate=link_template,
        depth=graph.depth,
        focus=list(graph.focus),
        path=path,
        bandContract=graph.band_contract,
        modules=[(name, files[name]) for name in sorted(files)],
        nodes=[
            NodeData(
                id=n.id,
                kind=n.kind,
                lang=n.language,
                file=n.file,
                band=n.band,
                members=[index[m] for m in n.members],
            )
            for n in graph.nodes
        ],
        edges=[
            EdgeData(
                s=e.source,
                t=e.target,
                w=e.weight,
                sites=[
                    (index[s.importer], index[s.imported], s.range[0] + 1, s.range[1] + 1)
                    for s in e.sites
                ],
            )
            for e in graph.edges
        ],
        bands=[BandData(index=b.index, name=b.name) for b in graph.bands],
        paths=[
            PathData(
                id=d.path.id,
                kind=d.path.kind,
                rule=d.path.rule,
                severity=d.path.severity,
                message=d.path.message,
                file=d.path.file,
                line=d.path.range[0] + 1,
                column=d.path.range[1] + 1,
                nodes=list(d.nodes),
                edges=list(d.edges),
                hops=[
                    HopData(
                        source=h.source,
                        target=h.target,
                        file=h.file,
                        line=h.range[0] + 1,
                        column=h.range[1] + 1,
                        message=h.message,
                    )
                    for h in d.path.hops
                ],
            )
            for d in graph.paths
        ],
    )
