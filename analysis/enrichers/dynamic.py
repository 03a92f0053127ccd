"""Dynamic calls that value domains resolve: the edges the calls enricher adds for them.

The front ends fold constants (analysis/dataflow/consts.py) and mark calls
whose target only a constant tells:

* ``importlib.import_module("pkg.mod")``, ``__import__("a" + ".b")``,
  ``require(NAME)``, ``import(NAME)`` with a constant specifier get
  ``imports``: here they become ``CALL -IMPORTS-> MODULE`` (a workspace
  module) or ``-> EXTERNAL_MODULE`` (one outside it);
* ``getattr(obj, "name")(...)``, ``HANDLERS["key"](...)`` and JS
  ``obj["name"](...)`` get ``target`` (what is really called): the calls
  enricher resolves that text as it resolves ``obj.name(...)``.

The same calls with a value that is not constant are marked ``dynamic`` and
become coverage gaps (analysis/cycle/canary.py).
"""

from __future__ import annotations

from graphwarden.analysis.enrichers.imports.edges import external_node
from graphwarden.analysis.enrichers.names import FileScope
from graphwarden.analysis.model import Edge, EdgeType, Node, module_id, str_attr
from graphwarden.analysis.summaries import SummaryNode


def dynamic_import(scope: FileScope, call: SummaryNode) -> tuple[Edge, Node | None] | None:
    """The IMPORTS edge of a dynamic import with a constant specifier (and its external node)."""
    spec = str_attr(call.attrs, "imports")
    if not spec:
        return None
    if scope.python:
        target, _name = scope.resolver.py_module(scope.file, spec, 0)
        external = None if target is not None else spec.split(".")[0]
    else:
        target, _key = scope.resolver.js_module(scope.file, spec)
        bare = spec[5:] if spec.startswith("node:") else spec
        external = None if target is not None or bare.startswith(".") else bare
    if target is not None:
        if target == scope.file:
            return None
        return Edge(call.id, EdgeType.IMPORTS, module_id(target), {"via": "dynamic"}), None
    if external:
        node = external_node(external)
        return Edge(call.id, EdgeType.IMPORTS, node.id, {"via": "dynamic"}), node
    return None
