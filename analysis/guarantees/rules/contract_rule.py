"""`[[contracts]]` and import-linter's contracts, as rules.

The contract types themselves live in `contracts/`, one module each; this
module turns a config table into one of them (its `type` picks the class,
whose `validate_options` checks the rest) and runs it on the context's
import graph. Every contract depends on the types the import graph is
built from, nothing else.

A contract from import-linter's configuration (`from_imported`) gets its
options as import-linter reads them: INI strings are typed per option,
`broken_contract_guidance` becomes `instructions`, the session's
`root_packages`, `include_external_packages` and
`exclude_type_checking_imports` join each contract, and import-linter's
defaults and strictness apply (`ConfigLocation.origin`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from graphwarden.analysis.guarantees.contracts import (
    CONTRACT_TYPES,
    ConfigLocation,
    Contract,
    OptionError,
)
from graphwarden.analysis.guarantees.contracts.graph import EDGE_TYPES as IMPORT_EDGE_TYPES
from graphwarden.analysis.guarantees.contracts.graph import NODE_TYPES as IMPORT_NODE_TYPES
from graphwarden.analysis.guarantees.contracts.incremental import ContractState
from graphwarden.analysis.guarantees.result_cache import definition_key
from graphwarden.analysis.guarantees.results import Violation
from graphwarden.analysis.guarantees.rules.base import CheckContext, CheckedRule, RuleState
from graphwarden.analysis.guarantees.rules.config_tables import RuleTableReader
from graphwarden.analysis.importlinter import ImportedContract, ImportLinterConfig

_SECTION = "contracts"


@dataclass(frozen=True, kw_only=True, eq=False)
class ContractRule(CheckedRule):
    contract: Contract

    #: Contracts search the import graph the checker keeps up to date from
    #: each cycle's changed files (contracts/live_graph.py), not one rebuilt
    #: from every IMPORT node per check; those with a plan keep their
    #: searches too and update them from the graph's change
    #: (contracts/incremental.py).
    reads_import_graph: ClassVar[bool] = True

    @classmethod
    def from_imported(
        cls, reader: RuleTableReader, config: ImportLinterConfig, contract: ImportedContract
    ) -> ContractRule | None:
        """An import-linter contract, or None after reporting why it cannot be checked."""
        table: dict[str, Any] = dict(contract.options)
        table.pop("id", None)  # import-linter's --contract selector; the name is the rule's id
        if "broken_contract_guidance" in table:
            table["instructions"] = table.pop("broken_contract_guidance")
            contract.key_lines.setdefault(
                "instructions", contract.line_of("broken_contract_guidance")
            )
        if table.get("type") in config.custom_types:
            return None  # reported once, at `contract_types`
        for key, value in config.session.items():
            table.setdefault(key, value)
        if isinstance(table.get("instructions"), list):
            table["instructions"] = "\n".join(table["instructions"])
        file_reader = reader.for_file(contract.file, contract.line_of)
        return cls.from_table(file_reader, 0, table, origin="importlinter")

    @classmethod
    def from_table(
        cls, reader: RuleTableReader, i: int, table: dict[str, Any], *, origin: str = "graphwarden"
    ) -> ContractRule | None:
        """The contract of table `i`, or None after reporting what is wrong with it."""
        common = reader.common(i, table, _SECTION)
        if common is None:
            return None
        name, severity = common
        type_ = table.get("type")
        contract_type = CONTRACT_TYPES.get(type_) if isinstance(type_, str) else None
        if contract_type is None:
            known = " | ".join(CONTRACT_TYPES)
            reader.error(
                reader.line("type" if "type" in table else "", i, _SECTION),
                f"contract {name!r}: unknown contract type {type_!r} (use {known})"
                if type_ is not None
                else f"contract {name!r} has no 'type' ({known})",
            )
            return None
        try:
            options = contract_type.validate_options(table, lenient=origin == "importlinter")
        except OptionError as exc:
            reader.error(reader.line(exc.key, i, _SECTION), f"contract {name!r}: {exc.message}")
            return None
        line = reader.line("", i, _SECTION)
        summary = (
            contract_type.summary.format(
                **{k: ", ".join(v) if isinstance(v, list) else v for k, v in options.items()}
            )
            if contract_type.summary
            else ""
        )
        info = reader.info(table, name, severity, "contract", summary)
        return cls(
            info=info,
            node_types=IMPORT_NODE_TYPES,
            edge_types=IMPORT_EDGE_TYPES,
            line=line,
            key=definition_key(table, line, name),
            contract=contract_type(info, options, ConfigLocation(reader.config_file, line, origin)),
        )

    def check(self, ctx: CheckContext) -> list[Violation]:
        return self.contract.check(ctx.import_graph)

    def needs_check(self, ctx: CheckContext) -> bool:
        # A contract's results are a function of the import graph (statements
        # included); the live graph says exactly whether it changed.
        change = ctx.graph_change
        return change is None or not change.empty

    def relocate(
        self, ctx: CheckContext, violations: list[Violation], state: RuleState | None
    ) -> list[Violation]:
        if ctx.graph_change is not None and ctx.graph_change.empty:
            # No statement moved (a moved one changes the graph): the results
            # are where a check would put them (an exhaustive layers result
            # is at the top of its module, not at the module node's range).
            return violations
        return super().relocate(ctx, violations, state)

    def evaluate(
        self, ctx: CheckContext, state: RuleState | None
    ) -> tuple[list[Violation], RuleState | None]:
        graph, change = ctx.import_graph, ctx.graph_change
        if not self.contract.incremental or change is None:
            # protected, private_modules, acyclic_siblings: searched in full
            # whenever the graph changed (contracts/__init__.py says why).
            return self.check(ctx), None
        if not (isinstance(state, ContractRuleState) and state.contract.update(graph, change)):
            state = ContractRuleState(ContractState(self.contract, graph))
        return state.contract.violations(), state


@dataclass
class ContractRuleState(RuleState):
    """A contract's scoped graph and searches, kept between checks (contracts/incremental.py)."""

    contract: ContractState
