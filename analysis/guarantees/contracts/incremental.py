"""A contract's results kept from check to check, updated from the live graph's changes.

`Contract.check` scopes the graph (root packages, externals, type-only
imports), takes the ignored imports out and runs the contract's plan.
`ContractState` does the same once, then follows the live import graph
(live_graph.py) edit by edit:

* `ScopedGraph` keeps the contract's scoped graph. Without scoping options
  it is the live graph itself. Otherwise it is `Contract.scoped` of the
  live graph, kept by recomputing the direct imports of each importer the
  change touched, with `Contract.scoped` itself applied to that importer's
  imports alone (each scoping keeps or maps an importer's imports
  independently of the others'), and diffing them: a `GraphChange` of the
  scoped graph.
* `IgnoreMatches` keeps which direct imports each `ignore_imports` entry
  matches (whether one does depends on the two names only), so the
  unmatched entries and the ignored imports follow the graph.
* The plan's searches (chains.py, acyclic.py) are updated from the scoped
  graph's added and removed imports, ignored ones left out. A chain's
  violation is kept while none of its hops' statements changed (appeared,
  went or moved), and rendered from the scoped graph again otherwise, so
  the lines of a chain follow its statements.

A plan depends on the graph's modules and external names only. So the
state starts again from scratch when the live graph was rebuilt (a file
added or removed changes the module map), when its external packages
changed, or when the scoped graph's external names changed (with root
packages, an import of a module outside them names its top-level package).

Invariant: `violations()` equals `contract.check(live)` for the live graph
it was last updated to, list order included
(tests/test_incremental_equivalence.py and tests/guarantees check it).
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import fields

from graphwarden.analysis.guarantees.contracts.base import Contract, SearchItem
from graphwarden.analysis.guarantees.contracts.graph import (
    ImportGraph,
    ImportSite,
    Pair,
    compile_ignore,
)
from graphwarden.analysis.guarantees.contracts.live_graph import GraphChange
from graphwarden.analysis.guarantees.results import Violation

#: Beyond this many importers with changed imports (a formatter run over the
#: workspace moves every statement), building a scoped graph again is
#: cheaper than updating it importer by importer (Django: ~0.3 ms per
#: importer, ~30 ms for the whole graph).
MAX_TOUCHED_IMPORTERS = 64


class ScopedGraph:
    """The graph a contract checks (`Contract.scoped` of the live graph), kept up to date."""

    def __init__(self, contract: Contract, live: ImportGraph) -> None:
        self.contract = contract
        scoped = contract.scoped(live)
        #: Without scoping options `scoped` returns the live graph itself.
        self.identity = scoped is live
        self.graph = scoped
        #: With root packages (and externals), the external names each
        #: importer's imports bring, and how many importers name each.
        self._names_follow = contract.scope_names_follow_imports()
        self._names_of: dict[str, frozenset[str]] = {}
        self._name_count: Counter[str] = Counter()
        if self._names_follow:
            # Type-only imports name packages too (the scoping keeps the names
            # when it drops the imports): the names are counted with them.
            excludes = contract.flag("exclude_type_checking_imports", False)
            named = contract.scoped(live, type_checking=True) if excludes else scoped
            for a, targets in named.imports.items():
                self._set_names(a, frozenset(t for t in targets if t in named.externals))

    def update(self, live: ImportGraph, change: GraphChange) -> GraphChange | None:
        """How the scoped graph changed with the live graph (None: start again)."""
        if change.rebuilt or change.externals_changed:
            return None
        if self.identity:
            return change if live is self.graph else None
        touched = {a for a, _b in change.added | change.removed | change.moved}
        if len(touched) > MAX_TOUCHED_IMPORTERS:
            return None
        out = GraphChange()
        graph = self.graph
        for a in sorted(touched):
            new, names = self._scoped_imports(live, a)
            old = graph.imports.get(a, {})
            for b in old.keys() - new.keys():
                out.removed.add((a, b))
                importers = graph.importers[b]
                importers.discard(a)
                if not importers:
                    del graph.importers[b]
            for b in new.keys() - old.keys():
                out.added.add((a, b))
                graph.importers.setdefault(b, set()).add(a)
            for b in new.keys() & old.keys():
                if new[b] != old[b]:
                    out.moved.add((a, b))
            if new:
                graph.imports[a] = new
            else:
                graph.imports.pop(a, None)
            if self._names_follow:
                self._set_names(a, names)
        if self._names_follow and set(self._name_count) != graph.externals:
            return None
        return out

    def _scoped_imports(
        self, live: ImportGraph, importer: str
    ) -> tuple[dict[str, list[ImportSite]], frozenset[str]]:
        """The scoped graph's imports of one importer, and the external names they bring.

        `Contract.scoped` of a graph made of the importer's imports and of
        the names its decisions read: the importer, the modules it imports
        and their top-level packages (the scoping asks of each name only
        whether it is a module, an external, inside the root packages).
        """
        targets = live.imports.get(importer, {})
        names = {importer, *targets, *(b.split(".", 1)[0] for b in targets)}
        one = ImportGraph(
            {n: live.modules[n] for n in names if n in live.modules},
            names & live.externals,
            python=names & live.python,
            js=names & live.js,
        )
        if targets:
            one.imports[importer] = targets
        scoped = self.contract.scoped(one)
        return scoped.imports.get(importer, {}), frozenset(scoped.externals)

    def _set_names(self, importer: str, names: frozenset[str]) -> None:
        old = self._names_of.pop(importer, frozenset())
        self._name_count.subtract(old)
        self._name_count.update(names)
        for name in old - names:
            if self._name_count[name] <= 0:
                del self._name_count[name]
        if names:
            self._names_of[importer] = names


class IgnoreMatches:
    """Which direct imports a contract's `ignore_imports` entries match, kept up to date."""

    def __init__(self, exprs: list[str], graph: ImportGraph) -> None:
        self.exprs = exprs
        self._patterns = [compile_ignore(e) for e in exprs]
        self._matched: list[set[Pair]] = [set() for _ in exprs]
        #: Every ignored import (shared with the searches: updated in place).
        self.ignored: set[Pair] = set()
        if exprs:
            for a, targets in graph.imports.items():
                for b in targets:
                    self._add((a, b))

    def _add(self, pair: Pair) -> None:
        for (lp, rp), matched in zip(self._patterns, self._matched, strict=True):
            if lp.match(pair[0]) and rp.match(pair[1]):
                matched.add(pair)
                self.ignored.add(pair)

    def update(self, added: set[Pair], removed: set[Pair]) -> None:
        if not self.exprs:
            return
        for pair in removed:
            for matched in self._matched:
                matched.discard(pair)
            self.ignored.discard(pair)
        for pair in added:
            self._add(pair)

    def unmatched(self) -> list[str]:
        return [e for e, matched in zip(self.exprs, self._matched, strict=True) if not matched]


class ContractState:
    """One contract's results against the live import graph, updated edit by edit."""

    def __init__(self, contract: Contract, live: ImportGraph) -> None:
        assert contract.incremental, contract.type_name
        self.contract = contract
        self.scoped = ScopedGraph(contract, live)
        graph = self.scoped.graph
        self.ignores = IgnoreMatches(contract.ignore, graph)
        self.items = contract.plan(graph, self.ignores.ignored)
        for item in self.items:
            if isinstance(item, SearchItem):
                item.run(graph)
        #: (item's index, chain) -> its violation, while no hop's statements changed.
        self._rendered: dict[tuple[int, tuple[str, ...]], Violation] = {}

    def update(self, live: ImportGraph, change: GraphChange) -> bool:
        """Follow the live graph's `change`; False when the state must start again."""
        scoped_change = self.scoped.update(live, change)
        if scoped_change is None:
            return False
        changed = scoped_change.added | scoped_change.removed | scoped_change.moved
        if changed and self._rendered:
            self._rendered = {
                key: v
                for key, v in self._rendered.items()
                if not any(hop in changed for hop in itertools.pairwise(key[1]))
            }
        ignored = self.ignores.ignored
        removed = scoped_change.removed - ignored
        self.ignores.update(scoped_change.added, scoped_change.removed)
        added = scoped_change.added - ignored
        if added or removed:
            for item in self.items:
                if isinstance(item, SearchItem):
                    item.update(self.scoped.graph, added, removed)
        return True

    @property
    def searches(self) -> int:
        """How many searches the state's items ran, from the start (tests, profiling)."""
        return sum(item.searches for item in self.items if isinstance(item, SearchItem))

    def violations(self) -> list[Violation]:
        """The contract's results, as `contract.check` gives them (fresh objects: whoever
        gets them may move them, `relocate`)."""
        graph, contract = self.scoped.graph, self.contract
        out = contract.unmatched_warnings(self.ignores.unmatched())
        rendered: dict[tuple[int, tuple[str, ...]], Violation] = {}
        for i, item in enumerate(self.items):
            if isinstance(item, Violation):
                out.append(_copy(item))
                continue
            for chain in item.chains():
                key = (i, tuple(chain))
                v = self._rendered.get(key)
                if v is None:
                    v = contract.render_chain(graph, item, chain)
                rendered[key] = v
                out.append(_copy(v))
        self._rendered = rendered
        return out


_FIELDS = tuple(f.name for f in fields(Violation))


def _copy(v: Violation) -> Violation:
    """A copy of a violation (its own list of related locations); `dataclasses.replace`
    takes twice as long, and a contract broken in hundreds of places copies them all."""
    out = Violation(*[getattr(v, name) for name in _FIELDS])
    out.related = list(v.related)
    return out
