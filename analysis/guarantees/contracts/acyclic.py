"""`acyclic`: no import cycles among the modules inside the given packages.

Options: packages (module expressions or JS path globs), ignore_imports.
Only imports between modules inside the packages count. Each strongly
connected component (Tarjan) of two or more modules is one violation,
reported with one shortest cycle through its first module (sorted by
name) as the chain, located at that cycle's first import statement.
"""

from __future__ import annotations

from collections.abc import Callable

from graphwarden.analysis.guarantees.contracts.base import Contract
from graphwarden.analysis.guarantees.contracts.graph import ImportGraph
from graphwarden.analysis.guarantees.results import Violation


def strongly_connected(nodes: set[str], succ: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative (deep import graphs must not hit the recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in sorted(nodes):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack.add(v)
            recurse = False
            children = succ.get(v, [])
            while i < len(children):
                w = children[i]
                i += 1
                if w not in index:
                    work.append((v, i))
                    work.append((w, 0))
                    recurse = True
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            if recurse:
                continue
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                out.append(sorted(comp))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
    return out


def _leaves(members: set[str]) -> Callable[[str, str], bool]:
    """A search's `skip`: an import that leads out of `members`."""
    return lambda _importer, imported: imported not in members


def find_cycles(graph: ImportGraph, members: set[str]) -> list[list[str]]:
    """One shortest cycle (first module repeated at the end) per import cycle among members."""
    succ = {m: sorted(b for b in graph.imports.get(m, ()) if b in members) for m in members}
    cycles = []
    for comp in strongly_connected(members, succ):
        if len(comp) < 2:
            continue
        start = comp[0]
        inside = set(comp)
        # One BFS from `start` inside the component; the cycle closes through
        # whichever importer of `start` is nearest.
        preds = {p for p in graph.importers.get(start, ()) if p in inside}
        paths = graph.shortest_chains(start, preds, _leaves(inside))
        best = min(paths.values(), key=lambda p: (len(p), p), default=None)
        if best is not None:
            cycles.append([*best, start])
    return cycles


class AcyclicContract(Contract):
    type_name = "acyclic"
    required = {"packages": "str_list"}
    summary = "no import cycles inside {packages}"

    def check_graph(self, graph: ImportGraph) -> list[Violation]:
        out: list[Violation] = []
        members: set[str] = set()
        for g in self.groups(graph, self.strings("packages"), out):
            members |= g.members
        for cycle in find_cycles(graph, members):
            v = self.chain_violation(graph, cycle, cycle[0], cycle[0])
            v.message = f"import cycle: {' -> '.join(cycle)}"
            v.fingerprint = ""
            v.__post_init__()
            out.append(v)
        return out
