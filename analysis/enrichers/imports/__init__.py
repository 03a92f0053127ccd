"""Import resolution: the imports enricher and the resolvers other modules share.

- `enricher`: `ImportsEnricher`, which edges it writes, and why;
- `python`, `javascript`: one `LanguageResolver` per language family;
- `resolution`: what both share in following a binding (`Resolution`,
  re-exports, star re-exports, the chain bound);
- `edges`: what a resolution becomes (edges, EXTERNAL_MODULE and
  placeholder nodes for unresolved imports);
- `resolver`: `Resolver`, both families behind one entry point, for name
  lookup and the contracts' import graph.
"""

from graphwarden.analysis.enrichers.imports.edges import (
    ImportEdges,
    external_node,
    placeholder_node,
)
from graphwarden.analysis.enrichers.imports.enricher import ImportsEnricher
from graphwarden.analysis.enrichers.imports.javascript import JavaScriptResolver, js_package_name
from graphwarden.analysis.enrichers.imports.language import LanguageResolver
from graphwarden.analysis.enrichers.imports.python import PythonResolver
from graphwarden.analysis.enrichers.imports.resolution import (
    MAX_CHAIN,
    Resolution,
)
from graphwarden.analysis.enrichers.imports.resolver import Resolver

__all__ = [
    "MAX_CHAIN",
    "ImportEdges",
    "ImportsEnricher",
    "JavaScriptResolver",
    "LanguageResolver",
    "PythonResolver",
    "Resolution",
    "Resolver",
    "external_node",
    "js_package_name",
    "placeholder_node",
]
