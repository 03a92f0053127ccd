"""The module import graph that contracts check, built from the code graph.

Modules are Python dotted names (``django.db.models``) and JS/TS
workspace-relative file paths (``src/core/util.ts``); external packages
appear as their top-level name, flagged external. Each direct import keeps
the IMPORT nodes that make it, so a violation can point at the import
statement of every hop of a chain.

Imports follow import-linter's (grimp's) rules, so contract verdicts agree:
``import a.b.c`` imports ``a.b.c``; ``from a.b import c`` imports ``a.b.c``
when that is a module, else ``a.b``; relative imports are made absolute.
Resolution itself is the imports enricher's (`Resolver`): one resolver, no twin.

A contract may look at a narrower graph, derived here: only its
`root_packages` (with everything else squashed to an external top-level
name, or dropped without `include_external_packages`, as grimp builds
import-linter's graph), or without the imports made under
`if TYPE_CHECKING:` (`exclude_type_checking_imports`), or with each child of
a package standing for itself and its descendants (`acyclic_siblings`).

Size: one module, because the import graph, how it is built from a snapshot,
the narrower graphs import-linter's options ask for and the module-
expression matching are one vocabulary every contract type reads.
"""

from __future__ import annotations

import bisect
import fnmatch
import re
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from graphwarden.analysis.config import Settings
from graphwarden.analysis.enrichers.imports import Resolver, js_package_name
from graphwarden.analysis.enrichers.workspace import is_python, workspace_index
from graphwarden.analysis.model import Node, NodeAttrs, NodeType, Range
from graphwarden.analysis.store import Snapshot

#: A direct import: (importer, imported).
Pair = tuple[str, str]

#: Node and edge types the import graph is derived from (for selective re-checking).
NODE_TYPES = frozenset({NodeType.MODULE, NodeType.IMPORT, NodeType.EXPORT})
EDGE_TYPES = frozenset({"IMPORTS"})


@dataclass(frozen=True)
class ImportSite:
    """One import statement: where a direct import is written."""

    node_id: str
    file: str
    range: Range
    #: Made under `if TYPE_CHECKING:`: never runs, only a type checker reads it.
    type_checking: bool = False


def _site_order(s: ImportSite) -> tuple[Range, str, bool]:
    return (s.range, s.node_id, s.type_checking)


def first_site(sites: Iterable[ImportSite]) -> ImportSite:
    """The statement a hop is reported at: the first in its file (ties by node id)."""
    return min(sites, key=lambda s: (s.range, s.node_id))


@dataclass
class ImportGraph:
    """Direct imports between modules: importer -> imported -> import statements."""

    modules: dict[str, str] = field(default_factory=dict)  # name -> file
    externals: set[str] = field(default_factory=set)
    imports: dict[str, dict[str, list[ImportSite]]] = field(default_factory=dict)
    #: Reverse adjacency, for "who can reach these modules" searches.
    importers: dict[str, set[str]] = field(default_factory=dict)
    #: Python module names first, so an expression is matched in one pass.
    python: set[str] = field(default_factory=set)
    js: set[str] = field(default_factory=set)

    def add(self, importer: str, imported: str, site: ImportSite) -> None:
        # Kept in source order, whatever order the edits came in: a graph
        # updated edit by edit equals one built from scratch.
        bisect.insort(
            self.imports.setdefault(importer, {}).setdefault(imported, []), site, key=_site_order
        )
        self.importers.setdefault(imported, set()).add(importer)

    def remove(self, importer: str, imported: str, site: ImportSite) -> None:
        """Take one statement away; the direct import goes with its last statement."""
        targets = self.imports.get(importer)
        sites = targets.get(imported) if targets is not None else None
        if targets is None or sites is None or site not in sites:
            return
        sites.remove(site)
        if not sites:
            del targets[imported]
            if not targets:
                del self.imports[importer]
            importers = self.importers[imported]
            importers.discard(importer)
            if not importers:
                del self.importers[imported]

    def exists(self, name: str) -> bool:
        return name in self.modules or name in self.externals

    def all_names(self) -> set[str]:
        return set(self.modules) | self.externals

    def without(self, removed: set[tuple[str, str]]) -> ImportGraph:
        """A copy with some direct imports removed (ignore_imports)."""
        g = ImportGraph(dict(self.modules), set(self.externals), python=self.python, js=self.js)
        for a, targets in self.imports.items():
            for b, sites in targets.items():
                if (a, b) not in removed:
                    for s in sites:
                        g.add(a, b, s)
        return g

    def without_type_checking(self) -> ImportGraph:
        """A copy without the imports made only under `if TYPE_CHECKING:`."""
        g = ImportGraph(dict(self.modules), set(self.externals), python=self.python, js=self.js)
        for a, targets in self.imports.items():
            for b, sites in targets.items():
                for s in sites:
                    if not s.type_checking:
                        g.add(a, b, s)
        return g

    def restricted(self, roots: Iterable[str], include_external: bool) -> ImportGraph:
        """The graph of the Python packages `roots` only, as grimp builds it for import-linter.

        Modules outside the roots are not scanned: their imports vanish, and
        an import of one becomes an import of its top-level name, an external
        package (dropped without `include_external`).
        """
        prefixes = tuple(r + "." for r in roots)
        names = set(roots)
        inside = {m for m in self.python if m in names or m.startswith(prefixes)}
        g = ImportGraph({m: self.modules[m] for m in inside}, set(), python=inside, js=set())
        for a in sorted(inside):
            for b, sites in self.imports.get(a, {}).items():
                if b in inside:
                    target = b
                elif include_external:
                    target = b.split(".", 1)[0] if b in self.python or b in self.externals else b
                    if target in inside:
                        continue
                    g.externals.add(target)
                else:
                    continue
                for site in sites:
                    g.add(a, target, site)
        return g

    def without_externals(self) -> ImportGraph:
        """A copy without external packages (import-linter's default graph)."""
        g = ImportGraph(dict(self.modules), set(), python=self.python, js=self.js)
        for a, targets in self.imports.items():
            for b, sites in targets.items():
                if b not in self.externals:
                    for s in sites:
                        g.add(a, b, s)
        return g

    def children(self, package: str) -> set[str]:
        """The Python modules directly inside `package` (grimp's `find_children`)."""
        prefix = package + "."
        return {m for m in self.python if m.startswith(prefix) and "." not in m[len(prefix) :]}

    def descendants(self, package: str) -> set[str]:
        prefix = package + "."
        return {m for m in self.python if m.startswith(prefix)}

    def collapsed(self, groups: dict[str, set[str]]) -> ImportGraph:
        """Each group (a name and its members) as one module; imports inside a group vanish."""
        owner = {m: name for name, members in groups.items() for m in members}
        g = ImportGraph({name: "" for name in groups}, set(), python=set(groups), js=set())
        for a, targets in self.imports.items():
            ga = owner.get(a)
            if ga is None:
                continue
            for b, sites in targets.items():
                gb = owner.get(b)
                if gb is not None and gb != ga:
                    for s in sites:
                        g.add(ga, gb, s)
        return g

    # -- searches ------------------------------------------------------------------------

    def reaching(self, targets: set[str], skip: Callable[[str, str], bool]) -> set[str]:
        """Modules with a path (of >= 1 import) to any target, honouring `skip`."""
        seen: set[str] = set()
        queue = deque(targets)
        while queue:
            cur = queue.popleft()
            for imp in self.importers.get(cur, ()):
                if imp not in seen and not skip(imp, cur):
                    seen.add(imp)
                    queue.append(imp)
        return seen

    def shortest_chains(
        self,
        start: str,
        targets: set[str],
        skip: Callable[[str, str], bool],
        allowed: set[str] | None = None,
    ) -> dict[str, list[str]]:
        """Shortest chain (BFS, deterministic order) from `start` to each reachable target."""
        parent: dict[str, str] = {start: ""}
        queue = deque([start])
        found: dict[str, list[str]] = {}
        while queue:
            cur = queue.popleft()
            for nxt in sorted(self.imports.get(cur, ())):
                if nxt in parent or skip(cur, nxt):
                    continue
                if allowed is not None and nxt not in allowed and nxt not in targets:
                    continue
                parent[nxt] = cur
                if nxt in targets:
                    chain = [nxt]
                    while chain[-1] != start:
                        chain.append(parent[chain[-1]])
                    found[nxt] = chain[::-1]
                queue.append(nxt)
        return found


@dataclass(frozen=True)
class FileImports:
    """What one file's import statements add to the graph (the unit of an update)."""

    #: (importer, imported, statement) for each direct import the file makes.
    edges: tuple[tuple[str, str, ImportSite], ...]
    #: External packages its statements name (each once per statement).
    externals: tuple[str, ...]


_JS_MODULE_EXTS = (".js", ".jsx", ".ts", ".tsx", ".mjs", ".cjs", ".mts", ".cts")


@dataclass(frozen=True)
class ModuleTable:
    """The modules of a workspace, by name and by file (a function of its set of files)."""

    modules: dict[str, str]
    python: set[str]
    js: set[str]
    file_module: dict[str, str]


class ImportResolution:
    """Resolves import statements to modules of one snapshot's import graph.

    The modules (and so every statement's target) depend on the set of files
    only: `table` may come from an earlier snapshot with the same files.
    """

    def __init__(
        self, snapshot: Snapshot, settings: Settings | None, table: ModuleTable | None = None
    ) -> None:
        self.snapshot = snapshot
        self.idx = workspace_index(snapshot, settings)
        self.resolver = Resolver(snapshot, self.idx)
        self.table = table if table is not None else self._table()
        self.file_module = self.table.file_module

    def _table(self) -> ModuleTable:
        modules: dict[str, str] = {}
        python: set[str] = set()
        js: set[str] = set()
        for f in self.idx.files:
            if is_python(f):
                name = self.idx.module_name(f)
                if name is not None and self.idx.py_modules.get(name) == f:
                    modules[name] = f
                    python.add(name)
            elif f.endswith(_JS_MODULE_EXTS):
                modules[f] = f
                js.add(f)
        return ModuleTable(modules, python, js, {f: n for n, f in modules.items()})

    def empty_graph(self) -> ImportGraph:
        t = self.table
        return ImportGraph(dict(t.modules), set(), python=t.python, js=t.js)

    def target(self, file: str, attrs: NodeAttrs) -> tuple[str, bool] | None:
        """(imported module, whether it is external) of one statement of `file`, or None."""
        raw_source, raw_level = attrs.get("source"), attrs.get("level")
        source = raw_source if isinstance(raw_source, str) else ""
        level = raw_level if isinstance(raw_level, int) else 0
        if is_python(file):
            target, dotted = self.resolver.py_module(file, source, level)
            if attrs.get("kind") == "from" and dotted is not None:
                sub = f"{dotted}.{attrs.get('imported', '')}"
                if sub in self.idx.py_modules:
                    target, dotted = self.idx.py_modules[sub], sub
            if target is not None:
                imported = self.file_module.get(target)
                return (imported, False) if imported is not None else None
            if dotted is None and source:
                return source.split(".")[0], True
            return None  # a missing workspace module: the unresolved-import rule's business
        target, key = self.resolver.js_module(file, source)
        if target is not None:
            imported = self.file_module.get(target)
            return (imported, False) if imported is not None else None
        if key is None and source:
            return js_package_name(source), True
        return None

    def file_imports(self, file: str, nodes: Iterable[Node]) -> FileImports:
        """What these statements (IMPORT and EXPORT nodes of `file`) add to the graph."""
        importer = self.file_module.get(file)
        edges: list[tuple[str, str, ImportSite]] = []
        externals: list[str] = []
        if importer is None:
            return FileImports((), ())
        for node in nodes:
            if "source" not in node.attrs:
                continue
            got = self.target(file, node.attrs)
            if got is None:
                continue
            imported, external = got
            if external:
                externals.append(imported)
            if imported != importer:
                site = ImportSite(
                    node.id, node.file, node.range, node.attrs.get("type_checking") is True
                )
                edges.append((importer, imported, site))
        return FileImports(tuple(edges), tuple(externals))

    def statements_of(self, file: str) -> list[Node]:
        """A file's IMPORT and EXPORT nodes that name a module (from its summary's ids)."""
        out: list[Node] = []
        for n in self.idx.summary(self.snapshot, file).nodes:
            if n.type in _STATEMENT_TYPES and "source" in n.attrs:
                node = self.snapshot.node(n.id)
                if node is not None:
                    out.append(node)
        return out


_STATEMENT_TYPES = (NodeType.IMPORT, NodeType.EXPORT)


def build_files_imports(snapshot: Snapshot, resolution: ImportResolution) -> dict[str, FileImports]:
    """Every file's contribution to the import graph, read from the node type index."""
    by_file: dict[str, list[Node]] = {}
    for type_ in _STATEMENT_TYPES:
        for node in snapshot.nodes_of_type(type_):
            if "source" in node.attrs:
                by_file.setdefault(node.file, []).append(node)
    return {f: resolution.file_imports(f, nodes) for f, nodes in by_file.items()}


def assemble(resolution: ImportResolution, files: dict[str, FileImports]) -> ImportGraph:
    """The graph made of these contributions."""
    g = resolution.empty_graph()
    for contribution in files.values():
        g.externals.update(contribution.externals)
        for importer, imported, site in contribution.edges:
            g.add(importer, imported, site)
    return g


def build_import_graph(snapshot: Snapshot, settings: Settings | None) -> ImportGraph:
    """The module graph of a snapshot (read from IMPORT nodes, resolved like the enricher)."""
    resolution = ImportResolution(snapshot, settings)
    return assemble(resolution, build_files_imports(snapshot, resolution))


# -- module expressions -----------------------------------------------------------------


def is_path_expression(expr: str) -> bool:
    """JS/TS expressions are path globs; Python ones are dotted names."""
    return "/" in expr or expr.startswith(".") or bool(re.search(r"\.(m|c)?[jt]sx?$", expr))


@lru_cache(maxsize=512)
def _dotted_glob(expr: str) -> re.Pattern[str]:
    parts = []
    for seg in expr.split("."):
        if seg == "**":
            parts.append(r"[^.]+(?:\.[^.]+)*")
        elif seg == "*":
            parts.append(r"[^.]+")
        else:
            parts.append(re.escape(seg).replace(r"\*", r"[^.]*"))
    return re.compile(r"\.".join(parts) + r"\Z")


@lru_cache(maxsize=512)
def _path_glob(expr: str) -> re.Pattern[str]:
    expr = expr.removeprefix("./").rstrip("/")
    out = []
    i = 0
    while i < len(expr):
        if expr.startswith("**/", i):
            out.append(r"(?:.*/)?")
            i += 3
        elif expr.startswith("**", i):
            out.append(r".*")
            i += 2
        elif expr[i] == "*":
            out.append(r"[^/]*")
            i += 1
        elif expr[i] == "?":
            out.append(r"[^/]")
            i += 1
        else:
            out.append(re.escape(expr[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


@dataclass
class ModuleGroup:
    """One module expression's match, treated as a package (itself + descendants)."""

    name: str
    members: set[str]


def _has_glob(expr: str) -> bool:
    return any(c in expr for c in "*?[")


def expand(graph: ImportGraph, expr: str, as_packages: bool = True) -> list[ModuleGroup]:
    """The modules an expression names, each with its descendants (import-linter's rule).

    `django.contrib.*` gives one group per direct child; a JS path glob
    (`src/core/**`) gives one group of the files it matches (a directory
    without a glob means every file under it).
    """
    if is_path_expression(expr):
        pat = _path_glob(expr)
        base = expr.removeprefix("./").rstrip("/")
        members = {m for m in graph.js if pat.match(m)}
        if not _has_glob(expr):
            members |= {m for m in graph.js if m.startswith(base + "/")}
            members |= {m for m in graph.js if fnmatch.fnmatch(m, base + ".*")}
        return [ModuleGroup(expr, members)] if members else []
    names = graph.python | graph.externals
    if _has_glob(expr):
        pat = _dotted_glob(expr)
        matched = sorted(n for n in _with_packages(graph) if pat.match(n))
    else:
        matched = [expr] if expr in names or _is_package(graph, expr) else []
    groups = []
    for m in matched:
        members = {m} if m in names else set()
        if as_packages:
            members |= {n for n in names if n.startswith(m + ".")}
        if members:
            groups.append(ModuleGroup(m, members))
    return groups


def _is_package(graph: ImportGraph, name: str) -> bool:
    prefix = name + "."
    return any(n.startswith(prefix) for n in graph.python)


def _with_packages(graph: ImportGraph) -> set[str]:
    """Module names plus every package prefix (namespace packages match globs too)."""
    out = set(graph.python) | graph.externals
    for n in graph.python:
        parts = n.split(".")
        for i in range(1, len(parts)):
            out.add(".".join(parts[:i]))
    return out


def compile_ignore(expr: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The (importer, imported) patterns of an `importer -> imported` expression."""
    left, _, right = expr.partition("->")
    left, right = left.strip(), right.strip()
    lp = _path_glob(left) if is_path_expression(left) else _dotted_glob(left)
    rp = _path_glob(right) if is_path_expression(right) else _dotted_glob(right)
    return lp, rp


def ignored_imports(
    graph: ImportGraph, exprs: Iterable[str]
) -> tuple[set[tuple[str, str]], list[str]]:
    """Direct imports matched by `importer -> imported` expressions, and the unmatched ones."""
    removed: set[tuple[str, str]] = set()
    unmatched: list[str] = []
    for expr in exprs:
        lp, rp = compile_ignore(expr)
        hit = False
        for a, targets in graph.imports.items():
            if not lp.match(a):
                continue
            for b in targets:
                if rp.match(b):
                    removed.add((a, b))
                    hit = True
        if not hit:
            unmatched.append(expr)
    return removed, unmatched
