"""What every contract type shares: option validation, ignore lists, chain reporting,
and the state that keeps a contract's results up to date from edit to edit.

A contract type says what it reports as a *plan* (`Contract.plan`): its
warnings about the configuration, and the searches whose results it reports
(chain searches between module groups, or cycle searches), in order. A
`ContractState` runs the plan once, then updates its searches from each
`GraphChange` of the live import graph (live_graph.py).

Invariant: a contract is only built from options `validate_options` accepted,
so `strings`/`flag` never meet a value of the wrong kind, and a contract's
verdicts depend on nothing but those options and the import graph: an
updated state reports exactly what a state started on the same graph would.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, ClassVar

from graphwarden.analysis.guarantees.contracts.chains import ChainSearch
from graphwarden.analysis.guarantees.contracts.cycles import CycleSearch
from graphwarden.analysis.guarantees.contracts.graph import (
    ImportGraph,
    ModuleGroup,
    Pair,
    compile_ignore,
    expand,
    first_site,
)
from graphwarden.analysis.guarantees.contracts.live_graph import GraphChange
from graphwarden.analysis.guarantees.results import RelatedLocation, RuleInfo, Violation

#: Keys every contract accepts.
COMMON_KEYS = {"name", "type", "severity", "description", "remediation", "ignore_imports"}

OptionKind = str  # "str" | "str_list" | "bool"
#: A validated option value (one per kind above), and a contract's options.
OptionValue = str | bool | list[str]
Options = dict[str, OptionValue]


class OptionError(Exception):
    """A bad option value; `key` names the option so the caller can find its line."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


@dataclass
class ConfigLocation:
    """Where a contract is written, for warnings about the contract itself."""

    file: str
    line: int  # 1-based


class Contract:
    """Base class. Subclasses declare `type_name`, `required`, `optional` and `check`."""

    type_name: ClassVar[str] = ""
    required: ClassVar[dict[str, OptionKind]] = {}
    optional: ClassVar[dict[str, OptionKind]] = {}
    #: One-line summary for the rule table (formatted with the options).
    summary: ClassVar[str] = ""

    def __init__(self, info: RuleInfo, options: Options, where: ConfigLocation) -> None:
        self.info = info
        self.options = options
        self.where = where
        self.ignore: list[str] = self.strings("ignore_imports")

    def strings(self, key: str) -> list[str]:
        """A "str_list" option (empty when not given)."""
        return option_strings(self.options, key)

    def flag(self, key: str, default: bool) -> bool:
        """A "bool" option, `default` when not given."""
        value = self.options.get(key)
        return value if isinstance(value, bool) else default

    @classmethod
    def allowed_keys(cls) -> set[str]:
        return COMMON_KEYS | set(cls.required) | set(cls.optional)

    @classmethod
    def validate_options(cls, table: dict[str, Any]) -> Options:
        """Type-check the options of a raw config table; raises OptionError naming the bad key."""
        out: Options = {}
        for key in sorted(set(table) - cls.allowed_keys()):
            known = ", ".join(sorted(cls.allowed_keys()))
            raise OptionError(
                key, f"unknown key {key!r} for a {cls.type_name} contract (known: {known})"
            )
        for key, kind in {**cls.required, **cls.optional, "ignore_imports": "str_list"}.items():
            if key not in table:
                if key in cls.required:
                    raise OptionError("name", f"a {cls.type_name} contract needs {key!r}")
                continue
            value = table[key]
            if kind == "str_list":
                if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                    raise OptionError(key, f"{key!r} must be a list of non-empty strings")
                if key == "ignore_imports":
                    for v in value:
                        if "->" not in v:
                            raise OptionError(
                                key, f"ignore_imports entry {v!r} must be 'importer -> imported'"
                            )
            elif kind == "bool":
                if not isinstance(value, bool):
                    raise OptionError(key, f"{key!r} must be true or false")
            elif kind == "str" and not isinstance(value, str):
                raise OptionError(key, f"{key!r} must be a string")
            out[key] = value
        cls.extra_validation(out)
        return out

    @classmethod
    def extra_validation(cls, options: Options) -> None:
        """Cross-option checks (subclasses)."""

    # -- checking -------------------------------------------------------------------------

    def check(self, graph: ImportGraph) -> list[Violation]:
        """All violations (and warnings about the contract) against one import graph."""
        state = self.start(graph)
        return state.violations(graph)

    def start(self, graph: ImportGraph) -> ContractState:
        """The contract checked from scratch, as a state later edits update."""
        return ContractState(self, graph)

    def plan(self, graph: ImportGraph, ignored: set[Pair]) -> list[PlanItem]:
        """What the contract reports, in order: warnings, and the searches whose
        results it reports (the modules each search covers depend on the set of
        modules only, never on the imports)."""
        raise NotImplementedError

    def groups(
        self, graph: ImportGraph, exprs: list[str], out: list[PlanItem]
    ) -> list[ModuleGroup]:
        """Expand expressions; a name that matches nothing is a warning, not a silent pass."""
        groups: list[ModuleGroup] = []
        for expr in exprs:
            got = expand(graph, expr, self.flag("as_packages", True))
            if not got:
                out.append(self.config_warning(f"module {expr!r} does not exist in the workspace"))
            groups.extend(got)
        return groups

    def config_warning(self, message: str) -> Violation:
        line = max(self.where.line - 1, 0)
        return Violation(
            rule=self.info.name,
            severity="warning",
            message=f"contract {self.info.name!r}: {message}",
            file=self.where.file,
            range=(line, 0, line, 0),
            description=self.info.description,
            kind="config",
        )

    def chain_violation(
        self, graph: ImportGraph, chain: list[str], down: str, up: str
    ) -> Violation:
        related: list[RelatedLocation] = []
        first = None
        for a, b in itertools.pairwise(chain):
            site = first_site(graph.imports[a][b])
            first = first or site
            related.append(RelatedLocation(site.file, site.range, f"{a} imports {b}"))
        assert first is not None
        via = " -> ".join(chain)
        message = f"{down} must not import {up}: {via}"
        return Violation(
            rule=self.info.name,
            severity=self.info.severity,
            message=message,
            file=first.file,
            range=first.range,
            related=related,
            description=self.info.description,
            remediation=self.info.remediation,
            node_id=first.node_id,
            kind="contract",
        )

    def render(self, graph: ImportGraph, item: Search) -> list[Violation]:
        """The violations of one search (chain searches: one per chain)."""
        if isinstance(item, LabelledChains):
            return [
                self.chain_violation(graph, chain, item.down, item.up)
                for chain in item.search.chains()
            ]
        raise NotImplementedError


@dataclass
class LabelledChains:
    """A chain search and the group names its violations are reported with."""

    search: ChainSearch
    down: str
    up: str

    def run(self, graph: ImportGraph) -> None:
        self.search.search(graph)

    def update(self, graph: ImportGraph, added: set[Pair], removed: set[Pair]) -> None:
        self.search.update(graph, added, removed)


class CycleItem:
    """An `acyclic` search: the import cycles among some modules."""

    def __init__(self, search: CycleSearch) -> None:
        self.search = search

    def run(self, graph: ImportGraph) -> None:
        self.search.search(graph)

    def update(self, graph: ImportGraph, added: set[Pair], removed: set[Pair]) -> None:
        self.search.update(graph, added, removed)


#: What a contract's searches are.
Search = LabelledChains | CycleItem
#: One entry of a contract's report: a fixed warning, or a search's violations.
PlanItem = Violation | Search


class IgnoreMatches:
    """Which direct imports a contract's `ignore_imports` entries match, kept up to date."""

    def __init__(self, exprs: list[str], graph: ImportGraph) -> None:
        self.exprs = exprs
        self._patterns = [compile_ignore(e) for e in exprs]
        self._matched: list[set[Pair]] = [set() for _ in exprs]
        #: Every ignored import (shared with the searches: updated in place).
        self.ignored: set[Pair] = set()
        for a, targets in graph.imports.items():
            for b in targets:
                self._add((a, b))

    def _add(self, pair: Pair) -> None:
        for (lp, rp), matched in zip(self._patterns, self._matched, strict=True):
            if lp.match(pair[0]) and rp.match(pair[1]):
                matched.add(pair)
                self.ignored.add(pair)

    def update(self, added: set[Pair], removed: set[Pair]) -> None:
        for pair in removed:
            for matched in self._matched:
                matched.discard(pair)
            self.ignored.discard(pair)
        for pair in added:
            self._add(pair)

    def unmatched(self) -> list[str]:
        return [e for e, matched in zip(self.exprs, self._matched, strict=True) if not matched]


class ContractState:
    """One contract's results against the import graph, updated edit by edit.

    Built from scratch (`Contract.start`), then `update`d with each
    `GraphChange`: the searches run again only where the change can alter
    them (chains.py, cycles.py say where), and the violations are rendered
    from the graph each time, so the lines of an import chain follow the
    statements as they move. A rebuilt graph, or other external packages
    (a contract may name one), start it again from scratch.
    """

    def __init__(self, contract: Contract, graph: ImportGraph) -> None:
        self.contract = contract
        self.ignores = IgnoreMatches(contract.ignore, graph)
        self.items = contract.plan(graph, self.ignores.ignored)
        for item in self.items:
            if not isinstance(item, Violation):
                item.run(graph)

    def update(self, graph: ImportGraph, change: GraphChange) -> ContractState:
        """The state after `change` (itself, updated, or a new one built from scratch)."""
        if change.rebuilt or change.externals_changed:
            return ContractState(self.contract, graph)
        self.ignores.update(change.added, change.removed)
        added = change.added - self.ignores.ignored
        if added or change.removed:
            for item in self.items:
                if not isinstance(item, Violation):
                    item.update(graph, added, change.removed)
        return self

    def violations(self, graph: ImportGraph) -> list[Violation]:
        out = [
            self.contract.config_warning(f"ignore_imports entry {e!r} matches no import")
            for e in self.ignores.unmatched()
        ]
        for item in self.items:
            if isinstance(item, Violation):
                out.append(item)
            else:
                out.extend(self.contract.render(graph, item))
        return out


def option_strings(options: Options, key: str) -> list[str]:
    """A "str_list" option's value (empty when not given)."""
    value = options.get(key)
    return list(value) if isinstance(value, list) else []
