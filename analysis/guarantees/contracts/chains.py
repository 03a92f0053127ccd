"""Shortest import chains from one group of modules to another, kept up to date.

`forbidden`, `layers` and `independence` report, for each pair of module
groups they check, the shortest chain from each downstream module to each
upstream module it reaches (breadth-first, successors in name order, so
the chain is deterministic), import-linter style: imports inside either
group do not count, and a chain that contains another found chain is
dropped. A `ChainSearch` keeps the chains per downstream module, so that
after an edit only the searches the edit can change run again:

* a new direct import a -> b can change the search from a downstream module
  d only if d reaches a (d's search visits a) and b reaches the upstream
  group (otherwise the search never enters b); those d search again;
* a removed import a -> b changes the search from d only if one of d's
  chains used it. A breadth-first search whose chains to the targets do not
  use a removed edge finds the same chains without it: every node keeps the
  parent it was first discovered from, because nodes only move later in the
  search order when an edge goes, never earlier.

Either way the result equals a search from scratch on the new graph.
"""

from __future__ import annotations

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
        ignored: set[Pair],
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
        #: Modules with a path to the upstream group (where a search may go).
        self._can_reach: set[str] = set()

    def skip(self, a: str, b: str) -> bool:
        """Imports the search does not follow (inside a group, other layers, ignored)."""
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
        if self.direct_only:
            for a in self.down.members:
                self._search_direct(graph, a)
            return
        self._can_reach = graph.reaching(self.up.members, self.skip)
        for d in self.down.members & self._can_reach:
            self._search_from(graph, d)

    def update(self, graph: ImportGraph, added: set[Pair], removed: set[Pair]) -> None:
        """Bring the chains to `graph`, which differs from the last one by these imports."""
        added = {p for p in added if not self.skip(*p)}
        removed = {p for p in removed if not self.skip(*p)}
        if not added and not removed:
            return
        if self.direct_only:
            for a in {a for a, _b in added | removed} & self.down.members:
                self._search_direct(graph, a)
            return
        affected: set[str] = set()
        if removed:
            for d, chains in self._found.items():
                if any(p in removed for chain in chains.values() for p in pairwise(chain)):
                    affected.add(d)
        self._can_reach = graph.reaching(self.up.members, self.skip)
        entries = {a for a, b in added if b in self._can_reach or b in self.up.members}
        if entries:
            affected |= (entries | graph.reaching(entries, self.skip)) & self.down.members
        for d in affected:
            self._search_from(graph, d)

    def _search_from(self, graph: ImportGraph, d: str) -> None:
        found = {}
        if d not in self.removed_modules and d in self._can_reach:
            found = graph.shortest_chains(d, self.up.members, self.skip, allowed=self._can_reach)
        if found:
            self._found[d] = found
        else:
            self._found.pop(d, None)

    def _search_direct(self, graph: ImportGraph, a: str) -> None:
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
        """The chains to report, by downstream then upstream module."""
        chains = [self._found[d][u] for d in sorted(self._found) for u in sorted(self._found[d])]
        return chains if self.direct_only else drop_superchains(chains)


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
