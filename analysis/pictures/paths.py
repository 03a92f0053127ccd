"""Guarantee violations as highlighted paths over the module graph.

A contract violation's related locations are the import statements of its
chain, one per hop. Each is matched to the direct import it makes by its
place in the import graph (file and range), so the hops are read from the
graph itself, never parsed out of a message. A violation without a chain (a
Datalog rule's, a built-in's) marks the module it is reported in; one
located outside every module (a configuration warning) marks nothing but is
still listed.
"""

from __future__ import annotations

from collections.abc import Iterable

from graphwarden.analysis.guarantees.contracts.graph import ImportGraph
from graphwarden.analysis.guarantees.results import Violation
from graphwarden.analysis.model import Range
from graphwarden.analysis.pictures.model import HighlightedPath, PathHop


class SiteIndex:
    """Direct imports of an import graph by where their statement is written."""

    def __init__(self, graph: ImportGraph) -> None:
        self._by_place: dict[tuple[str, Range], list[tuple[str, str]]] = {}
        for importer, targets in graph.imports.items():
            for imported, sites in targets.items():
                for site in sites:
                    key = (site.file, site.range)
                    self._by_place.setdefault(key, []).append((importer, imported))
        self.module_of_file = {file: name for name, file in graph.modules.items()}

    def imports_at(self, file: str, range_: Range) -> list[tuple[str, str]]:
        return self._by_place.get((file, range_), [])


def violation_paths(violations: Iterable[Violation], graph: ImportGraph) -> list[HighlightedPath]:
    """One highlighted path per violation, with a unique id (its fingerprint)."""
    index = SiteIndex(graph)
    out: list[HighlightedPath] = []
    seen: dict[str, int] = {}
    for v in violations:
        hops = tuple(_hops(v, index))
        if hops:
            modules = [hops[0].source, *(h.target for h in hops)]
        else:
            module = index.module_of_file.get(v.file)
            modules = [module] if module is not None else []
        # Fingerprints identify a violation across edits; two equal ones (the
        # same rule, node and message) still need two ids on one page.
        n = seen.get(v.fingerprint, 0)
        seen[v.fingerprint] = n + 1
        path_id = v.fingerprint if n == 0 else f"{v.fingerprint}-{n + 1}"
        out.append(
            HighlightedPath(
                id=path_id,
                kind="violation",
                rule=v.rule,
                severity=v.severity,
                message=v.message,
                file=v.file,
                range=v.range,
                hops=hops,
                modules=tuple(dict.fromkeys(modules)),
            )
        )
    return out


def _hops(v: Violation, index: SiteIndex) -> list[PathHop]:
    hops: list[PathHop] = []
    for loc in v.related:
        found = index.imports_at(loc.file, loc.range)
        if not found:
            continue
        # One binding per IMPORT node, so a place names one import; should a
        # front end ever share a range, the hop that continues the chain wins.
        previous = hops[-1].target if hops else None
        source, target = next(((s, t) for s, t in found if s == previous), found[0])
        hops.append(PathHop(source, target, loc.file, loc.range, loc.message))
    return hops
