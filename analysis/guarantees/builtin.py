"""Built-in rules: checks every workspace gets without writing a rule.

* ``unresolved-import`` (on by default): an import that points inside the
  workspace (its top-level package or a relative/path import) and resolves
  to nothing. Read from the imports enricher's placeholders:
  ``IMPORT -IMPORTS-> EXTERNAL_MODULE {"unresolved": True}``.
* ``import-cycle`` (off by default): modules that import each other,
  directly or through others (one violation per cycle).

Switch them in the configuration: ``builtin_rules = { import-cycle = true }``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graphwarden.analysis.guarantees.contracts.acyclic import find_cycles
from graphwarden.analysis.guarantees.contracts.graph import EDGE_TYPES as IMPORT_EDGE_TYPES
from graphwarden.analysis.guarantees.contracts.graph import NODE_TYPES as IMPORT_NODE_TYPES
from graphwarden.analysis.guarantees.results import RelatedLocation, RuleInfo, Violation
from graphwarden.analysis.model import EdgeType, NodeType

if TYPE_CHECKING:
    from graphwarden.analysis.guarantees.checker import CheckContext


@dataclass
class BuiltinRule:
    info: RuleInfo
    default_on: bool
    node_types: frozenset[str]
    edge_types: frozenset[str]
    run: Callable[[CheckContext], list[Violation]]


def _unresolved_imports(ctx: CheckContext) -> list[Violation]:
    snap = ctx.snapshot
    info = BUILTIN_RULES["unresolved-import"].info
    out: list[Violation] = []
    for ext in snap.nodes_of_type(NodeType.EXTERNAL_MODULE):
        if not ext.attrs.get("unresolved"):
            continue
        for edge in snap.edges_in(ext.id, EdgeType.IMPORTS):
            imp = snap.node(edge.src)
            if imp is None or imp.type != NodeType.IMPORT:
                continue
            out.append(
                Violation(
                    rule=info.name,
                    severity=info.severity,
                    message=f"unresolved import: {ext.name!r} does not exist in the workspace",
                    file=imp.file,
                    range=imp.range,
                    description=info.description,
                    remediation=info.remediation,
                    node_id=imp.id,
                    kind="builtin",
                )
            )
    return out


def _import_cycles(ctx: CheckContext) -> list[Violation]:
    graph = ctx.import_graph
    info = BUILTIN_RULES["import-cycle"].info
    out = []
    for cycle in find_cycles(graph, set(graph.modules)):
        related = []
        first = None
        for a, b in itertools.pairwise(cycle):
            site = min(graph.imports[a][b], key=lambda s: s.range)
            first = first or site
            related.append(RelatedLocation(site.file, site.range, f"{a} imports {b}"))
        assert first is not None
        out.append(
            Violation(
                rule=info.name,
                severity=info.severity,
                message=f"import cycle: {' -> '.join(cycle)}",
                file=first.file,
                range=first.range,
                related=related,
                description=info.description,
                remediation=info.remediation,
                node_id=first.node_id,
                kind="builtin",
            )
        )
    return out


BUILTIN_RULES: dict[str, BuiltinRule] = {
    "unresolved-import": BuiltinRule(
        RuleInfo(
            "unresolved-import",
            "error",
            "An import inside the workspace resolves to no module or name.",
            "Fix the module path or the imported name, or add the missing module.",
            kind="builtin",
            summary="imports inside the workspace must resolve",
        ),
        True,
        frozenset({NodeType.IMPORT, NodeType.EXTERNAL_MODULE}),
        frozenset({EdgeType.IMPORTS}),
        _unresolved_imports,
    ),
    "import-cycle": BuiltinRule(
        RuleInfo(
            "import-cycle",
            "warning",
            "Modules import each other, directly or through other modules.",
            "Move the shared code into a module both can import, or import lazily.",
            kind="builtin",
            summary="no import cycles between workspace modules",
        ),
        False,
        IMPORT_NODE_TYPES,
        IMPORT_EDGE_TYPES,
        _import_cycles,
    ),
}
