"""`private_modules`: a private module is imported only from inside its parent package.

import-linter 2.17's rule: a module is private when the last part of its
name starts with an underscore and is no dunder (`pkg.sub._impl`, not
`pkg.__main__`); its descendants are covered too. A private module may be
imported by its parent package or anything inside it, however deep; any
other direct import of it is a violation, at its import statement. Top-level
modules are never private (they have no parent to be private to).

Options: packages_with_private_modules (optional: whose private modules
are checked; all modules when absent; none of them may itself be private or
inside a private module), and the shared options.
"""

from __future__ import annotations

from graphwarden.analysis.guarantees.contracts.base import (
    Contract,
    OptionError,
    Options,
    option_strings,
)
from graphwarden.analysis.guarantees.contracts.graph import ImportGraph, expand
from graphwarden.analysis.guarantees.results import Violation


def _is_private_name(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _has_private_part(module: str) -> bool:
    return any(_is_private_name(part) for part in module.split("."))


def private_parent(module: str) -> str | None:
    """The parent of the module's innermost private part (None: nothing private)."""
    parts = module.split(".")
    for i in range(len(parts) - 1, 0, -1):
        if _is_private_name(parts[i]):
            return ".".join(parts[:i])
    return None


class PrivateModulesContract(Contract):
    type_name = "private_modules"
    optional = {"packages_with_private_modules": "str_list"}
    summary = "private modules are imported only from inside their parent package"

    @classmethod
    def extra_validation(cls, options: Options) -> None:
        private = [
            p
            for p in option_strings(options, "packages_with_private_modules")
            if _has_private_part(p)
        ]
        if private:
            raise OptionError(
                "packages_with_private_modules",
                f"packages cannot be private or inside a private module: {', '.join(private)} "
                "(list an ancestor that is not private)",
            )

    def check_graph(self, graph: ImportGraph) -> list[Violation]:
        out: list[Violation] = []
        exprs = self.strings("packages_with_private_modules")
        if exprs:
            checked: set[str] = set()
            for expr in exprs:
                groups = expand(graph, expr, as_packages=True)
                if not groups:
                    out.append(self.missing(f"module {expr!r} does not exist in the workspace"))
                for group in groups:
                    if _has_private_part(group.name):
                        out.append(
                            self.missing(f"{expr!r} matches the private package {group.name!r}")
                        )
                    checked |= group.members
        else:
            checked = set(graph.python)
        for module in sorted(checked):
            parent = private_parent(module)
            if parent is None:
                continue
            for importer in sorted(graph.importers.get(module, ())):
                if importer != parent and not importer.startswith(parent + "."):
                    out.append(
                        self.import_violation(graph, importer, module, f"it is private to {parent}")
                    )
        return out
