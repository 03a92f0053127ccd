"""`forbidden`: source modules must not import forbidden modules (import-linter semantics).

Options: source_modules, forbidden_modules, ignore_imports,
allow_indirect_imports (only direct imports count), as_packages (default
true: a module stands for itself and its descendants). Pairs where a source
and a forbidden module overlap (one contains the other) are skipped, as in
import-linter, so `pkg.*` can be forbidden to `pkg.a`.
"""

from __future__ import annotations

from graphwarden.analysis.guarantees.contracts.base import ChainItem, Contract, PlanItem
from graphwarden.analysis.guarantees.contracts.chains import ChainSearch
from graphwarden.analysis.guarantees.contracts.graph import ImportGraph, ModuleGroup, Pair


def _overlap(a: ModuleGroup, b: ModuleGroup, as_packages: bool) -> bool:
    if a.name == b.name:
        return True
    if as_packages:
        return a.name.startswith(b.name + ".") or b.name.startswith(a.name + ".")
    return False


class ForbiddenContract(Contract):
    type_name = "forbidden"
    required = {"source_modules": "str_list", "forbidden_modules": "str_list"}
    optional = {"allow_indirect_imports": "bool", "as_packages": "bool"}
    summary = "{source_modules} must not import {forbidden_modules}"
    incremental = True

    def plan(self, graph: ImportGraph, ignored: set[Pair]) -> list[PlanItem]:
        out: list[PlanItem] = []
        sources = self.groups(graph, self.strings("source_modules"), out)
        forbidden = self.groups(graph, self.strings("forbidden_modules"), out)
        as_packages = self.flag("as_packages", True)
        direct = self.flag("allow_indirect_imports", False)
        for s in sorted(sources, key=lambda g: g.name):
            for f in sorted(forbidden, key=lambda g: g.name):
                if _overlap(s, f, as_packages):
                    continue
                search = ChainSearch(s, f, ignored=ignored, direct_only=direct)
                out.append(ChainItem(search, s.name, f.name))
        return out
