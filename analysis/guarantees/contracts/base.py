"""What every contract type shares: option validation, the graph it checks, chain reporting.

A contract type says what it reports either as a *plan* (`plan`: its
warnings about the contract and the searches whose results it reports, in
order; `incremental` types) or directly (`check_graph`). A plan's searches
(`SearchItem`: chain searches here, cycle searches in acyclic.py) can be
updated from a change of the import graph instead of run again: see
incremental.py. `check` runs a plan from scratch, so both paths share it.

Options every type takes (import-linter's shared options, and its session
options per contract): `ignore_imports` (with `*` and `**` wildcards),
`unmatched_ignore_imports_alerting` (`error`, `warn` or `none`: what an
ignore entry that matches nothing is), `exclude_type_checking_imports`,
`root_packages` and `include_external_packages` (the graph import-linter
would build). A contract read from import-linter's configuration
(`ConfigLocation.origin`) keeps import-linter's defaults and strictness: an
unmatched ignore and a missing module break it; graphwarden's own contracts
warn instead.

Option values are typed as TOML writes them; `validate_options(...,
lenient=True)` also takes them as INI writes them ("True", a single string
for a list, "10" for a number), as import-linter does.

Invariant: a contract is only built from options `validate_options` accepted,
so `strings`/`flag` never meet a value of the wrong kind, and a contract's
verdicts depend on nothing but those options and the import graph.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, ClassVar

from graphwarden.analysis.guarantees.contracts.chains import ChainSearch
from graphwarden.analysis.guarantees.contracts.graph import (
    ImportGraph,
    ModuleGroup,
    Pair,
    expand,
    ignored_imports,
)
from graphwarden.analysis.guarantees.results import RelatedLocation, RuleInfo, Violation

#: Options every contract type takes, with their kinds.
COMMON_OPTIONS: dict[str, str] = {
    "ignore_imports": "str_list",
    "unmatched_ignore_imports_alerting": "alerting",
    "exclude_type_checking_imports": "bool",
    "root_packages": "str_list",
    "include_external_packages": "bool",
}
#: Keys every contract accepts (the text fields are checked by the rule table reader).
COMMON_KEYS = {
    "name",
    "type",
    "severity",
    "description",
    "remediation",
    "instructions",
} | set(COMMON_OPTIONS)
#: What an `ignore_imports` entry that matches no import is.
ALERTING = ("error", "warn", "none")

OptionKind = str  # "str" | "str_list" | "bool" | "int" | "alerting"
#: A validated option value (one per kind above), and a contract's options.
OptionValue = str | bool | int | list[str]
Options = dict[str, OptionValue]
#: An option as a configuration file writes it (INI: strings and lists of strings).
RawOption = str | bool | int | list[str]


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
    #: "graphwarden" or "importlinter": whose defaults and strictness apply.
    origin: str = "graphwarden"


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
        strict = where.origin == "importlinter"
        #: import-linter fails a contract whose module is missing; ours warn.
        self.missing_severity = info.severity if strict else "warning"
        alerting = options.get("unmatched_ignore_imports_alerting", "error" if strict else "warn")
        self.unmatched_alerting = alerting if isinstance(alerting, str) else "warn"

    def strings(self, key: str) -> list[str]:
        """A "str_list" option (empty when not given)."""
        return option_strings(self.options, key)

    def flag(self, key: str, default: bool) -> bool:
        """A "bool" option, `default` when not given."""
        value = self.options.get(key)
        return value if isinstance(value, bool) else default

    def number(self, key: str, default: int) -> int:
        """An "int" option, `default` when not given."""
        value = self.options.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else default

    @classmethod
    def allowed_keys(cls) -> set[str]:
        return COMMON_KEYS | set(cls.required) | set(cls.optional)

    @classmethod
    def option_kinds(cls) -> dict[str, OptionKind]:
        return {**COMMON_OPTIONS, **cls.required, **cls.optional}

    @classmethod
    def validate_options(cls, table: dict[str, Any], *, lenient: bool = False) -> Options:
        """Type-check the options of a raw config table; raises OptionError naming the bad key.

        `lenient`: values as import-linter's INI files write them are accepted too.
        """
        out: Options = {}
        for key in sorted(set(table) - cls.allowed_keys()):
            known = ", ".join(sorted(cls.allowed_keys()))
            raise OptionError(
                key, f"unknown key {key!r} for a {cls.type_name} contract (known: {known})"
            )
        for key, kind in cls.option_kinds().items():
            if key not in table:
                if key in cls.required:
                    raise OptionError("name", f"a {cls.type_name} contract needs {key!r}")
                continue
            value = _coerce(kind, table[key]) if lenient else table[key]
            out[key] = _checked(key, kind, value)
        cls.extra_validation(out)
        return out

    @classmethod
    def extra_validation(cls, options: Options) -> None:
        """Cross-option checks (subclasses)."""

    # -- checking -------------------------------------------------------------------------

    def check(self, graph: ImportGraph) -> list[Violation]:
        """All violations (and warnings about the contract) against one import graph."""
        graph = self.scoped(graph)
        removed, unmatched = ignored_imports(graph, self.ignore)
        out = self.unmatched_warnings(unmatched)
        g = graph.without(removed) if removed else graph
        out.extend(self.check_graph(g))
        return out

    def unmatched_warnings(self, unmatched: list[str]) -> list[Violation]:
        """What the `ignore_imports` entries that match no import are (per the alerting)."""
        if self.unmatched_alerting == "none":
            return []
        severity = self.info.severity if self.unmatched_alerting == "error" else "warning"
        return [
            self.config_warning(f"ignore_imports entry {e!r} matches no import", severity)
            for e in unmatched
        ]

    def scoped(self, graph: ImportGraph, *, type_checking: bool = False) -> ImportGraph:
        """The graph this contract checks: its root packages, externals, type-only imports.

        `type_checking`: keep the type-only imports whatever the options say.
        Each direct import of the result depends only on the imports of its
        importer (and the graph's modules and externals): the incremental
        path (incremental.py) relies on it to update the result per importer.
        """
        roots = self.strings("root_packages")
        externals = self.flag("include_external_packages", True)
        if roots:
            graph = graph.restricted(roots, externals)
        elif not externals:
            graph = graph.without_externals()
        if self.flag("exclude_type_checking_imports", False) and not type_checking:
            graph = graph.without_type_checking()
        return graph

    def scope_names_follow_imports(self) -> bool:
        """Whether the scoped graph's external names depend on the imports (not only on
        the graph's modules and externals): with root packages, an import of a
        module outside them names its top-level package."""
        return bool(self.strings("root_packages")) and self.flag("include_external_packages", True)

    def check_graph(self, graph: ImportGraph) -> list[Violation]:
        """The violations on the contract's graph, ignored imports taken out.

        Types with a plan (`incremental`) run it; the others override this.
        """
        out: list[Violation] = []
        for item in self.plan(graph, set()):
            if isinstance(item, Violation):
                out.append(item)
            else:
                item.run(graph)
                out.extend(self.render(graph, item))
        return out

    #: Whether the type reports through `plan`, whose searches can be updated
    #: from a change of the graph (incremental.py) instead of run again.
    incremental: ClassVar[bool] = False

    def plan(self, graph: ImportGraph, ignored: set[Pair]) -> list[PlanItem]:
        """What the contract reports, in order: warnings, and the searches whose
        results it reports. `ignored` (the ignored imports, kept up to date by
        the caller) is what the searches skip. A plan depends on the graph's
        modules and externals only, never on its imports."""
        raise NotImplementedError

    def render(self, graph: ImportGraph, item: SearchItem) -> list[Violation]:
        """The violations of one search of the plan: one per chain it found."""
        return [self.render_chain(graph, item, chain) for chain in item.chains()]

    def render_chain(self, graph: ImportGraph, item: SearchItem, chain: list[str]) -> Violation:
        """The violation of one chain of a search. A function of the chain and of the
        statements of its hops (`graph.imports[a][b]`), nothing else: incremental.py
        keeps it until one of those changes."""
        if isinstance(item, ChainItem):
            return self.chain_violation(graph, chain, item.down, item.up)
        raise NotImplementedError(type(item).__name__)

    def groups(
        self, graph: ImportGraph, exprs: list[str], out: list[PlanItem]
    ) -> list[ModuleGroup]:
        """Expand expressions; a name that matches nothing is a warning, not a silent pass."""
        groups: list[ModuleGroup] = []
        for expr in exprs:
            got = expand(graph, expr, self.flag("as_packages", True))
            if not got:
                out.append(self.missing(f"module {expr!r} does not exist in the workspace"))
            groups.extend(got)
        return groups

    def missing(self, message: str) -> Violation:
        """A module or layer the contract names is not there (import-linter: the contract fails)."""
        return self.config_warning(message, self.missing_severity)

    def config_warning(self, message: str, severity: str = "warning") -> Violation:
        """A problem with the contract itself, reported at the contract."""
        line = max(self.where.line - 1, 0)
        return Violation(
            rule=self.info.name,
            severity=severity,
            message=f"contract {self.info.name!r}: {message}",
            file=self.where.file,
            range=(line, 0, line, 0),
            description=self.info.description,
            kind="config",
            instructions=self.info.instructions,
        )

    def chain_violation(
        self, graph: ImportGraph, chain: list[str], down: str, up: str
    ) -> Violation:
        related: list[RelatedLocation] = []
        first = None
        for a, b in itertools.pairwise(chain):
            sites = sorted(graph.imports[a][b], key=lambda s: s.range)
            site = sites[0]
            first = first or site
            related.append(RelatedLocation(site.file, site.range, f"{a} imports {b}", site.node_id))
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
            instructions=self.info.instructions,
        )

    def import_violation(
        self, graph: ImportGraph, importer: str, imported: str, why: str
    ) -> Violation:
        """A direct import that breaks the contract, at its first import statement."""
        site = min(graph.imports[importer][imported], key=lambda s: (s.file, s.range))
        return Violation(
            rule=self.info.name,
            severity=self.info.severity,
            message=f"{importer} must not import {imported}: {why}",
            file=site.file,
            range=site.range,
            related=[
                RelatedLocation(
                    site.file, site.range, f"{importer} imports {imported}", site.node_id
                )
            ],
            description=self.info.description,
            remediation=self.info.remediation,
            node_id=site.node_id,
            kind="contract",
            instructions=self.info.instructions,
        )


class SearchItem:
    """A search a plan reports the results of: run once, then updated edit by edit."""

    def run(self, graph: ImportGraph) -> None:
        raise NotImplementedError

    def update(self, graph: ImportGraph, added: set[Pair], removed: set[Pair]) -> None:
        """Bring the results to `graph`, which differs from the last one by these imports
        (ignored ones left out); they must equal `run`'s on `graph`."""
        raise NotImplementedError

    def chains(self) -> list[list[str]]:
        """The chains (or cycles) to report, in order."""
        raise NotImplementedError

    @property
    def searches(self) -> int:
        """How many searches it ran so far (for tests and profiling)."""
        return 0


class ChainItem(SearchItem):
    """A chain search and the group names its violations are reported with."""

    def __init__(self, search: ChainSearch, down: str, up: str) -> None:
        self.search = search
        self.down = down
        self.up = up

    def run(self, graph: ImportGraph) -> None:
        self.search.search(graph)

    def update(self, graph: ImportGraph, added: set[Pair], removed: set[Pair]) -> None:
        self.search.update(graph, added, removed)

    def chains(self) -> list[list[str]]:
        return self.search.chains()

    @property
    def searches(self) -> int:
        return self.search.searches


#: One entry of a contract's report: a fixed warning, or a search's violations.
PlanItem = Violation | SearchItem


_TRUE = ("true", "True")
_FALSE = ("false", "False")


def _coerce(kind: OptionKind, value: RawOption) -> RawOption:
    """A value as import-linter reads it from INI: "True" is true, a string is a list of one."""
    if kind == "bool" and isinstance(value, str):
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
    if kind == "int" and isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if kind == "str_list" and isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if kind in ("str", "alerting") and isinstance(value, list) and len(value) == 1:
        return value[0]
    return value


def _checked(key: str, kind: OptionKind, value: object) -> OptionValue:
    """`value` if it is of `kind`; OptionError naming `key` otherwise."""
    if kind == "str_list":
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise OptionError(key, f"{key!r} must be a list of non-empty strings")
        if key == "ignore_imports":
            for v in value:
                if "->" not in v:
                    raise OptionError(
                        key, f"ignore_imports entry {v!r} must be 'importer -> imported'"
                    )
        return list(value)
    if kind == "bool":
        if not isinstance(value, bool):
            raise OptionError(key, f"{key!r} must be true or false")
        return value
    if kind == "int":
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise OptionError(key, f"{key!r} must be a non-negative integer")
        return value
    if kind == "alerting":
        if value not in ALERTING:
            raise OptionError(key, f"{key!r} must be one of {', '.join(ALERTING)}")
        assert isinstance(value, str)
        return value
    if not isinstance(value, str):
        raise OptionError(key, f"{key!r} must be a string")
    return value


def option_strings(options: Options, key: str) -> list[str]:
    """A "str_list" option's value (empty when not given)."""
    value = options.get(key)
    return list(value) if isinstance(value, list) else []
