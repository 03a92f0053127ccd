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

from graphwarden.analysis.enrichers.workspace import workspace_index
from graphwarden.analysis.guarantees.contracts.cycles import CycleSearch
from graphwarden.analysis.guarantees.contracts.graph import EDGE_TYPES as IMPORT_EDGE_TYPES
from graphwarden.analysis.guarantees.contracts.graph import NODE_TYPES as IMPORT_NODE_TYPES
from graphwarden.analysis.guarantees.contracts.graph import ImportGraph, first_site
from graphwarden.analysis.guarantees.result_cache import definition_key
from graphwarden.analysis.guarantees.results import RelatedLocation, RuleInfo, Violation
from graphwarden.analysis.guarantees.rules.base import CheckContext, CheckedRule, RuleState
from graphwarden.analysis.guarantees.rules.config_tables import RuleTableReader
from graphwarden.analysis.model import EdgeType, Node, NodeType, file_of_id, parse_id
from graphwarden.analysis.store import Snapshot
from graphwarden.analysis.store.keys import edge_type_of


@dataclass(frozen=True, kw_only=True, eq=False)
class BuiltinRule(CheckedRule):
    #: Whether the rule runs when the configuration does not switch it.
    default_on: bool


@dataclass(frozen=True, kw_only=True, eq=False)
class UnresolvedImportRule(BuiltinRule):
    """Kept per import between checks: a result is an IMPORT node and its IMPORTS
    edge to a placeholder, so a cycle changes the results of the files it
    analysed, of the imports whose IMPORTS edges it wrote or deleted, and of
    the importers of a placeholder whose attributes changed, nothing else."""

    def check(self, ctx: CheckContext) -> list[Violation]:
        violations, _state = self.evaluate(ctx, None)
        return violations

    def evaluate(
        self, ctx: CheckContext, state: RuleState | None
    ) -> tuple[list[Violation], RuleState | None]:
        delta = ctx.delta
        if isinstance(state, UnresolvedState) and delta is not None and delta.track_ids:
            snap, previous = ctx.snapshot, ctx.previous
            imports = self._import_sources(snap, delta.added_edge_keys)
            if previous is not None:
                imports |= self._import_sources(previous, delta.removed_edge_keys)
            elif delta.removed_edge_keys:
                # Where a deleted edge started is unknown: every changed file.
                for file in delta.changed_files:
                    self._put_file(state, file, self._file_violations(ctx, file))
            for nid in delta.added | delta.modified:
                if parse_id(nid).kind == NodeType.EXTERNAL_MODULE:
                    imports.update(e.src for e in snap.edges_in(nid))
            for file in delta.analysed_files:
                self._put_file(state, file, self._file_violations(ctx, file))
            for imp_id in imports:
                if file_of_id(imp_id) not in delta.analysed_files:
                    self._put_node(state, imp_id, self._node_violations(ctx, imp_id))
        else:
            state = UnresolvedState({})
            by_file: dict[str, list[Violation]] = {}
            for v in self._all_violations(ctx):
                by_file.setdefault(v.file, []).append(v)
            for file, found in by_file.items():
                self._put_file(state, file, found)
        return state.violations(), state

    def relocate(
        self, ctx: CheckContext, violations: list[Violation], state: RuleState | None
    ) -> list[Violation]:
        changed = ctx.delta.analysed_files if ctx.delta is not None else set()
        if isinstance(state, UnresolvedState):
            for file in changed & state.by_file.keys():
                moved = [self._moved(ctx, v) for vs in state.by_file[file].values() for v in vs]
                self._put_file(state, file, moved)
            return state.violations()
        return [self._moved(ctx, v) if v.file in changed else v for v in violations]

    @staticmethod
    def _import_sources(snap: Snapshot, keys: set[bytes]) -> set[str]:
        """The IMPORT nodes these `out` keys' IMPORTS edges leave (where visible)."""
        found = set()
        for key in keys:
            if edge_type_of(key) != EdgeType.IMPORTS:
                continue
            edge = snap.edge_by_key(key)
            if edge is not None and parse_id(edge.src).kind == NodeType.IMPORT:
                found.add(edge.src)
        return found

    @staticmethod
    def _moved(ctx: CheckContext, v: Violation) -> Violation:
        imp = ctx.snapshot.node(v.node_id)
        return replace(v, range=imp.range) if imp is not None else v

    @staticmethod
    def _put_file(state: UnresolvedState, file: str, found: list[Violation]) -> None:
        by_node: dict[str, list[Violation]] = {}
        for v in found:
            by_node.setdefault(v.node_id, []).append(v)
        if by_node:
            state.by_file[file] = by_node
        else:
            state.by_file.pop(file, None)

    @staticmethod
    def _put_node(state: UnresolvedState, imp_id: str, found: list[Violation]) -> None:
        file = file_of_id(imp_id)
        by_node = state.by_file.get(file, {})
        if found:
            by_node[imp_id] = found
            state.by_file[file] = by_node
        elif imp_id in by_node:
            del by_node[imp_id]
            if not by_node:
                del state.by_file[file]

    def _violation(self, imp: Node, ext: Node) -> Violation:
        info = self.info
        return Violation(
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

    def _all_violations(self, ctx: CheckContext) -> list[Violation]:
        snap = ctx.snapshot
        out: list[Violation] = []
        for ext in snap.nodes_of_type(NodeType.EXTERNAL_MODULE):
            if not ext.attrs.get("unresolved"):
                continue
            for edge in snap.edges_in(ext.id, EdgeType.IMPORTS):
                imp = snap.node(edge.src)
                if imp is None or imp.type != NodeType.IMPORT:
                    continue
                out.append(self._violation(imp, ext))
        return out

    def _file_violations(self, ctx: CheckContext, file: str) -> list[Violation]:
        """The violations of one file's imports (its IMPORT nodes, from its summary)."""
        snap = ctx.snapshot
        out: list[Violation] = []
        for n in workspace_index(snap, ctx.settings).summary(snap, file).nodes:
            if n.type == NodeType.IMPORT:
                out += self._node_violations(ctx, n.id)
        return out

    def _node_violations(self, ctx: CheckContext, imp_id: str) -> list[Violation]:
        """The violations of one IMPORT node: its IMPORTS edges to placeholders."""
        snap = ctx.snapshot
        out: list[Violation] = []
        imp: Node | None = None
        for edge in snap.edges_out(imp_id, EdgeType.IMPORTS):
            ext = snap.node(edge.dst)
            if (
                ext is None
                or ext.type != NodeType.EXTERNAL_MODULE
                or not ext.attrs.get("unresolved")
            ):
                continue
            imp = imp or snap.node(imp_id)
            if imp is not None and imp.type == NodeType.IMPORT:
                out.append(self._violation(imp, ext))
        return out


@dataclass
class UnresolvedState(RuleState):
    """The unresolved imports of each file, by IMPORT node, kept between checks."""

    by_file: dict[str, dict[str, list[Violation]]]

    def violations(self) -> list[Violation]:
        out = [v for by_node in self.by_file.values() for vs in by_node.values() for v in vs]
        return sorted(out, key=lambda v: (v.file, v.range, v.node_id, v.message))


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
                related.append(
                    RelatedLocation(site.file, site.range, f"{a} imports {b}", site.node_id)
                )
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
                settings.locate("builtin_rules", key),
                f"unknown built-in rule {key!r} (known: {known})",
            )
    enabled: list[BuiltinRule] = []
    for name, rule in BUILTIN_RULES.items():
        if switches.get(name, rule.default_on):
            if name in reader.names:
                reader.name_clash(name, f"guarantee name {name!r} is the name of a built-in rule")
            enabled.append(rule)
    return enabled
