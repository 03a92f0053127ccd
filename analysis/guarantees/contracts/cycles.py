"""Import cycles among a set of modules, with their components kept up to date.

Each strongly connected component of two or more modules is one cycle,
reported as one shortest cycle through its first module (by name): a
breadth-first search inside the component from that module back to it.
`CycleSearch` keeps the components and their cycles; after an edit:

* a new import a -> b inside one component changes no component; between
  two components, it merges every module on a path b -> ... -> a with them
  (the modules b reaches that reach a), if there is one;
* a removed import inside a component may split it: only that component's
  modules are searched again (Tarjan on them alone). An import between
  components holds no cycle together, so removing it changes none;
* a component's cycle is searched again only when the component is new or
  an import inside it appeared or went; the others keep theirs.

The components and cycles equal those found from scratch on the new graph.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from graphwarden.analysis.guarantees.contracts.graph import ImportGraph, Pair
from graphwarden.analysis.strongly_connected import strongly_connected


class CycleSearch:
    """The import cycles among `members` (ignoring `ignored` imports), kept up to date."""

    def __init__(self, members: set[str], ignored: set[Pair]) -> None:
        self.members = members
        #: The contract's ignored imports (shared, updated in place by its owner).
        self.ignored = ignored
        #: Module -> the (sorted) component it belongs to, for components of 2+.
        self._component: dict[str, tuple[str, ...]] = {}
        #: Component -> its reported cycle (first module repeated at the end).
        self._cycles: dict[tuple[str, ...], list[str]] = {}

    def _succ(self, graph: ImportGraph, inside: set[str]) -> Callable[[str], list[str]]:
        def succ(m: str) -> list[str]:
            return sorted(
                b for b in graph.imports.get(m, ()) if b in inside and (m, b) not in self.ignored
            )

        return succ

    def search(self, graph: ImportGraph) -> None:
        """Every component and cycle, from scratch."""
        self._component = {}
        self._cycles = {}
        for comp in strongly_connected(self.members, self._succ(graph, self.members)):
            self._set_component(graph, tuple(comp))

    def update(self, graph: ImportGraph, added: set[Pair], removed: set[Pair]) -> None:
        """Bring components and cycles to `graph`, which differs by these imports."""
        inside = self.members

        def counts(p: Pair) -> bool:
            return p[0] in inside and p[1] in inside and p not in self.ignored

        added = {p for p in added if counts(p)}
        removed = {p for p in removed if counts(p)}
        stale: set[tuple[str, ...]] = set()
        # Removals first: split what they held together (searched on the new
        # graph: the additions' merges below then see every part).
        for a, b in removed:
            comp = self._component.get(a)
            if comp is not None and b in comp:
                stale.add(comp)
        for comp in stale:
            self._drop_component(comp)
            for part in strongly_connected(set(comp), self._succ(graph, set(comp))):
                self._set_component(graph, tuple(part))
        # Additions: merge the components a cycle through the new import joins.
        for a, b in sorted(added):
            comp = self._component.get(a)
            if comp is not None and b in comp:
                self._set_component(graph, comp)  # same modules, another cycle maybe
                continue
            forward = self._reach(graph, b, forward=True)
            if a not in forward:
                continue
            joined = forward & self._reach(graph, a, forward=False)
            for m in joined:
                old = self._component.get(m)
                if old is not None:
                    self._drop_component(old)
            self._set_component(graph, tuple(sorted(joined)))

    def _reach(self, graph: ImportGraph, start: str, forward: bool) -> set[str]:
        """Members reachable from `start` (or reaching it), `start` included."""
        seen = {start}
        queue = deque([start])
        while queue:
            cur = queue.popleft()
            nxt = graph.imports.get(cur, {}) if forward else graph.importers.get(cur, set())
            for m in nxt:
                pair = (cur, m) if forward else (m, cur)
                if m in self.members and m not in seen and pair not in self.ignored:
                    seen.add(m)
                    queue.append(m)
        return seen

    def _drop_component(self, comp: tuple[str, ...]) -> None:
        self._cycles.pop(comp, None)
        for m in comp:
            if self._component.get(m) == comp:
                del self._component[m]

    def _set_component(self, graph: ImportGraph, comp: tuple[str, ...]) -> None:
        """Record a component (of 2+ modules) and search its cycle."""
        self._cycles.pop(comp, None)
        if len(comp) < 2:
            return
        for m in comp:
            self._component[m] = comp
        start = comp[0]
        inside = set(comp)
        # One BFS from `start` inside the component; the cycle closes through
        # whichever importer of `start` is nearest.
        preds = {
            p
            for p in graph.importers.get(start, ())
            if p in inside and (p, start) not in self.ignored
        }
        paths = graph.shortest_chains(
            start, preds, lambda a, b: b not in inside or (a, b) in self.ignored
        )
        best = min(paths.values(), key=lambda p: (len(p), p), default=None)
        if best is not None:
            self._cycles[comp] = [*best, start]

    def cycles(self) -> list[list[str]]:
        """One shortest cycle per component, ordered by cycle."""
        return sorted(self._cycles.values())
