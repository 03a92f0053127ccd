"""`[[contracts]]`: an import contract (forbidden, layers, independence, acyclic) as a rule.

The contract types themselves live in `contracts/`, one module each; this
module turns a config table into one of them (its `type` picks the class,
whose `validate_options` checks the rest) and runs it on the context's
import graph. Every contract depends on the types the import graph is
built from, nothing else. Between checks it keeps the contract's state
and updates it from the live import graph's change (contracts/base.py):
a contract runs again only when a direct import it can see appeared,
went, or moved.
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
from graphwarden.analysis.guarantees.contracts.base import ContractState
from graphwarden.analysis.guarantees.contracts.graph import EDGE_TYPES as IMPORT_EDGE_TYPES
from graphwarden.analysis.guarantees.contracts.graph import NODE_TYPES as IMPORT_NODE_TYPES
from graphwarden.analysis.guarantees.result_cache import definition_key
from graphwarden.analysis.guarantees.results import Violation
from graphwarden.analysis.guarantees.rules.base import CheckContext, CheckedRule, RuleState
from graphwarden.analysis.guarantees.rules.config_tables import RuleTableReader

_SECTION = "contracts"


@dataclass(frozen=True, kw_only=True, eq=False)
class ContractRule(CheckedRule):
    contract: Contract

    @classmethod
    def from_table(
        cls, reader: RuleTableReader, i: int, table: dict[str, Any]
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
            options = contract_type.validate_options(table)
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
            contract=contract_type(info, options, ConfigLocation(reader.config_file, line)),
        )

    reads_import_graph: ClassVar[bool] = True

    def check(self, ctx: CheckContext) -> list[Violation]:
        return self.contract.check(ctx.import_graph)

    def needs_check(self, ctx: CheckContext) -> bool:
        # The live graph says exactly whether an import the contract sees changed.
        change = ctx.graph_change
        return change is None or not change.empty

    def evaluate(
        self, ctx: CheckContext, state: RuleState | None
    ) -> tuple[list[Violation], RuleState | None]:
        graph, change = ctx.import_graph, ctx.graph_change
        if isinstance(state, ContractRuleState) and change is not None:
            contract_state = state.contract.update(graph, change)
        else:
            contract_state = self.contract.start(graph)
        return contract_state.violations(graph), ContractRuleState(contract_state)


@dataclass
class ContractRuleState(RuleState):
    """A contract's searches, kept between checks (contracts/base.py)."""

    contract: ContractState
