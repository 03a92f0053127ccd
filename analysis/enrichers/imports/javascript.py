"""JavaScript/TypeScript import resolution: ES modules, CommonJS, re-exports, tsconfig paths.

A relative specifier is a path from the importer's folder, resolved with
extension and ``index`` lookup (`WorkspaceIndex.resolve_js_path`); a bare
specifier goes through tsconfig ``paths`` and ``baseUrl`` and otherwise
leaves the workspace (EXTERNAL_MODULE of its package name, `js_package_name`).
A name is what the target module exports: an EXPORT of a local definition,
of an import binding (followed), a re-export (``export {x} from``,
followed) or ``export *`` (each searched). Re-exporting EXPORT nodes are
bindings too and get the same edges as imports.

``const m = require('./m')`` binds the module, or its ``module.exports = x``
value when it has one; ``import * as ns`` and ``export * as ns`` bind the
module.

Placeholder keys (edges.py): ``./`` + the workspace-relative path without
extension (``./src/newmod``) of a relative (or tsconfig ``paths``) import
of a missing file. A named import missing from an existing module is not a
placeholder: the importer looked the name up (a `NameUse`), which brings it
back into the blast radius when the name appears.

Known limit: adding a file that changes which existing file a specifier
resolves to (``a.ts`` next to ``a.js``) does not re-resolve the importers of
the old file.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from graphwarden.analysis.enrichers.imports.language import LanguageResolver
from graphwarden.analysis.enrichers.imports.resolution import (
    Resolution,
    enter,
    through_star,
)
from graphwarden.analysis.enrichers.workspace import FileSummary
from graphwarden.analysis.model import NodeType, module_id, str_attr
from graphwarden.analysis.modules import js_key
from graphwarden.analysis.summaries import SummaryNode

if TYPE_CHECKING:
    from graphwarden.analysis.enrichers.imports.edges import ImportEdges


def js_package_name(spec: str) -> str:
    """The package a bare specifier names: `lodash/fp` -> `lodash`, `@s/p/x` -> `@s/p`."""
    if spec.startswith("node:"):
        return spec
    parts = spec.split("/")
    if spec.startswith("@") and len(parts) >= 2:
        return "/".join(parts[:2])
    return parts[0]


def _source(binding: SummaryNode) -> str:
    return str_attr(binding.attrs, "source") or ""


class JavaScriptResolver(LanguageResolver):
    """Resolves JS/TS specifiers and exported names against one snapshot revision."""

    # -- modules ------------------------------------------------------------------------

    def module(self, importer: str, spec: str) -> tuple[str | None, str | None]:
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
            # The first matching pattern with a target inside the workspace
            # decides: a miss there is a missing workspace file, not a package.
            if first is not None:
                return None, js_key(first)
        if base:
            f = self.idx.resolve_js_path(posixpath.normpath(posixpath.join(base, spec)))
            if f is not None:
                return f, None
        return None, None

    # -- the enricher's side ------------------------------------------------------------

    def bindings(self, summary: FileSummary) -> list[SummaryNode]:
        imports = [n for n in summary.nodes if n.type == NodeType.IMPORT]
        return imports + [
            n for n in summary.nodes if n.type == NodeType.EXPORT and "source" in n.attrs
        ]

    def resolve_binding(self, file: str, binding: SummaryNode, out: ImportEdges) -> None:
        source = _source(binding)
        target, key = self.module(file, source)
        if target is None and key is None and source:
            out.module_edge(None, js_package_name(source))
        else:
            out.module_edge(target, None)
        if target is None:
            if key is not None:
                out.unresolved(binding.id, key)
            return
        if (
            binding.type == NodeType.EXPORT
            and str_attr(binding.attrs, "imported") == "*"
            and binding.name == "*"
        ):
            # `export * from './m'` binds no name: it stands for the whole module.
            out.imports_from(binding.id, module_id(target))
            return
        res = Resolution()
        self.follow_binding(file, binding, res, set())
        out.binding(binding, res)

    # -- names --------------------------------------------------------------------------

    def follow_binding(
        self, file: str, binding: SummaryNode, res: Resolution, seen: set[str]
    ) -> None:
        if not enter(binding, seen):
            return
        target, key = self.module(file, _source(binding))
        if target is None:
            res.missing = key
            return
        imported = str_attr(binding.attrs, "imported")
        if imported is None:  # side-effect import
            return
        if imported == "*":
            if str_attr(binding.attrs, "kind") == "require":
                self.uses.add((target, "default"))
                default = self.summary(target).exports.get("default")
                if default and any(str_attr(e.attrs, "kind") == "cjs" for e in default):
                    self.export(target, "default", res, seen)
                    if res.node is not None:
                        return
            res.node = self.module_node(target)
            return
        self.export(target, imported, res, seen)

    def export(self, file: str, name: str, res: Resolution, seen: set[str]) -> None:
        self.uses.add((file, name))
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
            local = str_attr(exp.attrs, "local")
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
            target, key = self.module(file, _source(star))
            if target is None:
                if key:
                    res.missing_stars.append(key)
                continue
            target_module = self.summary(target).module
            if target_module is not None:
                res.hops.append(target_module)
            if through_star(res, star, self.export, target, name, seen):
                return


def dependent_keys(file: str) -> set[str]:
    """Placeholder keys a new or changed JS/TS file can satisfy: its path key,
    and its folder's when it is an ``index`` file."""
    key = js_key(file)
    keys = {key}
    if key.endswith("/index"):
        # `./index` (the root's index) answers to "." as well.
        keys.add(key[: -len("/index")] or ".")
    return keys
