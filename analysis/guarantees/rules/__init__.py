"""The rule types the checker runs, one module each (as import-linter's contract types).

* `datalog_guarantee`: `[[guarantees]]`, a Datalog program over the graph;
* `contract_rule`: `[[contracts]]`, an import contract (types in `contracts/`);
* `builtin`: rules every workspace gets (`builtin_rules` switches them).

Each is a `CheckedRule` (base.py): typed fields, the types it depends on,
and `check(ctx)`. `RuleTableReader` (config_tables.py) is how loaders read
their config tables and report problems at their lines.
"""

from graphwarden.analysis.guarantees.rules.base import CheckContext, CheckedRule, RuleState
from graphwarden.analysis.guarantees.rules.builtin import (
    BUILTIN_RULES,
    BuiltinRule,
    enabled_builtin_rules,
)
from graphwarden.analysis.guarantees.rules.config_tables import RuleTableReader
from graphwarden.analysis.guarantees.rules.contract_rule import ContractRule
from graphwarden.analysis.guarantees.rules.datalog_guarantee import (
    GUARANTEE_KEYS,
    DatalogGuarantee,
)

__all__ = [
    "BUILTIN_RULES",
    "GUARANTEE_KEYS",
    "BuiltinRule",
    "CheckContext",
    "CheckedRule",
    "ContractRule",
    "DatalogGuarantee",
    "RuleState",
    "RuleTableReader",
    "enabled_builtin_rules",
]
