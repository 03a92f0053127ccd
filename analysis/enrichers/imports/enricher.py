"""The imports enricher: IMPORTS (module -> module) and IMPORTS_FROM (binding -> definition).

Edges it writes for one file (shard ``__enrichment__/imports/{file}``):

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
  points at that MODULE node. JS re-exporting EXPORT nodes
  (``export {x as y} from './b'``) get the same edge, as if they were bindings.
* ``IMPORT -IMPORTS-> IMPORT|EXPORT|MODULE`` with attrs ``{"via": "re-export"}``:
  the re-export nodes in other files a binding was resolved through, and the
  modules a star re-export (``from x import *``, ``export *``) made it search
  (found there or not). They exist so that changing a re-export
  (``from .a import f`` -> ``from .b import f`` in an ``__init__.py``) puts
  every file that imported through it into the blast radius: the reverse
  index finds them.
* ``IMPORT -IMPORTS-> EXTERNAL_MODULE {"unresolved": True}``: a workspace
  import that resolves nowhere (edges.py has the shape, python.py and
  javascript.py the keys).

The language specifics live in one resolver per family (python.py,
javascript.py); this module only drives them. Invariant: the result for a
file is a pure function of the snapshot (and the settings).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from graphwarden.analysis.enrichers.base import (
    Enricher,
    EnricherFileResult,
    EnricherMetadata,
    FileReads,
)
from graphwarden.analysis.enrichers.imports import javascript, python
from graphwarden.analysis.enrichers.imports.edges import ImportEdges
from graphwarden.analysis.enrichers.imports.resolver import Resolver
from graphwarden.analysis.enrichers.name_uses import foreign_uses
from graphwarden.analysis.enrichers.workspace import workspace_index
from graphwarden.analysis.model import EdgeType, Node, NodeType
from graphwarden.analysis.modules import is_python

if TYPE_CHECKING:
    from graphwarden.analysis.store import Snapshot


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
        ignores_signatures_of=frozenset(
            {NodeType.CLASS, NodeType.FUNCTION, NodeType.METHOD, NodeType.VARIABLE}
        ),
        reads_of_its_file=FileReads.DEFINITIONS,
    )

    def process_file(
        self, file: str, snapshot: Snapshot, cancelled: Callable[[], bool] | None = None
    ) -> EnricherFileResult:
        resolver = Resolver(snapshot, workspace_index(snapshot, self.settings)).for_file(file)
        summary = resolver.summary(file)
        if summary.module is None:
            return EnricherFileResult()
        out = ImportEdges(file, summary.module)
        for binding in resolver.bindings(summary):
            resolver.resolve_binding(file, binding, out)
        result = out.result()
        result.uses = foreign_uses(file, resolver.uses)
        return result

    def dependent_keys(self, file: str, nodes: Sequence[Node]) -> set[str]:
        if is_python(file):
            return python.dependent_keys(file, nodes, self.settings)
        return javascript.dependent_keys(file)
