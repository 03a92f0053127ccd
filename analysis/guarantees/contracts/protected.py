"""`protected`: only the allowed importers may import the protected modules (import-linter 2.5+).

Options: protected_modules, allowed_importers (module expressions, wildcards
allowed), as_packages (default true: each stands for itself and its
descendants), and the shared options. Only direct imports count: a module
that imports an allowed importer, which imports a protected module, breaks
nothing. Modules inside a protected package may import each other. Each
illegal direct import is one violation, at its import statement.
"""

from __future__ import annotations

from graphwarden.analysis.guarantees.contracts.base import Contract
from graphwarden.analysis.guarantees.contracts.graph import ImportGraph, expand
from graphwarden.analysis.guarantees.results import Violation


class ProtectedContract(Contract):
    type_name = "protected"
    required = {"protected_modules": "str_list", "allowed_importers": "str_list"}
    optional = {"as_packages": "bool"}
    summary = "only {allowed_importers} may import {protected_modules}"

    def check_graph(self, graph: ImportGraph) -> list[Violation]:
        out: list[Violation] = []
        as_packages = self.flag("as_packages", True)
        allowed: set[str] = set()
        for expr in self.strings("allowed_importers"):
            for group in expand(graph, expr, as_packages):
                allowed |= group.members
        illegal: set[tuple[str, str]] = set()
        for expr in self.strings("protected_modules"):
            tops = expand(graph, expr, as_packages=False)
            if not tops:
                out.append(self.missing(f"module {expr!r} does not exist in the workspace"))
            for top in tops:
                protected = {top.name}
                if as_packages:
                    protected |= graph.descendants(top.name)
                for module in protected:
                    for importer in graph.importers.get(module, ()):
                        if importer not in allowed and importer not in protected:
                            illegal.add((importer, module))
        for importer, module in sorted(illegal, key=lambda link: (link[1], link[0])):
            out.append(self.import_violation(graph, importer, module, "it is protected"))
        return out
