"""The import graph kept from one check to the next, updated from the cycle's delta.

Building the graph reads every import statement of the workspace (hundreds
of milliseconds on Django); a keystroke changes the statements of one file.
`LiveImportGraph` keeps each file's contribution (graph.py's `FileImports`)
and, after a cycle, reads again only the files the cycle analysed, taking
their old contributions out and putting the new ones in. What changed is
handed to the contracts as a `GraphChange`: direct imports that appeared or
disappeared, and those whose statements moved (a chain through them is
reported at other lines).

Invariant: after `refresh`, `graph` equals `build_import_graph` of the same
snapshot, statements included. The targets of statements depend on the set
of files (the module map), so when a file is added or removed, or without a
delta to go by, the graph is rebuilt and the change says so (`rebuilt`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from graphwarden.analysis.config import Settings
from graphwarden.analysis.guarantees.contracts.graph import (
    FileImports,
    ImportGraph,
    ImportResolution,
    ImportSite,
    ModuleTable,
    Pair,
    assemble,
    build_files_imports,
)
from graphwarden.analysis.store import CommitDelta, Snapshot

_NOTHING = FileImports((), ())


@dataclass
class GraphChange:
    """What one refresh changed in the import graph."""

    #: The graph was built anew (first check, files added or removed): every
    #: result that depends on it must be computed from scratch.
    rebuilt: bool = False
    #: The external packages named changed (contracts may name them).
    externals_changed: bool = False
    added: set[Pair] = field(default_factory=set)
    removed: set[Pair] = field(default_factory=set)
    #: Direct imports still there whose statements changed (moved, added, gone).
    moved: set[Pair] = field(default_factory=set)

    @property
    def empty(self) -> bool:
        return not (
            self.rebuilt or self.externals_changed or self.added or self.removed or self.moved
        )

    def record(self, pair: Pair, old_sites: set[ImportSite], new_sites: set[ImportSite]) -> None:
        """File a direct import whose statements went from `old_sites` to `new_sites`."""
        if old_sites == new_sites:
            return
        if not old_sites:
            self.added.add(pair)
        elif not new_sites:
            self.removed.add(pair)
        else:
            self.moved.add(pair)


class LiveImportGraph:
    """One workspace's import graph, maintained across checks."""

    def __init__(self, settings: Settings | None) -> None:
        self.settings = settings
        self.graph = ImportGraph()
        self._files: dict[str, FileImports] = {}
        self._externals: Counter[str] = Counter()
        self._files_generation = -1
        self._table: ModuleTable | None = None

    def refresh(self, snapshot: Snapshot, delta: CommitDelta | None) -> GraphChange:
        """Bring the graph to `snapshot`; `delta` names the files that may have changed."""
        if (
            self._table is None
            or delta is None
            or snapshot.files_generation != self._files_generation
        ):
            resolution = ImportResolution(snapshot, self.settings)
            self._table = resolution.table
            self._files = build_files_imports(snapshot, resolution)
            self.graph = assemble(resolution, self._files)
            self._externals = Counter(e for f in self._files.values() for e in f.externals)
            self._files_generation = snapshot.files_generation
            return GraphChange(rebuilt=True)
        resolution = ImportResolution(snapshot, self.settings, self._table)
        change = GraphChange()
        before: dict[Pair, set[ImportSite]] = {}
        # Statements are a file's own nodes: only files analysed again can
        # have other ones, or have them elsewhere.
        for file in sorted(delta.analysed_files):
            new = resolution.file_imports(file, resolution.statements_of(file))
            old = self._files.get(file, _NOTHING)
            if old == new:
                continue
            for contribution, step in ((old, -1), (new, 1)):
                for importer, imported, site in contribution.edges:
                    pair = (importer, imported)
                    if pair not in before:
                        before[pair] = set(self.graph.imports.get(importer, {}).get(imported, ()))
                    if step < 0:
                        self.graph.remove(importer, imported, site)
                    else:
                        self.graph.add(importer, imported, site)
                for name in contribution.externals:
                    self._externals[name] += step
            if new.edges or new.externals:
                self._files[file] = new
            else:
                self._files.pop(file, None)
        externals = {name for name, n in self._externals.items() if n > 0}
        self._externals = Counter({name: n for name, n in self._externals.items() if n > 0})
        if externals != self.graph.externals:
            self.graph.externals = externals
            change.externals_changed = True
        for pair, old_sites in before.items():
            change.record(
                pair, old_sites, set(self.graph.imports.get(pair[0], {}).get(pair[1], ()))
            )
        return change
