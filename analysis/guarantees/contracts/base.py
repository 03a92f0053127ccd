"""What every contract type shares: option validation, ignore lists, chain reporting.

Invariant: a contract is only built from options `validate_options` accepted,
so `strings`/`flag` never meet a value of the wrong kind, and a contract's
verdicts depend on nothing but those options and the import graph.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, ClassVar

from graphwarden.analysis.guarantees.contracts.graph import (
    ImportGraph,
    ModuleGroup,
    expand,
    ignored_imports,
)
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
        removed, unmatched = ignored_imports(graph, self.ignore)
        out = [
            self.config_warning(f"ignore_imports entry {e!r} matches no import") for e in unmatched
        ]
        g = graph.without(removed) if removed else graph
        out.extend(self.check_graph(g))
        return out

    def check_graph(self, graph: ImportGraph) -> list[Violation]:
        raise NotImplementedError

    def groups(
        self, graph: ImportGraph, exprs: list[str], out: list[Violation]
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
            sites = sorted(graph.imports[a][b], key=lambda s: s.range)
            site = sites[0]
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

    def package_chains(
        self,
        graph: ImportGraph,
        down: ModuleGroup,
        up: ModuleGroup,
        *,
        direct_only: bool = False,
        removed_modules: set[str] | frozenset[str] = frozenset(),
    ) -> list[list[str]]:
        """Shortest chain per (downstream, upstream) module pair, import-linter style.

        Imports inside either package are ignored (grimp does the same), and
        `removed_modules` (other layers) are taken out of the graph.
        """
        dm, um = down.members, up.members

        def skip(a: str, b: str) -> bool:
            return (
                (a in dm and b in dm)
                or (a in um and b in um)
                or a in removed_modules
                or b in removed_modules
            )

        chains: list[list[str]] = []
        if direct_only:
            for a in sorted(dm):
                for b in sorted(graph.imports.get(a, ())):
                    if b in um and not skip(a, b):
                        chains.append([a, b])
            return chains
        # Only modules that can reach the upstream package are worth a search.
        can_reach = graph.reaching(um, skip)
        for d in sorted(dm & can_reach):
            if d in removed_modules:
                continue
            found = graph.shortest_chains(d, um, skip, allowed=can_reach)
            for u in sorted(found):
                chains.append(found[u])
        return _drop_superchains(chains)


def _drop_superchains(chains: list[list[str]]) -> list[list[str]]:
    """Drop chains that contain another found chain (grimp reports only the inner one)."""
    if len(chains) < 2:
        return chains
    keys = [tuple(c) for c in chains]
    short = set(keys)

    def contains_other(c: tuple[str, ...]) -> bool:
        n = len(c)
        for i in range(n):
            for j in range(i + 2, n + 1):
                if (i, j) != (0, n) and c[i:j] in short:
                    return True
        return False

    return [list(c) for c in keys if not contains_other(c)]


def option_strings(options: Options, key: str) -> list[str]:
    """A "str_list" option's value (empty when not given)."""
    value = options.get(key)
    return list(value) if isinstance(value, list) else []
