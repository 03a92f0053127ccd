"""`acyclic`: no import cycles among the modules inside the given packages.

Options: packages (module expressions or JS path globs), ignore_imports.
Only imports between modules inside the packages count. Each strongly
connected component of two or more modules is one violation, reported with
one shortest cycle through its first module (sorted by name) as the chain,
located at that cycle's first import statement (cycles.py finds them and
keeps them up to date).
"""

from __future__ import annotations

from graphwarden.analysis.guarantees.contracts.base import (
    Contract,
    CycleItem,
    PlanItem,
    Search,
)
from graphwarden.analysis.guarantees.contracts.cycles import CycleSearch
from graphwarden.analysis.guarantees.contracts.graph import ImportGraph, Pair
from graphwarden.analysis.guarantees.results import Violation


class AcyclicContract(Contract):
    type_name = "acyclic"
    required = {"packages": "str_list"}
    summary = "no import cycles inside {packages}"

    def plan(self, graph: ImportGraph, ignored: set[Pair]) -> list[PlanItem]:
        out: list[PlanItem] = []
        members: set[str] = set()
        for g in self.groups(graph, self.strings("packages"), out):
            members |= g.members
        out.append(CycleItem(CycleSearch(members, ignored)))
        return out

    def render(self, graph: ImportGraph, item: Search) -> list[Violation]:
        if not isinstance(item, CycleItem):
            return super().render(graph, item)
        out = []
        for cycle in item.search.cycles():
            v = self.chain_violation(graph, cycle, cycle[0], cycle[0])
            v.message = f"import cycle: {' -> '.join(cycle)}"
            v.fingerprint = ""
            v.__post_init__()
            out.append(v)
        return out
