"""Built-in rules: checks every workspace gets without writing a rule.

* ``unresolved-import`` (on by default): an import that points inside the
  workspace (its top-level package or a relative/path import) and resolves
  to nothing. Read from the imports enricher's placeholders:
  ``IMPORT -IMPORTS-> EXTERNAL_MODULE {"unresolved": True}``.
* ``import-cycle`` (off by default): modules that import each other,
  directly or through others (one violation per cycle).

Switch them in the configuration: ``builtin_rules = { import-cycle = true }``.
`enabled_builtin_rules` reads the switches, reporting unknown names.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from typing import ClassVar

from graphwarden.analysis.guarantees.contracts.cycles import CycleSearch
from graphwarden.analysis.guarantees.contracts.graph import EDGE_TYPES as IMPORT_EDGE_TYPES
from graphwarden.analysis.guarantees.contracts.graph import NODE_TYPES as IMPORT_NODE_TYPES
from graphwarden.analysis.guarantees.contracts.graph import ImportGraph, first_site
from graphwarden.analysis.guarantees.result_cache import definition_key
from graphwarden.analysis.guarantees.results import RelatedLocation, RuleInfo, Violation
from graphwarden.analysis.guarantees.rules.base import CheckContext, CheckedRule, RuleState
from graphwarden.analysis.guarantees.rules.config_tables import RuleTableReader
from graphwarden.analysis.model import EdgeType, NodeType


@dataclass(frozen=True, kw_only=True, eq=False)
class BuiltinRule(CheckedRule):
    #: Whether the rule runs when the configuration does not switch it.
    default_on: bool


@dataclass(frozen=True, kw_only=True, eq=False)
class UnresolvedImportRule(BuiltinRule):
    def relocate(self, ctx: CheckContext, violations: list[Violation]) -> list[Violation]:
        changed = ctx.delta.changed_files if ctx.delta is not None else set()
        out = []
        for v in violations:
            imp = ctx.snapshot.node(v.node_id) if v.file in changed else None
            out.append(replace(v, range=imp.range) if imp is not None else v)
        return out

    def check(self, ctx: CheckContext) -> list[Violation]:
        snap = ctx.snapshot
        info = self.info
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


@dataclass(frozen=True, kw_only=True, eq=False)
class ImportCycleRule(BuiltinRule):
    reads_import_graph: ClassVar[bool] = True

    def check(self, ctx: CheckContext) -> list[Violation]:
        violations, _state = self.evaluate(ctx, None)
        return violations

    def needs_check(self, ctx: CheckContext) -> bool:
        change = ctx.graph_change
        return change is None or not change.empty

    def evaluate(
        self, ctx: CheckContext, state: RuleState | None
    ) -> tuple[list[Violation], RuleState | None]:
        graph, change = ctx.import_graph, ctx.graph_change
        if (
            isinstance(state, CyclesState)
            and change is not None
            and not (change.rebuilt or change.externals_changed)
        ):
            state.cycles.update(graph, change.added, change.removed)
            search = state.cycles
        else:
            search = CycleSearch(set(graph.modules), set())
            search.search(graph)
        return self._render(graph, search), CyclesState(search)

    def _render(self, graph: ImportGraph, search: CycleSearch) -> list[Violation]:
        info = self.info
        out = []
        for cycle in search.cycles():
            related = []
            first = None
            for a, b in itertools.pairwise(cycle):
                site = first_site(graph.imports[a][b])
                first = first or site
                related.append(RelatedLocation(site.file, site.range, f"{a} imports {b}"))
            assert first is not None  # a cycle has at least two hops
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


@dataclass
class CyclesState(RuleState):
    """The import cycles of every module, kept between checks (contracts/cycles.py)."""

    cycles: CycleSearch


BUILTIN_RULES: dict[str, BuiltinRule] = {
    rule.info.name: rule
    for rule in (
        UnresolvedImportRule(
            info=RuleInfo(
                "unresolved-import",
                "error",
                "An import inside the workspace resolves to no module or name.",
                "Fix the module path or the imported name, or add the missing module.",
                kind="builtin",
                summary="imports inside the workspace must resolve",
            ),
            default_on=True,
            node_types=frozenset({NodeType.IMPORT, NodeType.EXTERNAL_MODULE}),
            edge_types=frozenset({EdgeType.IMPORTS}),
            key=definition_key({"builtin": "unresolved-import"}, 0, ""),
        ),
        ImportCycleRule(
            info=RuleInfo(
                "import-cycle",
                "warning",
                "Modules import each other, directly or through other modules.",
                "Move the shared code into a module both can import, or import lazily.",
                kind="builtin",
                summary="no import cycles between workspace modules",
            ),
            default_on=False,
            node_types=IMPORT_NODE_TYPES,
            edge_types=IMPORT_EDGE_TYPES,
            key=definition_key({"builtin": "import-cycle"}, 0, ""),
        ),
    )
}


def enabled_builtin_rules(reader: RuleTableReader) -> list[BuiltinRule]:
    """The built-ins the configuration's `builtin_rules` switches on (or leaves on)."""
    settings = reader.settings
    switches = settings.builtin_rules
    for key in switches:
        if key not in BUILTIN_RULES:
            known = ", ".join(sorted(BUILTIN_RULES))
            reader.error(
                settings.line_of(key) or settings.line_of("builtin_rules"),
                f"unknown built-in rule {key!r} (known: {known})",
            )
    enabled: list[BuiltinRule] = []
    for name, rule in BUILTIN_RULES.items():
        if switches.get(name, rule.default_on):
            if name in reader.names:
                reader.error(0, f"guarantee name {name!r} is the name of a built-in rule")
            enabled.append(rule)
    return enabled
