"""`acyclic`: no import cycles among the modules inside the given packages.

Options: packages (module expressions or JS path globs), ignore_imports.
Only imports between modules inside the packages count. Each strongly
connected component (Tarjan) of two or more modules is one violation,
reported with one shortest cycle through its first module (sorted by
name) as the chain, located at that cycle's first import statement, in the
order Tarjan's algorithm finds the components. `CycleItem` keeps them
between checks (see there what an edit searches again).
"""

from __future__ import annotations

from collections.abc import Callable

from graphwarden.analysis.guarantees.contracts.base import Contract, PlanItem, SearchItem
from graphwarden.analysis.guarantees.contracts.graph import ImportGraph, Pair
from graphwarden.analysis.guarantees.results import Violation
from graphwarden.analysis.strongly_connected import strongly_connected


def _leaves(members: set[str], ignored: set[Pair] | frozenset[Pair]) -> Callable[[str, str], bool]:
    """A search's `skip`: an import that leads out of `members`, or is ignored."""
    return lambda importer, imported: imported not in members or (importer, imported) in ignored


def find_cycles(
    graph: ImportGraph,
    members: set[str],
    ignored: set[Pair] | frozenset[Pair] = frozenset(),
    known: dict[tuple[str, ...], list[str]] | None = None,
) -> list[tuple[tuple[str, ...], list[str]]]:
    """(component, cycle) per import cycle among `members`, in Tarjan's order.

    The cycle is one shortest cycle through the component's first module
    (repeated at the end). `ignored` imports do not count. A component in
    `known` keeps the cycle given there: the caller vouches that no import
    inside it changed (the search below reads only those).
    """
    succ = {
        m: sorted(b for b in graph.imports.get(m, ()) if b in members and (m, b) not in ignored)
        for m in members
    }
    cycles = []
    for comp in strongly_connected(members, lambda m: succ.get(m, [])):
        if len(comp) < 2:
            continue
        key = tuple(comp)
        if known is not None and key in known:
            cycles.append((key, known[key]))
            continue
        start = comp[0]
        inside = set(comp)
        # One BFS from `start` inside the component; the cycle closes through
        # whichever importer of `start` is nearest.
        preds = {
            p for p in graph.importers.get(start, ()) if p in inside and (p, start) not in ignored
        }
        paths = graph.shortest_chains(start, preds, _leaves(inside, ignored))
        best = min(paths.values(), key=lambda p: (len(p), p), default=None)
        if best is not None:
            cycles.append((key, [*best, start]))
    return cycles


class CycleItem(SearchItem):
    """The import cycles among some modules (an `acyclic` contract's search).

    After an edit nothing is searched unless an import between two of the
    modules appeared or went. Then the components are found again (Tarjan
    on the modules: its order is the order of the report), and a cycle is
    searched again only in a component that is new or has a changed import
    inside it; the others keep theirs, which a search would find again.
    """

    def __init__(self, members: set[str], ignored: set[Pair] | frozenset[Pair]) -> None:
        self.members = members
        #: The contract's ignored imports (shared, updated in place by its owner).
        self.ignored = ignored
        self._cycles: list[tuple[tuple[str, ...], list[str]]] = []
        self._searches = 0

    def run(self, graph: ImportGraph) -> None:
        self._searches += 1
        self._cycles = find_cycles(graph, self.members, self.ignored)

    def update(self, graph: ImportGraph, added: set[Pair], removed: set[Pair]) -> None:
        members = self.members
        changed = [(a, b) for a, b in added | removed if a in members and b in members]
        if not changed:
            return
        known = {
            comp: cycle
            for comp, cycle in self._cycles
            if not any(a in comp and b in comp for a, b in changed)
        }
        self._searches += 1
        self._cycles = find_cycles(graph, members, self.ignored, known)

    @property
    def searches(self) -> int:
        return self._searches

    def chains(self) -> list[list[str]]:
        """One cycle per component (its first module repeated at the end)."""
        return [cycle for _comp, cycle in self._cycles]


class AcyclicContract(Contract):
    type_name = "acyclic"
    required = {"packages": "str_list"}
    summary = "no import cycles inside {packages}"
    incremental = True

    def plan(self, graph: ImportGraph, ignored: set[Pair]) -> list[PlanItem]:
        out: list[PlanItem] = []
        members: set[str] = set()
        for g in self.groups(graph, self.strings("packages"), out):
            members |= g.members
        out.append(CycleItem(members, ignored))
        return out

    def render_chain(self, graph: ImportGraph, item: SearchItem, chain: list[str]) -> Violation:
        if not isinstance(item, CycleItem):
            return super().render_chain(graph, item, chain)
        v = self.chain_violation(graph, chain, chain[0], chain[0])
        v.message = f"import cycle: {' -> '.join(chain)}"
        v.fingerprint = ""
        v.__post_init__()
        return v
