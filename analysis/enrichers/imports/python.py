"""Python import resolution: relative and absolute imports, packages, re-exports, star imports.

A module is found by its dotted name (`WorkspaceIndex.py_modules`, named by
analysis/modules.py); a name in it is its top-level definition, else its
own import binding of that name (a re-export, followed), else a submodule
of a package (``from pkg import submodule``), else whatever its star
imports bring (``__all__`` of the target decides when present).

``import a.b`` binds ``a``: it points at ``a``'s module (``a/__init__.py``)
when there is one, else at ``a.b``. ``from x import *`` gets one
IMPORTS_FROM edge per name it brings, with edge attrs ``{"name": local
name}``; the modules consulted to list those names get IMPORTS edges "via
re-export", so a change to any of them re-resolves the star.

Placeholder keys (edges.py) are absolute dotted names: ``pkg.newmod`` for
a missing module (absolute or relative import), ``pkg.mod.missing_name``
for a name missing from a workspace module (the deepest module of a
re-export chain). A module is "in the workspace" when its top-level package
is; imports of other modules leave the workspace (EXTERNAL_MODULE of their
top-level name).

Known limits: a root-level file's relative import of a missing module gets a
one-component key that could collide with an external package of the same
name; adding ``pkg/x.py`` next to ``pkg/x/__init__.py`` does not re-resolve
the importers of the old file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from graphwarden.analysis.enrichers.imports.language import LanguageResolver
from graphwarden.analysis.enrichers.imports.resolution import (
    Resolution,
    enter,
    through_star,
)
from graphwarden.analysis.enrichers.name_uses import STAR
from graphwarden.analysis.enrichers.workspace import FileSummary
from graphwarden.analysis.model import Node, NodeType, int_attr, parse_id, str_attr
from graphwarden.analysis.modules import ModuleNaming
from graphwarden.analysis.summaries import SummaryNode

if TYPE_CHECKING:
    from graphwarden.analysis.config import Settings
    from graphwarden.analysis.enrichers.imports.edges import ImportEdges

_INIT_FILES = ("__init__.py", "__init__.pyi")
_INIT_SUFFIXES = tuple("/" + name for name in _INIT_FILES)


def _source(binding: SummaryNode) -> str:
    return str_attr(binding.attrs, "source") or ""


def _level(binding: SummaryNode) -> int:
    return int_attr(binding.attrs, "level") or 0


class PythonResolver(LanguageResolver):
    """Resolves Python modules and names against one snapshot revision."""

    # -- modules ------------------------------------------------------------------------

    def module(self, importer: str, source: str, level: int) -> tuple[str | None, str | None]:
        """(file, dotted name) of a Python import's module; file None if missing.

        The dotted name is None when the import leaves the workspace.
        """
        if level:
            base = self.idx.module_name(importer)
            if base is None:
                parts: list[str] = []
            else:
                parts = base.split(".")
                # `.` is the importer's package: a package's __init__ is the
                # package itself, any other module sits in its parent.
                if not importer.endswith(_INIT_SUFFIXES) and importer not in _INIT_FILES:
                    parts = parts[:-1]
            if level > 1:
                parts = parts[: len(parts) - (level - 1)] if level - 1 <= len(parts) else []
            dotted = ".".join([*parts, *([source] if source else [])])
            if not dotted:
                return None, None
            return self.idx.py_modules.get(dotted), dotted
        if not source:
            return None, None
        f = self.idx.py_modules.get(source)
        if f is not None:
            return f, source
        if self.idx.in_workspace_python(source):
            return None, source
        return None, None

    # -- the enricher's side ------------------------------------------------------------

    def bindings(self, summary: FileSummary) -> list[SummaryNode]:
        return [n for n in summary.nodes if n.type == NodeType.IMPORT]

    def resolve_binding(self, file: str, binding: SummaryNode, out: ImportEdges) -> None:
        a = binding.attrs
        source = _source(binding)
        target, dotted = self.module(file, source, _level(binding))
        external = None
        if target is None and dotted is None and source:
            external = source.split(".")[0]
        out.module_edge(target, external)
        imported = str_attr(a, "imported")
        submodule = None
        if str_attr(a, "kind") == "from" and dotted is not None:
            # `from pkg import mod` imports the module pkg.mod as well.
            name = imported or ""
            submodule = self.idx.py_modules.get(f"{dotted}.{name}") if name != "*" else None
            if submodule is not None:
                out.module_edge(submodule, None)
        if target is None and dotted is not None and submodule is None:
            out.unresolved(binding.id, dotted)
            return
        if imported == "*":
            if target is not None:
                self._star_import(file, binding, target, out)
            return
        res = Resolution()
        self.follow_binding(file, binding, res, set())
        out.binding(binding, res)

    def _star_import(self, file: str, star: SummaryNode, target: str, out: ImportEdges) -> None:
        """`from target import *`: an edge per name, and the modules consulted to list them."""
        consulted: set[str] = set()
        missing: list[str] = []
        names = self.star_names(target, consulted, missing)
        for key in missing:
            out.unresolved(star.id, key)
        for dep in sorted(consulted - {target, file}):
            dep_module = self.module_node(dep)
            if dep_module is not None:
                out.via_reexport(star.id, dep_module.id)
        for name in names:
            res = Resolution()
            self.export(target, name, res, {star.id})
            out.star_name(star, name, res)

    # -- names --------------------------------------------------------------------------

    def follow_binding(
        self, file: str, binding: SummaryNode, res: Resolution, seen: set[str]
    ) -> None:
        if not enter(binding, seen):
            return
        a = binding.attrs
        source = _source(binding)
        target, dotted = self.module(file, source, _level(binding))
        if str_attr(a, "kind") == "import":
            if target is None:
                res.missing = dotted
                return
            if str_attr(a, "alias") is None:
                top = self.idx.py_modules.get(source.split(".")[0])
                target = top or target
            res.node = self.module_node(target)
            return
        imported = str_attr(a, "imported") or ""
        if target is None:
            sub = self.idx.py_modules.get(f"{dotted}.{imported}") if dotted else None
            if sub is not None and imported != "*":
                res.node = self.module_node(sub)
                return
            res.missing = dotted
            return
        self.export(target, imported, res, seen)

    def export(self, file: str, name: str, res: Resolution, seen: set[str]) -> None:
        self.uses.add((file, name))
        s = self.summary(file)
        if len(seen) > 1 and s.module is not None:
            # Reached through a re-export: what this module holds decides.
            res.hops.append(s.module)
        node = s.top.get(name)
        if node is not None:
            res.node = node
            return
        imp = s.imports.get(name)
        if imp is not None and imp.id not in seen:
            res.hops.append(imp)
            self.follow_binding(file, imp, res, seen)
            return
        dotted = self.idx.module_name(file)
        if dotted is not None and file.rsplit("/", 1)[-1].startswith("__init__."):
            sub = self.idx.py_modules.get(f"{dotted}.{name}")
            if sub is not None:
                res.node = self.module_node(sub)
                return
        if not name.startswith("_"):
            for star in s.star_imports:
                if star.id in seen:
                    continue
                target, dotted_star = self.module(file, _source(star), _level(star))
                if target is None:
                    if dotted_star:
                        res.missing_stars.append(dotted_star)
                    continue
                # Read before `__all__` filters it out: adding the name there
                # later must reach this file.
                self.uses.add((target, name))
                target_summary = self.summary(target)
                if target_summary.module is not None:
                    # Adding the name there later must re-resolve this binding.
                    res.hops.append(target_summary.module)
                allowed = target_summary.all_names
                if allowed is not None and name not in allowed:
                    continue
                if through_star(res, star, self.export, target, name, seen):
                    return
        res.missing = f"{dotted}.{name}" if dotted else None

    def star_names(
        self, file: str, seen: set[str] | None = None, missing: list[str] | None = None
    ) -> list[str]:
        """The names `from file import *` brings, sorted. `seen` collects the
        modules consulted (the star's dependencies)."""
        seen = set() if seen is None else seen
        seen.add(file)
        self.uses.add((file, STAR))
        s = self.summary(file)
        if s.all_names is not None:
            return sorted(set(s.all_names))
        names = {n for n in s.top if not n.startswith("_")}
        names |= {n for n in s.imports if not n.startswith("_")}
        for star in s.star_imports:
            target, dotted = self.module(file, _source(star), _level(star))
            if target is None and dotted and missing is not None:
                missing.append(dotted)
            if target is not None and target not in seen:
                names |= set(self.star_names(target, seen, missing))
        return sorted(names)


def dependent_keys(file: str, nodes: Sequence[Node], settings: Settings) -> set[str]:
    """Placeholder keys a new or changed Python file can satisfy: its dotted
    names, their parent packages, and its top-level names under each."""
    keys: set[str] = set()
    # Every root the file may sit under (src/ counted whether or not it
    # exists yet): a new file may satisfy a placeholder under any.
    naming = ModuleNaming.for_workspace(("src/_.py",), settings.python_roots, settings.package_dirs)
    top_names = {
        n.name
        for n in nodes
        if n.type in (NodeType.CLASS, NodeType.FUNCTION, NodeType.VARIABLE, NodeType.IMPORT)
        and parse_id(n.id).is_top_level
    }
    for name in naming.python_names(file):
        keys.add(name)
        parts = name.split(".")
        for i in range(1, len(parts)):
            keys.add(".".join(parts[:i]))
        for t in top_names:
            keys.add(f"{name}.{t}")
    return keys
