"""Declared type text -> the class it names, in the scope of the file that declares it.

The front ends erase a declared type to one name (languages/type_text.py):
a dotted name (`Subscriber`, `models.Model`) or JSDoc's
`import("./x").T`. `TypeResolver.resolve` finds the class: the file's
JSDoc typedefs first, then the file's scopes and import bindings
(`FileScope.resolve_dotted`), then through TypeScript aliases
(`type X = Y`: Y resolved in X's file) and typedefs of other files.
Interfaces count as classes (their members are methods and fields); enums,
modules, variables and anything unresolved give None.

What a resolution read in other files goes into `deps`, so the caller
records it as edges (names.Deps): re-export hops, the modules an
`import("./x")` named (their signature carries their typedefs), aliases
followed, and the import bindings an alias's or typedef's file resolved
its name through (their IMPORTS_FROM changing re-runs the caller).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graphwarden.analysis.enrichers.imports import Resolution
from graphwarden.analysis.enrichers.name_uses import NameUse, foreign_uses
from graphwarden.analysis.enrichers.names import Deps, FileScope, lookup_member
from graphwarden.analysis.model import MODULE_SCOPE, NodeType, id_path, module_id, str_attr
from graphwarden.analysis.summaries import SummaryNode

if TYPE_CHECKING:
    from graphwarden.analysis.enrichers.workspace import WorkspaceIndex
    from graphwarden.analysis.store import Snapshot

#: Aliases and typedefs followed at most this deep (`type A = B; type B = A`).
MAX_ALIAS_DEPTH = 6
_IMPORT_TYPE = re.compile(r'import\("([^"]+)"\)((?:\.[A-Za-z_$][\w$]*)*)\Z')
#: Class-like kinds that are not classes of values.
_NOT_CLASSES = frozenset({"enum"})


class _ForeignScope(FileScope):
    """A FileScope of another file that remembers the import bindings it consulted."""

    def __init__(self, snapshot: Snapshot, index: WorkspaceIndex, file: str) -> None:
        super().__init__(snapshot, index, file)
        self.consulted: list[str] = []

    def binding(self, imp: SummaryNode) -> SummaryNode | None:
        self.consulted.append(imp.id)
        return super().binding(imp)


class TypeResolver:
    """Resolves erased type names for one file (`home`), following other files as needed."""

    def __init__(self, home: FileScope) -> None:
        self.home = home
        self._foreign: dict[str, _ForeignScope] = {}

    def uses(self) -> list[NameUse]:
        """The names of other files read for `home`, through the files followed too."""
        found = list(self.home.uses())
        for scope in self._foreign.values():
            # A typedef followed into another file: what its look-ups read.
            found += foreign_uses(self.home.file, scope.resolver.uses)
        return sorted(set(found))

    def _scope(self, file: str) -> FileScope:
        if file == self.home.file:
            return self.home
        scope = self._foreign.get(file)
        if scope is None:
            scope = self._foreign[file] = _ForeignScope(self.home.snap, self.home.idx, file)
        return scope

    def resolve(
        self, where: str, text: str, deps: Deps, file: str | None = None, depth: int = 0
    ) -> SummaryNode | None:
        """The class that type `text`, written in scope `where` of `file`, names."""
        if depth > MAX_ALIAS_DEPTH or not text:
            return None
        scope = self._scope(file or self.home.file)
        if isinstance(scope, _ForeignScope):
            start = len(scope.consulted)
            node = self._resolve_in(scope, where, text, deps, depth)
            deps.nodes.extend(scope.consulted[start:])
            return node
        return self._resolve_in(scope, where, text, deps, depth)

    def _resolve_in(
        self, scope: FileScope, where: str, text: str, deps: Deps, depth: int
    ) -> SummaryNode | None:
        m = _IMPORT_TYPE.match(text)
        if m is not None:
            return self._import_type(scope, m.group(1), m.group(2), deps, depth)
        head, _, rest = text.partition(".")
        typedef = self._typedef(scope.file, head)
        if typedef is not None and not rest:
            return self.resolve(MODULE_SCOPE, typedef, deps, scope.file, depth + 1)
        return self._as_class(scope.resolve_dotted(where, text, deps), deps, depth)

    def _typedef(self, file: str, name: str) -> str | None:
        module = self.home.idx.summary(self.home.snap, file).module
        typedefs = module.attrs.get("typedefs") if module is not None else None
        if isinstance(typedefs, dict):
            value = typedefs.get(name)
            return value if isinstance(value, str) else None
        return None

    def _import_type(
        self, scope: FileScope, spec: str, members: str, deps: Deps, depth: int
    ) -> SummaryNode | None:
        """`import("./x")` (the module's default export) or `import("./x").A.B`."""
        target, _ = scope.resolver.js_module(scope.file, spec)
        if target is None:
            return None
        if target != self.home.file:
            deps.nodes.append(module_id(target))
        names = [n for n in members.split(".") if n]
        first = names[0] if names else "default"
        typedef = self._typedef(target, first)
        declared = self.home.idx.summary(self.home.snap, target).top.get(first)
        if typedef is not None:
            node = self.resolve(MODULE_SCOPE, typedef, deps, target, depth + 1)
        elif declared is not None and str_attr(declared.attrs, "kind") == "typedef":
            node = declared  # an object typedef: JSDoc types are not exports
        else:
            res = Resolution()
            scope.resolver.export(target, first, res, set())
            deps.nodes.extend(h.id for h in res.hops)
            node = self._as_class(res.node, deps, depth)
        for name in names[1:]:
            if node is None:
                return None
            node = self._as_class(
                lookup_member(self.home.snap, self.home.idx, node, name), deps, depth
            )
        return node

    def _as_class(self, node: SummaryNode | None, deps: Deps, depth: int) -> SummaryNode | None:
        """A class or interface; an alias followed to what it names; else None."""
        if node is None or node.type != NodeType.CLASS:
            return None
        if str_attr(node.attrs, "kind") in _NOT_CLASSES:
            return None
        alias = str_attr(node.attrs, "alias_of")
        if alias is None:
            if str_attr(node.attrs, "kind") == "type_alias":
                return None  # an object, union or function type: not one class
            return node
        if node.file != self.home.file:
            deps.nodes.append(node.id)
        path = id_path(node.id)
        where = path.rsplit(".", 1)[0] if "." in path else MODULE_SCOPE
        return self.resolve(where, alias, deps, node.file, depth + 1)
