"""`acyclic_siblings`: no import cycles between the children of a package (import-linter 2.6+).

Options: ancestors (module expressions: the packages whose children are
checked; each must exist), depth (default 10: how many levels below each
ancestor are checked too), skip_descendants (packages whose own children
are not checked), and the shared options.

Each child stands for itself and everything inside it: `pkg.a.x` importing
`pkg.b` is an import from `pkg.a` to `pkg.b`. At each package with two or
more children, every strongly connected group of children is one violation,
with one shortest cycle as its chain, each hop located at one of the
imports that make it. A package is broken exactly when import-linter
nominates cycle breakers for it, so the verdicts agree; the chains shown
are graphwarden's.
"""

from __future__ import annotations

from graphwarden.analysis.guarantees.contracts.acyclic import find_cycles
from graphwarden.analysis.guarantees.contracts.base import (
    Contract,
    OptionError,
    Options,
    option_strings,
)
from graphwarden.analysis.guarantees.contracts.graph import ImportGraph, expand
from graphwarden.analysis.guarantees.results import Violation

DEFAULT_DEPTH = 10


class AcyclicSiblingsContract(Contract):
    type_name = "acyclic_siblings"
    required = {"ancestors": "str_list"}
    optional = {"depth": "int", "skip_descendants": "str_list"}
    summary = "no import cycles between the children of {ancestors}"

    @classmethod
    def extra_validation(cls, options: Options) -> None:
        both = set(option_strings(options, "ancestors")) & set(
            option_strings(options, "skip_descendants")
        )
        if both:
            raise OptionError(
                "skip_descendants", f"cannot skip an ancestor: {', '.join(sorted(both))}"
            )

    def check_graph(self, graph: ImportGraph) -> list[Violation]:
        out: list[Violation] = []
        ancestors: set[str] = set()
        for expr in self.strings("ancestors"):
            got = expand(graph, expr, as_packages=False)
            if not got:
                out.append(self.missing(f"module {expr!r} does not exist in the workspace"))
            ancestors |= {g.name for g in got}
        skipped: set[str] = set()
        for expr in self.strings("skip_descendants"):
            got = expand(graph, expr, as_packages=False)
            if not got:
                out.append(self.missing(f"module {expr!r} does not exist in the workspace"))
            skipped |= {g.name for g in got}
        depth = self.number("depth", DEFAULT_DEPTH)
        # Iterative walk (package, levels left below it): no recursion on deep trees.
        todo = [(a, depth) for a in sorted(ancestors, reverse=True)]
        while todo:
            package, left = todo.pop()
            children = graph.children(package)
            if len(children) >= 2:
                out.extend(self._cycles(graph, package, children))
            if left:
                todo.extend((c, left - 1) for c in sorted(children - skipped, reverse=True))
        return out

    def _cycles(self, graph: ImportGraph, package: str, children: set[str]) -> list[Violation]:
        groups = {c: {c} | graph.descendants(c) for c in children}
        collapsed = graph.collapsed(groups)
        out = []
        for _comp, cycle in find_cycles(collapsed, set(children)):
            v = self.chain_violation(collapsed, cycle, cycle[0], cycle[0])
            v.message = f"import cycle between the children of {package}: {' -> '.join(cycle)}"
            v.fingerprint = ""
            v.__post_init__()
            out.append(v)
        return out
