"""The names of the enrichers graphwarden ships: plain data, importing nothing.

The configuration validates its ``enrichers`` table against these names, so
they live apart from the classes (the package's `all_enricher_classes`
checks that the two agree): reading them loads no enricher, and the
configuration does not depend on the enrichers package that depends on it.
"""

#: Every shipped enricher's name, in registration order (ties in the
#: topological order are broken by it).
ENRICHER_NAMES: tuple[str, ...] = (
    "imports",
    "inheritance",
    "instances",
    "types",
    "calls",
    "dataflow",
    "unreferenced",
)
