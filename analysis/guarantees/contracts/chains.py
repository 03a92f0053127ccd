"""Shortest import chains from one group of modules to another, kept up to date.

`forbidden`, `layers` and `independence` report, for each pair of module
groups they check, the shortest chain from each downstream module to each
upstream module it reaches, import-linter style: imports inside either
group do not count, the other groups of the pair's contract may be taken
out (`removed_modules`), and a chain that contains another found chain is
dropped. The search from a downstream module d is a breadth-first search
with successors in name order, so the chain it finds to an upstream module
u is the lexicographically smallest (by module names) of the shortest
chains from d to u; a function of the graph alone.

A `ChainSearch` keeps the chains per downstream module and, after an edit,
searches again only from the modules whose chains the edit can change:

* a new direct import a -> b lies on a chain from d only if d reaches a
  (or is a) and b is upstream or reaches the upstream group: those d
  search again;
* a removed import changes nothing for a d none of whose chains used it:
  each of those chains is still there and still shortest (a removal
  lengthens no path that avoids it), and the chains left to choose from
  are a subset of those it was the smallest of.

When neither holds for d, the chains from d on the new graph are the ones
it had. So the chains after `update` equal a `search` from scratch on the
new graph (tests/test_incremental_equivalence.py checks this).

The search keeps `_can_reach`, a set of modules that contains every module
with a path to the upstream group and every importer of a module in it
(so a module outside it reaches no upstream module). From scratch it is
exact; new imports grow it; removed ones leave it (a superset only makes
the searches look at modules that lead nowhere, never changes what they
find).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from itertools import pairwise

from graphwarden.analysis.guarantees.contracts.graph import ImportGraph, ModuleGroup, Pair


class ChainSearch:
    """The chains of one (downstream group, upstream group) pair of a contract."""

    def __init__(
        self,
        down: ModuleGroup,
        up: ModuleGroup,
        *,
        ignored: set[Pair] | frozenset[Pair] = frozenset(),
        removed_modules: Iterable[str] = (),
        direct_only: bool = False,
    ) -> None:
        self.down = down
        self.up = up
        #: The contract's ignored imports (shared, updated in place by its owner).
        self.ignored = ignored
        self.removed_modules = frozenset(removed_modules)
        self.direct_only = direct_only
        #: Downstream module -> upstream module -> shortest chain.
        self._found: dict[str, dict[str, list[str]]] = {}
        #: Modules with a path to the upstream group, and possibly others (see above).
        self._can_reach: set[str] = set()
        #: How many downstream modules were searched from (for tests and profiling).
        self.searches = 0
        #: `chains()` since the last search (None: to compute).
        self._chains: list[list[str]] | None = None

    def skip(self, a: str, b: str) -> bool:
        """Imports the search does not follow (inside a group, other groups, ignored)."""
        dm, um, removed = self.down.members, self.up.members, self.removed_modules
        return (
            (a in dm and b in dm)
            or (a in um and b in um)
            or a in removed
            or b in removed
            or (a, b) in self.ignored
        )

    # -- computing -------------------------------------------------------------------

    def search(self, graph: ImportGraph) -> None:
        """Every chain, from scratch."""
        self._found = {}
        self._chains = None
        if self.direct_only:
            for a in sorted(self.down.members):
                self._search_direct(graph, a)
            return
        # Only modules that can reach the upstream group are worth a search.
        self._can_reach = graph.reaching(self.up.members, self.skip)
        for d in sorted(self.down.members & self._can_reach):
            self._search_from(graph, d)

    def update(self, graph: ImportGraph, added: set[Pair], removed: set[Pair]) -> None:
        """Bring the chains to `graph`, which differs from the last one by these imports."""
        added = {p for p in added if not self.skip(*p)}
        removed = {p for p in removed if not self.skip(*p)}
        if not added and not removed:
            return
        if self.direct_only:
            for a in sorted({a for a, _b in added | removed} & self.down.members):
                self._search_direct(graph, a)
            return
        affected: set[str] = set()
        if removed:
            for d, chains in self._found.items():
                if any(p in removed for chain in chains.values() for p in pairwise(chain)):
                    affected.add(d)
        if added:
            self._grow_can_reach(graph, added)
            up, can_reach = self.up.members, self._can_reach
            entries = {a for a, b in added if b in can_reach or b in up}
            if entries:
                reach = entries | graph.reaching(entries, self.skip)
                affected |= reach & self.down.members
        for d in sorted(affected):
            self._search_from(graph, d)

    def _grow_can_reach(self, graph: ImportGraph, added: set[Pair]) -> None:
        """Add the modules that reach the upstream group through a new import.

        Every importer (not skipped) of the upstream group or of `_can_reach`
        is in `_can_reach`; a new import into either brings its importer in,
        and with it everything that imports that, transitively.
        """
        can_reach, up = self._can_reach, self.up.members
        queue = deque(a for a, b in added if (b in can_reach or b in up) and a not in can_reach)
        while queue:
            cur = queue.popleft()
            if cur in can_reach:
                continue
            can_reach.add(cur)
            for imp in graph.importers.get(cur, ()):
                if imp not in can_reach and not self.skip(imp, cur):
                    queue.append(imp)

    def _search_from(self, graph: ImportGraph, d: str) -> None:
        self._chains = None
        found: dict[str, list[str]] = {}
        if d not in self.removed_modules and d in self._can_reach:
            self.searches += 1
            found = graph.shortest_chains(d, self.up.members, self.skip, allowed=self._can_reach)
        if found:
            self._found[d] = found
        else:
            self._found.pop(d, None)

    def _search_direct(self, graph: ImportGraph, a: str) -> None:
        self._chains = None
        self.searches += 1
        found = {
            b: [a, b]
            for b in graph.imports.get(a, ())
            if b in self.up.members and not self.skip(a, b)
        }
        if found:
            self._found[a] = found
        else:
            self._found.pop(a, None)

    # -- results ---------------------------------------------------------------------

    def chains(self) -> list[list[str]]:
        """The chains to report, by downstream then upstream module (not to be modified)."""
        if self._chains is None:
            found = self._found
            chains = [found[d][u] for d in sorted(found) for u in sorted(found[d])]
            self._chains = chains if self.direct_only else drop_superchains(chains)
        return self._chains


def drop_superchains(chains: list[list[str]]) -> list[list[str]]:
    """Drop chains that contain another found chain (grimp reports only the inner one)."""
    if len(chains) < 2:
        return chains
    keys = [tuple(c) for c in chains]
    short = set(keys)

    def contains_other(c: tuple[str, ...]) -> bool:
        n = len(c)
        for i in range(n):
            for j in range(i + 2, n + 1):
                if (i, j) != (0, n) and c[i:j] in short:
                    return True
        return False

    return [list(c) for c in keys if not contains_other(c)]
