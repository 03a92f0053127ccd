"""`independence`: none of the listed modules may import another (import-linter semantics).

Options: modules, ignore_imports. Like import-linter, this is a single
layer of independent siblings: for each ordered pair the other listed
modules are taken out of the graph, so a chain a -> b -> c is reported
as a -> b and b -> c, not a third time as a -> c.
"""

from __future__ import annotations

from graphwarden.analysis.guarantees.contracts.base import ChainItem, Contract, PlanItem
from graphwarden.analysis.guarantees.contracts.chains import ChainSearch
from graphwarden.analysis.guarantees.contracts.graph import ImportGraph, Pair


class IndependenceContract(Contract):
    type_name = "independence"
    required = {"modules": "str_list"}
    summary = "{modules} are independent of each other"
    incremental = True

    def plan(self, graph: ImportGraph, ignored: set[Pair]) -> list[PlanItem]:
        out: list[PlanItem] = []
        groups = self.groups(graph, self.strings("modules"), out)
        everything = {m for g in groups for m in g.members}
        for a in groups:
            for b in groups:
                if a is b:
                    continue
                others = everything - a.members - b.members
                search = ChainSearch(a, b, ignored=ignored, removed_modules=others)
                out.append(ChainItem(search, a.name, b.name))
        return out
