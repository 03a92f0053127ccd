"""Import resolution: IMPORTS (module -> module) and IMPORTS_FROM (binding -> definition).

Edges this enricher writes for one file (shard ``__enrichment__/imports/{file}``):

* ``MODULE -IMPORTS-> MODULE``: the file imports a workspace module (the
  module graph contracts check). ``MODULE -IMPORTS-> EXTERNAL_MODULE`` for a
  module outside the workspace (npm package, ``node:`` builtin, pip package),
  id ``external_module_id(top-level specifier)``, file ``""``.
* ``IMPORT -IMPORTS_FROM-> definition``: each binding to the definition it
  names, following re-exports (``__init__.py`` re-exports, ``export {x} from``,
  ``export *``, a module's own import bindings) transitively to the final
  CLASS / FUNCTION / VARIABLE, with a cycle guard. A binding that names a
  module (``import a.b as c``, ``import * as ns``, ``from pkg import submodule``,
  ``const m = require('./m')`` on a module without ``module.exports = x``)
  points at that MODULE node. ``import a.b`` binds ``a``: it points at
  ``a``'s module (``a/__init__.py``) when there is one, else at ``a.b``.
  JS re-exporting EXPORT nodes (``export {x as y} from './b'``) get the same
  edge, as if they were bindings.
* ``from x import *`` (Python): one IMPORTS_FROM edge from the ``*`` IMPORT
  node to each definition it brings, with edge attrs ``{"name": local name}``;
  ``__all__`` of the target decides the names when present, otherwise its
  public top-level names (star imports of the target included).
* ``IMPORT -IMPORTS-> IMPORT|EXPORT|MODULE`` with attrs ``{"via": "re-export"}``:
  the re-export nodes in other files a binding was resolved through, and the
  modules a star re-export (``from x import *``, ``export *``) made it search
  (found there or not). They exist so
  that changing a re-export (``from .a import f`` -> ``from .b import f`` in an
  ``__init__.py``) puts every file that imported through it into the blast
  radius: the reverse index finds them.

Unresolved workspace imports (the shape the built-in ``unresolved-import``
rule relies on; keep it stable)::

    IMPORT -IMPORTS-> EXTERNAL_MODULE  with node attrs {"unresolved": True}

The placeholder's id is ``external_module_id(KEY)``; KEY is canonical:

* Python: the absolute dotted name that is missing: ``pkg.newmod`` for a
  missing module (absolute or relative import), ``pkg.mod.missing_name`` for
  a name missing from a workspace module (the deepest module of a re-export
  chain). A module is "in the workspace" when its top-level package is.
* JS/TS: ``./`` + the workspace-relative path without extension
  (``./src/newmod``) of a relative (or tsconfig ``paths``) import to a
  missing file. Named imports missing from an existing JS module are not
  placeholders: the target module's signature (its exported names) brings
  the importer back into the blast radius when the name appears.

`dependent_keys(file, nodes)` returns the keys a new or changed file can
satisfy, so the orchestrator re-enriches the files waiting on them.

Known limits: a root-level Python file's relative import of a missing module
gets a one-component key that could collide with an external package of the
same name; adding a file that changes which existing file a specifier
resolves to (``a.ts`` next to ``a.js``, ``pkg/x.py`` next to
``pkg/x/__init__.py``) does not re-resolve the importers of the old file.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from graphwarden.analysis.enrichers.base import Enricher, EnricherFileResult, EnricherMetadata
from graphwarden.analysis.enrichers.workspace import (
    PY_EXTS,
    FileSummary,
    WorkspaceIndex,
    is_python,
    js_key,
    workspace_index,
)
from graphwarden.analysis.model import (
    Edge,
    EdgeType,
    Node,
    NodeType,
    external_module_id,
    module_id,
    parse_id,
)
from graphwarden.analysis.modules import ModuleNaming

if TYPE_CHECKING:
    from graphwarden.analysis.store import Snapshot

#: How deep a re-export chain is followed before giving up.
MAX_CHAIN = 32


def placeholder_node(key: str) -> Node:
    """The EXTERNAL_MODULE node standing for an unresolved workspace import."""
    return Node(
        external_module_id(key),
        NodeType.EXTERNAL_MODULE,
        key,
        "",
        (0, 0, 0, 0),
        attrs={"unresolved": True},
    )


def external_node(specifier: str) -> Node:
    return Node(
        external_module_id(specifier), NodeType.EXTERNAL_MODULE, specifier, "", (0, 0, 0, 0)
    )


def js_package_name(spec: str) -> str:
    if spec.startswith("node:"):
        return spec
    parts = spec.split("/")
    if spec.startswith("@") and len(parts) >= 2:
        return "/".join(parts[:2])
    return parts[0]


class Resolution:
    """Where one binding leads: a node, hops on the way, or a missing key."""

    __slots__ = ("hops", "missing", "missing_stars", "node")

    def __init__(self) -> None:
        self.node: Node | None = None
        self.hops: list[Node] = []
        self.missing: str | None = None
        #: Placeholder keys of star re-exports searched whose module is missing.
        self.missing_stars: list[str] = []


class Resolver:
    """Resolves module specifiers and names against one snapshot revision."""

    def __init__(self, snapshot: Snapshot, index: WorkspaceIndex) -> None:
        self.snap = snapshot
        self.idx = index

    def summary(self, file: str) -> FileSummary:
        return self.idx.summary(self.snap, file)

    def module_node(self, file: str) -> Node | None:
        return self.summary(file).module

    # -- module specifiers --------------------------------------------------------------

    def py_module(self, importer: str, source: str, level: int) -> tuple[str | None, str | None]:
        """(file, dotted name) of a Python import's module; file None if missing.

        The dotted name is None when the import leaves the workspace.
        """
        if level:
            base = self.idx.module_name(importer)
            if base is None:
                parts: list[str] = []
            else:
                parts = base.split(".")
                if not importer.endswith(("/__init__.py", "/__init__.pyi")) and importer not in (
                    "__init__.py",
                    "__init__.pyi",
                ):
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

    def js_module(self, importer: str, spec: str) -> tuple[str | None, str | None]:
        """(file, placeholder key) of a JS/TS specifier; both None if external."""
        if spec.startswith(("./", "../")) or spec in (".", ".."):
            path = posixpath.normpath(posixpath.join(posixpath.dirname(importer), spec))
            if path.startswith("../") or path == "..":
                return None, None
            if path == ".":
                path = ""
            f = self.idx.resolve_js_path(path)
            return f, (None if f else js_key(path))
        if spec.startswith("/") or spec.startswith("node:"):
            return None, None
        base, rules = self.idx.tsconfig()
        first: str | None = None
        for pattern, targets in rules:
            star = pattern.find("*")
            if star == -1:
                if spec != pattern:
                    continue
                captured = ""
            else:
                pre, post = pattern[:star], pattern[star + 1 :]
                if not (spec.startswith(pre) and spec.endswith(post)) or len(spec) < len(pre) + len(
                    post
                ):
                    continue
                captured = spec[len(pre) : len(spec) - len(post)]
            for t in targets:
                cand = posixpath.normpath(posixpath.join(base, t.replace("*", captured)))
                if cand.startswith("../"):
                    continue
                cand = "" if cand == "." else cand
                f = self.idx.resolve_js_path(cand)
                if f is not None:
                    return f, None
                if first is None:
                    first = cand
            if first is not None:
                return None, js_key(first)
        if base:
            f = self.idx.resolve_js_path(posixpath.normpath(posixpath.join(base, spec)))
            if f is not None:
                return f, None
        return None, None

    # -- names --------------------------------------------------------------------------

    def follow_binding(self, file: str, imp: Node, res: Resolution, seen: set[str]) -> None:
        """Resolve an IMPORT (or re-exporting EXPORT) node of `file` into `res`."""
        if imp.id in seen or len(seen) > MAX_CHAIN:
            return
        seen.add(imp.id)
        a = imp.attrs
        source = a.get("source", "")
        if is_python(file):
            target, dotted = self.py_module(file, source, a.get("level", 0) or 0)
            if a.get("kind") == "import":
                if target is None:
                    res.missing = dotted
                    return
                if a.get("alias") is None:
                    top = self.idx.py_modules.get(source.split(".")[0])
                    target = top or target
                res.node = self.module_node(target)
                return
            imported = a.get("imported", "")
            if target is None:
                sub = self.idx.py_modules.get(f"{dotted}.{imported}") if dotted else None
                if sub is not None and imported != "*":
                    res.node = self.module_node(sub)
                    return
                res.missing = dotted
                return
            self.py_export(target, imported, res, seen)
            return
        target, key = self.js_module(file, source)
        if target is None:
            res.missing = key
            return
        imported = a.get("imported")
        if imported is None:  # side-effect import
            return
        if imported == "*":
            if a.get("kind") == "require":
                default = self.summary(target).exports.get("default")
                if default and any(e.attrs.get("kind") == "cjs" for e in default):
                    self.js_export(target, "default", res, seen)
                    if res.node is not None:
                        return
            res.node = self.module_node(target)
            return
        self.js_export(target, imported, res, seen)

    def py_export(self, file: str, name: str, res: Resolution, seen: set[str]) -> None:
        """The final definition `name` exported by the Python module `file`."""
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
                target, dotted_star = self.py_module(
                    file, star.attrs.get("source", ""), star.attrs.get("level", 0) or 0
                )
                if target is None:
                    if dotted_star:
                        res.missing_stars.append(dotted_star)
                    continue
                target_summary = self.summary(target)
                if target_summary.module is not None:
                    # Adding the name there later must re-resolve this binding.
                    res.hops.append(target_summary.module)
                allowed = target_summary.all_names
                if allowed is not None and name not in allowed:
                    continue
                if _through_star(res, star, self.py_export, target, name, seen):
                    return
        res.missing = f"{dotted}.{name}" if dotted else None

    def py_star_names(
        self, file: str, seen: set[str] | None = None, missing: list[str] | None = None
    ) -> list[str]:
        """The names `from file import *` brings, sorted. `seen` collects the
        modules consulted (the star's dependencies)."""
        seen = set() if seen is None else seen
        seen.add(file)
        s = self.summary(file)
        if s.all_names is not None:
            return sorted(set(s.all_names))
        names = {n for n in s.top if not n.startswith("_")}
        names |= {n for n in s.imports if not n.startswith("_")}
        for star in s.star_imports:
            target, dotted = self.py_module(
                file, star.attrs.get("source", ""), star.attrs.get("level", 0) or 0
            )
            if target is None and dotted and missing is not None:
                missing.append(dotted)
            if target is not None and target not in seen:
                names |= set(self.py_star_names(target, seen, missing))
        return sorted(names)

    def js_export(self, file: str, name: str, res: Resolution, seen: set[str]) -> None:
        """The final definition behind export `name` of the JS/TS module `file`."""
        s = self.summary(file)
        if len(seen) > 1 and s.module is not None:
            res.hops.append(s.module)
        for exp in s.exports.get(name, ()):
            if exp.id in seen:
                continue
            if "source" in exp.attrs:
                res.hops.append(exp)
                self.follow_binding(file, exp, res, seen)
                return
            local = exp.attrs.get("local")
            if local:
                node = s.top.get(local)
                if node is not None:
                    res.node = node
                    return
                imp = s.imports.get(local)
                if imp is not None:
                    res.hops.append(exp)
                    res.hops.append(imp)
                    self.follow_binding(file, imp, res, seen)
                    return
            res.node = exp
            return
        if name == "default":
            return
        for star in s.exports.get("*", ()):
            if star.id in seen:
                continue
            target, key = self.js_module(file, star.attrs.get("source", ""))
            if target is None:
                if key:
                    res.missing_stars.append(key)
                continue
            target_module = self.summary(target).module
            if target_module is not None:
                res.hops.append(target_module)
            if _through_star(res, star, self.js_export, target, name, seen):
                return


def _through_star(
    res: Resolution,
    star: Node,
    export: Callable[[str, str, Resolution, set[str]], None],
    target: str,
    name: str,
    seen: set[str],
) -> bool:
    """Resolve `name` in `target` through one `*` re-export; True (and `res` filled) if found."""
    sub = Resolution()
    export(target, name, sub, seen | {star.id})
    res.missing_stars.extend(sub.missing_stars)
    if sub.node is not None:
        res.hops.append(star)
        res.hops.extend(sub.hops)
        res.node = sub.node
        return True
    res.hops.extend(sub.hops)
    return False


class ImportsEnricher(Enricher):
    metadata = EnricherMetadata(
        name="imports",
        consumes=frozenset(
            {
                NodeType.MODULE,
                NodeType.IMPORT,
                NodeType.EXPORT,
                NodeType.CLASS,
                NodeType.FUNCTION,
                NodeType.VARIABLE,
            }
        ),
        produces=frozenset({EdgeType.IMPORTS, EdgeType.IMPORTS_FROM}),
        scope="file",
    )

    def process_file(self, file: str, snapshot: Snapshot) -> EnricherFileResult:
        idx = workspace_index(snapshot, self.settings)
        r = Resolver(snapshot, idx)
        s = r.summary(file)
        if s.module is None:
            return EnricherFileResult()
        mod_id = s.module.id
        edges: list[Edge] = []
        nodes: dict[str, Node] = {}
        python = is_python(file)

        def module_edge(target: str | None, external: str | None) -> None:
            if target is not None and target != file:
                edges.append(Edge(mod_id, EdgeType.IMPORTS, module_id(target)))
            elif external is not None:
                n = external_node(external)
                nodes.setdefault(n.id, n)
                edges.append(Edge(mod_id, EdgeType.IMPORTS, n.id))

        def unresolved(src: str, key: str) -> None:
            n = placeholder_node(key)
            nodes.setdefault(n.id, n)
            edges.append(Edge(src, EdgeType.IMPORTS, n.id))

        def binding_edges(src: Node, res: Resolution) -> None:
            if res.node is not None:
                if res.node.id != src.id:
                    edges.append(Edge(src.id, EdgeType.IMPORTS_FROM, res.node.id))
            elif res.missing:
                unresolved(src.id, res.missing)
            for hop in res.hops:
                if hop.file != file:
                    edges.append(Edge(src.id, EdgeType.IMPORTS, hop.id, {"via": "re-export"}))
            for key in res.missing_stars:
                unresolved(src.id, key)

        bindings = [n for n in s.nodes if n.type == NodeType.IMPORT]
        if not python:
            bindings += [n for n in s.nodes if n.type == NodeType.EXPORT and "source" in n.attrs]
        for imp in bindings:
            a = imp.attrs
            source = a.get("source", "")
            if python:
                target, dotted = r.py_module(file, source, a.get("level", 0) or 0)
                external = None
                if target is None and dotted is None and source:
                    external = source.split(".")[0]
                module_edge(target, external)
                sub = None
                if a.get("kind") == "from" and dotted is not None:
                    imported = a.get("imported", "")
                    sub = idx.py_modules.get(f"{dotted}.{imported}") if imported != "*" else None
                    if sub is not None:
                        module_edge(sub, None)
                if target is None and dotted is not None and sub is None:
                    unresolved(imp.id, dotted)
                    continue
                if a.get("imported") == "*":
                    if target is None:
                        continue
                    consulted: set[str] = set()
                    star_missing: list[str] = []
                    star_names = r.py_star_names(target, consulted, star_missing)
                    for key in star_missing:
                        unresolved(imp.id, key)
                    for dep in sorted(consulted - {target, file}):
                        dep_module = r.module_node(dep)
                        if dep_module is not None:
                            edges.append(
                                Edge(imp.id, EdgeType.IMPORTS, dep_module.id, {"via": "re-export"})
                            )
                    for name in star_names:
                        res = Resolution()
                        r.py_export(target, name, res, {imp.id})
                        if res.node is not None:
                            edges.append(
                                Edge(imp.id, EdgeType.IMPORTS_FROM, res.node.id, {"name": name})
                            )
                        elif res.missing:
                            unresolved(imp.id, res.missing)
                        for key in res.missing_stars:
                            unresolved(imp.id, key)
                        for hop in res.hops:
                            if hop.file != file:
                                edges.append(
                                    Edge(imp.id, EdgeType.IMPORTS, hop.id, {"via": "re-export"})
                                )
                    continue
            else:
                target, key = r.js_module(file, source)
                if target is None and key is None and source:
                    module_edge(None, js_package_name(source))
                else:
                    module_edge(target, None)
                if target is None:
                    if key is not None:
                        unresolved(imp.id, key)
                    continue
                if imp.type == NodeType.EXPORT and a.get("imported") == "*" and imp.name == "*":
                    edges.append(Edge(imp.id, EdgeType.IMPORTS_FROM, module_id(target)))
                    continue
            res = Resolution()
            r.follow_binding(file, imp, res, set())
            binding_edges(imp, res)
        return EnricherFileResult(edges=edges, nodes=list(nodes.values()))

    def dependent_keys(self, file: str, nodes: Sequence[Node]) -> set[str]:
        keys: set[str] = set()
        if file.endswith(PY_EXTS):
            # Every root the file may sit under (src/ counted whether or not
            # it exists yet): a new file may satisfy a placeholder under any.
            naming = ModuleNaming.for_workspace(
                ("src/_.py",), self.settings.python_roots, self.settings.package_dirs
            )
            names = naming.python_names(file)
            top_names = {
                n.name
                for n in nodes
                if n.type in (NodeType.CLASS, NodeType.FUNCTION, NodeType.VARIABLE, NodeType.IMPORT)
                and parse_id(n.id).is_top_level
            }
            for name in names:
                keys.add(name)
                parts = name.split(".")
                for i in range(1, len(parts)):
                    keys.add(".".join(parts[:i]))
                for t in top_names:
                    keys.add(f"{name}.{t}")
            return keys
        key = js_key(file)
        keys.add(key)
        if key.endswith("/index"):
            keys.add(key[: -len("/index")] or ".")
        elif key == "./index":
            keys.add(".")
        return keys
